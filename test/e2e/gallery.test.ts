/**
 * The states gallery (demo/states.html, `npm start`): every element in each of its states at once, from the real
 * elements, client and mock, each tile configured for the dev server's routes of its state (server/dev/app.ts,
 * GALLERY_STATES). Served as `npm start` serves it (Vite on demo/, from source, with the dev app), not from the build.
 * Each tile's state is read from its element's shadow DOM (aria-busy, role="alert" with Retry, the guest part, the
 * stale note and its Retry, the empty part, the heart's aria-pressed) and from `diagnose()`; the loading and
 * "Updating…" tiles must stay so past the widgets' own timeouts (the browser clock is driven by the test).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { omneoDevPlugin } from '../../server/dev/vite-plugin.js';
import { CHROME_ARGS, CHROME_PATH } from './harness.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const AXE = path.join(repoRoot, 'node_modules/axe-core/axe.min.js');

/** What each tile shows: `{element}/{caption}` → [what its shadow DOM shows, what diagnose() says]. */
const EXPECTED: Record<string, [string, string]> = {};
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
EXPECTED['hub/Guest'] = ['guest', 'guest'];

/** Runs in the page: every tile as `{element}/{caption}` → [its shadow DOM's state, diagnose()'s], or 'waiting'. */
async function readTiles(page: Page): Promise<Record<string, [string, string]>> {
  return page.evaluate(async () => {
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
    const tiles: Record<string, [string, string]> = {};
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
  });
}

/** The tiles that are not as expected (and those missing or unexpected), one line each. */
function unexpected(tiles: Record<string, [string, string]>): string[] {
  return [...new Set([...Object.keys(EXPECTED), ...Object.keys(tiles)])]
    .filter((key) => JSON.stringify(tiles[key]) !== JSON.stringify(EXPECTED[key]))
    .map((key) => `${key}: ${JSON.stringify(tiles[key])}, expected ${JSON.stringify(EXPECTED[key])}`);
}

/** Polls until every tile is as expected (or the time is up), then returns those that are not. */
async function settle(page: Page, timeoutMs = 20_000): Promise<string[]> {
  const until = Date.now() + timeoutMs;
  let wrong = unexpected(await readTiles(page));
  while (Date.now() < until && wrong.length) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    wrong = unexpected(await readTiles(page));
  }
  return wrong;
}

describe('states gallery (demo/states.html on the dev server)', () => {
  let server: ViteDevServer;
  let browser: Browser;
  let origin: string;
  before(async () => {
    server = await createServer({
      configFile: false,
      root: path.join(repoRoot, 'demo'),
      appType: 'mpa',
      clearScreen: false,
      logLevel: 'error',
      server: { port: 0, host: '127.0.0.1', fs: { allow: [repoRoot] } },
      plugins: [omneoDevPlugin({ repoRoot })],
    });
    await server.listen();
    origin = server.resolvedUrls!.local[0]!.replace(/\/$/, '');
    browser = await chromium.launch({ executablePath: CHROME_PATH, args: CHROME_ARGS, headless: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const { query, name } of [
    { query: '', name: 'English, light' },
    { query: '?locale=ar&theme=dark', name: 'Arabic, dark' },
  ]) {
    it(`shows every element in each of its states, stays so past the widgets' timeouts, and passes axe (${name})`, async () => {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      // tsx keeps function names by wrapping named inner functions in `__name(...)` (as the harness says): a no-op one.
      await context.addInitScript({ content: "Object.defineProperty(window, '__name', { value: (fn) => fn })" });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      // The loaded card's expiry notice is a request of its own after its omneo-ready: held back 1 s here, as a slow
      // network may, the stale cards must still wait for it (they paint only what is cached when they appear).
      await page.route('**/demo/states/loaded/id/api/v1/profiles/me/points*', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        await route.continue();
      });
      // What the Loaded points card's notice said when the stale cards appeared.
      await context.addInitScript(() => {
        const loadedNotice = () => {
          const card = [...document.querySelectorAll('figure.tile[data-element=points]')].find((figure) => figure.querySelector('figcaption strong')?.textContent === 'Loaded')?.lastElementChild;
          return card?.shadowRoot?.querySelector('[part~=expiring]')?.textContent?.trim() ?? '';
        };
        new MutationObserver((_, observer) => {
          if (!document.querySelector('figure.tile[data-element=points][data-state=updating] omneo-points-balance')) return;
          (window as unknown as { staleShownWith: string }).staleShownWith = loadedNotice();
          observer.disconnect();
        }).observe(document, { childList: true, subtree: true });
      });
      // The browser's clock is driven by the test, so the widgets' 10 s timeouts and backoff take no real time.
      await page.clock.install();
      await page.goto(`${origin}/states.html${query}`);
      assert.deepEqual(await settle(page), []);
      // The stale points cards show what the loaded one does, its expiry notice too (the notice's line is always
      // there: its text is what tells).
      const expiryNotices = await page.$$eval('figure.tile[data-element=points]', (figures) =>
        figures
          .filter((figure) => /^(Loaded|Stale)/.test(figure.querySelector('figcaption strong')!.textContent!))
          .map((figure) => figure.lastElementChild!.shadowRoot?.querySelector('[part~=expiring]')?.textContent?.trim() ?? ''),
      );
      assert.equal(expiryNotices.length, 3);
      assert.ok(expiryNotices[2], 'the loaded card has an expiry notice');
      assert.deepEqual(expiryNotices, [expiryNotices[2], expiryNotices[2], expiryNotices[2]]);
      assert.equal(await page.evaluate(() => (window as unknown as { staleShownWith?: string }).staleShownWith), expiryNotices[2], 'the stale cards appeared after the notice');
      if (query) {
        assert.deepEqual(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir, document.documentElement.dataset.theme]), ['ar', 'rtl', 'dark']);
        // Every element in the page's language, right to left: a designer sees the Arabic layout.
        const directions = await page.$$eval('figure.tile > :last-child', (elements) => [...new Set(elements.map((element) => `${element.getAttribute('lang')} ${getComputedStyle(element).direction}`))]);
        assert.deepEqual(directions, ['ar rtl']);
      }

      // A control beside them: the held token route as a token endpoint, which the widgets give 10 s and two retries.
      await page.evaluate(() => {
        const control = document.createElement('omneo-points-balance');
        control.id = 'control';
        control.setAttribute('token-endpoint', '/demo/states/loading/token');
        control.setAttribute('api-base', '/demo/states/loading/id/api/v1');
        document.querySelector('main')!.append(control);
      });
      const controlAlert = page.locator('#control [role=alert] [part~=retry-button]');
      for (let step = 0; step < 10 && !(await controlAlert.count()); step += 1) {
        await page.clock.fastForward(11_000);
        await page.waitForTimeout(150);
      }
      assert.equal(await controlAlert.count(), 1, 'the control timed out into its error state: time really passed');
      await page.evaluate(() => document.getElementById('control')!.remove());
      assert.deepEqual(unexpected(await readTiles(page)), [], 'every tile, the loading and Updating… ones too, as it was');

      await page.addScriptTag({ path: AXE });
      const { violations, checkedInShadowRoots } = await page.evaluate(async () => {
        type Result = { id: string; nodes: { target: unknown[] }[] };
        const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Result[]; passes: Result[] }> } }).axe;
        const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
        return {
          violations: result.violations.map((violation) => `${violation.id}: ${JSON.stringify(violation.nodes.slice(0, 3).map((node) => node.target))}`),
          // axe names a node in a shadow root by a path through its host: it looked inside the elements.
          checkedInShadowRoots: result.passes.some((pass) => pass.id === 'color-contrast' && pass.nodes.some((node) => Array.isArray(node.target[0]))),
        };
      });
      assert.deepEqual(violations, []);
      assert.ok(checkedInShadowRoots, "axe checked the elements' shadow DOM");
      assert.deepEqual(pageErrors, []);
      await context.close();
    });
  }

  it("is linked from the demo's controls bar, in the demo's language and theme", async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/?locale=fr-FR&theme=brand`);
    const link = page.locator('.dev-bar a[data-gallery-link]');
    const target = () => link.evaluate((anchor: HTMLAnchorElement) => `${anchor.origin === location.origin} ${anchor.pathname}${anchor.search}`);
    await page.waitForFunction(() => document.querySelector<HTMLAnchorElement>('[data-gallery-link]')?.search !== '');
    assert.equal(await target(), 'true /states.html?locale=fr-FR&theme=brand');
    await page.selectOption('[data-theme-select]', 'dark');
    assert.equal(await target(), 'true /states.html?locale=fr-FR&theme=dark');
    await link.click();
    await page.waitForURL(/\/states\.html\?locale=fr-FR&theme=dark$/);
    assert.equal(await page.locator('[data-locale-select]').inputValue(), 'fr-FR');
    assert.equal(await page.locator('[data-theme-select]').inputValue(), 'dark');
    await page.close();
  });
});
