/**
 * `OmneoWidgets.diagnose()` against the built CDN bundle: the report support asks for when a storefront looks
 * wrong. It must say what state each element is in and why, and it is pasted into tickets: neither the report nor
 * what it logs may hold the token, a points figure or a benefit code. Its code loads only when it is called.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { DiagnoseReport } from '../../src/core/diagnose.js';
import { E2E, Opened, type OpenOptions, type Scope } from './harness.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
const DIAGNOSE_CHUNK = /\/omneo-diagnose-[^/]*\.js$/;

/** Every console call of the page, its arguments as JSON: what a developer would copy from the console. */
const CONSOLE_RECORDER = () => {
  const lines: string[] = [];
  Object.defineProperty(window, '__console', { value: lines });
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'group', 'groupCollapsed', 'table', 'dir'] as const) {
    const original = console[method].bind(console) as (...args: unknown[]) => void;
    console[method] = (...args: unknown[]) => {
      lines.push(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
      original(...args);
    };
  }
};

describe('OmneoWidgets.diagnose(), against the built CDN bundle', () => {
  let e2e: E2E;
  before(async () => {
    e2e = await E2E.start();
  });
  after(async () => {
    await e2e?.stop();
  });

  /** Opens `page` with the console recorder; `setUp` runs before navigation (routes, listeners). */
  async function open(page: string, scope: Scope | null, options: OpenOptions = {}, setUp?: (opened: Opened) => Promise<void> | void) {
    const context = await e2e.context();
    await context.addInitScript(CONSOLE_RECORDER);
    const opened = new Opened(context, await context.newPage());
    await setUp?.(opened);
    await opened.page.goto(e2e.pageUrl(page, scope, options));
    return opened;
  }

  /** late.html (script and config, no element) with `html` put in its slot. */
  async function withElements(opened: Opened, html: string) {
    await opened.page.evaluate((markup) => {
      document.getElementById('slot')!.innerHTML = markup;
    }, html);
  }

  const diagnose = (opened: Opened) => opened.page.evaluate(() => window.OmneoWidgets!.diagnose());
  const consoleLines = (opened: Opened) => opened.page.evaluate(() => (window as unknown as { __console: string[] }).__console);
  const byTag = (report: DiagnoseReport, tag: string) => report.elements.find((element) => element.tag === tag)!;

  it('a signed-in page with a badge and a wallet: both loaded with their config sources, the token valid, the data with ages; no token, points or code in it', async () => {
    const scope = await e2e.scope();
    let token = '';
    const requested: string[] = [];
    const opened = await open('late.html', scope, {}, ({ page }) => {
      page.on('request', (request) => requested.push(request.url()));
      page.on('response', async (response) => {
        if (new URL(response.url()).pathname.endsWith('/omneo/token') && response.ok()) token = ((await response.json()) as { token: string }).token;
      });
    });
    await withElements(opened, '<omneo-points-balance variant="compact" locale="en-GB"></omneo-points-balance><omneo-reward-wallet></omneo-reward-wallet>');
    await opened.waitForEvents('omneo-ready', 2);
    await opened.page.locator('omneo-reward-wallet [part~=code]').first().waitFor();
    await opened.page.waitForLoadState('networkidle');
    assert.ok(!requested.some((url) => DIAGNOSE_CHUNK.test(url)), 'the diagnose chunk loads only when diagnose() is called');

    const report = await diagnose(opened);
    assert.ok(requested.some((url) => DIAGNOSE_CHUNK.test(url)), 'diagnose() loaded its chunk');
    assert.equal(report.version, version);
    assert.equal(report.loader, `${e2e.origin}/dist/cdn/omneo-widgets.js`);
    assert.equal(report.pageConfig.keys.apiBase?.source, 'omneo-config');
    assert.equal(report.pageConfig.keys.tokenEndpoint?.value, scope.tokenEndpoint('ava'));

    const badge = byTag(report, 'omneo-points-balance');
    const wallet = byTag(report, 'omneo-reward-wallet');
    for (const element of [badge, wallet]) {
      assert.equal(element.defined, true);
      assert.equal(element.state, 'loaded', JSON.stringify(element));
      assert.deepEqual(element.config.apiBase, { value: scope.apiBase, source: 'page' });
      assert.equal(element.config.tokenEndpoint?.source, 'page');
      assert.equal(element.config.wishlistHandle?.source, 'default');
      assert.equal(element.problem, null);
      assert.equal(element.error, null);
      assert.equal(element.store, 0);
    }
    assert.deepEqual(badge.config.locale, { value: 'en-GB', source: 'attribute' });
    assert.deepEqual(wallet.config.locale, { value: 'en-AU', source: 'page' });

    assert.equal(report.stores.length, 1);
    const [store] = report.stores;
    assert.equal(store!.tokenSource, `${e2e.origin}${scope.tokenEndpoint('ava')}`);
    assert.equal(store!.token?.state, 'valid');
    assert.ok(store!.token!.secondsLeft! > 0 && store!.token!.renewsInSeconds! > 0, JSON.stringify(store!.token));
    assert.equal(store!.customerHint, 'none');
    for (const key of ['balances', 'benefits']) {
      const resource = store!.resources.find((each) => each.key === key);
      assert.equal(resource?.status, 'ready', `${key}: ${JSON.stringify(store!.resources)}`);
      assert.equal(typeof resource.ageSeconds, 'number');
      assert.ok(resource.ageSeconds! >= 0 && resource.ageSeconds! < 60);
      assert.equal(resource.fromCrossPageCache, false);
    }
    assert.ok(report.crossPageCache.some((entry) => entry.thisPage && entry.bytes > 0 && 'balances' in entry.ages), JSON.stringify(report.crossPageCache));
    assert.deepEqual(report.failedToLoad, { elements: [], files: [] });
    assert.equal(report.features.BroadcastChannel, true);
    assert.equal(report.features.moduleScripts, true);

    // Nothing a ticket must not hold: the token or any part of it, the points, the benefits' codes and names.
    assert.ok(token.split('.').length === 3, 'the page received a token');
    const codes = (await opened.page.locator('omneo-reward-wallet [part~=code]').allTextContents()).map((code) => code.trim()).filter(Boolean);
    assert.ok(codes.includes('BDAY-7Q4K-2M'), codes.join());
    const secrets = [token, ...token.split('.'), '1,250', '1250', ...codes, 'Birthday 20% off'];
    const printed = await consoleLines(opened);
    assert.ok(printed.some((line) => line.startsWith('omneo-widgets: diagnose()')), printed.join('\n'));
    for (const [what, text] of [['the report', JSON.stringify(report)], ['the console', printed.join('\n')]] as const) {
      for (const secret of secrets) assert.ok(!text.includes(secret), `${what} holds ${secret.slice(0, 12)}…`);
    }
    // Logged once per call.
    assert.equal(printed.filter((line) => line.startsWith('omneo-widgets: diagnose()')).length, 1);
    assert.deepEqual(opened.pageErrors, []);
    await opened.close();
  });

  it("the next page of the visit, painted from the cross-page cache while Omneo is slow: stale, from the cache, with the cached data's age", async () => {
    const scope = await e2e.scope();
    const opened = await open('late.html', scope);
    await withElements(opened, '<omneo-points-balance variant="compact"></omneo-points-balance>');
    await opened.waitForEvents('omneo-ready', 1);
    await opened.page.waitForLoadState('networkidle');
    await scope.addFaults({ method: 'GET', path: '/profiles/me/balances', latencyMs: 10_000, times: 1 });
    await opened.page.goto(e2e.pageUrl('late.html', scope));
    await withElements(opened, '<omneo-points-balance variant="compact"></omneo-points-balance>');
    await opened.page.locator('omneo-points-balance [part~=badge][role=status]').waitFor();
    const report = await diagnose(opened);
    assert.equal(byTag(report, 'omneo-points-balance').state, 'stale');
    const balances = report.stores[0]!.resources.find((each) => each.key === 'balances');
    assert.deepEqual({ ...balances, ageSeconds: typeof balances?.ageSeconds }, {
      key: 'balances',
      status: 'ready',
      stale: true,
      loading: true,
      ageSeconds: 'number',
      fromCrossPageCache: true,
      error: null,
    });
    await opened.close();
  });

  it('a hub: its children listed inside it, with the values they take from it', async () => {
    const scope = await e2e.scope();
    const opened = await open('late.html', scope);
    await withElements(opened, '<omneo-rewards locale="en-GB"></omneo-rewards>');
    await opened.waitForEvents('omneo-ready', 4);
    const report = await diagnose(opened);
    const hub = byTag(report, 'omneo-rewards');
    assert.equal(hub.state, 'loaded');
    assert.deepEqual(hub.config.locale, { value: 'en-GB', source: 'attribute' });
    const children = report.elements.filter((element) => element.in === 'omneo-rewards');
    assert.ok(children.length >= 4, JSON.stringify(report.elements.map(({ tag, in: inside }) => [tag, inside])));
    for (const child of children) {
      assert.equal(child.state, 'loaded', child.tag);
      assert.deepEqual(child.config.locale, { value: 'en-GB', source: 'hub' });
      assert.equal(child.store, 0);
    }
    await opened.close();
  });

  it('a guest (the token endpoint answers 401): the elements, the hub and the token say guest', async () => {
    const scope = await e2e.scope();
    const opened = await open('late.html', scope, {}, async ({ context }) => {
      await context.route(/\/omneo\/token$/, (route) => route.fulfill({ status: 401, contentType: 'application/json', body: '{"message":"No signed-in customer."}' }));
    });
    await withElements(opened, '<omneo-points-balance variant="compact"></omneo-points-balance><omneo-rewards></omneo-rewards>');
    await opened.page.locator('omneo-points-balance [part~=guest]').waitFor();
    await opened.page.locator('omneo-rewards [part~=guest-card]').waitFor();
    const report = await diagnose(opened);
    assert.equal(byTag(report, 'omneo-points-balance').state, 'guest');
    // A signed-out hub shows one prompt and holds no elements: it was rated by its (no) children, "loaded".
    assert.equal(byTag(report, 'omneo-rewards').state, 'guest');
    assert.deepEqual(report.stores[0]!.token, { state: 'guest', secondsLeft: null, renewsInSeconds: null });
    assert.equal(report.stores[0]!.resources.find((each) => each.key === 'balances')?.status, 'guest');
    await opened.close();
  });

  it("an element set up wrong (api-base \"ftp://x\"): its configuration problem, and the attribute it came from", async () => {
    const scope = await e2e.scope();
    const opened = await open('late.html', scope);
    await withElements(opened, '<omneo-points-balance api-base="ftp://x"></omneo-points-balance><omneo-points-balance variant="compact"></omneo-points-balance>');
    await opened.page.locator('omneo-points-balance[api-base] [role=alert]').waitFor();
    await opened.page.locator('omneo-points-balance[variant=compact] [part~=badge][role=status]').waitFor();
    const report = await diagnose(opened);
    const [wrong, right] = report.elements;
    assert.equal(wrong!.state, 'error');
    assert.match(wrong!.problem ?? '', /apiBase "ftp:\/\/x" must be an http\(s\) URL/);
    assert.deepEqual(wrong!.config.apiBase, { value: 'ftp://x', source: 'attribute' });
    assert.equal(wrong!.store, null);
    assert.equal(right!.state, 'loaded');
    assert.equal(right!.problem, null);
    await opened.close();
  });

  it('element code that fails to load (404): the element not defined, its chunk listed with the reason and the status', async () => {
    const scope = await e2e.scope();
    const opened = await open('points.html', scope, {}, async ({ context }) => {
      await context.route(/omneo-points-balance-[^/]*\.js$/, (route) => route.fulfill({ status: 404, body: '' }));
    });
    for (const deadline = Date.now() + 10_000; !opened.consoleErrors.some((line) => /could not be loaded/.test(line)); ) {
      assert.ok(Date.now() < deadline, 'the loader reports the failure');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const report = await diagnose(opened);
    assert.deepEqual(
      report.elements.map(({ tag, defined, state }) => ({ tag, defined, state })),
      [
        { tag: 'omneo-points-balance', defined: false, state: 'not defined' },
        { tag: 'omneo-points-balance', defined: false, state: 'not defined' },
      ],
    );
    assert.equal(report.failedToLoad.elements.length, 1);
    assert.equal(report.failedToLoad.elements[0]!.tag, 'omneo-points-balance');
    assert.match(report.failedToLoad.elements[0]!.message, /omneo-points-balance-.*\.js/);
    assert.ok(report.failedToLoad.files.some(({ file, status }) => /^omneo-points-balance-[^/]*\.js$/.test(file) && status === 404), JSON.stringify(report.failedToLoad));
    // Before any element code, the config still resolves from the attributes and the page.
    assert.equal(report.elements[0]!.config.apiBase?.source, 'page');
    await opened.close();
  });

  it('a page without elements: a report all the same, and OmneoWidgets.version is the package version', async () => {
    const scope = await e2e.scope();
    const opened = await open('late.html', scope);
    assert.equal(await opened.page.evaluate(() => window.OmneoWidgets!.version), version);
    const report = await diagnose(opened);
    assert.equal(report.version, version);
    assert.deepEqual(report.elements, []);
    assert.deepEqual(report.stores, []);
    assert.equal(report.pageConfig.blocks, 1);
    assert.deepEqual(Object.keys(report.pageConfig.keys).sort(), ['apiBase', 'locale', 'tokenEndpoint']);
    // Plain JSON: what goes in a ticket is what the page got.
    assert.deepEqual(JSON.parse(JSON.stringify(report)), report);
    // configure() is told apart from the block, and getToken shown only as a function.
    const configured = await opened.page.evaluate(() => {
      window.OmneoWidgets!.configure({ locale: 'fr-FR', getToken: async () => null });
      return window.OmneoWidgets!.diagnose();
    });
    assert.deepEqual(configured.pageConfig.keys.locale, { value: 'fr-FR', source: 'configure()' });
    assert.deepEqual(configured.pageConfig.keys.getToken, { value: 'a function', source: 'configure()' });
    assert.deepEqual(opened.pageErrors, []);
    await opened.close();
  });
});
