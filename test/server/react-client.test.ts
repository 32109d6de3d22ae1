/**
 * The React wrappers (`omneo-widgets/react`) in a React 19 app in Chromium, as a merchant's developer uses them:
 * under `<StrictMode>` (a development build mounts, unmounts and mounts again), with props that change after mount
 * (a variant picker's sku, the locale, sign-out's `customer=""`), event props whose function changes each render,
 * a drawer that mounts and unmounts the elements, and a parent that re-renders many times.
 *
 * One Vite build (development mode, as `vite dev` and `next dev` run React, so StrictMode double-mounts) of a small
 * harness app against src/react, one Chromium; each case its own page and its own mock Omneo scope, whose request log
 * counts what reached the token endpoint and the ID API. (publish.test.ts bundles the built package for one app.)
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { REPO_ROOT } from '../../scripts/build.js';
import { closeHarness, launchChromium, newHarnessPage, newHarnessScope, quietRequests, serveHarnessApp, untilShown, type HarnessServer } from './app-harness.js';


/**
 * The harness: `window.show([[wrapper, props], …])` renders the wrappers (keyed by index unless a `key` prop is
 * given; `children` is such a list too); a prop whose value is `{handler: label}` becomes a new function each render that records
 * `{label, type, tag, detail}` in `window.events`, as an inline arrow function in JSX does.
 */
const HARNESS = `import { createElement as h, StrictMode, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import * as wrappers from ${JSON.stringify(path.join(REPO_ROOT, 'src/react/index.ts'))};

window.events = [];
window.wrappers = wrappers;
const plain = (value) => JSON.parse(JSON.stringify(value ?? null, (key, each) => (each instanceof Element ? each.localName : each)));
function propsOf(props) {
  const out = {};
  for (const [name, value] of Object.entries(props)) {
    if (name === 'children' && Array.isArray(value)) {
      out.children = value.map(([child, childProps], index) => h(wrappers[child], { key: index, ...propsOf(childProps) }));
      continue;
    }
    out[name] = value && typeof value === 'object' && 'handler' in value
      ? (event) => window.events.push({ label: value.handler, type: event.type, tag: event.target.localName, detail: plain(event.detail) })
      : value;
  }
  return out;
}
let setItems = () => {};
window.effects = 0;
function Harness() {
  const [items, set] = useState([]);
  setItems = set;
  useEffect(() => void window.effects++, []);
  return h('div', { id: 'app' }, items.map(([name, props], index) => h(wrappers[name], { key: props.key ?? index, ...propsOf(props) })));
}
window.show = (items) => flushSync(() => setItems(items));
const root = createRoot(document.getElementById('root'));
const strict = new URLSearchParams(location.search).has('strict');
flushSync(() => root.render(strict ? h(StrictMode, null, h(Harness)) : h(Harness)));
window.started = true;
`;

let work: string;
let server: HarnessServer;
let origin: string;
let browser: Browser;

before(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'omneo-react-client-'));
  const app = path.join(work, 'app');
  mkdirSync(path.join(app, 'src'), { recursive: true });
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(work, 'node_modules'), 'dir');
  writeFileSync(path.join(app, 'src/main.js'), HARNESS);
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: app,
    mode: 'development',
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"development"' },
    build: { outDir: path.join(app, 'out'), minify: false, lib: { entry: path.join(app, 'src/main.js'), formats: ['es'], fileName: () => 'app.js' } },
  });
  server = await serveHarnessApp(path.join(app, 'out'), (url) => {
    const config = url.searchParams.get('config') ?? '{}';
    return `<!doctype html><html lang="en"><head><script type="application/json" id="omneo-config">${config.replace(/</g, '\\u003c')}</script><script type="module" src="/out/app.js"></script></head><body><div id="root"></div></body></html>`;
  });
  origin = server.origin;
  browser = await launchChromium();
});

after(() => closeHarness({ browser, server, work }));

interface Logged {
  method: string;
  path: string;
  search: string;
}
interface Recorded {
  label: string;
  type: string;
  tag: string;
  detail: Record<string, unknown> | null;
}

/** A page of the harness app on a fresh scope, signed in as `persona`, with its console errors collected. */
async function open(options: { persona?: string; strict?: boolean; config?: Record<string, unknown> } = {}) {
  const scope = await newHarnessScope(origin);
  const config = { tokenEndpoint: scope.tokenEndpointFor.replace('{persona}', options.persona ?? 'ava'), apiBase: scope.apiBase, locale: 'en-AU', ...options.config };
  // Images (the list's products, the wallet's rewards) are a pixel; errors alone are this suite's to judge.
  const { context, page } = await newHarnessPage(browser);
  const errors: string[] = [];
  page.on('console', (message) => void (message.type() === 'error' && errors.push(message.text())));
  page.on('pageerror', (error) => errors.push(error.message));
  const query = new URLSearchParams({ config: JSON.stringify(config) });
  if (options.strict) query.set('strict', '');
  await page.goto(`${origin}/?${query}`);
  await page.waitForFunction(() => (window as unknown as { started?: boolean }).started);
  const requests = () => scope.requests<Logged>();
  return {
    scope: scope.scope,
    page,
    errors,
    requests,
    /** `METHOD path` of each request so far, in order. */
    requested: async () => (await requests()).map(({ method, path }) => `${method} ${path}`),
    show: (items: [string, Record<string, unknown>][]) => page.evaluate((each) => (window as unknown as { show: (items: unknown) => void }).show(each), items),
    events: () => page.evaluate(() => (window as unknown as { events: Recorded[] }).events),
    close: () => context.close(),
  };
}
type Harness = Awaited<ReturnType<typeof open>>;

/** Text of an element's shadow root (the first with that tag, or the `index`th). */
const shadowText = (page: Page, tag: string, index = 0) =>
  page.evaluate(([selector, at]) => document.querySelectorAll(selector as string)[at as number]?.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '', [tag, index] as const);

const settle = (page: Page, ms = 300) => page.waitForTimeout(ms);

/** The first of `selector` inside the shadow root of the `index`th `tag`, clicked. */
const clickInside = (page: Page, tag: string, selector: string, index = 0) =>
  page.evaluate(([host, inner, at]) => {
    const target = document.querySelectorAll(host as string)[at as number]?.shadowRoot?.querySelector(inner as string) as HTMLElement | null;
    if (!target) throw new Error(`no ${inner as string} in ${host as string}`);
    target.click();
  }, [tag, selector, index] as const);

/** The heart's aria-pressed and accessible name. */
const heart = (page: Page) =>
  page.evaluate(() => {
    const button = document.querySelector('omneo-wishlist-button')?.shadowRoot?.querySelector('button');
    return { pressed: button?.getAttribute('aria-pressed') ?? null, label: button?.getAttribute('aria-label') ?? '' };
  });

/** untilShown, reporting each element the app renders. */
const until = (page: Page, predicate: string, timeout?: number) => untilShown(page, predicate, timeout, { shown: '#app > *' });
const loaded = (tag: string, text: RegExp, index = 0) =>
  `${text}.test(document.querySelectorAll(${JSON.stringify(tag)})[${index}]?.shadowRoot?.textContent ?? '')`;
/**
 * The points card (the first `selector`) showing its expiring-soon notice: its last read (GET /profiles/me/points, sent
 * after the card's first figures) has been answered. Ava has 450 points expiring soon, so the notice has text.
 */
const expiryShown = (selector = 'omneo-points-balance') =>
  `!!document.querySelector(${JSON.stringify(selector)})?.shadowRoot?.querySelector('[part=expiring]')?.textContent?.trim()`;

/** Counts of `METHOD path`: a request sent twice shows as 2. */
const counted = (log: Logged[]) => {
  const counts: Record<string, number> = {};
  for (const { method, path } of log) counts[`${method} ${path}`] = (counts[`${method} ${path}`] ?? 0) + 1;
  return counts;
};

/** A sku of the mock's catalogue that Ava has not saved (her list: LS-SAND-M, KN-NAVY-S). */
const UNSAVED = 'LS-SAND-L';
/** Ava's storefront customer id (the `customer` hint). */
const AVA_CUSTOMER = '7321987654321';

describe('React wrappers in a React 19 app in Chromium', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  test('<StrictMode>: one token request, one request per resource, one omneo-ready per element, an event prop fires once', async () => {
    h = await open({ strict: true });
    const each = { onOmneoReady: { handler: 'ready' }, onOmneoError: { handler: 'error' } };
    await h.show([
      ['PointsBalance', each],
      ['TierProgress', each],
      ['Wishlist', { ...each, onOmneoWishlistChange: { handler: 'change' } }],
      ['WishlistButton', { ...each, sku: UNSAVED, productName: 'Linen shirt', onOmneoWishlistChange: { handler: 'change' } }],
    ]);
    // The development build really ran StrictMode: its effects were mounted, unmounted and mounted again.
    assert.equal(await h.page.evaluate(() => (window as unknown as { effects: number }).effects), 2, 'StrictMode did not double-mount (a production React?)');
    await until(h.page, `window.events.filter((e) => e.type === 'omneo-ready').length >= 4`);
    await until(h.page, loaded('omneo-wishlist', /Linen/));
    await settle(h.page);
    const ready = (await h.events()).filter((event) => event.type === 'omneo-ready').map((event) => event.tag).sort();
    assert.deepEqual(ready, ['omneo-points-balance', 'omneo-tier-progress', 'omneo-wishlist', 'omneo-wishlist-button']);
    const log = await h.requests();
    assert.equal(log.filter((entry) => entry.path === '/omneo/token').length, 1, 'token requests');
    assert.deepEqual(Object.entries(counted(log)).filter(([, count]) => count > 1), [], 'a resource requested twice');

    // One click on the heart, one call of its onOmneoWishlistChange (the list beside it is a sibling: its prop hears nothing).
    await clickInside(h.page, 'omneo-wishlist-button', 'button');
    await until(h.page, `window.events.some((e) => e.type === 'omneo-wishlist-change')`);
    await settle(h.page);
    const changes = (await h.events()).filter((event) => event.type === 'omneo-wishlist-change');
    assert.deepEqual(changes.map(({ tag, detail }) => ({ tag, sku: detail?.sku, inWishlist: detail?.inWishlist })), [{ tag: 'omneo-wishlist-button', sku: UNSAVED, inWishlist: true }]);
    assert.equal((await h.requests()).filter((entry) => entry.method === 'POST' && entry.path !== '/omneo/token').length, 1, 'one save');
    assert.deepEqual(h.errors, []);
  });

  test('<StrictMode>: the hub and its four elements, one request per resource, each element ready once through the hub\'s prop', async () => {
    h = await open({ strict: true });
    await h.show([
      ['Rewards', { onOmneoReady: { handler: 'hub' }, onOmneoError: { handler: 'error' } }],
      ['PointsBalance', { variant: 'compact', onOmneoReady: { handler: 'badge' } }],
    ]);
    await until(h.page, `window.events.filter((e) => e.label === 'hub').length >= 4 && window.events.some((e) => e.label === 'badge')`);
    await settle(h.page, 500);
    // The hub has no data of its own: its prop hears its four elements' omneo-ready, each once (design.md, Events);
    // they are in its shadow root, so the event's target is the hub and `detail.element` names the element.
    const events = await h.events();
    assert.deepEqual(events.filter((event) => event.label === 'hub').map((event) => event.detail?.element).sort(), ['omneo-points-balance', 'omneo-reward-wallet', 'omneo-tier-progress', 'omneo-wishlist']);
    assert.deepEqual(events.filter((event) => event.label === 'badge').map((event) => event.tag), ['omneo-points-balance']);
    assert.deepEqual(events.filter((event) => event.label === 'error'), []);
    const log = await h.requests();
    assert.equal(log.filter((entry) => entry.path === '/omneo/token').length, 1, 'token requests');
    assert.deepEqual(Object.entries(counted(log)).filter(([, count]) => count > 1), [], 'a resource requested twice');
    assert.deepEqual(h.errors, []);
  });

  test('a variant picker changes the heart\'s sku: the new sku\'s saved state shows, and a click saves the new sku', async () => {
    h = await open();
    const props = { productName: 'Linen shirt', onOmneoWishlistChange: { handler: 'change' } };
    await h.show([['WishlistButton', { ...props, sku: 'LS-SAND-M' }]]);
    await until(h.page, `document.querySelector('omneo-wishlist-button')?.shadowRoot?.querySelector('button')?.getAttribute('aria-pressed') === 'true'`);
    const loadedOnce = await h.requested();
    await h.show([['WishlistButton', { ...props, sku: UNSAVED }]]);
    assert.equal(await h.page.evaluate(() => (document.querySelector('omneo-wishlist-button') as HTMLElement & { sku: string }).sku), UNSAVED);
    await until(h.page, `document.querySelector('omneo-wishlist-button')?.shadowRoot?.querySelector('button')?.getAttribute('aria-pressed') === 'false'`);
    await settle(h.page);
    assert.deepEqual(await h.requested(), loadedOnce, 'the sku change sent a request');
    await clickInside(h.page, 'omneo-wishlist-button', 'button');
    await until(h.page, `window.events.length === 1`);
    assert.deepEqual((await h.events())[0]!.detail, { sku: UNSAVED, inWishlist: true });
    assert.equal((await heart(h.page)).pressed, 'true');
    // The save, then the list read again to reconcile (the store does so after every write, mutations.ts).
    const saved = await h.requested();
    assert.deepEqual(saved.slice(loadedOnce.length), ['POST /profiles/me/lists/6021/items', 'GET /profiles/me/lists']);
    // Back to the first size: still saved, nothing fetched.
    await h.show([['WishlistButton', { ...props, sku: 'LS-SAND-M' }]]);
    await until(h.page, `document.querySelector('omneo-wishlist-button')?.shadowRoot?.querySelector('button')?.getAttribute('aria-pressed') === 'true'`);
    await settle(h.page);
    assert.deepEqual(await h.requested(), saved);
    assert.deepEqual(h.errors, []);
  });

  test('locale and variant props changed after mount re-render the element', async () => {
    h = await open();
    await h.show([
      ['PointsBalance', {}],
      ['WishlistButton', { sku: 'LS-SAND-M', productName: 'Linen shirt' }],
    ]);
    await until(h.page, loaded('omneo-points-balance', /Your points[\s\S]*Worth/));
    await until(h.page, `document.querySelector('omneo-wishlist-button')?.shadowRoot?.querySelector('button')?.getAttribute('aria-pressed') === 'true'`);
    await until(h.page, expiryShown());
    const before = (await quietRequests(h.requests)).length;
    await h.show([
      ['PointsBalance', { locale: 'fr-FR' }],
      ['WishlistButton', { sku: 'LS-SAND-M', productName: 'Linen shirt', locale: 'fr-FR' }],
    ]);
    await until(h.page, loaded('omneo-points-balance', /Vos points/));
    await until(h.page, `/^Enregistrer \\u2068Linen shirt/.test(document.querySelector('omneo-wishlist-button')?.shadowRoot?.querySelector('button')?.getAttribute('aria-label') ?? '')`);
    await h.show([
      ['PointsBalance', { locale: 'fr-FR', variant: 'compact' }],
      ['WishlistButton', { sku: 'LS-SAND-M', productName: 'Linen shirt', locale: 'fr-FR' }],
    ]);
    await until(h.page, `!/Vos points/.test(document.querySelector('omneo-points-balance').shadowRoot.textContent) && /1\\s?250/.test(document.querySelector('omneo-points-balance').shadowRoot.textContent)`);
    assert.equal(await h.page.evaluate(() => (document.querySelector('omneo-points-balance') as HTMLElement & { variant: string }).variant), 'compact');
    // Back to English and the card: the data was never fetched again.
    await h.show([
      ['PointsBalance', {}],
      ['WishlistButton', { sku: 'LS-SAND-M', productName: 'Linen shirt' }],
    ]);
    await until(h.page, loaded('omneo-points-balance', /Your points[\s\S]*Worth/));
    await until(h.page, `/^Save \\u2068Linen shirt/.test(document.querySelector('omneo-wishlist-button')?.shadowRoot?.querySelector('button')?.getAttribute('aria-label') ?? '')`);
    await settle(h.page);
    assert.deepEqual((await h.requests()).slice(before), [], 'a prop change fetched again');
    assert.deepEqual(h.errors, []);
  });

  test('sign-out: the customer prop from her id to "" shows the guest state, with no request after', async () => {
    h = await open();
    await h.show([['PointsBalance', { customer: AVA_CUSTOMER }], ['WishlistButton', { customer: AVA_CUSTOMER, sku: 'LS-SAND-M' }]]);
    await until(h.page, loaded('omneo-points-balance', /1,250/));
    await until(h.page, `document.querySelector('omneo-wishlist-button')?.shadowRoot?.querySelector('button')?.getAttribute('aria-pressed') === 'true'`);
    await until(h.page, expiryShown());
    const before = (await quietRequests(h.requests)).length;
    await h.show([['PointsBalance', { customer: '' }], ['WishlistButton', { customer: '', sku: 'LS-SAND-M' }]]);
    await until(h.page, loaded('omneo-points-balance', /Sign in/));
    await until(h.page, `/^Sign in/.test(document.querySelector('omneo-wishlist-button')?.shadowRoot?.querySelector('button')?.getAttribute('aria-label') ?? '')`);
    assert.doesNotMatch(await shadowText(h.page, 'omneo-points-balance'), /1,250/);
    assert.equal((await heart(h.page)).pressed, null, 'the guest heart cannot toggle');
    await settle(h.page, 500);
    assert.deepEqual((await h.requests()).slice(before), []);
    assert.deepEqual(h.errors, []);
  });

  test('the hub with the app\'s own wrappers as children: its locale and customer props changed after mount reach them', async () => {
    h = await open();
    const hub = (props: Record<string, unknown>) =>
      h.show([['Rewards', { ...props, children: [['PointsBalance', { onOmneoReady: { handler: 'ready' } }], ['WishlistButton', { sku: 'LS-SAND-M', productName: 'Linen shirt' }]] }]]);
    const child = (tag: string) => `document.querySelector('omneo-rewards > ${tag}')`;
    await hub({ customer: AVA_CUSTOMER });
    await until(h.page, `/1,250/.test(${child('omneo-points-balance')}?.shadowRoot?.textContent ?? '')`);
    await until(h.page, `${child('omneo-wishlist-button')}?.shadowRoot?.querySelector('button')?.getAttribute('aria-pressed') === 'true'`);
    // The card's expiring-soon read follows its first figures: the baseline is taken once it has been answered and
    // the log is quiet.
    await until(h.page, expiryShown('omneo-rewards > omneo-points-balance'));
    const loadedLog = (await quietRequests(h.requests)).map(({ method, path }) => `${method} ${path}`);
    await hub({ customer: AVA_CUSTOMER, locale: 'fr-FR' });
    await until(h.page, `/Vos points/.test(${child('omneo-points-balance')}?.shadowRoot?.textContent ?? '')`);
    await until(h.page, `/^Enregistrer/.test(${child('omneo-wishlist-button')}?.shadowRoot?.querySelector('button')?.getAttribute('aria-label') ?? '')`);
    await hub({ customer: '', locale: 'fr-FR' });
    await until(h.page, `/^Connectez-vous/.test(${child('omneo-points-balance')}?.shadowRoot?.textContent?.trim() ?? '')`);
    await until(h.page, `/^Connectez-vous/.test(${child('omneo-wishlist-button')}?.shadowRoot?.querySelector('button')?.getAttribute('aria-label') ?? '')`);
    await settle(h.page);
    assert.deepEqual(await h.requested(), loadedLog, 'a request after the data came');
    assert.deepEqual((await h.events()).map((event) => event.detail?.element), ['omneo-points-balance']);
    assert.deepEqual(h.errors, []);
  });

  test('event props receive typed details; a handler changed between renders is the only one called', async () => {
    h = await open();
    const show = (label: string) =>
      h.show([
        ['Wishlist', { onOmneoAddToCart: { handler: label }, onOmneoWishlistChange: { handler: label } }],
        ['RewardWallet', { onOmneoBenefitRedeemed: { handler: label } }],
        ['WishlistButton', { sku: UNSAVED, onOmneoWishlistChange: { handler: label } }],
      ]);
    await show('first');
    await until(h.page, loaded('omneo-wishlist', /Linen/));
    await until(h.page, `!!document.querySelector('omneo-reward-wallet')?.shadowRoot?.querySelector('[part~="redeem-button"]')`);
    await show('second');
    await show('newest');

    await clickInside(h.page, 'omneo-wishlist', '[part~="add-button"]');
    await clickInside(h.page, 'omneo-wishlist-button', 'button');
    await clickInside(h.page, 'omneo-reward-wallet', '[part~="redeem-button"]');
    await until(h.page, `!!document.querySelector('omneo-reward-wallet')?.shadowRoot?.querySelector('[part~="confirm-button"]')`);
    await settle(h.page, 600); // a click on Confirm at once is taken for a double-click on Redeem (CONFIRM_GUARD_MS)
    await clickInside(h.page, 'omneo-reward-wallet', '[part~="confirm-button"]');
    await until(h.page, `['omneo-add-to-cart', 'omneo-wishlist-change', 'omneo-benefit-redeemed'].every((type) => window.events.some((e) => e.type === type))`);
    await settle(h.page);
    const events = await h.events();
    assert.deepEqual([...new Set(events.map((event) => event.label))], ['newest'], 'an earlier handler was called');
    const byType = Object.fromEntries(events.map((event) => [event.type, event]));
    assert.deepEqual(byType['omneo-add-to-cart']!.detail, { sku: 'LS-SAND-M', variantId: '44556677001', quantity: 1 });
    assert.deepEqual(byType['omneo-wishlist-change']!.detail, { sku: UNSAVED, inWishlist: true });
    assert.equal(events.filter((event) => event.type === 'omneo-wishlist-change').length, 1, 'the heart\'s change reached the list\'s prop too');
    assert.equal(byType['omneo-benefit-redeemed']!.tag, 'omneo-reward-wallet');
    assert.ok(byType['omneo-benefit-redeemed']!.detail, 'no detail');
    assert.deepEqual(h.errors, []);
  });

  test('onOmneoError receives the failure; its newest handler only', async () => {
    h = await open();
    await fetch(`${origin}/__scopes/${h.scope}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ path: '/profiles/me/lists', status: 500, times: null }) });
    await h.show([['Wishlist', { onOmneoError: { handler: 'first' } }]]);
    await h.show([['Wishlist', { onOmneoError: { handler: 'newest' } }]]);
    await until(h.page, `window.events.some((e) => e.type === 'omneo-error')`, 20_000);
    await settle(h.page);
    const errors = (await h.events()).filter((event) => event.type === 'omneo-error');
    assert.deepEqual(errors.map((event) => event.label), ['newest']);
    assert.equal(errors[0]!.detail?.element, 'omneo-wishlist');
    assert.ok(errors[0]!.detail && Object.keys(errors[0]!.detail).length > 1, `detail: ${JSON.stringify(errors[0]!.detail)}`);
  });

  test('a drawer closed mid-load sends nothing more; reopened, it loads once; opened and closed again, it shows the store\'s data with no request', async () => {
    h = await open();
    await fetch(`${origin}/__scopes/${h.scope}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ path: '/profiles/me/lists', latencyMs: 400, times: 1 }) });
    const drawer: [string, Record<string, unknown>][] = [['Wishlist', { onOmneoReady: { handler: 'ready' } }], ['PointsBalance', { variant: 'compact' }]];
    await h.show(drawer);
    // Closed while the list is on its way (the mock holds it 400 ms).
    for (let wait = 0; !(await h.requested()).includes('GET /profiles/me/lists'); wait++) {
      assert.ok(wait < 200, 'the list was never asked for');
      await settle(h.page, 20);
    }
    await h.show([]);
    const closed = await h.requested();
    await settle(h.page, 1000);
    assert.deepEqual(await h.requested(), closed, 'requests after the drawer closed');
    assert.deepEqual(await h.events(), [], 'an event from an element no longer in the page');

    // The store aborts a request nobody watches any more (src/api/store.ts), so the list is not kept: asked again, once.
    await h.show(drawer);
    await until(h.page, loaded('omneo-wishlist', /Linen/), 4000);
    await until(h.page, `window.events.length === 1`);
    const reopened = counted(await quietRequests(h.requests)); // what the list needs besides (the profile's currency) arrives too
    assert.equal(reopened['GET /profiles/me/lists'], 2);
    assert.equal(reopened['POST /omneo/token'], 1);
    // Asked again only for what was on its way at the close (the balance may have been too), and once.
    const beforeClose = counted(closed.map((entry) => ({ method: entry.split(' ')[0]!, path: entry.split(' ')[1]!, search: '' })));
    assert.deepEqual(Object.entries(reopened).filter(([key, count]) => count > (beforeClose[key] ?? 0) + 1), []);

    // A shopper opening and closing it: the elements paint from the store at once, and nothing is sent.
    for (let open = 0; open < 5; open++) {
      await h.show([]);
      await h.show(drawer);
      await until(h.page, `${loaded('omneo-wishlist', /Linen/)} && ${loaded('omneo-points-balance', /1,250/)}`, 1000);
    }
    await settle(h.page);
    assert.deepEqual(counted(await h.requests()), reopened, `the drawer fetched again: ${JSON.stringify((await h.requested()).slice(-5))}`);
    assert.equal((await h.events()).length, 6, 'one omneo-ready per time the list was shown');
    assert.deepEqual(h.errors, []);
  });

  test('a parent re-rendering 100 times with the same props sends nothing and fires nothing again', async () => {
    h = await open();
    const items: [string, Record<string, unknown>][] = [
      ['PointsBalance', { onOmneoReady: { handler: 'ready' }, customer: AVA_CUSTOMER, variant: 'compact' }],
      ['WishlistButton', { sku: 'LS-SAND-M', productName: 'Linen shirt', onOmneoReady: { handler: 'ready' }, onOmneoWishlistChange: { handler: 'change' } }],
      ['Wishlist', { pageSize: 10, onOmneoReady: { handler: 'ready' } }],
    ];
    await h.show(items);
    await until(h.page, `window.events.filter((e) => e.type === 'omneo-ready').length === 3`);
    const before = await quietRequests(h.requests);
    const updates = await h.page.evaluate(async (each) => {
      const hosts = [...document.querySelectorAll('omneo-points-balance, omneo-wishlist-button, omneo-wishlist')] as (HTMLElement & { updateComplete: Promise<boolean> })[];
      let updated = 0;
      const watch = new MutationObserver((records) => (updated += records.length));
      for (const host of hosts) watch.observe(host.shadowRoot!, { subtree: true, childList: true, characterData: true, attributes: true });
      const show = (window as unknown as { show: (items: unknown) => void }).show;
      for (let render = 0; render < 100; render++) show(each.map(([name, props]) => [name, { ...props }]));
      await Promise.all(hosts.map((host) => host.updateComplete));
      await new Promise((resolve) => setTimeout(resolve, 300));
      watch.disconnect();
      return updated;
    }, items);
    assert.equal(updates, 0, 'the elements re-rendered');
    assert.deepEqual(await h.requests(), before);
    assert.equal((await h.events()).length, 3, 'an event fired again');
    // A hundred renders, a hundred new handler functions: still one listener. One click, one call.
    await clickInside(h.page, 'omneo-wishlist-button', 'button');
    await until(h.page, `window.events.length > 3`);
    await settle(h.page);
    assert.deepEqual((await h.events()).slice(3).map(({ label, detail }) => ({ label, detail })), [{ label: 'change', detail: { sku: 'LS-SAND-M', inWishlist: false } }]);
    assert.deepEqual(h.errors, []);
  });
});
