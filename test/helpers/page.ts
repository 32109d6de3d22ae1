/** Per-test page hygiene: every test starts without runtimes, cached data or page config. */
import { resetPageConfig } from '../../src/core/config.js';
import { resetRuntimes } from '../../src/core/runtime.js';

export function resetPage(): void {
  resetRuntimes();
  resetPageConfig();
  sessionStorage.clear();
  document.getElementById('omneo-config')?.remove();
}

/** Polls until `check` returns a truthy value (element states settle asynchronously). */
export async function until<T>(
  check: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  timeoutMs = 4000,
  what = 'condition',
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}
