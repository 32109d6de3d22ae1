/**
 * Stores made directly by a test (not through the page runtime, which resetPage() ends): each is disposed after its
 * test. A store's read or re-read still out when the test ends, or its cross-page cache write (WRITE_AFTER_MS after
 * the data), would otherwise land in the next test's sessionStorage after that test's beforeEach cleared it (CI saw
 * one test's shopper in another's storage). dispose() aborts what is out and stores what is pending at once.
 */
import type { OmneoStore } from '../../src/api/store.js';

/**
 * Call once, at the top of a test file or in a describe (it registers an afterEach there). Returns what a test
 * passes each store it makes to, to have it disposed after that test.
 */
export function disposeStoresAfterEach(): (store: OmneoStore) => OmneoStore {
  const made = new Set<OmneoStore>();
  afterEach(() => {
    for (const store of made) store.dispose();
    made.clear();
  });
  return (store) => {
    made.add(store);
    return store;
  };
}
