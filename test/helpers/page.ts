/** Per-test page hygiene: every test starts without runtimes, cached data or page config. */
import { executeServerCommand } from '@web/test-runner-commands';
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

/**
 * Brings this test's tab to the front (the bring-to-front command in web-test-runner.config.mjs): two test files
 * run in two tabs, and the one behind gets no rendering updates, so layout that depends on them
 * (content-visibility: auto) would wait for the other file to finish.
 */
export async function foreground(): Promise<void> {
  await executeServerCommand('bring-to-front');
}

/**
 * Two animation frames of this test's tab, brought to the front for them. The other file's tab may take the front
 * back before they come (it brings itself forward too), and a tab behind gets none: then this one asks again, rather
 * than wait out the test's timeout (CI at 26724d6: two text-spacing tests timed out so).
 */
export async function framesInFront(): Promise<void> {
  for (;;) {
    await foreground();
    const framed = await Promise.race([
      new Promise<boolean>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true)))),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 500)),
    ]);
    if (framed) return;
  }
}

/** An element's computed font size in px: what the elements' em-based defaults are measured against. */
export const fontSize = (element: Element): number => parseFloat(getComputedStyle(element).fontSize);

/**
 * Focuses `element` as from the keyboard and reads its focus ring, with this tab in front: a page behind another tab
 * is not focused, so `:focus-visible` does not match in it and no ring is drawn, though `activeElement` is the element
 * (two test files run in two tabs, and the other brings itself forward: wishlist's ring tests failed so beside
 * rewards.test.ts). The match and the ring are read in one task, which the other tab cannot come between.
 */
export function focusRing(element: HTMLElement): Promise<{ style: string; width: number; offset: number }> {
  return until(async () => {
    await foreground();
    element.focus({ focusVisible: true } as FocusOptions);
    if (!element.matches(':focus-visible')) return null;
    const { outlineStyle, outlineWidth, outlineOffset } = getComputedStyle(element);
    return { style: outlineStyle, width: parseFloat(outlineWidth), offset: parseFloat(outlineOffset) };
  }, 4000, 'a focus ring (:focus-visible, the tab in front)');
}

/**
 * Polls a check of layout (rows under `content-visibility: auto` laid out) with this tab in front at each look: a
 * tab behind is not rendered, and the other file's tab may take the front back after one bring-to-front (CI at
 * 90c4525: a wallet row never laid out in 4 s beside text-spacing.test.ts).
 */
export function untilRendered<T>(check: () => T | null | undefined | false, timeoutMs = 4000, what = 'layout'): Promise<T> {
  return until(async () => {
    await framesInFront();
    return check();
  }, timeoutMs, what);
}
