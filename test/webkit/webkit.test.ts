/**
 * WebKit (Safari's engine): the built CDN script, the e2e fixture pages and the scoped mock (test/e2e/harness.ts,
 * `E2E.serve()`), driven in Debian's WebKitGTK MiniBrowser over W3C WebDriver classic (./webdriver.ts) under Xvfb.
 * The shopper's journeys an iPhone shopper takes: every element loaded, the guest state, an error and its Retry (by
 * click and by keyboard), a connection reset, a 401 mid-session, a stalled answer timed out, a strict
 * Content-Security-Policy, Subresource Integrity on every file, a long wishlist at a phone's width, a sign-out heard in another tab, a hidden tab catching
 * up when shown, Back to a page in the back-forward cache (session ended, token expired), Copy code, the script
 * included twice, hearts, the wishlist and a benefit redeemed (each sent once; Escape), French and Arabic. WebKitGTK is Safari's engine, not Safari (README, Browser support).
 * The last part of `npm test` (on the end-to-end suite's build), or alone: `npm run test:webkit`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { E2E, type FixtureServer, type OpenOptions, type Scope } from '../e2e/harness.js';
import { recorderFront, WebKit, type ElementRef, type RecorderFront, type Session, type WebKitRecord } from './webdriver.js';
import { busyElements, focusInShadow, showMoreTopsAfterJump } from '../e2e/probes.js';

const AVA_CUSTOMER = '7321987654321';
// Light-DOM elements only (the hub's nested elements are in its shadow root).
const CARD = 'main > omneo-points-balance:not([variant=compact])';
const BADGE = 'header > omneo-points-balance[variant=compact]';
const BALANCES = '/profiles/me/balances';

/** Runs in the page: the first match of `inner` in the shadow root of the first match of `host`, or null. */
const inShadow = (host: string, inner: string): Element | null => document.querySelector(host)?.shadowRoot?.querySelector(inner) ?? null;

/** Runs in the page: the text of `host`'s shadow root, whitespace collapsed. */
const shadowText = (host: string): string => (document.querySelector(host)?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Runs in the page: the element under focus, through open shadow roots, as `tag[part].class` from the page down. */
const focusPath = (): string => {
  const path: string[] = [];
  for (let el = document.activeElement; el; el = el.shadowRoot?.activeElement ?? null) {
    path.push(`${el.localName}${el.getAttribute('part') ? `[${el.getAttribute('part')}]` : ''}${typeof el.className === 'string' && el.className ? `.${el.className.split(' ')[0]}` : ''}`);
  }
  return path.join(' > ');
};

const ENTER = '\uE007';
const TAB = '\uE004';
const ESCAPE = '\uE00C';

/** Runs in the page: the omneo-widgets entries of sessionStorage and localStorage. */
const omneoStorage = (): string[] => Object.keys(sessionStorage).concat(Object.keys(localStorage)).filter((key) => key.startsWith('omneo-widgets:'));

/** `inner` in `host`'s shadow root once it is there (polled: a render inside a shadow root fires nothing a page can wait on). */
function find(session: Session, host: string, inner: string, timeout = 15_000): Promise<ElementRef> {
  return session.waitFor(`${host} >>> ${inner}`, inShadow, [host, inner], timeout) as unknown as Promise<ElementRef>;
}

function events(record: WebKitRecord, type: string): Record<string, unknown>[] {
  return record.events.filter((event) => event.type === type).map((event) => event.detail);
}

/** Resolves once `count` events of `type` have fired. */
async function waitForEvents(session: Session, type: string, count = 1): Promise<void> {
  await session.waitFor(
    `${count} ${type}`,
    (t: string, n: number) => (window as unknown as { __e2e: WebKitRecord }).__e2e.events.filter((event) => event.type === t).length >= n,
    [type, count],
  );
}

/** No uncaught error, no console.error, no omneo-error. */
async function assertQuiet(session: Session): Promise<void> {
  const record = await session.record();
  assert.deepEqual({ pageErrors: record.pageErrors, consoleErrors: record.consoleErrors, omneoErrors: events(record, 'omneo-error') }, { pageErrors: [], consoleErrors: [], omneoErrors: [] });
}

describe('WebKit (WebKitGTK MiniBrowser, WebDriver classic), against the built CDN bundle', () => {
  let fixtures: FixtureServer;
  let front: RecorderFront;
  let webkit: WebKit;
  before(async () => {
    fixtures = await E2E.serve();
    front = await recorderFront(fixtures);
    webkit = await WebKit.launch();
  });
  after(async () => {
    await webkit?.close();
    await front?.close();
    await fixtures?.stop();
  });

  /** A new window (its own browser process, cookies and storage) at a fixture page, the recorder in it. */
  async function open(page: string, scope: Scope, options: OpenOptions = {}): Promise<Session> {
    const session = await webkit.session();
    await session.goto(front.pageUrl(page, scope, options));
    return session;
  }

  it('every element and the hub show the shopper’s data: nothing left loading, no error', async () => {
    const scope = await fixtures.scope();
    const tab = await open('all.html', scope);
    // Six elements in the page, four more in the hub.
    await waitForEvents(tab, 'omneo-ready', 10);
    assert.deepEqual(await tab.run(busyElements), [], 'no skeleton left');
    const seen = await tab.run(() => {
      const text = (selector: string) => (document.querySelector(selector)?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
      const hub = document.querySelector('omneo-rewards')!.shadowRoot!;
      return {
        badge: text('header > omneo-points-balance').replace(/\s+/g, ''),
        card: text('main > omneo-points-balance'),
        tier: text('main > omneo-tier-progress'),
        wallet: text('main > omneo-reward-wallet'),
        heart: document.querySelector('omneo-wishlist-button')!.shadowRoot!.querySelector('button')!.getAttribute('aria-pressed'),
        wishlistItems: document.querySelector('omneo-wishlist')!.shadowRoot!.querySelectorAll('[part~=item]').length,
        hub: [...hub.querySelectorAll('omneo-points-balance, omneo-tier-progress, omneo-reward-wallet, omneo-wishlist')].map((el) => el.localName),
        hubPoints: hub.querySelector('omneo-points-balance')!.shadowRoot!.querySelector('[part=points]')?.textContent?.trim(),
      };
    });
    // The figure, then the same for screen readers: "1,250 loyalty points".
    assert.equal(seen.badge, '1,2501,250loyaltypoints');
    assert.match(seen.card, /Your points 1,250 points Worth \$12\.50 \$47\.50 to spend/);
    assert.match(seen.tier, /Gold/);
    assert.match(seen.wallet, /Birthday 20% off/);
    assert.equal(seen.heart, 'true');
    assert.equal(seen.wishlistItems, 2);
    assert.deepEqual(seen.hub, ['omneo-points-balance', 'omneo-tier-progress', 'omneo-reward-wallet', 'omneo-wishlist']);
    assert.equal(seen.hubPoints, '1,250 points');
    await assertQuiet(tab);
    await tab.close();
  });

  it('a guest (the token endpoint says nobody is signed in): every element’s guest state, no API call', async () => {
    const scope = await fixtures.scope();
    const tab = await open('all.html', scope, { persona: 'guest' });
    await find(tab, CARD, '[part=guest]');
    const guests = await tab.waitFor('every guest state', () => {
      const root = (selector: string) => document.querySelector(selector)!.shadowRoot!;
      if (['header > omneo-points-balance', 'main > omneo-tier-progress', 'main > omneo-reward-wallet', 'main > omneo-wishlist', 'omneo-wishlist-button', 'omneo-rewards'].some((selector) => !document.querySelector(selector)?.shadowRoot)) return null;
      const states = {
        badge: !!root('header > omneo-points-balance').querySelector('[part~=guest]'),
        tier: !!root('main > omneo-tier-progress').querySelector('[part~=guest]'),
        wallet: !!root('main > omneo-reward-wallet').querySelector('[part~=guest]'),
        wishlist: !!root('main > omneo-wishlist').querySelector('[part~=guest]'),
        // A guest's heart is a sign-in prompt, not a toggle.
        heart: !root('omneo-wishlist-button').querySelector('button')!.hasAttribute('aria-pressed') && !root('omneo-wishlist-button').querySelector('button')!.disabled,
        hub: !!root('omneo-rewards').querySelector('[part~=guest-card] [part~=guest]'),
      };
      return Object.values(states).every(Boolean) ? states : null;
    });
    assert.ok(guests);
    assert.deepEqual((await scope.requests()).map((r) => `${r.method} ${r.path}`), ['POST /omneo/token']);
    await assertQuiet(tab);
    await tab.close();
  });

  it('the API answers 500: the error state with Retry after two retries; Retry (clicked) loads the points', async () => {
    const scope = await fixtures.scope();
    await scope.addFaults({ method: 'GET', path: BALANCES, status: 500, times: null });
    const tab = await open('points.html', scope);
    await find(tab, CARD, '[part~=error][role=alert]');
    await find(tab, BADGE, '[role=alert]');
    assert.match(await tab.run(shadowText, CARD), /couldn't load/);
    assert.equal(await scope.count(BALANCES), 3, 'retried twice, then gave up');
    const errors = events(await tab.record(), 'omneo-error');
    assert.ok(errors.some((detail) => detail.kind === 'http' && detail.status === 500 && detail.element === 'omneo-points-balance'), JSON.stringify(errors));

    await scope.clearFaults();
    await tab.click(await find(tab, CARD, '[part=retry-button]'));
    await find(tab, CARD, '[part=points]');
    // One shared resource: the badge recovers with the card.
    await find(tab, BADGE, '[part~=badge][role=status]');
    assert.equal(await scope.count(BALANCES), 4);
    assert.deepEqual((await tab.record()).pageErrors, []);
    await tab.close();
  });

  it('the connection to the API reset (fetch fails: "Load failed"): the error state, a network error; Retry loads', async () => {
    const scope = await fixtures.scope();
    front.resetPaths = /\/profiles\/me\/balances$/;
    try {
      const tab = await open('points.html', scope);
      await find(tab, CARD, '[role=alert]');
      assert.match(await tab.run(shadowText, CARD), /couldn't load/);
      const errors = events(await tab.record(), 'omneo-error');
      assert.ok(errors.some((detail) => detail.kind === 'network' && detail.element === 'omneo-points-balance'), JSON.stringify(errors));
      assert.equal(await scope.count(BALANCES), 0, 'never reached the mock');
      front.resetPaths = null;
      await tab.click(await find(tab, CARD, '[part=retry-button]'));
      await find(tab, CARD, '[part=points]');
      await find(tab, BADGE, '[part~=badge][role=status]');
      assert.equal(await scope.count(BALANCES), 1);
      assert.deepEqual((await tab.record()).pageErrors, []);
      await tab.close();
    } finally {
      front.resetPaths = null;
    }
  });

  it('Retry and Remove pressed from the keyboard: focus stays in the element, on the heading and on the next row, with a focus ring', async () => {
    const scope = await fixtures.scope();
    await scope.addFaults({ method: 'GET', path: BALANCES, status: 500, times: 3 });
    const tab = await open('points.html', scope);
    const retry = await find(tab, CARD, '[part=retry-button]');
    await tab.run((button: unknown) => (button as HTMLElement).focus(), retry);
    await tab.press(ENTER);
    await find(tab, CARD, '[part=points]');
    // The error box (and its Retry) gave way to the skeleton, then the data: focus is not dropped to the page.
    await tab.waitFor('focus back in the card', () => !!document.querySelector('main > omneo-points-balance')!.shadowRoot!.activeElement, [], 5000).catch(() => {});
    assert.equal(await tab.run(focusInShadow, CARD), 'heading true');
    assert.equal(await scope.count(BALANCES), 4);
    assert.deepEqual((await tab.record()).pageErrors, []);
    await tab.close();

    const list = await open('wishlist.html', scope);
    const remove = await find(list, 'omneo-wishlist', '[part~=remove-button]');
    await list.run((button: unknown) => (button as HTMLElement).focus(), remove);
    await list.press(ENTER);
    await waitForEvents(list, 'omneo-wishlist-change');
    const row = await list.waitFor('focus on the row left', () => {
      const active = document.querySelector('omneo-wishlist')!.shadowRoot!.activeElement;
      return active && `${active.getAttribute('part')} ${active.matches(':focus-visible')} ${active.textContent!.includes('Merino')}`;
    });
    assert.equal(row, 'item true true');
    await assertQuiet(list);
    await list.close();
  });

  it('a 401 mid-session: one re-mint, one replay, the points stay on screen', async () => {
    const scope = await fixtures.scope();
    const tab = await open('points.html', scope);
    await find(tab, CARD, '[part=points]');
    assert.equal(await scope.count('/omneo/token', 'POST'), 1);
    await scope.addFaults({ method: 'GET', path: BALANCES, expireToken: true, times: 1 });
    await tab.run(() => (window as unknown as { OmneoWidgets: { refresh(): void } }).OmneoWidgets.refresh());
    const until = Date.now() + 10_000;
    while ((await scope.count(BALANCES)) < 3 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(await scope.count(BALANCES), 3, 'initial load, the rejected refresh, one replay');
    assert.equal(await scope.count('/omneo/token', 'POST'), 3, 'the refresh asks for a new token, then exactly one re-mint');
    assert.equal(await tab.run(() => document.querySelector('main > omneo-points-balance')!.shadowRoot!.querySelector('[part=points]')?.textContent?.trim()), '1,250 points');
    await assertQuiet(tab);
    await tab.close();
  });

  it('an answer whose body stalls after its headers: the attempt times out (10 s), the retry loads the points', async () => {
    const scope = await fixtures.scope();
    // Headers at once, then nothing for a minute: only an abort of the body being read ends the attempt.
    await scope.addFaults({ method: 'GET', path: BALANCES, stallBodyMs: 60_000, times: 1 });
    const tab = await open('points.html', scope);
    await find(tab, CARD, '[part=points]', 20_000);
    assert.equal(await scope.count(BALANCES), 2, 'the stalled attempt, then one retry');
    await assertQuiet(tab);
    await tab.close();
  });

  it('a strict CSP (script-src and style-src self): every element styled and working, not one violation; the policy is in force', async () => {
    const scope = await fixtures.scope();
    const response = await fetch(front.pageUrl('all.html', scope, { csp: 'strict' }));
    assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    const tab = await open('all.html', scope, { csp: 'strict' });
    await waitForEvents(tab, 'omneo-ready', 10);
    // The shadow styles applied (constructable stylesheets, allowed without 'unsafe-inline').
    assert.equal(await tab.run(() => getComputedStyle(document.querySelector('header > omneo-points-balance')!.shadowRoot!.querySelector('.visually-hidden')!).position), 'absolute');
    // Interactions too: a redeem's confirm step and a heart.
    await tab.click(await find(tab, 'main > omneo-reward-wallet', '[part~=redeem-button]'));
    await find(tab, 'main > omneo-reward-wallet', '[part~=confirm]');
    await tab.click(await find(tab, 'omneo-wishlist-button', '[part~=button]'));
    await waitForEvents(tab, 'omneo-wishlist-change');
    assert.deepEqual((await tab.record()).cspViolations, [], 'the widgets caused CSP violations');
    await assertQuiet(tab);

    // Control: the policy is in force on this page, so the empty list above means something.
    await tab.run(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineScriptRan = true';
      document.head.append(script);
    });
    await tab.waitFor('a script-src violation', () => (window as unknown as { __e2e: WebKitRecord }).__e2e.cspViolations.some((v) => v.directive.startsWith('script-src')));
    assert.equal(await tab.run(() => 'inlineScriptRan' in window), false);
    await tab.close();
  });

  it('Subresource Integrity (the omneo-widgets-sri tags) under a strict CSP: the points load; a chunk whose hash does not match is refused', async () => {
    const tab = await open('points.html', await fixtures.scope(), { csp: 'strict', sri: {} });
    assert.equal(await tab.run(() => document.querySelectorAll('script[type=importmap], script[type=module][integrity]').length), 2, 'the tool\'s two tags');
    await waitForEvents(tab, 'omneo-ready', 2);
    assert.match(await tab.run(shadowText, CARD), /1,250 points/);
    assert.deepEqual((await tab.record()).cspViolations, [], 'the import map allowed by its hash');
    await assertQuiet(tab);
    await tab.close();

    // The import map pins the element's chunk to other bytes' hash, as when a CDN serves a changed file.
    const broken = await open('points.html', await fixtures.scope(), { sri: { wrongHashFor: 'omneo-points-balance-' } });
    await broken.waitFor('the loader saying the element could not load', () =>
      (window as unknown as { __e2e: WebKitRecord }).__e2e.consoleErrors.some((error) => error.includes('the code for <omneo-points-balance> could not be loaded')),
    );
    assert.equal(await broken.run(() => customElements.get('omneo-points-balance') === undefined), true, 'the chunk did not run');
    await broken.close();
  });

  it('a 200-item wishlist on a phone-wide screen: after a jump to its end, Show more stays where the shopper reached it', async () => {
    const scope = await fixtures.scope();
    const tab = await webkit.session();
    await tab.gotoAtWidth(front.pageUrl('phone-wishlist.html', scope, { persona: 'olivia' }), 390, 844);
    await find(tab, 'omneo-wishlist', '[part~=more-button]');
    // A jump (the scrollbar dragged, End, a fling): the rows coming into view are laid out for the first time
    // (content-visibility: auto); WebKit has no scroll anchoring, so a row above that came out taller or shorter
    // than its estimate would move everything below it.
    const tops = await tab.run(showMoreTopsAfterJump, { frames: 10, settleMs: 300 });
    assert.ok(Math.max(...tops) - Math.min(...tops) <= 2, `Show more was at ${tops.join(', ')} in successive frames`);
    assert.deepEqual((await tab.record()).pageErrors, []);
    await tab.close();
  });

  it('omneo-logout: the guest state, the cached data gone from sessionStorage; the shop’s other tab hears it (BroadcastChannel)', async () => {
    const scope = await fixtures.scope();
    const tab = await open('points.html', scope, { customer: AVA_CUSTOMER });
    const first = await tab.windowHandle();
    await find(tab, CARD, '[part=points]');
    // The cache writes a moment after the data came (src/api/cache.ts).
    await tab.waitFor('the cross-page cache', () => Object.keys(sessionStorage).some((key) => key.startsWith('omneo-widgets:')));
    const second = await tab.newTab();
    await tab.switchToWindow(second);
    await tab.goto(front.pageUrl('points.html', scope, { customer: AVA_CUSTOMER }));
    await find(tab, CARD, '[part=points]');
    await tab.run(() => document.dispatchEvent(new Event('omneo-logout')));
    await find(tab, CARD, '[part=guest]');
    await find(tab, BADGE, '[part~=guest]');
    assert.deepEqual(await tab.run(omneoStorage), []);
    assert.equal(await tab.run(inShadow, CARD, '[part=points]'), null);
    await assertQuiet(tab);

    await tab.switchToWindow(first);
    await find(tab, CARD, '[part=guest]', 5000);
    await find(tab, BADGE, '[part~=guest]');
    assert.deepEqual(await tab.run(omneoStorage), []);
    await assertQuiet(tab);
    await tab.close();
  });

  it('a wishlist in a background tab (hidden) while a heart is unsaved in the shop’s other tab: it reads the list again once shown, not before', async () => {
    const scope = await fixtures.scope();
    const tab = await open('product.html', scope);
    const product = await tab.windowHandle();
    await find(tab, '#saved', 'button[aria-pressed=true]');
    // MiniBrowser opens a tab behind the current one: hidden until the tab in front is closed.
    const background = await tab.newTab();
    await tab.switchToWindow(background);
    await tab.goto(front.pageUrl('wishlist.html', scope));
    await tab.waitFor('two items', () => document.querySelector('omneo-wishlist')?.shadowRoot?.querySelectorAll('[part~=item]').length === 2);
    await tab.run(() => {
      const seen = [document.visibilityState];
      Object.assign(window, { __visibility: seen });
      document.addEventListener('visibilitychange', () => seen.push(document.visibilityState));
    });
    await tab.switchToWindow(product);
    await tab.click(await find(tab, '#saved', 'button[aria-pressed=true]'));
    await find(tab, '#saved', 'button[aria-pressed=false]');
    await waitForEvents(tab, 'omneo-wishlist-change');
    // Time for the other tab's notice to arrive: hidden, the wishlist keeps it for later.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const listsBeforeShown = await scope.count('/profiles/me/lists');
    await tab.switchToWindow(background);
    assert.equal(await tab.run(() => document.querySelector('omneo-wishlist')!.shadowRoot!.querySelectorAll('[part~=item]').length), 2);
    await tab.switchToWindow(product);
    await tab.closeTab();
    await tab.switchToWindow(background);
    await tab.waitFor('one item once shown', () => document.querySelector('omneo-wishlist')!.shadowRoot!.querySelectorAll('[part~=item]').length === 1);
    assert.deepEqual(await tab.run(() => (window as unknown as { __visibility: string[] }).__visibility), ['hidden', 'visible']);
    assert.equal(await scope.count('/profiles/me/lists'), listsBeforeShown + 1, 'read once, when shown');
    await assertQuiet(tab);
    await tab.close();
  });

  it('Back to a page WebKit kept in its back-forward cache, after the session ended: the guest state, not the previous shopper’s points', async () => {
    const scope = await fixtures.scope();
    front.cacheablePages = true;
    try {
      const tab = await open('points.html', scope);
      await waitForEvents(tab, 'omneo-ready', 2);
      await tab.run(() => addEventListener('pageshow', (event) => Object.assign(window, { __restoredFromCache: event.persisted })));
      // The shopper signs out on the next page: from then on the token route says nobody is signed in.
      front.signedOut = true;
      await tab.goto(front.pageUrl('late.html', scope, { customer: '' }));
      await tab.back();
      assert.equal(await tab.run(() => (window as unknown as { __restoredFromCache?: boolean }).__restoredFromCache), true, 'the page came back from the back-forward cache');
      await find(tab, CARD, '[part=guest]', 5000);
      await find(tab, BADGE, '[part~=guest]');
      assert.equal(await tab.run(inShadow, CARD, '[part=points]'), null);
      assert.deepEqual((await tab.record()).pageErrors, []);
      await tab.close();
    } finally {
      front.cacheablePages = false;
      front.signedOut = false;
    }
  });

  it('Back to a page in the back-forward cache after its token expired there: a new token, the points, no error', async () => {
    const scope = await fixtures.scope({ tokenTtlSeconds: 2 });
    front.cacheablePages = true;
    try {
      const tab = await open('points.html', scope);
      await waitForEvents(tab, 'omneo-ready', 2);
      await tab.run(() => addEventListener('pageshow', (event) => Object.assign(window, { __restoredFromCache: event.persisted })));
      await tab.goto(front.pageUrl('late.html', scope, { customer: '' }));
      // The page's token expires while it is in the cache, its timers suspended.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const minted = await scope.count('/omneo/token', 'POST');
      await tab.back();
      assert.equal(await tab.run(() => (window as unknown as { __restoredFromCache?: boolean }).__restoredFromCache), true, 'the page came back from the back-forward cache');
      const until = Date.now() + 5000;
      while ((await scope.count('/omneo/token', 'POST')) === minted && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.ok((await scope.count('/omneo/token', 'POST')) > minted, 'a new token asked for on restore');
      await find(tab, CARD, '[part=points]');
      await find(tab, BADGE, '[part~=badge][role=status]');
      assert.equal(await tab.run(inShadow, CARD, '[role=alert]'), null);
      await assertQuiet(tab);
      await tab.close();
    } finally {
      front.cacheablePages = false;
    }
  });

  it('a page restored from the back-forward cache hears the other tabs again: a sign-out in another tab ends its session', async () => {
    const scope = await fixtures.scope();
    front.cacheablePages = true;
    try {
      const tab = await open('points.html', scope);
      const first = await tab.windowHandle();
      await waitForEvents(tab, 'omneo-ready', 2);
      await tab.run(() => addEventListener('pageshow', (event) => Object.assign(window, { __restoredFromCache: event.persisted })));
      await tab.goto(front.pageUrl('late.html', scope));
      await tab.back();
      assert.equal(await tab.run(() => (window as unknown as { __restoredFromCache?: boolean }).__restoredFromCache), true, 'the page came back from the back-forward cache');
      await find(tab, CARD, '[part=points]');
      const second = await tab.newTab();
      await tab.switchToWindow(second);
      await tab.goto(front.pageUrl('points.html', scope));
      await find(tab, CARD, '[part=points]');
      await tab.run(() => (window as unknown as { OmneoWidgets: { logout(): void } }).OmneoWidgets.logout());
      await tab.switchToWindow(first);
      await find(tab, CARD, '[part=guest]', 5000);
      await find(tab, BADGE, '[part~=guest]');
      assert.deepEqual((await tab.record()).pageErrors, []);
      await tab.close();
    } finally {
      front.cacheablePages = false;
    }
  });

  it('Copy code, clicked: the Clipboard API copies the code, no fallback needed', async () => {
    const scope = await fixtures.scope();
    const tab = await open('wallet.html', scope);
    const copy = await find(tab, 'omneo-reward-wallet', '[part~=copy-button]');
    // What the page asks of the clipboard, and what WebKit answers (a real click is a gesture WebKit accepts).
    await tab.run(() => {
      const calls: string[] = [];
      Object.assign(window, { __clipboard: calls });
      const writeText = navigator.clipboard.writeText.bind(navigator.clipboard);
      navigator.clipboard.writeText = (text: string) =>
        writeText(text).then(
          () => void calls.push(`copied ${text}`),
          (error: unknown) => {
            calls.push(`refused ${text}: ${String(error)}`);
            throw error;
          },
        );
      document.addEventListener('copy', () => calls.push(`selection path ${String(document.getSelection())}`));
    });
    await tab.click(copy);
    assert.equal(await tab.waitFor('feedback', () => document.querySelector('omneo-reward-wallet')!.shadowRoot!.querySelector('[part~=feedback]')?.textContent?.trim()), 'Copied');
    assert.deepEqual(await tab.run(() => (window as unknown as { __clipboard: string[] }).__clipboard), ['copied BDAY-7Q4K-2M']);
    await assertQuiet(tab);
    await tab.close();
  });

  it('Copy code where the Clipboard API is refused: the selection path copies the code; where that fails too, the code is left selected and the message says so', async () => {
    for (const copyCommand of ['works', 'fails'] as const) {
      const scope = await fixtures.scope();
      const tab = await open('wallet.html', scope);
      const copy = await find(tab, 'omneo-reward-wallet', '[part~=copy-button]');
      await tab.run((command: string) => {
        Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')) } });
        if (command === 'fails') document.execCommand = () => false;
        document.addEventListener('copy', () => Object.assign(window, { __copied: String(document.getSelection()) }));
      }, copyCommand);
      await tab.click(copy);
      await find(tab, 'omneo-reward-wallet', '[part~=feedback]');
      const outcome = await tab.run(() => ({
        feedback: document.querySelector('omneo-reward-wallet')!.shadowRoot!.querySelector('[part~=feedback]')!.textContent!.trim(),
        copied: (window as unknown as { __copied?: string }).__copied ?? null,
        selected: String(document.getSelection()),
      }));
      if (copyCommand === 'works') assert.deepEqual(outcome, { feedback: 'Copied', copied: 'BDAY-7Q4K-2M', selected: '' });
      else assert.deepEqual(outcome, { feedback: "Couldn't copy automatically. The code is selected: press Ctrl+C (⌘C on a Mac) to copy it.", copied: null, selected: 'BDAY-7Q4K-2M' });
      assert.deepEqual((await tab.record()).pageErrors, []);
      await tab.close();
    }
  });

  it('the script included twice, and once more under a second URL: one token request, one request per resource, no error', async () => {
    const scope = await fixtures.scope();
    const tab = await open('twice.html', scope);
    await find(tab, CARD, '[part=points]');
    await find(tab, BADGE, '[part~=badge][role=status]');
    const api = await tab.run(() => {
      const widgets = (window as unknown as { OmneoWidgets?: object }).OmneoWidgets;
      return { keys: Object.keys(widgets ?? {}).sort(), frozen: Object.isFrozen(widgets) };
    });
    for (const key of ['configure', 'logout', 'refresh', 'version']) assert.ok(api.keys.includes(key), `OmneoWidgets.${key} is missing`);
    assert.equal(api.frozen, true);
    assert.equal(await scope.count('/omneo/token', 'POST'), 1);
    assert.equal(await scope.count(BALANCES), 1);
    await assertQuiet(tab);
    await tab.close();
  });

  it('hearts on a product page: saved and unsaved with a click, one request each', async () => {
    const scope = await fixtures.scope();
    const tab = await open('product.html', scope);
    const add = await find(tab, '#add', 'button[aria-pressed=false]');
    const saved = await find(tab, '#saved', 'button[aria-pressed=true]');
    await tab.click(add);
    await find(tab, '#add', 'button[aria-pressed=true]');
    await tab.click(saved);
    await find(tab, '#saved', 'button[aria-pressed=false]');
    await waitForEvents(tab, 'omneo-wishlist-change', 2);
    assert.deepEqual(events(await tab.record(), 'omneo-wishlist-change'), [
      { sku: 'LS-SAND-L', inWishlist: true },
      { sku: 'LS-SAND-M', inWishlist: false },
    ]);
    assert.equal(await scope.count('/profiles/me/lists/6021/items', 'POST'), 1);
    assert.equal(await scope.count('/profiles/me/lists/6021/items/88310', 'DELETE'), 1);
    await assertQuiet(tab);
    await tab.close();
  });

  it('the wishlist: Add to bag tells the host, Remove takes the item away, one request', async () => {
    const scope = await fixtures.scope();
    const tab = await open('wishlist.html', scope);
    await tab.click(await find(tab, 'omneo-wishlist', '[part~=add-button]'));
    await waitForEvents(tab, 'omneo-add-to-cart');
    const [add] = events(await tab.record(), 'omneo-add-to-cart');
    assert.deepEqual([add!.sku, add!.quantity], ['LS-SAND-M', 1]);
    await tab.click(await find(tab, 'omneo-wishlist', '[part~=remove-button]'));
    await waitForEvents(tab, 'omneo-wishlist-change');
    await tab.waitFor('one item left', () => document.querySelector('omneo-wishlist')!.shadowRoot!.querySelectorAll('[part~=item]').length === 1);
    assert.deepEqual(events(await tab.record(), 'omneo-wishlist-change'), [{ sku: 'LS-SAND-M', inWishlist: false }]);
    assert.equal(await scope.count('/profiles/me/lists/6021/items/88310', 'DELETE'), 1);
    await assertQuiet(tab);
    await tab.close();
  });

  it('a benefit redeemed: Redeem, then Confirm (clicked), one request; the code on screen', async () => {
    const scope = await fixtures.scope();
    const tab = await open('wallet.html', scope);
    await tab.click(await find(tab, 'omneo-reward-wallet', '[part~=redeem-button]'));
    const confirm = await find(tab, 'omneo-reward-wallet', '[part~=confirm-button]');
    // Past the guard against the tail of the opening gesture (CONFIRM_GUARD_MS).
    await new Promise((resolve) => setTimeout(resolve, 600));
    await tab.click(confirm);
    await waitForEvents(tab, 'omneo-benefit-redeemed');
    const redeemed = await tab.run(() => document.querySelector('omneo-reward-wallet')!.shadowRoot!.querySelector('[part~=redeemed]')?.textContent?.replace(/\s+/g, ' ').trim());
    assert.match(redeemed ?? '', /^Birthday 20% off redeemed\. Your code: BDAY-7Q4K-2M/);
    assert.equal(await scope.count('/profiles/me/benefits/7781/redeem', 'POST'), 1);
    await assertQuiet(tab);
    await tab.close();
  });

  it('Redeem clicked, then Escape: focus on the question, then back on Redeem (with a focus ring), nothing sent', async () => {
    const scope = await fixtures.scope();
    const tab = await open('wallet.html', scope);
    await tab.click(await find(tab, 'omneo-reward-wallet', '[part~=redeem-button]'));
    await find(tab, 'omneo-reward-wallet', '[part~=confirm-button]');
    await tab.waitFor('focus on the question', () => document.querySelector('omneo-reward-wallet')!.shadowRoot!.activeElement?.classList.contains('confirm-text'));
    await tab.press(ESCAPE);
    await tab.waitFor('the confirm step gone', () => !document.querySelector('omneo-reward-wallet')!.shadowRoot!.querySelector('[part~=confirm-button]'));
    assert.equal(await tab.run(focusInShadow, 'omneo-reward-wallet'), 'redeem-button true');
    assert.equal(await scope.count('/profiles/me/benefits/7781/redeem', 'POST'), 0);
    await assertQuiet(tab);
    await tab.close();
  });

  it('redeem with the keyboard: the confirm step opens on its question, Tab reaches Confirm, Enter redeems once, focus on the confirmation', async () => {
    const scope = await fixtures.scope();
    const tab = await open('wallet.html', scope);
    await find(tab, 'omneo-reward-wallet', '[part~=redeem-button]');
    await tab.run(() => (document.querySelector('omneo-reward-wallet')!.shadowRoot!.querySelector('[part~=redeem-button]') as HTMLElement).focus());
    await tab.press(ENTER);
    await find(tab, 'omneo-reward-wallet', '[part~=confirm-button]');
    await tab.waitFor('focus on the question', () => document.querySelector('omneo-reward-wallet')!.shadowRoot!.activeElement?.classList.contains('confirm-text'));
    // The Enter that opened the step, repeated, does not spend it.
    await tab.press(ENTER, TAB);
    assert.equal(await tab.run(focusPath), 'omneo-reward-wallet > button[confirm-button].primary');
    // Past the guard against the tail of the opening gesture (CONFIRM_GUARD_MS).
    await new Promise((resolve) => setTimeout(resolve, 600));
    await tab.press(ENTER);
    await waitForEvents(tab, 'omneo-benefit-redeemed');
    await tab.waitFor('focus on the confirmation', () => document.querySelector('omneo-reward-wallet')!.shadowRoot!.activeElement?.matches('[part~=redeemed]'));
    assert.equal(await scope.count('/profiles/me/benefits/7781/redeem', 'POST'), 1);
    await assertQuiet(tab);
    await tab.close();
  });

  it('French and Arabic: the copy and numbers of the locale; Arabic laid out right to left', async () => {
    const scope = await fixtures.scope();
    const french = await open('all.html', scope, { locale: 'fr-FR' });
    await waitForEvents(french, 'omneo-ready', 10);
    // French groups thousands with a narrow no-break space.
    const card = await french.run((selector: string) => document.querySelector(selector)!.shadowRoot!.textContent!.replace(/[ \n]+/g, ' '), CARD);
    assert.match(card, /Vos points 1\u202f250 points Valeur\u00a0: 12,50\u00a0\$AU/);
    await assertQuiet(french);
    await french.close();

    const arabic = await open('all.html', scope, { locale: 'ar' });
    await waitForEvents(arabic, 'omneo-ready', 10);
    const layout = await arabic.run(() => {
      const root = document.querySelector('main > omneo-reward-wallet')!.shadowRoot!;
      const code = root.querySelector('[part~=code]')!.getBoundingClientRect();
      const copy = root.querySelector('[part~=copy-button]')!.getBoundingClientRect();
      return { direction: getComputedStyle(root.querySelector('[part~=benefit]')!).direction, codeRightOfCopy: code.left >= copy.right };
    });
    assert.deepEqual(layout, { direction: 'rtl', codeRightOfCopy: true });
    assert.match(await arabic.run(shadowText, CARD), /نقاطك/);
    // One set of digits in every figure and date: the one this engine's Intl gives Arabic (Arabic-Indic in WebKit
    // with Debian's ICU and in Safari, Latin in Chromium), never our own Latin ones in between.
    const digits = await arabic.run(() => {
      const text = ['main > omneo-points-balance:not([variant=compact])', 'header > omneo-points-balance', 'main > omneo-tier-progress']
        .map((selector) => document.querySelector(selector)!.shadowRoot!.textContent!)
        .join(' ');
      const intlLatin = /[0-9]/.test(new Intl.NumberFormat('ar').format(1250) + new Intl.DateTimeFormat('ar').format(0));
      return { intlLatin, latin: /[0-9]/.test(text), arabicIndic: /[\u0660-\u0669]/.test(text) };
    });
    assert.deepEqual(digits, { intlLatin: digits.intlLatin, latin: digits.intlLatin, arabicIndic: !digits.intlLatin });
    await assertQuiet(arabic);
    await arabic.close();
  });
});
