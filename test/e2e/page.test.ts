/**
 * The page-level contract of the built bundle: included twice, many elements on one page, the cross-page
 * cache and logout.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { E2E, Opened } from './harness.js';

// Light-DOM elements only: the hub's nested elements match these tags too, inside its shadow root.
const CARD = 'main > omneo-points-balance:not([variant=compact])';
const BADGE = 'omneo-points-balance[variant=compact]';
const AVA_CUSTOMER = '7321987654321';

const omneoStorage = () =>
  Object.keys(sessionStorage).concat(Object.keys(localStorage)).map((key) => `${key}=${sessionStorage.getItem(key) ?? localStorage.getItem(key)}`);

describe('the page contract, against the built CDN bundle', () => {
  let e2e: E2E;
  before(async () => {
    e2e = await E2E.start();
  });
  after(async () => {
    await e2e?.stop();
  });

  it("in forced colours (Windows High Contrast) a saved heart is filled with the system's button text colour, not the theme's accent", async () => {
    const scope = await e2e.scope();
    const opened = await e2e.open('product.html', scope);
    try {
      await opened.page.emulateMedia({ forcedColors: 'active', colorScheme: 'dark' });
      // A theme's red heart (as over a photo in the demo): an SVG's fill and stroke are not repainted by forced colours.
      await opened.page.addStyleTag({ content: 'omneo-wishlist-button { --omneo-color-accent: #b3261e }' });
      await opened.page.locator('#saved button[aria-pressed=true]').waitFor();
      const paint = await opened.page.evaluate(() =>
        ['#add', '#saved'].map((id) => {
          const heart = document.querySelector(id)!.shadowRoot!.querySelector('.heart')!;
          const svg = getComputedStyle(heart.querySelector('svg')!);
          return { fill: svg.fill, stroke: svg.stroke, text: getComputedStyle(heart).color };
        }),
      );
      const [add, saved] = paint as [(typeof paint)[0], (typeof paint)[0]];
      // Not saved: an outline in the button's text colour; saved: filled with it (red on black was 2.9:1).
      assert.equal(add.fill, 'none');
      assert.equal(add.stroke, add.text);
      assert.equal(saved.fill, saved.text, `saved heart fill ${saved.fill}, button text ${saved.text}`);
      assert.equal(saved.stroke, saved.text);
    } finally {
      await opened.close();
    }
  });

  it('is harmless when the script is included twice, also under a second URL', async () => {
    const scope = await e2e.scope();
    const opened = await e2e.open('twice.html', scope);
    await opened.page.locator(`${CARD} [part=points]`).waitFor();
    await opened.page.locator(`${BADGE} [part~=badge][role=status]`).waitFor();
    // Let the copy under the second URL finish evaluating before judging it.
    await opened.page.waitForLoadState('load');
    assert.deepEqual(opened.pageErrors, []);
    assert.deepEqual(opened.consoleErrors, []);
    const api = await opened.page.evaluate(() => ({
      keys: Object.keys(window.OmneoWidgets ?? {}).sort(),
      frozen: Object.isFrozen(window.OmneoWidgets),
    }));
    for (const key of ['configure', 'logout', 'refresh', 'version']) assert.ok(api.keys.includes(key), `OmneoWidgets.${key} is missing`);
    assert.equal(api.frozen, true);
    assert.equal(await scope.count('/omneo/token', 'POST'), 1);
    assert.equal(await scope.count('/profiles/me/balances'), 1);
    await opened.close();
  });

  it('asks for the token while the element code is still downloading, and only once', async () => {
    const scope = await e2e.scope();
    const context = await e2e.context();
    const page = await context.newPage();
    let tokenRequested = false;
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.endsWith('/omneo/token')) tokenRequested = true;
    });
    // Hold the element's chunk until the token request has gone out (or 5 s): without the loader's early
    // request the token is asked for only after this chunk has run, so the hold would time out.
    let tokenBeforeCode: boolean | null = null;
    await context.route(/omneo-points-balance-[^/]*\.js$/, async (route) => {
      const started = Date.now();
      while (!tokenRequested && Date.now() - started < 5000) await new Promise((resolve) => setTimeout(resolve, 20));
      tokenBeforeCode ??= tokenRequested;
      await route.continue();
    });
    await page.goto(e2e.pageUrl('points.html', scope));
    await page.locator(`${BADGE} [part~=badge][role=status]`).waitFor();
    assert.equal(tokenBeforeCode, true);
    assert.equal(await scope.count('/omneo/token', 'POST'), 1);
    await context.close();
  });

  it('serves ten of each element (hubs included) with one token request and one request per resource', async () => {
    const scope = await e2e.scope();
    const opened = await e2e.open('ten.html', scope);
    const elements = await opened.page.$$eval('main > *', (els) => els.map((el) => el.localName));
    assert.equal(elements.length, 70);
    // Each hub shows four nested elements, each announcing itself; the hub adds no event of its own.
    const hubs = elements.filter((tag) => tag === 'omneo-rewards').length;
    await opened.waitForEvents('omneo-ready', elements.length - hubs + hubs * 4);
    await opened.page.waitForLoadState('networkidle');
    const texts = await opened.page.$$eval(CARD, (els) => els.map((el) => el.shadowRoot!.querySelector('[part=points]')?.textContent?.trim()));
    assert.deepEqual(texts, Array(10).fill('1,250 points'));
    assert.equal(await opened.page.locator(`${BADGE} [part~=badge][role=status]`).count(), 10);

    const requests = await scope.requests();
    const byPath = new Map<string, number>();
    for (const r of requests) byPath.set(`${r.method} ${r.path}`, (byPath.get(`${r.method} ${r.path}`) ?? 0) + 1);
    assert.equal(byPath.get('POST /omneo/token'), 1);
    for (const resource of ['/profiles/me/balances', '/profiles/me/points']) assert.ok(byPath.has(`GET ${resource}`), `${resource} was never requested`);
    const repeated = [...byPath].filter(([, count]) => count > 1);
    assert.deepEqual(repeated, [], `requested more than once: ${JSON.stringify(Object.fromEntries(byPath))}`);
    assert.ok(requests.every((r) => r.method === 'GET' || r.path === '/omneo/token'), 'loading must not write');
    await opened.close();
  });

  it("tells Omneo nothing of the storefront page: no Referer on API calls or on the wallet's and wishlist's images", async () => {
    const scope = await e2e.scope();
    const context = await e2e.context();
    const page = await context.newPage();
    // A storefront that sends its full URL with every request (the pre-2020 browser default some still set), on a
    // page whose address says something about the shopper.
    const url = `${e2e.pageUrl('all.html', scope)}&email=ava.nguyen%40example.com`;
    await context.route(url, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'referrer-policy': 'no-referrer-when-downgrade' } });
    });
    const sent: { path: string; type: string; referer: string | undefined }[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.includes('/id/api/v1/') || request.resourceType() === 'image') void request.allHeaders().then((headers) => sent.push({ path, type: request.resourceType(), referer: headers.referer }));
    });
    const opened = new Opened(context, page);
    await page.goto(url);
    // Six elements and the hub's four.
    await opened.waitForEvents('omneo-ready', 10);
    await page.waitForLoadState('networkidle');
    assert.ok(sent.some((request) => request.type === 'fetch'), 'API calls were seen');
    assert.ok(sent.some((request) => request.type === 'image'), 'images were seen');
    assert.deepEqual(sent.filter((request) => request.referer !== undefined), []);
    await context.close();
  });

  it('paints the next page from the cross-page cache for the same customer, even when the token endpoint is down', async () => {
    const scope = await e2e.scope();
    const opened = await e2e.open('points.html', scope, { customer: AVA_CUSTOMER });
    await opened.page.locator(`${CARD} [part=points]`).waitFor();
    await opened.waitForEvents('omneo-ready', 2);
    await scope.addFaults({ path: '/auth/token', status: 500, times: null });
    await opened.page.goto(e2e.pageUrl('points.html', scope, { customer: AVA_CUSTOMER }));
    await opened.page.locator(`${CARD} [part=points]`).waitFor();
    assert.equal((await opened.page.locator(`${CARD} [part=points]`).textContent())?.trim(), '1,250 points');
    await opened.close();
  });

  /**
   * The points page with both elements loaded, served cacheable (the fixture server sends no-store, which keeps a
   * page out of the back-forward cache; a storefront page may well not), noting whether a later pageshow restored it.
   */
  /** Ava signed in, her points on screen in two tabs of the shop: the one the test signs out from, and `other`. */
  async function avaInTwoTabs() {
    const scope = await e2e.scope();
    const opened = await e2e.open('points.html', scope, { customer: AVA_CUSTOMER });
    await opened.page.locator(`${CARD} [part=points]`).waitFor();
    const other = await opened.context.newPage();
    await other.goto(e2e.pageUrl('points.html', scope, { customer: AVA_CUSTOMER }));
    await other.locator(`${CARD} [part=points]`).waitFor();
    return { scope, opened, other };
  }

  /** Pages matching `pattern` served cacheable: the fixture server's no-store keeps a page out of the back-forward cache. */
  async function serveCacheable(context: Awaited<ReturnType<E2E['context']>>, pattern: RegExp) {
    await context.route(pattern, async (route) => {
      const response = await route.fetch();
      const headers: Record<string, string> = { ...response.headers(), 'cache-control': 'private, max-age=0' };
      delete headers['content-encoding'];
      delete headers['content-length'];
      await route.fulfill({ status: response.status(), headers, body: await response.text() });
    });
  }

  async function openCacheablePointsPage() {
    const scope = await e2e.scope();
    const context = await e2e.context();
    await serveCacheable(context, /\/e2e\/points\.html/);
    const opened = new Opened(context, await context.newPage());
    await opened.page.goto(e2e.pageUrl('points.html', scope));
    await opened.waitForEvents('omneo-ready', 2);
    await opened.page.evaluate(() => {
      window.addEventListener('pageshow', (event) => Object.assign(window, { __restoredFromCache: event.persisted }));
    });
    return { scope, context, opened };
  }

  /** Back, and whether the page came from the back-forward cache (else Chromium's reasons why not). */
  async function goBackToCachedPage(opened: Opened) {
    await opened.page.goBack({ waitUntil: 'commit' });
    await opened.page.waitForFunction(() => '__restoredFromCache' in window, undefined, { timeout: 5000 }).catch(() => undefined);
    const restored = await opened.page.evaluate(() => (window as unknown as { __restoredFromCache?: boolean }).__restoredFromCache);
    const reasons = await opened.page.evaluate(() => JSON.stringify((performance.getEntriesByType('navigation')[0] as unknown as { notRestoredReasons: unknown }).notRestoredReasons));
    return { restored, reasons };
  }

  it("Back to a page the browser kept in its back-forward cache, after the session ended: the guest state, not the previous shopper's points", async () => {
    const { scope, context, opened } = await openCacheablePointsPage();
    // The shopper signs out on the next page: from then on the token endpoint says nobody is signed in.
    await context.route(/\/omneo\/token$/, (route) => route.fulfill({ status: 401, contentType: 'application/json', body: '{"message":"No signed-in customer."}' }));
    await opened.page.goto(e2e.pageUrl('late.html', scope, { customer: '' }));
    // A page restored from the cache fires pageshow, not load.
    const { restored, reasons } = await goBackToCachedPage(opened);
    assert.equal(restored, true, `the page came back from the back-forward cache (not restored: ${reasons})`);
    await opened.page.locator(`${CARD} [part=guest]`).waitFor();
    await opened.page.locator(`${BADGE} [part~=guest]`).waitFor();
    assert.equal(await opened.page.locator(`${CARD} [part=points]`).count(), 0);
    await opened.close();
  });

  it("a page restored from the back-forward cache hears the other tabs again: a sign-out in another tab ends its session", async () => {
    const { scope, context, opened } = await openCacheablePointsPage();
    await opened.page.goto(e2e.pageUrl('late.html', scope));
    const { restored, reasons } = await goBackToCachedPage(opened);
    assert.equal(restored, true, `the page came back from the back-forward cache, its channel open before it left (not restored: ${reasons})`);
    await opened.page.locator(`${CARD} [part=points]`).waitFor();
    // The shopper signs out in another tab of the shop.
    const other = await context.newPage();
    await other.goto(e2e.pageUrl('points.html', scope));
    await other.locator(`${CARD} [part=points]`).waitFor();
    await other.evaluate(() => (window as unknown as { OmneoWidgets: { logout(): void } }).OmneoWidgets.logout());
    await opened.page.locator(`${CARD} [part=guest]`).waitFor({ timeout: 5000 });
    await opened.page.locator(`${BADGE} [part~=guest]`).waitFor();
    assert.deepEqual(opened.pageErrors, []);
    await opened.close();
  });

  it("a page without elements closes the loader's channel while it sits in the back-forward cache and listens again when restored: a sign-out in another tab still clears what the tab cached", async () => {
    const scope = await e2e.scope();
    const context = await e2e.context();
    await serveCacheable(context, /\/e2e\/late\.html/);
    await context.addInitScript(() => {
      const close = BroadcastChannel.prototype.close;
      BroadcastChannel.prototype.close = function (this: BroadcastChannel) {
        const counted = window as unknown as { __channelsClosed?: number };
        counted.__channelsClosed = (counted.__channelsClosed ?? 0) + 1;
        close.call(this);
      };
    });
    const opened = new Opened(context, await context.newPage());
    // Ava's points cached in this tab, then a page of the shop without elements (the loader alone listens there).
    await opened.page.goto(e2e.pageUrl('points.html', scope, { customer: AVA_CUSTOMER }));
    await opened.page.locator(`${CARD} [part=points]`).waitFor();
    await opened.page.goto(e2e.pageUrl('late.html', scope, { customer: AVA_CUSTOMER }));
    await opened.page.waitForFunction(() => window.OmneoWidgets !== undefined);
    await opened.page.evaluate(() => {
      window.addEventListener('pageshow', (event) => Object.assign(window, { __restoredFromCache: event.persisted }));
    });
    await opened.page.goto(e2e.pageUrl('points.html', scope, { customer: AVA_CUSTOMER }));
    await opened.page.locator(`${CARD} [part=points]`).waitFor();
    const { restored, reasons } = await goBackToCachedPage(opened);
    assert.equal(restored, true, `the elementless page came back from the back-forward cache (not restored: ${reasons})`);
    assert.equal(await opened.page.evaluate(() => (window as unknown as { __channelsClosed?: number }).__channelsClosed), 1, "the loader's channel was closed while the page was away");
    assert.notDeepEqual(await opened.page.evaluate(omneoStorage), [], 'her cached data is still in the tab');
    const other = await context.newPage();
    await other.goto(e2e.pageUrl('points.html', scope, { customer: AVA_CUSTOMER }));
    await other.locator(`${CARD} [part=points]`).waitFor();
    await other.evaluate(() => (window as unknown as { OmneoWidgets: { logout(): void } }).OmneoWidgets.logout());
    for (const started = Date.now(); (await opened.page.evaluate(omneoStorage)).length > 0; ) {
      assert.ok(Date.now() - started < 5000, "the tab's cached data still there 5 s after the sign-out in the other tab");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.deepEqual(opened.pageErrors, []);
    await opened.close();
  });

  it("a sign-out page without elements (OmneoWidgets.logout(), then customer=\"\" pages) ends the session in the shop's other tabs too", async () => {
    const scope = await e2e.scope();
    const opened = await e2e.open('points.html', scope, { customer: AVA_CUSTOMER });
    await opened.page.locator(`${CARD} [part=points]`).waitFor();
    const signOut = await opened.context.newPage();
    await signOut.goto(e2e.pageUrl('late.html', scope, { customer: AVA_CUSTOMER }));
    await signOut.waitForFunction(() => window.OmneoWidgets !== undefined);
    await signOut.evaluate(() => (window as unknown as { OmneoWidgets: { logout(): void } }).OmneoWidgets.logout());
    await signOut.goto(e2e.pageUrl('points.html', scope, { customer: '' }));
    await signOut.locator(`${CARD} [part=guest]`).waitFor();
    await opened.page.locator(`${CARD} [part=guest]`).waitFor({ timeout: 5000 });
    await opened.close();
  });

  it('the storefront\'s own sign-out link, landing on a customer="" page without elements (a Shopify home page under the app embed), clears the tab\'s cached data and ends the session in the shop\'s other tabs', async () => {
    const { scope, opened, other } = await avaInTwoTabs();
    await opened.page.goto(e2e.pageUrl('late.html', scope, { customer: '' }));
    await opened.page.waitForFunction(() => window.OmneoWidgets !== undefined);
    await other.locator(`${CARD} [part=guest]`).waitFor({ timeout: 5000 });
    assert.deepEqual(await opened.page.evaluate(omneoStorage), []);
    await opened.close();
  });

  it('the same sign-out followed without a new page (Turbo Drive renders the landing page, its block saying customer ""), on a tab whose pages never showed an element: the tab\'s cached data goes and the shop\'s other tabs end the session', async () => {
    const { scope, opened, other } = await avaInTwoTabs();
    // A page of the shop without elements, still signed in: the loader alone, over the tab's cached data.
    await opened.page.goto(e2e.pageUrl('late.html', scope, { customer: AVA_CUSTOMER }));
    await opened.page.waitForFunction(() => window.OmneoWidgets !== undefined);
    assert.notDeepEqual(await opened.page.evaluate(omneoStorage), []);
    // Signed out: the next page's body and block put in place by the host, the script not run again.
    await opened.page.evaluate(() => {
      const block = document.getElementById('omneo-config')!;
      block.textContent = JSON.stringify({ ...JSON.parse(block.textContent!), customer: '' });
    });
    await other.locator(`${CARD} [part=guest]`).waitFor({ timeout: 5000 });
    assert.deepEqual(await opened.page.evaluate(omneoStorage), []);
    await opened.close();
  });

  it("the same sign-out said while the page is being left (the shop's own pagehide handler calls configure({customer: ''})), after the loader closed its channel: the shop's other tabs still end the session, and configure() does not throw", async () => {
    const { scope, opened, other } = await avaInTwoTabs();
    await opened.page.goto(e2e.pageUrl('late.html', scope, { customer: AVA_CUSTOMER }));
    await opened.page.waitForFunction(() => window.OmneoWidgets !== undefined);
    assert.notDeepEqual(await opened.page.evaluate(omneoStorage), []);
    // Registered after the loader's own pagehide listener, so it runs once the loader has closed its channel.
    await opened.page.evaluate(() => {
      window.addEventListener('pagehide', () => {
        try {
          window.OmneoWidgets!.configure({ customer: '' });
        } catch (error) {
          sessionStorage.setItem('test-configure-threw', String((error as Error).name));
        }
      });
    });
    await opened.page.goto(e2e.pageUrl('late.html', scope, { customer: AVA_CUSTOMER }));
    await opened.page.waitForFunction(() => window.OmneoWidgets !== undefined);
    assert.equal(await opened.page.evaluate(() => sessionStorage.getItem('test-configure-threw')), null, 'configure() in pagehide threw');
    await other.locator(`${CARD} [part=guest]`).waitFor({ timeout: 5000 });
    await opened.close();
  });

  it('never shows cached data to a different customer or a signed-out page', async () => {
    const scope = await e2e.scope();
    const opened = await e2e.open('points.html', scope, { customer: AVA_CUSTOMER });
    await opened.waitForEvents('omneo-ready', 2);

    // Another shopper on the same device; their token endpoint is down, so only the cache could show data.
    await scope.addFaults({ path: '/auth/token', status: 500, times: null });
    await opened.page.goto(e2e.pageUrl('points.html', scope, { customer: '7321987650011', persona: 'zoe' }));
    await opened.page.locator(`${CARD} [role=alert]`).waitFor();
    assert.equal(await opened.page.locator(`${CARD} [part=points]`).count(), 0);

    // Signed out: guest at once, and no request at all.
    await scope.clearFaults();
    const before = (await scope.requests()).length;
    await opened.page.goto(e2e.pageUrl('points.html', scope, { customer: '' }));
    await opened.page.locator(`${CARD} [part=guest]`).waitFor();
    await opened.page.locator(`${BADGE} [part~=guest]`).waitFor();
    assert.equal((await scope.requests()).length, before);
    await opened.close();
  });

  it('logout() clears the cached data and shows the guest state; the next page loads afresh', async () => {
    const scope = await e2e.scope();
    const opened = await e2e.open('points.html', scope, { customer: AVA_CUSTOMER });
    await opened.waitForEvents('omneo-ready', 2);
    // The cache stores the entry a moment after the data came (WRITE_AFTER_MS, src/api/cache.ts).
    await opened.page.waitForFunction(() => Object.keys(sessionStorage).some((key) => key.startsWith('omneo-widgets:')));
    const stored = await opened.page.evaluate(omneoStorage);
    assert.ok(stored.some((entry) => entry.includes('1250')), `expected cached balances, got ${stored.join(', ')}`);

    await opened.page.evaluate(() => window.OmneoWidgets!.logout());
    await opened.page.locator(`${CARD} [part=guest]`).waitFor();
    assert.deepEqual(await opened.page.evaluate(omneoStorage), []);

    // A reload for the same customer hint with the token endpoint down has nothing cached to show.
    await scope.addFaults({ path: '/auth/token', status: 500, times: null });
    await opened.page.reload();
    await opened.page.locator(`${CARD} [role=alert]`).waitFor();
    assert.equal(await opened.page.locator(`${CARD} [part=points]`).count(), 0);
    await opened.close();
  });

  it('the omneo-logout event does the same as logout()', async () => {
    const scope = await e2e.scope();
    const opened = await e2e.open('points.html', scope);
    await opened.waitForEvents('omneo-ready', 2);
    await opened.page.evaluate(() => document.dispatchEvent(new Event('omneo-logout')));
    await opened.page.locator(`${CARD} [part=guest]`).waitFor();
    assert.deepEqual(await opened.page.evaluate(omneoStorage), []);
    await opened.close();
  });

  it('omneo-logout on a page without elements (a sign-out page) still clears what earlier pages cached', async () => {
    const scope = await e2e.scope();
    const opened = await e2e.open('points.html', scope, { customer: AVA_CUSTOMER });
    await opened.waitForEvents('omneo-ready', 2);
    await opened.page.goto(e2e.pageUrl('late.html', scope, { customer: AVA_CUSTOMER }));
    assert.ok((await opened.page.evaluate(omneoStorage)).some((entry) => entry.includes('1250')), 'the visit cached balances');
    await opened.page.waitForFunction(() => window.OmneoWidgets !== undefined);
    await opened.page.evaluate(() => document.dispatchEvent(new Event('omneo-logout')));
    assert.deepEqual(await opened.page.evaluate(omneoStorage), []);
    assert.deepEqual(opened.pageErrors, []);
    await opened.close();
  });

  it("refresh() on a page without elements (an app's sign-in handler on any page) resolves and loads nothing; an element added later shows the shopper's data", async () => {
    const scope = await e2e.scope();
    const opened = await e2e.open('late.html', scope);
    await opened.page.waitForFunction(() => window.OmneoWidgets !== undefined);
    const scripts: string[] = [];
    opened.page.on('request', (request) => void (request.resourceType() === 'script' && scripts.push(new URL(request.url()).pathname)));
    assert.equal(await opened.page.evaluate(() => window.OmneoWidgets!.refresh().then(() => 'resolved')), 'resolved');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(scripts, [], 'refresh() on a page without elements downloaded code');
    assert.equal(await scope.count('/omneo/token', 'POST'), 0, 'refresh() on a page without elements asked for a token');
    await opened.page.evaluate(() => document.querySelector('#slot')!.append(document.createElement('omneo-points-balance')));
    await opened.page.locator('omneo-points-balance [part=points]').waitFor();
    assert.deepEqual([...opened.pageErrors, ...opened.consoleErrors], []);
    await opened.close();
  });

  it("a tab on a page without elements (the script alone) hears a sign-out in another tab: what it cached for the shopper goes, which a page still naming her (Back, from the browser's cache) would paint", async () => {
    const scope = await e2e.scope();
    const opened = await e2e.open('points.html', scope, { customer: AVA_CUSTOMER });
    await opened.waitForEvents('omneo-ready', 2);
    // She browses on in this tab, to a page of the shop that shows no element.
    await opened.page.goto(e2e.pageUrl('late.html', scope, { customer: AVA_CUSTOMER }));
    await opened.page.waitForFunction(() => window.OmneoWidgets !== undefined);
    assert.ok((await opened.page.evaluate(omneoStorage)).some((entry) => entry.includes('1250')), 'the visit cached balances');
    // She signs out in another tab.
    const other = await opened.context.newPage();
    await other.goto(e2e.pageUrl('points.html', scope, { customer: AVA_CUSTOMER }));
    await other.locator(`${CARD} [part=points]`).waitFor();
    // Another tenant's sign-out on the site is not hers.
    await other.evaluate(() => new BroadcastChannel('omneo-widgets').postMessage({ scope: 'another-tenant', logout: true }));
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal((await opened.page.evaluate(omneoStorage)).length, 1, 'another tenant’s notice is ignored');
    await other.evaluate(() => (window as unknown as { OmneoWidgets: { logout(): void } }).OmneoWidgets.logout());
    await opened.page.waitForFunction(() => !Object.keys(sessionStorage).some((key) => key.startsWith('omneo-widgets:')), undefined, { timeout: 5000 }).catch(() => undefined);
    assert.deepEqual(await opened.page.evaluate(omneoStorage), [], 'her codes and balances are not left in the tab');
    assert.deepEqual(opened.pageErrors, []);
    await opened.close();
  });

  it("a single-page app's refresh() after a sign-in still works once the widgets' folder was replaced in place under the open tab", async () => {
    const scope = await e2e.scope();
    const context = await e2e.context();
    let signedIn = false;
    await context.route(/\/omneo\/token$/, (route) =>
      signedIn ? route.fallback() : route.fulfill({ status: 401, contentType: 'application/json', body: '{"message":"No signed-in customer."}' }),
    );
    const opened = new Opened(context, await context.newPage());
    await opened.page.goto(e2e.pageUrl('points.html', scope));
    await opened.page.locator(`${CARD} [part=guest]`).waitFor();
    // The merchant copies another release over the folder: the chunks of the release this tab runs are gone (404),
    // the small one refresh() imports among them. The code on the page is all the runtime needs.
    await context.route(/\/dist\/cdn\/(?!omneo-widgets\.js)/, (route) => route.fulfill({ status: 404, body: 'Not found' }));
    signedIn = true;
    const outcome = await opened.page.evaluate(() => window.OmneoWidgets!.refresh().then(() => 'resolved', (error: Error) => `rejected: ${error.message}`));
    assert.equal(outcome, 'resolved', "the app's sign-in handler awaiting it goes on");
    await opened.page.locator(`${CARD} [part=points]`).waitFor({ timeout: 5000 });
    await opened.page.locator(`${BADGE} [part~=badge][role=status]`).waitFor();
    assert.deepEqual(opened.pageErrors, []);
    await opened.close();
  });

  // README, Performance → Lighthouse: a merchant's page can preload the chunk the loader imports, so that both
  // arrive in one round trip. The preload must be the very module the loader then imports (one request), and
  // it must go out before the loader's own request rather than after it, as it does without the link.
  for (const preloaded of [true, false]) {
    it(`bench/product.html${preloaded ? '?preload=on' : ''}: the chunk the loader imports is requested once, ${preloaded ? 'before' : 'after'} the loader`, async () => {
      const scope = await e2e.scope();
      const context = await e2e.context();
      const tab = await context.newPage();
      const opened = new Opened(context, tab);
      const scripts: string[] = [];
      tab.on('request', (request) => {
        if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname.split('/').pop()!);
      });
      try {
        await tab.goto(`${e2e.origin}/bench/product.html?scope=${scope.id}&persona=ava${preloaded ? '&preload=on' : ''}`);
        await opened.waitForEvents('omneo-ready', 2);
        const pageChunk = scripts.filter((file) => /^omneo-page-[\w-]+\.js$/.test(file));
        assert.equal(pageChunk.length, 1, `requests: ${scripts.join(', ')}`);
        assert.equal(scripts.indexOf(pageChunk[0]!) < scripts.indexOf('omneo-widgets.js'), preloaded, `requests: ${scripts.join(', ')}`);
        assert.deepEqual([...opened.consoleErrors, ...opened.pageErrors], []);
      } finally {
        await opened.close();
      }
    });
  }
});
