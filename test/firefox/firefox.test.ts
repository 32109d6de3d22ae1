/**
 * Firefox: the built CDN script, the e2e fixture pages and the scoped mock (test/e2e/harness.ts, `E2E.serve()`),
 * driven in Debian's Firefox ESR with puppeteer-core over WebDriver BiDi. The rest of the e2e suite runs in
 * Chromium only; these are the shopper's journeys where Firefox differs: its back-forward cache (a session ended, a
 * token expired there), BroadcastChannel, a hidden tab, the clipboard fallback, focus and its ring where script moves
 * it (the confirm step, Escape, Retry, Remove), a fetch aborted while its body stalls, lazy images, Intl and
 * right-to-left layout, import maps' `integrity` (Subresource Integrity on every file). A 401 mid-session is the client's logic alone (test/e2e covers it in Chromium): not repeated.
 * Part of `npm test` (on the end-to-end suite's build, before WebKit), or alone: `npm run test:firefox`.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type BrowserContext, type ElementHandle, type Page } from 'puppeteer-core';
import { E2E, PAGE_RECORDER, waitForCount, type FixtureServer, type OpenOptions, type PageRecord, type Scope } from '../e2e/harness.js';
import { busyElements, focusInShadow, showMoreTopsAfterJump } from '../e2e/probes.js';
import { withViewportFallback } from './viewport.mjs';

const FIREFOX_PATH = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const AVA_CUSTOMER = '7321987654321';
// Light-DOM elements only (`>>>` pierces shadow roots, so the hub's nested elements would match too).
const CARD = 'main > omneo-points-balance:not([variant=compact])';
const BADGE = 'header > omneo-points-balance[variant=compact]';
const BALANCES = '/profiles/me/balances';

const omneoStorage = () => Object.keys(sessionStorage).filter((key) => key.startsWith('omneo-widgets:'));

/**
 * The first element matching `selector` (`>>>` pierces shadow roots), once there is one: polled from here.
 * page.waitForSelector() watches the document with a MutationObserver, which never hears a render inside a shadow
 * root, so it missed an element that appeared there after its first look (and its rAF polling stops in a tab in the
 * background).
 */
async function find(page: Page, selector: string, timeout = 15_000): Promise<ElementHandle<Element>> {
  const started = Date.now();
  for (;;) {
    const found = await page.$(selector);
    if (found) return found;
    if (Date.now() - started > timeout) throw new Error(`no ${selector} after ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

class Tab {
  readonly consoleErrors: string[] = [];
  readonly pageErrors: string[] = [];

  constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {
    page.on('console', (message) => {
      if (message.type() === 'error') this.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => this.pageErrors.push(error instanceof Error ? error.message : String(error)));
  }

  /** Resolves once `count` events of `type` (optionally for one tag) have fired. */
  async waitForEvents(type: string, count = 1, element?: string): Promise<void> {
    await this.page.waitForFunction(
      (t, n, el) => (window as unknown as { __e2e: PageRecord }).__e2e.events.filter((e) => e.type === t && (!el || e.detail.element === el)).length >= n,
      { timeout: 15_000, polling: 50 },
      type,
      count,
      element ?? '',
    );
  }

  record(): Promise<PageRecord> {
    return this.page.evaluate(() => (window as unknown as { __e2e: PageRecord }).__e2e);
  }

  /** The element under focus, through open shadow roots: `tag[part].class` from the page down. */
  focusPath(): Promise<string> {
    return this.page.evaluate(() => {
      const path: string[] = [];
      for (let el = document.activeElement; el; el = el.shadowRoot?.activeElement ?? null) {
        path.push(`${el.localName}${el.getAttribute('part') ? `[${el.getAttribute('part')}]` : ''}${typeof el.className === 'string' && el.className ? `.${el.className.split(' ')[0]}` : ''}`);
      }
      return path.join(' > ');
    });
  }

  /** Installs a pageshow listener, to learn whether the next showing of this document came from the back-forward cache. */
  async noteRestores(): Promise<void> {
    await this.page.evaluate(() => window.addEventListener('pageshow', (event) => Object.assign(window, { __restoredFromCache: event.persisted })));
  }

  /** Back; true when Firefox restored the page from its back-forward cache (the same document, shown again). */
  async backToCachedPage(): Promise<boolean> {
    // history.back() rather than page.goBack(): a restore from the cache sends no load for goBack() to wait for.
    await this.page.evaluate(() => history.back());
    return this.page
      .waitForFunction(() => (window as unknown as { __restoredFromCache?: boolean }).__restoredFromCache === true, { timeout: 5000, polling: 50 })
      .then(
        () => true,
        () => false,
      );
  }

  close(): Promise<void> {
    return this.context.close();
  }
}

describe('Firefox ESR (WebDriver BiDi), against the built CDN bundle', () => {
  let fixtures: FixtureServer;
  let browser: Browser;
  before(async () => {
    if (!existsSync(FIREFOX_PATH)) {
      throw new Error(`Firefox not found at ${FIREFOX_PATH}: sudo apt-get install -y firefox-esr (Debian, Ubuntu with Mozilla's apt repository), or set FIREFOX_PATH.`);
    }
    fixtures = await E2E.serve();
    browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX_PATH, headless: true });
  });
  after(async () => {
    await browser?.close();
    await fixtures?.stop();
  });

  /** A new tab in `context` (a fresh private one by default), with the e2e recorder, at `url` unless null. */
  async function newTab(url: string | null, context?: BrowserContext, setUp?: (page: Page) => Promise<void>): Promise<Tab> {
    const ownContext = context ?? (await browser.createBrowserContext());
    const page = withViewportFallback(await ownContext.newPage());
    await page.setViewport({ width: 1280, height: 900 });
    // tsx keeps function names with `__name(...)` wrappers (see harness.ts, context()).
    await page.evaluateOnNewDocument("Object.defineProperty(window, '__name', { value: (fn) => fn })");
    await page.evaluateOnNewDocument(PAGE_RECORDER);
    await setUp?.(page);
    const tab = new Tab(ownContext, page);
    if (url) await page.goto(url);
    return tab;
  }

  function open(page: string, scope: Scope, options: OpenOptions = {}): Promise<Tab> {
    return newTab(fixtures.pageUrl(page, scope, options));
  }

  /** Fixture pages served cacheable (the fixture server sends no-store, which keeps a page out of Firefox's back-forward cache too). */
  async function cacheablePages(page: Page): Promise<void> {
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.isInterceptResolutionHandled()) return;
      if (!/\/e2e\/[\w-]+\.html/.test(request.url())) return void request.continue();
      void (async () => {
        const response = await fetch(request.url());
        const headers: Record<string, string> = {};
        response.headers.forEach((value, name) => (headers[name] = value));
        headers['cache-control'] = 'private, max-age=0';
        // fetch() has decoded the body.
        delete headers['content-encoding'];
        delete headers['content-length'];
        await request.respond({ status: response.status, headers, body: await response.text() });
      })();
    });
  }

  it('every element and the hub show the shopper’s data: nothing left loading, no error in the console', async () => {
    const scope = await fixtures.scope();
    const tab = await open('all.html', scope);
    // Six elements in the page, four more in the hub.
    await tab.waitForEvents('omneo-ready', 10);
    const busy = await tab.page.evaluate(busyElements);
    assert.deepEqual(busy, [], 'no skeleton left');
    // The figure, then the same for screen readers: "1,250 loyalty points".
    const badge = await tab.page.$eval(BADGE, (el) => el.shadowRoot!.querySelector('[part~=badge]')?.textContent?.replace(/\s+/g, ''));
    assert.equal(badge, '1,2501,250loyaltypoints');
    assert.deepEqual(tab.pageErrors, []);
    assert.deepEqual(tab.consoleErrors, []);
    assert.equal((await tab.record()).events.filter((e) => e.type === 'omneo-error').length, 0);
    await tab.close();
  });

  it('Subresource Integrity (the omneo-widgets-sri tags): the points load; a chunk whose hash does not match is refused', async () => {
    const tab = await open('points.html', await fixtures.scope(), { sri: {} });
    assert.equal(await tab.page.evaluate(() => document.querySelectorAll('script[type=importmap], script[type=module][integrity]').length), 2, "the tool's two tags");
    await tab.waitForEvents('omneo-ready', 2);
    assert.match((await tab.page.$eval(CARD, (el) => el.shadowRoot!.textContent)) ?? '', /1,250\s*points/);
    assert.deepEqual(tab.consoleErrors, []);
    await tab.close();

    // The import map pins the element's chunk to other bytes' hash, as when a CDN serves a changed file.
    const broken = await open('points.html', await fixtures.scope(), { sri: { wrongHashFor: 'omneo-points-balance-' } });
    // The assertion below says what was logged when it never comes.
    await waitForCount(async () => broken.consoleErrors.filter((error) => error.includes('the code for <omneo-points-balance> could not be loaded')).length, 1).catch(() => 0);
    assert.ok(broken.consoleErrors.some((error) => error.includes('the code for <omneo-points-balance> could not be loaded')), broken.consoleErrors.join('\n'));
    assert.equal(await broken.page.evaluate(() => customElements.get('omneo-points-balance') === undefined), true, 'the chunk did not run');
    await broken.close();
  });

  it('French and Arabic: the copy and numbers of the locale; Arabic laid out right to left', async () => {
    const scope = await fixtures.scope();
    const french = await open('all.html', scope, { locale: 'fr-FR' });
    await french.waitForEvents('omneo-ready', 10);
    const card = await french.page.$eval(CARD, (el) => el.shadowRoot!.textContent!.replace(/[ \n]+/g, ' '));
    // French groups thousands with a narrow no-break space.
    assert.match(card, /Vos points 1\u202f250 points Valeur\u00a0: 12,50\u00a0\$AU/);
    assert.deepEqual(french.consoleErrors, []);
    await french.close();

    const arabic = await open('all.html', scope, { locale: 'ar' });
    await arabic.waitForEvents('omneo-ready', 10);
    const layout = await arabic.page.$eval('main > omneo-reward-wallet', (wallet) => {
      const root = wallet.shadowRoot!;
      const code = root.querySelector('[part~=code]')!.getBoundingClientRect();
      const copy = root.querySelector('[part~=copy-button]')!.getBoundingClientRect();
      return { direction: getComputedStyle(root.querySelector('[part~=benefit]')!).direction, codeRightOfCopy: code.left >= copy.right };
    });
    assert.deepEqual(layout, { direction: 'rtl', codeRightOfCopy: true });
    assert.match(await arabic.page.$eval(CARD, (el) => el.shadowRoot!.textContent!), /نقاطك/);
    assert.deepEqual(arabic.pageErrors, []);
    assert.deepEqual(arabic.consoleErrors, []);
    await arabic.close();
  });

  it('hearts on a product page: saved and unsaved with a click, one request each', async () => {
    const scope = await fixtures.scope();
    const tab = await open('product.html', scope);
    await find(tab.page, '#add >>> button[aria-pressed=false]');
    await find(tab.page, '#saved >>> button[aria-pressed=true]');
    await (await tab.page.$('#add >>> button'))!.click();
    await find(tab.page, '#add >>> button[aria-pressed=true]');
    await (await tab.page.$('#saved >>> button'))!.click();
    await find(tab.page, '#saved >>> button[aria-pressed=false]');
    await tab.waitForEvents('omneo-wishlist-change', 2);
    const changes = (await tab.record()).events.filter((e) => e.type === 'omneo-wishlist-change').map((e) => e.detail);
    assert.deepEqual(changes, [
      { sku: 'LS-SAND-L', inWishlist: true },
      { sku: 'LS-SAND-M', inWishlist: false },
    ]);
    assert.equal(await scope.count(`/profiles/me/lists/6021/items`, 'POST'), 1);
    assert.equal(await scope.count(`/profiles/me/lists/6021/items/88310`, 'DELETE'), 1);
    assert.deepEqual(tab.pageErrors, []);
    await tab.close();
  });

  it('redeem with the keyboard: the confirm step opens on its question, Tab reaches Confirm, Enter redeems once, focus on the confirmation', async () => {
    const scope = await fixtures.scope();
    const tab = await open('wallet.html', scope);
    const redeem = await find(tab.page, 'omneo-reward-wallet >>> [part~=redeem-button]');
    await redeem.focus();
    await tab.page.keyboard.press('Enter');
    await find(tab.page, 'omneo-reward-wallet >>> [part~=confirm-button]');
    await tab.page.waitForFunction(() => document.querySelector('omneo-reward-wallet')!.shadowRoot!.activeElement?.classList.contains('confirm-text'), { polling: 50 });
    // The Enter that opened the step, repeated, does not spend it.
    await tab.page.keyboard.press('Enter');
    await tab.page.keyboard.press('Tab');
    assert.equal(await tab.focusPath(), 'omneo-reward-wallet > button[confirm-button].primary');
    // Past the guard against the tail of the opening gesture (CONFIRM_GUARD_MS).
    await new Promise((resolve) => setTimeout(resolve, 600));
    await tab.page.keyboard.press('Enter');
    await tab.waitForEvents('omneo-benefit-redeemed');
    await tab.page.waitForFunction(() => document.querySelector('omneo-reward-wallet')!.shadowRoot!.activeElement?.matches('[part~=redeemed]'), { polling: 50 });
    const redeemed = await tab.page.$eval('omneo-reward-wallet', (el) => el.shadowRoot!.querySelector('[part~=redeemed]')!.textContent!.replace(/\s+/g, ' ').trim());
    assert.match(redeemed, /^Birthday 20% off redeemed\. Your code: BDAY-7Q4K-2M/);
    assert.equal(await scope.count('/profiles/me/benefits/7781/redeem', 'POST'), 1);
    assert.deepEqual(tab.pageErrors, []);
    await tab.close();
  });

  it('Redeem clicked, then Escape: focus on the question, then back on Redeem (with a focus ring), nothing sent', async () => {
    const scope = await fixtures.scope();
    const tab = await open('wallet.html', scope);
    await (await find(tab.page, 'omneo-reward-wallet >>> [part~=redeem-button]')).click();
    await find(tab.page, 'omneo-reward-wallet >>> [part~=confirm-button]');
    await tab.page.waitForFunction(() => document.querySelector('omneo-reward-wallet')!.shadowRoot!.activeElement?.classList.contains('confirm-text'), { polling: 50 });
    await tab.page.keyboard.press('Escape');
    await tab.page.waitForFunction(() => !document.querySelector('omneo-reward-wallet')!.shadowRoot!.querySelector('[part~=confirm-button]'), { timeout: 5000, polling: 50 });
    assert.equal(await tab.page.evaluate(focusInShadow, 'omneo-reward-wallet'), 'redeem-button true');
    assert.equal(await scope.count('/profiles/me/benefits/7781/redeem', 'POST'), 0);
    assert.deepEqual([...tab.pageErrors, ...tab.consoleErrors], []);
    await tab.close();
  });

  it('Copy code where the Clipboard API is refused: the selection path copies the code; where that fails too, the code is left selected and the message says so', async () => {
    for (const copyCommand of ['works', 'fails'] as const) {
      const scope = await fixtures.scope();
      const tab = await newTab(null, undefined, async (page) => {
        await page.evaluateOnNewDocument((command: string) => {
          Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')) } });
          if (command === 'fails') document.execCommand = () => false;
          document.addEventListener('copy', () => Object.assign(window, { __copied: String(document.getSelection()) }));
        }, copyCommand);
      });
      await tab.page.goto(fixtures.pageUrl('wallet.html', scope));
      await (await find(tab.page, 'omneo-reward-wallet >>> [part~=copy-button]')).click();
      await find(tab.page, 'omneo-reward-wallet >>> [part~=feedback]');
      const outcome = await tab.page.evaluate(() => ({
        feedback: document.querySelector('omneo-reward-wallet')!.shadowRoot!.querySelector('[part~=feedback]')!.textContent!.trim(),
        copied: (window as unknown as { __copied?: string }).__copied ?? null,
        selected: String(document.getSelection()),
      }));
      if (copyCommand === 'works') assert.deepEqual(outcome, { feedback: 'Copied', copied: 'BDAY-7Q4K-2M', selected: '' });
      else assert.deepEqual(outcome, { feedback: "Couldn't copy automatically. The code is selected: press Ctrl+C (⌘C on a Mac) to copy it.", copied: null, selected: 'BDAY-7Q4K-2M' });
      assert.deepEqual(tab.pageErrors, []);
      await tab.close();
    }
  });

  it('the wishlist: Add to bag tells the host, Remove takes the item away once', async () => {
    const scope = await fixtures.scope();
    const tab = await open('wishlist.html', scope);
    await (await find(tab.page, 'omneo-wishlist >>> [part~=add-button]')).click();
    await tab.waitForEvents('omneo-add-to-cart');
    const [add] = (await tab.record()).events.filter((e) => e.type === 'omneo-add-to-cart');
    assert.equal(add!.detail.sku, 'LS-SAND-M');
    assert.equal(add!.detail.quantity, 1);
    await (await tab.page.$('omneo-wishlist >>> [part~=remove-button]'))!.click();
    await tab.waitForEvents('omneo-wishlist-change');
    await tab.page.waitForFunction(() => document.querySelector('omneo-wishlist')!.shadowRoot!.querySelectorAll('[part~=item]').length === 1, { polling: 50 });
    assert.equal(await scope.count('/profiles/me/lists/6021/items/88310', 'DELETE'), 1);
    assert.deepEqual(tab.pageErrors, []);
    await tab.close();
  });

  it('Retry and Remove pressed from the keyboard: focus stays in the element, on the heading and on the next row, with a focus ring', async () => {
    const scope = await fixtures.scope();
    await scope.addFaults({ method: 'GET', path: BALANCES, status: 500, times: 3 });
    const tab = await open('points.html', scope);
    // focus() from script, then Enter: Firefox decides on its own whether focus it moves afterwards shows a ring.
    await (await find(tab.page, `${CARD} >>> [part=retry-button]`)).focus();
    await tab.page.keyboard.press('Enter');
    await find(tab.page, `${CARD} >>> [part=points]`);
    // The error box (and its Retry) gave way to the skeleton, then the data: focus is not dropped to the page.
    await tab.page.waitForFunction((host) => !!document.querySelector(host)!.shadowRoot!.activeElement, { timeout: 5000, polling: 50 }, CARD).catch(() => {});
    assert.equal(await tab.page.evaluate(focusInShadow, CARD), 'heading true');
    assert.equal(await scope.count(BALANCES), 4);
    assert.deepEqual(tab.pageErrors, []);
    await tab.close();

    const list = await open('wishlist.html', scope);
    await (await find(list.page, 'omneo-wishlist >>> [part~=remove-button]')).focus();
    await list.page.keyboard.press('Enter');
    await list.waitForEvents('omneo-wishlist-change');
    await list.page.waitForFunction(() => !!document.querySelector('omneo-wishlist')!.shadowRoot!.activeElement?.textContent!.includes('Merino'), { timeout: 5000, polling: 50 }).catch(() => {});
    assert.equal(await list.page.evaluate(focusInShadow, 'omneo-wishlist'), 'item true');
    assert.ok(await list.page.evaluate(() => document.querySelector('omneo-wishlist')!.shadowRoot!.activeElement!.textContent!.includes('Merino')), 'focus on the row that took the removed one’s place');
    assert.deepEqual([...list.pageErrors, ...list.consoleErrors], []);
    await list.close();
  });

  it('an answer whose body stalls after its headers: the attempt times out (10 s), the retry loads the points', async () => {
    const scope = await fixtures.scope();
    // Headers at once, then nothing for a minute: only an abort of the body being read (Firefox's own fetch) ends it.
    await scope.addFaults({ method: 'GET', path: BALANCES, stallBodyMs: 60_000, times: 1 });
    const tab = await open('points.html', scope);
    await find(tab.page, `${CARD} >>> [part=points]`, 20_000);
    assert.equal(await scope.count(BALANCES), 2, 'the stalled attempt, then one retry');
    assert.equal(await tab.page.$(`${CARD} >>> [role=alert]`), null);
    assert.deepEqual([...tab.pageErrors, ...tab.consoleErrors], []);
    await tab.close();
  });

  it('a wishlist in a background tab (hidden) while a heart is unsaved in the shop’s other tab: it reads the list again once shown, not before', async () => {
    const scope = await fixtures.scope();
    const list = await open('wishlist.html', scope);
    await list.page.waitForFunction(() => document.querySelector('omneo-wishlist')?.shadowRoot?.querySelectorAll('[part~=item]').length === 2, { timeout: 15_000, polling: 50 });
    await list.page.evaluate(() => {
      const seen = [document.visibilityState];
      Object.assign(window, { __visibility: seen });
      document.addEventListener('visibilitychange', () => seen.push(document.visibilityState));
    });
    // A new tab in front: the wishlist's is hidden behind it.
    const product = await newTab(fixtures.pageUrl('product.html', scope), list.context);
    await product.page.bringToFront();
    await (await find(product.page, '#saved >>> button[aria-pressed=true]')).click();
    await find(product.page, '#saved >>> button[aria-pressed=false]');
    await product.waitForEvents('omneo-wishlist-change');
    // Time for the other tab's notice to arrive: hidden, the wishlist keeps it for later.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const listsBeforeShown = await scope.count('/profiles/me/lists');
    assert.equal(await list.page.evaluate(() => document.querySelector('omneo-wishlist')!.shadowRoot!.querySelectorAll('[part~=item]').length), 2);
    await list.page.bringToFront();
    await list.page.waitForFunction(() => document.querySelector('omneo-wishlist')!.shadowRoot!.querySelectorAll('[part~=item]').length === 1, { timeout: 5000, polling: 50 });
    assert.deepEqual(await list.page.evaluate(() => (window as unknown as { __visibility: string[] }).__visibility), ['visible', 'hidden', 'visible']);
    assert.equal(await scope.count('/profiles/me/lists'), listsBeforeShown + 1, 'read once, when shown');
    assert.deepEqual([...list.pageErrors, ...product.pageErrors], []);
    await list.close();
  });

  it('a 200-item wishlist on a phone-wide screen: after a jump to its end, Show more stays where the shopper reached it', async () => {
    const scope = await fixtures.scope();
    const tab = await newTab(null);
    await tab.page.setViewport({ width: 390, height: 844 });
    await tab.page.goto(fixtures.pageUrl('phone-wishlist.html', scope, { persona: 'olivia' }));
    await tab.waitForEvents('omneo-ready', 1, 'omneo-wishlist');
    await find(tab.page, 'omneo-wishlist >>> [part~=more-button]');
    // A jump (the scrollbar dragged, End, a fling): the rows coming into view are laid out for the first time, and
    // Firefox's scroll anchoring must not then slide the page (it anchored on a row's content, which a row not yet
    // laid out has at its top, and moved the page by the row's top padding once it was laid out).
    const tops = await tab.page.evaluate(showMoreTopsAfterJump, { frames: 10, settleMs: 300 });
    assert.ok(Math.max(...tops) - Math.min(...tops) <= 2, `Show more was at ${tops.join(', ')} in successive frames`);
    assert.deepEqual(tab.pageErrors, []);
    await tab.close();
  });

  it('omneo-logout shows the guest state and clears the cache; the shop’s other tab hears it (BroadcastChannel)', async () => {
    const scope = await fixtures.scope();
    const tab = await open('points.html', scope, { customer: AVA_CUSTOMER });
    await find(tab.page, `${CARD} >>> [part=points]`);
    await tab.page.waitForFunction(() => Object.keys(sessionStorage).some((key) => key.startsWith('omneo-widgets:')), { polling: 50 });
    const other = await newTab(fixtures.pageUrl('points.html', scope, { customer: AVA_CUSTOMER }), tab.context);
    await find(other.page, `${CARD} >>> [part=points]`);
    await other.page.evaluate(() => document.dispatchEvent(new Event('omneo-logout')));
    await find(other.page, `${CARD} >>> [part=guest]`);
    assert.deepEqual(await other.page.evaluate(omneoStorage), []);
    await find(tab.page, `${CARD} >>> [part=guest]`, 5000);
    await find(tab.page, `${BADGE} >>> [part~=guest]`);
    assert.deepEqual(await tab.page.evaluate(omneoStorage), []);
    assert.deepEqual([...tab.pageErrors, ...other.pageErrors], []);
    await tab.close();
  });

  it('Back to a page Firefox kept in its back-forward cache, after the session ended: the guest state, not the previous shopper’s points', async () => {
    const scope = await fixtures.scope();
    let signedOut = false;
    const tab = await newTab(null, undefined, async (page) => {
      // The shopper signs out on the next page: from then on the token endpoint says nobody is signed in.
      page.on('request', (request) => {
        if (request.isInterceptResolutionHandled() || !signedOut || !/\/omneo\/token$/.test(new URL(request.url()).pathname)) return;
        void request.respond({ status: 401, contentType: 'application/json', body: '{"message":"No signed-in customer."}' });
      });
      await cacheablePages(page);
    });
    await tab.page.goto(fixtures.pageUrl('points.html', scope));
    await tab.waitForEvents('omneo-ready', 2);
    await tab.noteRestores();
    signedOut = true;
    await tab.page.goto(fixtures.pageUrl('late.html', scope, { customer: '' }));
    assert.equal(await tab.backToCachedPage(), true, 'the page came back from the back-forward cache');
    await find(tab.page, `${CARD} >>> [part=guest]`, 5000);
    await find(tab.page, `${BADGE} >>> [part~=guest]`);
    assert.equal(await tab.page.$(`${CARD} >>> [part=points]`), null);
    assert.deepEqual(tab.pageErrors, []);
    await tab.close();
  });

  it('Back to a page in the back-forward cache after its token expired there: a new token, the points, no error', async () => {
    const scope = await fixtures.scope({ tokenTtlSeconds: 2 });
    const tab = await newTab(null, undefined, cacheablePages);
    await tab.page.goto(fixtures.pageUrl('points.html', scope));
    await tab.waitForEvents('omneo-ready', 2);
    await tab.noteRestores();
    await tab.page.goto(fixtures.pageUrl('late.html', scope, { customer: '' }));
    // The page's token expires while it is in the cache, its timers suspended.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const minted = await scope.count('/omneo/token', 'POST');
    assert.equal(await tab.backToCachedPage(), true, 'the page came back from the back-forward cache');
    const until = Date.now() + 5000;
    while ((await scope.count('/omneo/token', 'POST')) === minted && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok((await scope.count('/omneo/token', 'POST')) > minted, 'a new token asked for on restore');
    await find(tab.page, `${CARD} >>> [part=points]`);
    await find(tab.page, `${BADGE} >>> [part~=badge][role=status]`);
    assert.equal(await tab.page.$(`${CARD} >>> [role=alert]`), null);
    assert.deepEqual([...tab.pageErrors, ...tab.consoleErrors], []);
    await tab.close();
  });

  it('a page restored from the back-forward cache hears the other tabs again: a sign-out in another tab ends its session', async () => {
    const scope = await fixtures.scope();
    const tab = await newTab(null, undefined, cacheablePages);
    await tab.page.goto(fixtures.pageUrl('points.html', scope));
    await tab.waitForEvents('omneo-ready', 2);
    await tab.noteRestores();
    await tab.page.goto(fixtures.pageUrl('late.html', scope));
    assert.equal(await tab.backToCachedPage(), true, 'the page came back from the back-forward cache');
    await find(tab.page, `${CARD} >>> [part=points]`);
    const other = await newTab(fixtures.pageUrl('points.html', scope), tab.context);
    await find(other.page, `${CARD} >>> [part=points]`);
    await other.page.evaluate(() => (window as unknown as { OmneoWidgets: { logout(): void } }).OmneoWidgets.logout());
    await find(tab.page, `${CARD} >>> [part=guest]`, 5000);
    await find(tab.page, `${BADGE} >>> [part~=guest]`);
    assert.deepEqual(tab.pageErrors, []);
    await tab.close();
  });
});
