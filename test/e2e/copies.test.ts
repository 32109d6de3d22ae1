/**
 * Two copies of the widgets on one page, as merchants end up with them: the Shopify app embed's CDN script beside a
 * theme section that bundles the npm package, or a theme snippet pinned to one release beside an app embed serving
 * another. Each copy has its own page config, runtime and token: the page still works (the elements are the copy's
 * that registered their tags first), and the console says once which two copies are there and to keep one.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { E2E, Opened, shadowText, type Scope } from './harness.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
const OTHER_RELEASE = '9.9.9';
const LOADER = '/dist/cdn/omneo-widgets.js';
/** Another release's files: the same build with another version, served from another folder (another module graph). */
const OTHER_LOADER = '/other-release/omneo-widgets.js';
/** dist/npm/index.js bundled with its Lit and zod, as a theme's build bundles `import 'omneo-widgets'`. */
const NPM_BUNDLE = '/theme/section.js';
const TWO_COPIES = /two copies of the widgets/;

describe('two copies of the widgets on one page', () => {
  let e2e: E2E;
  let work: string;
  before(async () => {
    e2e = await E2E.start();
    work = mkdtempSync(path.join(tmpdir(), 'omneo-copies-'));
    await build({ entryPoints: ['dist/npm/index.js'], bundle: true, format: 'esm', outfile: path.join(work, 'theme', 'section.js'), logLevel: 'error' });
    const other = path.join(work, 'other-release');
    cpSync('dist/cdn', other, { recursive: true });
    let replaced = 0;
    for (const file of readdirSync(other).filter((name) => name.endsWith('.js'))) {
      const text = readFileSync(path.join(other, file), 'utf8');
      const changed = text.split(version).join(OTHER_RELEASE);
      if (changed !== text) (replaced += 1), writeFileSync(path.join(other, file), changed);
    }
    assert.ok(replaced > 0, 'the build names its release');
  });
  after(async () => {
    await e2e?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** A page with `scripts` in its head and a badge, a card and a heart; console warnings into `warnings`. */
  async function open(scope: Scope, scripts: string, warnings: string[]): Promise<Opened> {
    const context = await e2e.context();
    const config = JSON.stringify({ tokenEndpoint: scope.tokenEndpoint('ava'), apiBase: scope.apiBase, locale: 'en-AU' });
    const html = `<!doctype html><html lang="en-AU"><head><meta charset="utf-8"><title>two copies</title>
      <script type="application/json" id="omneo-config">${config}</script>${scripts}</head>
      <body><header><omneo-points-balance variant="compact"></omneo-points-balance></header>
      <main><omneo-points-balance></omneo-points-balance><omneo-wishlist-button sku="LS-SAND-L"></omneo-wishlist-button></main></body></html>`;
    await context.route(`${e2e.origin}/copies.html`, (route) => route.fulfill({ body: html, contentType: 'text/html' }));
    for (const prefix of [NPM_BUNDLE, '/other-release/']) {
      await context.route(`${e2e.origin}${prefix}**`, (route) =>
        route.fulfill({ body: readFileSync(path.join(work, new URL(route.request().url()).pathname)), contentType: 'text/javascript' }),
      );
    }
    const tab = await context.newPage();
    const opened = new Opened(context, tab);
    tab.on('console', (message) => void (message.type() === 'warning' && warnings.push(message.text())));
    await tab.goto(`${e2e.origin}/copies.html`);
    return opened;
  }

  /** The page works with two copies: Ava's points in the badge and the card, the heart ready, no error, one token per copy at most. */
  async function assertWorks(opened: Opened, scope: Scope, tokens: number): Promise<void> {
    await opened.page.waitForFunction(() => document.querySelector('main omneo-wishlist-button')?.shadowRoot?.querySelector('button[aria-pressed]'));
    await opened.page.locator('main > omneo-points-balance [part=points]').waitFor();
    await opened.page.waitForLoadState('networkidle');
    const [badge, card] = await shadowText(opened.page, 'omneo-points-balance');
    assert.match(badge!, /1,250/);
    assert.match(card!, /1,250 points/);
    assert.deepEqual(opened.pageErrors, []);
    assert.deepEqual(opened.consoleErrors.filter((line) => /omneo/.test(line)), []);
    assert.ok((await scope.count('/omneo/token', 'POST')) <= tokens, 'a token request per copy at most');
  }

  for (const [order, scripts] of [
    ['the CDN script, then a theme section bundling the npm package', `<script type="module" src="${LOADER}"></script><script type="module" src="${NPM_BUNDLE}"></script>`],
    ['a theme section bundling the npm package, then the CDN script', `<script type="module" src="${NPM_BUNDLE}"></script><script type="module" src="${LOADER}"></script>`],
    // The section's script arrives once the CDN copy has registered the elements (a deferred section, a quick view).
    ['the CDN script, and the npm package bundled into a script that comes later', `<script type="module" src="${LOADER}"></script><script type="module">setTimeout(() => import('${NPM_BUNDLE}'), 1500)</script>`],
  ] as const) {
    it(`${order}: the page works, and the console names both copies once`, async () => {
      const scope = await e2e.scope();
      const warnings: string[] = [];
      const opened = await open(scope, scripts, warnings);
      try {
        await assertWorks(opened, scope, 2);
        await opened.page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => entry.name.includes('/theme/section.js')));
        // Both copies have run (each adds its name to the page's list as it starts; the second says so then): the
        // section's bundle arriving is not yet its running, which a busy machine can put past a fixed pause. Then a
        // moment for any second line.
        await opened.page.waitForFunction(() => (window as unknown as Record<symbol, string[] | undefined>)[Symbol.for('omneo-widgets.copies')]?.length === 2, undefined, { timeout: 10_000 });
        await opened.page.waitForTimeout(300);
        const said = warnings.filter((line) => TWO_COPIES.test(line));
        assert.equal(said.length, 1, `one line about the copies: ${JSON.stringify(warnings)}`);
        assert.ok(said[0]!.includes(`the CDN script ${version} (${e2e.origin}${LOADER})`), said[0]);
        assert.ok(said[0]!.includes(`the npm package ${version}`), said[0]);
        assert.match(said[0]!, /keep one/i);
      } finally {
        await opened.close();
      }
    });
  }

  for (const [order, first, second] of [
    ['a theme snippet pinned to one release, then the app embed serving another', LOADER, OTHER_LOADER],
    ['the newer release first', OTHER_LOADER, LOADER],
  ] as const) {
    it(`two releases of the CDN script, ${order}: the first runs the page, one token, and the console names both releases`, async () => {
      const scope = await e2e.scope();
      const warnings: string[] = [];
      const opened = await open(scope, `<script type="module" src="${first}"></script><script type="module" src="${second}"></script>`, warnings);
      try {
        await assertWorks(opened, scope, 1);
        assert.equal(await opened.page.evaluate(() => window.OmneoWidgets!.version), first === LOADER ? version : OTHER_RELEASE);
        const said = warnings.filter((line) => TWO_COPIES.test(line));
        assert.equal(said.length, 1, `one line about the copies: ${JSON.stringify(warnings)}`);
        assert.ok(said[0]!.includes(`the CDN script ${version} (${e2e.origin}${LOADER})`), said[0]);
        assert.ok(said[0]!.includes(`the CDN script ${OTHER_RELEASE} (${e2e.origin}${OTHER_LOADER})`), said[0]);
        assert.ok(said[0]!.indexOf(first) < said[0]!.indexOf(second), 'the copy that runs the page is named first');
      } finally {
        await opened.close();
      }
    });
  }

  it('the same script twice, the second with a query (Shopify adds ?v=): one copy, nothing said', async () => {
    const scope = await e2e.scope();
    const warnings: string[] = [];
    const opened = await open(scope, `<script type="module" src="${LOADER}?v=1712345"></script><script type="module" src="${LOADER}"></script>`, warnings);
    try {
      await assertWorks(opened, scope, 1);
      assert.deepEqual(warnings.filter((line) => /omneo-widgets/.test(line)), []);
    } finally {
      await opened.close();
    }
  });
});
