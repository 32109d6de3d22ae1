/**
 * Stores as the data-layer tests make them: each a "page" of its own (token provider, client and store) on the real
 * mock Omneo, sharing sessionStorage as real pages do, with the storefront session under the test's control.
 * Importing this module registers the afterEach that disposes every store made here (stores.ts says why).
 */
import { CrossPageCache, type KeyValueStorage } from '../../src/api/cache.js';
import { createOmneoClient } from '../../src/api/client.js';
import { OmneoStore } from '../../src/api/store.js';
import { createTokenProvider, endpointTokenSource, type TokenSource } from '../../src/api/token-provider.js';
import type { TestScope } from './scope.js';
import { disposeStoresAfterEach } from './stores.js';

export const disposeAfterTest = disposeStoresAfterEach();

export interface PageStoreOptions {
  customerHint?: string;
  fetchImpl?: typeof fetch;
  /** The token provider's clock. */
  now?: () => number;
  /** sessionStorage unless given; null for a browser that refuses storage. */
  storage?: KeyValueStorage | null;
}

/** A page whose storefront session the test controls: who is signed in (the token source), the token clock, the fetch. */
export function storeWithSource(scope: TestScope, source: TokenSource, options: PageStoreOptions = {}): OmneoStore {
  const { customerHint, fetchImpl, now, storage = sessionStorage } = options;
  const tokens = createTokenProvider({ source, now });
  const store = new OmneoStore({
    client: createOmneoClient({ apiBase: new URL(scope.apiBase, location.href).href, tokens, fetch: fetchImpl }),
    tokens,
    cacheScope: scope.scope,
    customerHint,
    cache: new CrossPageCache(storage, scope.scope),
  });
  return disposeAfterTest(store);
}

/** A fresh page with `persona` signed in at the storefront. */
export function pageStore(scope: TestScope, persona: string, customerHint?: string, fetchImpl?: typeof fetch): OmneoStore {
  return storeWithSource(scope, endpointTokenSource(scope.tokenEndpoint(persona)), { customerHint, fetchImpl });
}

/** A page whose storefront session is whoever `who()` names at each token request (the session changing under it). */
export function storeFollowing(scope: TestScope, who: () => string, options: PageStoreOptions = {}): OmneoStore {
  return storeWithSource(scope, (signal) => endpointTokenSource(scope.tokenEndpoint(who()))(signal), options);
}

/**
 * Ava's page; the token endpoint's second answer (a 401's re-mint) is Zoe's, and the clock jumps past her token's
 * renewal as it arrives (the device slept); every answer after that is `after`'s.
 */
export function switchingStore(scope: TestScope, after: TokenSource): OmneoStore {
  const ava = endpointTokenSource(scope.tokenEndpoint('ava'));
  const zoe = endpointTokenSource(scope.tokenEndpoint('zoe'));
  let mints = 0;
  let jump: 'no' | 'armed' | 'jumped' = 'no';
  // The provider reads the clock once as Zoe's token arrives (to time its renewal); every later read is an hour on.
  const now = () => {
    if (jump === 'armed') jump = 'jumped';
    else if (jump === 'jumped') return Date.now() + 3_600_000;
    return Date.now();
  };
  const source: TokenSource = async (signal) => {
    mints += 1;
    if (mints === 1) return ava(signal);
    if (mints === 2) {
      const minted = await zoe(signal);
      jump = 'armed';
      return minted;
    }
    return after(signal);
  };
  return storeWithSource(scope, source, { now });
}
