/**
 * The states gallery as its tests see it, in Chromium (test/e2e/gallery.test.ts, Playwright), in Firefox
 * (test/firefox/gallery.test.ts, puppeteer) and in WebKit (test/webkit/gallery.test.ts, WebDriver): the page served
 * as `npm start` serves it, what each tile must show, the in-page reader and the in-page measure of each tile.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type PluginOption, type ViteDevServer } from 'vite';
import { omneoDevPlugin } from '../../server/dev/vite-plugin.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Vite on demo/, from source, with the dev app (mock Omneo, proxy, the gallery's routes): `npm start` without its port.
 * `plugins`: a suite's own besides (test/webkit/ adds its recorder to the page).
 */
export async function startGalleryServer(plugins: PluginOption[] = []): Promise<{ server: ViteDevServer; origin: string }> {
  const server = await createServer({
    configFile: false,
    root: path.join(REPO_ROOT, 'demo'),
    appType: 'mpa',
    clearScreen: false,
    logLevel: 'error',
    server: { port: 0, host: '127.0.0.1', fs: { allow: [REPO_ROOT] } },
    plugins: [omneoDevPlugin({ repoRoot: REPO_ROOT }), ...plugins],
  });
  await server.listen();
  return { server, origin: server.resolvedUrls!.local[0]!.replace(/\/$/, '') };
}

/** `{element}/{caption}` → [its shadow DOM's state, diagnose()'s]. */
export type Tiles = Record<string, [string, string]>;

/** What each tile shows: `{element}/{caption}` → [what its shadow DOM shows, what diagnose() says]. */
export const EXPECTED: Record<string, [string, string]> = {};
const COMMON: Record<string, [string, string]> = {
  Loading: ['loading', 'loading'],
  Guest: ['guest', 'guest'],
  Error: ['error', 'error'],
  'Stale: Updating…': ['stale: updating', 'stale'],
  'Stale: May be out of date': ['stale: outdated', 'stale'],
  Loaded: ['loaded', 'loaded'],
};
for (const element of ['points', 'tier', 'wallet', 'wishlist', 'hub']) {
  for (const [caption, expected] of Object.entries(COMMON)) EXPECTED[`${element}/${caption}`] = expected;
}
// The points card has no empty state of its own: zero points is data (with "No points yet" as its value line).
EXPECTED['points/Empty'] = ['loaded', 'loaded'];
EXPECTED['tier/Empty'] = ['empty', 'loaded'];
EXPECTED['wallet/Empty'] = ['empty', 'loaded'];
EXPECTED['wishlist/Empty'] = ['empty', 'loaded'];
EXPECTED['hub/Empty'] = ['loaded, empty, empty, empty', 'loaded'];
EXPECTED['tier/Loaded, with the tier ladder'] = ['loaded, ladder', 'loaded'];
EXPECTED['tier/Loaded, the ladder failed'] = ['loaded, ladder failed', 'loaded'];
Object.assign(EXPECTED, {
  // The badge has no room for a stale note: the cached figure as it is (README, points balance).
  'badge/Loading': ['loading', 'loading'],
  'badge/Guest': ['guest', 'guest'],
  'badge/Empty': ['loaded', 'loaded'],
  'badge/Error': ['error', 'error'],
  'badge/Stale: Updating…': ['loaded', 'stale'],
  'badge/Stale: May be out of date': ['loaded', 'stale'],
  'badge/Loaded': ['loaded', 'loaded'],
  'heart/Loading': ['loading', 'loading'],
  'heart/Guest': ['guest', 'guest'],
  'heart/Empty': ['not saved', 'loaded'],
  'heart/Error': ['error', 'error'],
  'heart/Stale: Updating…': ['stale: saved', 'stale'],
  'heart/Stale: May be out of date': ['stale: saved', 'stale'],
  'heart/Loaded': ['saved', 'loaded'],
  'heart/Loaded, not saved': ['not saved', 'loaded'],
} satisfies Record<string, [string, string]>);

/**
 * Runs in the page (pass it to Playwright's or puppeteer's `page.evaluate`: it must not use anything from this
 * module): every tile as `{element}/{caption}` → [its shadow DOM's state, diagnose()'s], or 'waiting'.
 */
export async function readTilesInPage(): Promise<Tiles> {
  const observe = (element: Element): string => {
    const root = element.shadowRoot;
    if (!root) return 'no shadow root';
    if (element.localName === 'omneo-rewards') {
      if (root.querySelector('[part~=guest-card] [part~=guest]')) return 'guest';
      const nested = [...root.querySelectorAll('omneo-points-balance, omneo-tier-progress, omneo-reward-wallet, omneo-wishlist')].map(observe);
      return nested.every((state) => state === nested[0]) ? nested[0]! : nested.join(', ');
    }
    if (element.localName === 'omneo-wishlist-button') {
      const button = root.querySelector<HTMLButtonElement>('button[part~=button]')!;
      if (button.matches('[part~=retry-button]') && root.querySelector('[part~=error]')) return 'error';
      // Disabled, at its final size, until the saved state is known.
      if (button.disabled) return 'loading';
      if (!button.hasAttribute('aria-pressed')) return 'guest';
      const saved = button.getAttribute('aria-pressed') === 'true' ? 'saved' : 'not saved';
      return button.matches('[part~=stale]') ? `stale: ${saved}` : saved;
    }
    if (root.querySelector('[aria-busy=true]')) return 'loading';
    if (root.querySelector('[part~=guest]')) return 'guest';
    const alert = root.querySelector('[role=alert]');
    if (alert) return alert.querySelector('[part~=retry-button]') ? 'error' : 'alert without Retry';
    const stale = root.querySelector('[part~=stale]');
    if (stale) return stale.parentElement!.querySelector('[part~=retry-button]') ? 'stale: outdated' : 'stale: updating';
    if (root.querySelector('[part~=empty]')) return 'empty';
    if (root.querySelector('[part~=ladder-error] [part~=retry-button]')) return 'loaded, ladder failed';
    if (root.querySelector('[part~=ladder] [part~=ladder-tier-current]')) return 'loaded, ladder';
    return 'loaded';
  };
  const { diagnose } = (await import('/src/index.ts' as string)) as typeof import('../../src/index.js');
  const report = await diagnose();
  const tiles: Tiles = {};
  const topLevel = report.elements.filter((entry) => entry.in === null);
  const elements = [...document.querySelectorAll('body *')].filter((node) => node.localName.startsWith('omneo-'));
  for (const figure of document.querySelectorAll<HTMLElement>('figure.tile')) {
    const key = `${figure.dataset.element}/${figure.querySelector('figcaption strong')!.textContent}`;
    const element = figure.lastElementChild!;
    if (!element.localName.startsWith('omneo-')) {
      tiles[key] = ['waiting', 'waiting'];
      continue;
    }
    tiles[key] = [observe(element), topLevel[elements.indexOf(element)]?.state ?? 'not in diagnose()'];
  }
  return tiles;
}

/** Each tile's element's size once laid out (`{element}/{caption}` → [width, height]), and what spills out of a tile. */
export interface TileMeasures {
  sizes: Record<string, [number, number]>;
  spills: string[];
}

/**
 * Runs in the page (pass it to `page.evaluate`, as readTilesInPage): each tile's element scrolled through the
 * viewport and measured once laid out there (`{element}/{caption}` → [width, height]: the wishlist's rows are laid
 * out only near the viewport, and report estimates until then), and whatever inside an element lies outside its
 * tile or is cut off by a box of its own (scrollWidth over clientWidth), text for screen readers only
 * (.visually-hidden, clipped on purpose) aside.
 */
export async function measureTilesInPage(): Promise<TileMeasures> {
  const sizes: Record<string, [number, number]> = {};
  const spills = new Set<string>();
  // content-visibility: auto lays a row out in the frame after it comes near the viewport (the wishlist's rows, the
  // hub's wishlist); everything else is laid out when measured. So frames are waited only for an element with such
  // rows, and only when the viewport differs from the one last shown for those frames (the next tile in the same grid
  // row scrolls the page nowhere). At WebKitGTK's frame rate under Xvfb, three frames for every tile were most of the
  // WebKit gallery's time.
  const hasAutoContent = (root: ShadowRoot): boolean =>
    [...root.querySelectorAll('*')].some((node) => getComputedStyle(node).contentVisibility === 'auto' || (node.shadowRoot !== null && hasAutoContent(node.shadowRoot)));
  let shownAt: number | null = null;
  const frames = async (element: Element) => {
    if (scrollY === shownAt || !hasAutoContent(element.shadowRoot!)) return;
    for (let i = 0; i < 3; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
    shownAt = scrollY;
  };
  for (const figure of document.querySelectorAll<HTMLElement>('figure.tile')) {
    const key = `${figure.dataset.element}/${figure.querySelector('figcaption strong')!.textContent}`;
    const element = figure.lastElementChild!;
    const check = (root: ShadowRoot, at: string) => {
      const tile = figure.getBoundingClientRect();
      for (const node of root.querySelectorAll('*')) {
        const rect = node.getBoundingClientRect();
        // Only what is laid out now: in the viewport, and not text for screen readers only.
        if (node.closest('.visually-hidden') || rect.bottom <= 0 || rect.top >= innerHeight) continue;
        const name = `${at} ${node.localName}${node.getAttribute('part') ? `[part="${node.getAttribute('part')}"]` : ''}`;
        if (rect.width && (rect.left < tile.left - 0.5 || rect.right > tile.right + 0.5)) spills.add(`${name} is outside its tile`);
        if (node.clientWidth && node.scrollWidth > node.clientWidth + 1) spills.add(`${name} is cut off (${node.scrollWidth} > ${node.clientWidth})`);
        if (node.shadowRoot) check(node.shadowRoot, name);
      }
    };
    element.scrollIntoView({ block: 'start' });
    for (;;) {
      await frames(element);
      check(element.shadowRoot!, key);
      const scrolled = scrollY;
      if (element.getBoundingClientRect().bottom <= innerHeight) break;
      scrollBy(0, innerHeight * 0.75);
      if (scrollY === scrolled) break;
    }
    const box = element.getBoundingClientRect();
    sizes[key] = [Math.round(box.width * 10) / 10, Math.round(box.height * 10) / 10];
  }
  scrollTo(0, 0);
  return { sizes, spills: [...spills] };
}

/**
 * No layout shift when the data comes: each element's loading skeleton has its loaded view's height (the badge its
 * width too: the header does not nudge), to the pixel, and the heart is one size in every state. One line per
 * difference.
 */
export function skeletonShifts(sizes: TileMeasures['sizes']): string[] {
  const shifts: string[] = [];
  for (const element of ['points', 'badge', 'tier', 'wallet', 'wishlist', 'hub']) {
    const [loadingWidth, loadingHeight] = sizes[`${element}/Loading`]!;
    const [loadedWidth, loadedHeight] = sizes[`${element}/Loaded`]!;
    if (Math.abs(loadingHeight - loadedHeight) > 1) shifts.push(`${element}: loading ${loadingHeight} px tall, loaded ${loadedHeight} px`);
    if (element === 'badge' && Math.abs(loadingWidth - loadedWidth) > 1) shifts.push(`badge: loading ${loadingWidth} px wide, loaded ${loadedWidth} px`);
  }
  const hearts = new Set(Object.entries(sizes).filter(([key]) => key.startsWith('heart/')).map(([, size]) => size.join('×')));
  if (hearts.size !== 1) shifts.push(`hearts of different sizes: ${[...hearts].join(', ')}`);
  return shifts;
}

/** The tiles that are not as expected (and those missing or unexpected), one line each. */
export function unexpected(tiles: Tiles): string[] {
  return [...new Set([...Object.keys(EXPECTED), ...Object.keys(tiles)])]
    .filter((key) => JSON.stringify(tiles[key]) !== JSON.stringify(EXPECTED[key]))
    .map((key) => `${key}: ${JSON.stringify(tiles[key])}, expected ${JSON.stringify(EXPECTED[key])}`);
}

/** Polls `read` (the page's readTilesInPage) until every tile is as expected or the time is up; returns those that are not. */
export async function settle(read: () => Promise<Tiles>, timeoutMs: number): Promise<string[]> {
  const until = Date.now() + timeoutMs;
  let wrong = unexpected(await read());
  while (Date.now() < until && wrong.length) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    wrong = unexpected(await read());
  }
  return wrong;
}

/**
 * Runs in the page (pass it to `page.evaluate`, as readTilesInPage): how the text that wraps in every tile's element
 * sits once wrapped, one line per fault, and what was looked at (so that a check that found nothing to look at says so).
 * - A stale note ("Updating…", "May be out of date" and its Retry) is one piece: its words on one line, its Retry on
 *   that line too (the note went to the next line whole, or broke mid-phrase and left Retry alone on a line).
 * - A reward's or benefit's "Details" that wrapped to a line of its own starts where its description's lines start
 *   (a margin before it indented it there).
 */
export function wrapFaultsInPage(): { faults: string[]; staleNotes: number; detailsOnOwnLine: number } {
  const faults: string[] = [];
  let staleNotes = 0;
  let detailsOnOwnLine = 0;
  const roots = (root: ShadowRoot): ShadowRoot[] => [root, ...[...root.querySelectorAll('*')].flatMap((node) => (node.shadowRoot ? roots(node.shadowRoot) : []))];
  for (const figure of document.querySelectorAll<HTMLElement>('figure.tile')) {
    const key = `${figure.dataset.element}/${figure.querySelector('figcaption strong')!.textContent}`;
    const element = figure.lastElementChild!;
    if (!element.shadowRoot) continue;
    for (const root of roots(element.shadowRoot)) {
      for (const stale of root.querySelectorAll<HTMLElement>('.stale-note > [part~=stale]')) {
        staleNotes += 1;
        const lines = stale.getClientRects();
        if (lines.length !== 1) faults.push(`${key}: "${stale.textContent}" broken over ${lines.length} lines`);
        const retry = stale.parentElement!.querySelector('[part~=retry-button]');
        if (!retry || !lines.length) continue;
        const note = lines[0]!;
        const button = retry.getBoundingClientRect();
        if (Math.abs((button.top + button.bottom) / 2 - (note.top + note.bottom) / 2) > note.height / 2) faults.push(`${key}: its Retry is not on the line of "${stale.textContent}"`);
      }
      for (const summary of root.querySelectorAll('.description summary')) {
        const description = summary.closest('.description')!;
        const before = description.querySelector(':scope > [dir]');
        const first = summary.getClientRects()[0]!;
        const ownLine = !before || first.top >= before.getClientRects()[before.getClientRects().length - 1]!.bottom - 1;
        if (!ownLine) continue;
        detailsOnOwnLine += 1;
        const block = description.getBoundingClientRect();
        const rtl = getComputedStyle(description).direction === 'rtl';
        const indent = rtl ? block.right - first.right : first.left - block.left;
        if (Math.abs(indent) > 0.5) faults.push(`${key}: "${summary.textContent!.trim()}" on a line of its own is indented ${Math.round(indent * 10) / 10} px`);
      }
    }
  }
  return { faults, staleNotes, detailsOnOwnLine };
}
