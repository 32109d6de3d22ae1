/**
 * The site's other tabs (src/core/runtime.ts): a change made in one tab (a heart, a redeem) is read again by the
 * others, and a logout in one ends the session in all. "Another tab" here is a second BroadcastChannel of the same
 * name in this page: it receives what the runtime posts, and what it posts reaches the runtime, as between tabs.
 * Each test has its own mock Omneo (its own API base, so its own scope), so the other test file running in the
 * other tab of the browser never hears these notices as its own.
 */
import { expect, fixtureSync, html } from '@open-wc/testing';
import '../../src/components/points-balance/define.js';
import '../../src/components/rewards/define.js';
import '../../src/components/wishlist-button/define.js';
import { flushCachedData } from '../../src/api/cache.js';
import { redeemBenefit } from '../../src/api/mutations.js';
import { endpointTokenSource } from '../../src/api/token-provider.js';
import { balancesResource, benefitsResource, listsResource } from '../../src/api/resources.js';
import { apiBaseForTenant, configure, pageCacheScope, resetPageConfig, resolveConfig } from '../../src/core/config.js';
import { installPageListeners, logout, pageEnvironment, refresh, resetRuntimes, storeFor } from '../../src/core/runtime.js';
import { resetPage, until } from '../helpers/page.js';
import { newScope, type TestScope } from '../helpers/scope.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const heart = (el: Element) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="button"]');
const pressed = (el: Element) => heart(el)?.getAttribute('aria-pressed') ?? null;
const badgeLoaded = (el: Element) => el.shadowRoot!.querySelector('[part~="badge"][role="status"]') !== null;
const isGuest = (el: Element) => el.shadowRoot!.querySelector('[part~="guest"]') !== null;
/** The cross-page cache's keys in sessionStorage, once what was written and not stored yet (WRITE_AFTER_MS) is stored. */
const omneoEntries = () => {
  flushCachedData();
  return Object.keys(sessionStorage).filter((key) => key.startsWith('omneo-widgets:'));
};

describe('the site’s other tabs', () => {
  let scope: TestScope;
  let otherTab: BroadcastChannel;
  let heard: unknown[];
  const realEnvironment = { ...pageEnvironment };

  beforeEach(async () => {
    resetPage();
    scope = await newScope();
    heard = [];
    otherTab = new BroadcastChannel('omneo-widgets');
    otherTab.onmessage = hear;
    configure({ tokenEndpoint: scope.tokenEndpoint('ava'), apiBase: scope.apiBase, locale: 'en-AU' });
    // Two test files run at once in two tabs, and the one behind is hidden: each test says which this one is.
    Object.assign(pageEnvironment, { visibility: (): DocumentVisibilityState => 'visible' });
  });
  afterEach(() => {
    otherTab.close();
    Object.assign(pageEnvironment, realEnvironment);
  });

  /** The scope notices name: the tenant, else the API base as the runtime resolves it. */
  const scopeName = () => new URL(scope.apiBase, location.href).href;
  /**
   * What this test's page told the other tabs. The test file running beside this one in the browser's other tab
   * posts its own notices (its writes, its logouts) on the same channel, for its own scope: not this page's.
   */
  const hear = ({ data }: MessageEvent<{ scope?: unknown } | null>) => {
    if (typeof data?.scope !== 'string' || data.scope === scopeName()) heard.push(data);
  };

  async function mountHeart(sku: string) {
    const el = fixtureSync(html`<omneo-wishlist-button sku=${sku} product-name="Linen Relaxed Shirt"></omneo-wishlist-button>`);
    await until(() => pressed(el) !== null && !heart(el)!.disabled, 4000, 'the heart loaded');
    return el;
  }

  /** Adds a sku to Ava's wishlist at Omneo, as another tab's heart would. */
  async function addElsewhere(sku: string) {
    const { token } = (await (await fetch(scope.tokenEndpoint('ava'), { method: 'POST' })).json()) as { token: string };
    const headers = { Authorization: `Bearer ${token}`, Accept: 'application/json', 'Content-Type': 'application/json' };
    const lists = (await (await fetch(new URL(`${scope.apiBase}/profiles/me/lists`, location.href), { headers })).json()) as { data: { id: number | string; handle: string }[] };
    const wishlist = lists.data.find((list) => list.handle === 'wishlist')!;
    const added = await fetch(new URL(`${scope.apiBase}/profiles/me/lists/${wishlist.id}/items`, location.href), {
      method: 'POST',
      headers,
      body: JSON.stringify({ product_variant_sku: sku, quantity: 1 }),
    });
    expect(added.ok, `added at Omneo (${added.status})`).to.equal(true);
  }

  it('a heart pressed here tells the other tabs which resource changed, and nothing of the shopper’s', async () => {
    const el = await mountHeart('LS-SAND-L');
    heart(el)!.click();
    await until(() => pressed(el) === 'true' && !heart(el)!.disabled, 4000, 'saved');
    await until(() => heard.length > 0, 2000, 'a notice');
    for (const notice of heard) expect(notice).to.deep.equal({ scope: scopeName(), key: listsResource.key });
  });

  it('a benefit redeemed here: the other tabs hear that the benefits and the balances changed', async () => {
    const store = storeFor(resolveConfig(fixtureSync(html`<div></div>`)));
    store.watch(benefitsResource, () => {});
    await until(() => store.snapshot(benefitsResource).status === 'ready', 4000, 'benefits');
    await redeemBenefit(store, '7781');
    await until(() => heard.length >= 2, 2000, 'the notices');
    expect(heard).to.have.deep.members([
      { scope: scopeName(), key: benefitsResource.key },
      { scope: scopeName(), key: balancesResource.key },
    ]);
  });

  it('another tab saved a product: a tab on screen reads the wishlist again and its heart shows it saved', async () => {
    const el = await mountHeart('LS-SAND-L');
    expect(pressed(el)).to.equal('false');
    await addElsewhere('LS-SAND-L');
    otherTab.postMessage({ scope: scopeName(), key: listsResource.key });
    await until(() => pressed(el) === 'true', 4000, 'the heart pressed');
    expect(await scope.count('/profiles/me/lists')).to.equal(3); // the load, addElsewhere's own read, the re-read
    expect(heard, 'nothing echoed back').to.deep.equal([]);
  });

  it('a notice while this tab’s own heart is on its way: the heart keeps showing what was pressed, no flicker', async () => {
    const el = await mountHeart('LS-SAND-L');
    await scope.addFaults({ method: 'POST', path: '/items', latencyMs: 700 });
    const seen: (string | null)[] = [];
    heart(el)!.click();
    await until(() => pressed(el) === 'true', 2000, 'pressed at once');
    // Another tab saved something else meanwhile: this one reads the lists again while its own add is out.
    otherTab.postMessage({ scope: scopeName(), key: listsResource.key });
    const started = Date.now();
    while (Date.now() - started < 1500) {
      seen.push(pressed(el));
      await pause(10); // not requestAnimationFrame: the test file behind the other one in the browser gets no frames
    }
    expect(seen.filter((state) => state !== 'true'), 'the heart never showed "not saved"').to.deep.equal([]);
    expect(pressed(el)).to.equal('true');
  });

  it('a notice while this tab’s own add is on its way, then its re-read fails: the saved product must not read "not saved"', async () => {
    const el = await mountHeart('LS-SAND-L');
    await scope.addFaults({ method: 'POST', path: '/items', latencyMs: 700 });
    heart(el)!.click();
    await until(() => pressed(el) === 'true', 2000, 'pressed at once');
    const reads = await scope.count('/profiles/me/lists');
    otherTab.postMessage({ scope: scopeName(), key: listsResource.key });
    await until(async () => (await scope.count('/profiles/me/lists')) > reads, 2000, 'the notice’s read');
    await pause(150); // its answer (without the add, still on its way) lands
    await scope.addFaults({ method: 'GET', path: '/profiles/me/lists', status: 503, times: 10 });
    await until(() => heart(el)!.getAttribute('aria-busy') !== 'true', 4000, 'the add settled');
    await scope.clearFaults();
    const adds = (await scope.requests()).filter((r) => r.method === 'POST' && r.path.endsWith('/items')).length;
    expect({ adds, pressed: pressed(el) }).to.deep.equal({ adds: 1, pressed: 'true' });
  });

  it('a hidden tab waits: nothing is read until it is shown, then one read for any number of notices', async () => {
    let visibility: DocumentVisibilityState = 'visible';
    Object.assign(pageEnvironment, { visibility: () => visibility });
    const el = await mountHeart('LS-SAND-L');
    visibility = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    await addElsewhere('LS-SAND-L');
    await scope.clearRequests();
    for (let i = 0; i < 3; i++) otherTab.postMessage({ scope: scopeName(), key: listsResource.key });
    await pause(300);
    expect(await scope.count('/profiles/me/lists'), 'nothing while hidden').to.equal(0);
    expect(pressed(el)).to.equal('false');
    visibility = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    await until(() => pressed(el) === 'true', 4000, 'the heart pressed once shown');
    await pause(200);
    expect(await scope.count('/profiles/me/lists')).to.equal(1);
  });

  it('notices for another tenant, or not ours at all, change nothing', async () => {
    const el = await mountHeart('LS-SAND-L');
    await addElsewhere('LS-SAND-L');
    await scope.clearRequests();
    for (const notice of [
      { scope: 'https://api.another.getomneo.com/id/api/v1/', key: listsResource.key },
      { scope: 'https://api.another.getomneo.com/id/api/v1/', logout: true },
      { scope: scopeName(), key: 7 },
      { scope: scopeName() },
      'omneo-widgets',
      null,
      [scopeName(), listsResource.key],
    ]) {
      otherTab.postMessage(notice);
    }
    await pause(300);
    expect(await scope.count('/profiles/me/lists')).to.equal(0);
    expect(pressed(el)).to.equal('false');
  });

  it('a logout in another tab: the guest state here at once and the cache cleared; shown again, the token endpoint decides', async () => {
    let visibility: DocumentVisibilityState = 'visible';
    Object.assign(pageEnvironment, { visibility: () => visibility });
    const badge = fixtureSync(html`<omneo-points-balance variant="compact"></omneo-points-balance>`);
    await until(() => badgeLoaded(badge), 4000, 'the badge');
    expect(omneoEntries()).to.not.deep.equal([]);
    visibility = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    otherTab.postMessage({ scope: scopeName(), logout: true });
    await until(() => isGuest(badge), 4000, 'the guest state');
    expect(omneoEntries(), 'cache cleared').to.deep.equal([]);
    expect(heard, 'nothing echoed back').to.deep.equal([]);
    // The storefront session lives on in this test (the token endpoint still answers Ava): when the shopper looks
    // at this tab again it asks, as after a sign-in there.
    const tokenRequests = await scope.count('/omneo/token', 'POST');
    visibility = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    await until(() => badgeLoaded(badge), 4000, 'signed in again');
    expect(await scope.count('/omneo/token', 'POST')).to.equal(tokenRequests + 1);
  });

  it('the channel is closed while the page sits in the back-forward cache (pagehide), and open again once it is restored (pageshow, persisted)', async () => {
    // README Other tabs: closed there so that the page may be kept (an open channel keeps it out in some browsers);
    // the restore refreshes anyway. A notice sent meanwhile is not heard: the page is not running.
    const badge = fixtureSync(html`<omneo-points-balance variant="compact"></omneo-points-balance>`);
    await until(() => badgeLoaded(badge), 4000, 'the badge');
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
    otherTab.postMessage({ scope: scopeName(), logout: true });
    await pause(300);
    expect(isGuest(badge), 'a logout posted while the page was in the cache was not heard').to.equal(false);
    expect(omneoEntries(), 'nor its cached data dropped').to.not.deep.equal([]);
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    await until(async () => badgeLoaded(badge) && (await scope.count('/omneo/token', 'POST')) === 2, 4000, "the restore's refresh");
    otherTab.postMessage({ scope: scopeName(), logout: true });
    await until(() => isGuest(badge), 4000, 'the guest state: heard again');
    expect(omneoEntries(), 'cache cleared').to.deep.equal([]);
  });

  it('a sign-out said after pagehide (the shop’s own pagehide handler) reaches the other tabs on a channel closed at once: none is left open in the back-forward cache', async () => {
    configure({ customer: '7321987654321' });
    const badge = fixtureSync(html`<omneo-points-balance variant="compact"></omneo-points-balance>`);
    await until(() => badgeLoaded(badge), 4000, 'the badge');
    const open = new Set<BroadcastChannel>();
    const RealChannel = window.BroadcastChannel;
    window.BroadcastChannel = class extends RealChannel {
      constructor(name: string) {
        super(name);
        open.add(this);
      }
      override close() {
        open.delete(this);
        super.close();
      }
    };
    try {
      window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
      configure({ customer: '' });
      await until(() => heard.some((notice) => (notice as { logout?: boolean } | null)?.logout === true), 4000, 'the logout notice, heard by the other tab');
      expect(open.size, 'channels opened after pagehide and left open').to.equal(0);
    } finally {
      window.BroadcastChannel = RealChannel;
    }
  });

  it('a logout in another tab reaches a page whose elements have not appeared yet: the shopper’s cached data goes all the same', async () => {
    const badge = fixtureSync(html`<omneo-points-balance variant="compact" customer="7321987654321"></omneo-points-balance>`);
    await until(() => badgeLoaded(badge), 4000, 'the badge');
    // The next page of this tab, whose elements come later (a single-page app's account route, a quick view).
    badge.remove();
    resetRuntimes({ keepCrossPageCache: true });
    installPageListeners();
    expect(omneoEntries()).to.not.deep.equal([]);
    otherTab.postMessage({ scope: scopeName(), logout: true });
    await pause(200);
    expect(omneoEntries(), 'cache cleared').to.deep.equal([]);
    // The route the app still renders for her: nothing of hers painted while the token endpoint is asked.
    configure({ tokenEndpoint: scope.tokenEndpoint('guest') });
    const later = fixtureSync(html`<omneo-points-balance variant="compact" customer="7321987654321"></omneo-points-balance>`);
    await (later as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect(badgeLoaded(later), 'her points painted from the cache').to.equal(false);
    await until(() => isGuest(later), 4000, 'the guest state');
  });

  it("a logout in another tab, named by the page's tenant (a sign-out page), reaches a hub whose api-base is the page's API base spelled another way (a trailing slash)", async () => {
    // The Shopify embed's shape: the tenant and its pass-through API base; the account page's hub names the API base again.
    const tenant = `shop-${scope.scope.toLowerCase().replace(/[^a-z0-9]/g, '')}`.slice(0, 60);
    configure({ tenant });
    const hub = fixtureSync(html`<omneo-rewards api-base=${`${scope.apiBase}/`}><omneo-points-balance variant="compact"></omneo-points-balance></omneo-rewards>`);
    const badge = hub.querySelector('omneo-points-balance')!;
    await until(() => badgeLoaded(badge), 4000, 'the badge');
    // What an element-less sign-out page's loader posts (pageCacheScope: the page config's tenant).
    otherTab.postMessage({ scope: tenant, logout: true });
    await until(() => isGuest(badge), 4000, 'the guest state');
  });

  it("the README's embed block (the tenant's own API address, no tenant) and its hub (tenant): one scope for the cache and the notices, whichever element makes the store, and the one a sign-out page names", () => {
    resetPageConfig();
    configure({ tokenEndpoint: scope.tokenEndpoint('ava'), apiBase: apiBaseForTenant('harbour') });
    // An account page whose hub's elements come first (no badge in its header).
    const hub = fixtureSync(html`<omneo-rewards token-endpoint=${scope.tokenEndpoint('ava')} tenant="harbour"><span></span></omneo-rewards>`);
    const store = storeFor(resolveConfig(hub.querySelector('span')!));
    expect(storeFor(resolveConfig(fixtureSync(html`<div></div>`)))).to.equal(store);
    // What an element-less sign-out page's loader names its logout by, and what the product pages' badges key by.
    expect(pageCacheScope()).to.equal(store.cacheScope);
    resetRuntimes();
    expect(storeFor(resolveConfig(fixtureSync(html`<div></div>`))).cacheScope).to.equal(store.cacheScope);
  });

  it("a logout in another tab, named by a page config with no tenant (a pass-through API base alone), reaches a hub whose api-base is that API base with a trailing slash", async () => {
    const hub = fixtureSync(html`<omneo-rewards api-base=${`${scope.apiBase}/`}><omneo-points-balance variant="compact"></omneo-points-balance></omneo-rewards>`);
    const badge = hub.querySelector('omneo-points-balance')!;
    await until(() => badgeLoaded(badge), 4000, 'the badge');
    // What an element-less sign-out page's loader posts: the page config's API base, as pageCacheScope names it.
    otherTab.postMessage({ scope: pageCacheScope(), logout: true });
    await until(() => isGuest(badge), 4000, 'the guest state');
    // And a sign-out page whose config has the trailing slash names the same scope.
    configure({ apiBase: `${scope.apiBase}/` });
    expect(pageCacheScope()).to.equal(storeFor(resolveConfig(fixtureSync(html`<div></div>`))).cacheScope);
  });

  it('a logout here tells the other tabs', async () => {
    const badge = fixtureSync(html`<omneo-points-balance variant="compact"></omneo-points-balance>`);
    await until(() => badgeLoaded(badge), 4000, 'the badge');
    logout();
    await until(() => heard.length > 0, 2000, 'the notice');
    expect(heard).to.deep.equal([{ scope: scopeName(), logout: true }]);
  });

  it('a logout on a page whose elements have not asked for anything (a sign-out page): the page config names the tenant', async () => {
    logout();
    await until(() => heard.length > 0, 2000, 'the notice');
    expect(heard).to.deep.equal([{ scope: scopeName(), logout: true }]);
  });

  it('the storefront’s own sign-out link (no logout() call): the next page, saying nobody is signed in over the shopper’s cache, tells the other tabs', async () => {
    const badge = fixtureSync(html`<omneo-points-balance variant="compact" customer="7321987654321"></omneo-points-balance>`);
    await until(() => badgeLoaded(badge), 4000, 'the badge');
    expect(omneoEntries()).to.not.deep.equal([]);
    // The next page of this tab: new runtimes, the same sessionStorage, and the storefront renders customer="".
    resetRuntimes({ keepCrossPageCache: true });
    otherTab.close();
    heard = [];
    otherTab = new BroadcastChannel('omneo-widgets');
    otherTab.onmessage = hear;
    const signedOut = fixtureSync(html`<omneo-points-balance variant="compact" customer=""></omneo-points-balance>`);
    await until(() => isGuest(signedOut), 4000, 'the guest state');
    await until(() => heard.length > 0, 2000, 'the notice');
    expect(heard).to.deep.equal([{ scope: scopeName(), logout: true }]);
    // A guest's next page finds nothing to forget: no notice (a guest browsing must not sign other tabs out).
    resetRuntimes({ keepCrossPageCache: true });
    heard = [];
    const stillGuest = fixtureSync(html`<omneo-points-balance variant="compact" customer=""></omneo-points-balance>`);
    await until(() => isGuest(stillGuest), 4000, 'the guest state');
    await pause(200);
    expect(heard).to.deep.equal([]);
  });

  it('a visit that keeps the script (Turbo Drive, an app’s configure()) to a page saying nobody is signed in, with no element on it: the tab’s cached data goes and the other tabs hear it once', async () => {
    configure({ customer: '7321987654321' });
    const badge = fixtureSync(html`<omneo-points-balance variant="compact"></omneo-points-balance>`);
    await until(() => badgeLoaded(badge), 4000, 'the badge');
    expect(omneoEntries()).to.not.deep.equal([]);
    // The storefront's sign-out link, followed by Turbo Drive: the landing page's body has no element (the badge and
    // its subscription gone) and its block says nobody is signed in.
    badge.remove();
    await pause(50);
    configure({ customer: '' });
    await until(() => heard.length > 0, 2000, 'the notice');
    expect(omneoEntries(), 'cache cleared').to.deep.equal([]);
    // The next change of that page's config (a language switch) ends nothing more.
    configure({ locale: 'fr-FR' });
    await pause(200);
    expect(heard).to.deep.equal([{ scope: scopeName(), logout: true }]);
  });

  it('a page that named nobody, its config then saying nobody is signed in (an app’s configure({customer: ""}) at sign-out), with an element on it: the tab’s cached data goes and the other tabs hear it', async () => {
    // The token said whose session it was (her data cached under her profile id); the element's store is told of the
    // sign-out, and tells the other tabs as the page without elements does.
    const badge = fixtureSync(html`<omneo-points-balance variant="compact"></omneo-points-balance>`);
    await until(() => badgeLoaded(badge), 4000, 'the badge');
    expect(omneoEntries()).to.not.deep.equal([]);
    configure({ customer: '' });
    await until(() => isGuest(badge), 4000, 'the guest state');
    await until(() => heard.length > 0, 2000, 'the notice');
    expect(omneoEntries(), 'cache cleared').to.deep.equal([]);
    expect(heard).to.deep.equal([{ scope: scopeName(), logout: true }]);
  });

  it('a page config saying nobody is signed in all along, under an element naming the shopper (an app signed her in on the element): another configure() ends nothing', async () => {
    configure({ customer: '' });
    const badge = fixtureSync(html`<omneo-points-balance variant="compact" customer="7321987654321"></omneo-points-balance>`);
    await until(() => badgeLoaded(badge), 4000, 'the badge');
    configure({ locale: 'en-GB' });
    await pause(300);
    expect(heard).to.deep.equal([]);
    expect(badgeLoaded(badge), 'her points still shown').to.equal(true);
  });

  it('the token endpoint says the session ended (signed out elsewhere, expired): the other tabs hear it once', async () => {
    const session = { who: 'ava' };
    resetPageConfig();
    configure({ apiBase: scope.apiBase, locale: 'en-AU', getToken: () => endpointTokenSource(new URL(scope.tokenEndpoint(session.who), location.href).href)() });
    const badge = fixtureSync(html`<omneo-points-balance variant="compact"></omneo-points-balance>`);
    await until(() => badgeLoaded(badge), 4000, 'the badge');
    session.who = 'guest'; // the storefront session ended: its token endpoint answers 401
    await refresh();
    await until(() => isGuest(badge), 4000, 'the guest state');
    await until(() => heard.length > 0, 2000, 'the notice');
    // A guest asked again (another element appearing) ends nothing more.
    fixtureSync(html`<omneo-points-balance variant="compact"></omneo-points-balance>`);
    await pause(300);
    expect(heard).to.deep.equal([{ scope: scopeName(), logout: true }]);
  });

  it('a browser that refuses the channel (Firefox with cookies blocked throws SecurityError): the elements work, alone', async () => {
    const RealBroadcastChannel = globalThis.BroadcastChannel;
    resetRuntimes(); // the next element opens the channel anew, as on a page of that browser
    globalThis.BroadcastChannel = class {
      constructor() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      }
    } as unknown as typeof BroadcastChannel;
    try {
      const el = await mountHeart('LS-SAND-L');
      heart(el)!.click();
      await until(() => pressed(el) === 'true' && !heart(el)!.disabled, 4000, 'saved');
      logout();
      await until(() => heart(el) !== null && pressed(el) === null, 4000, 'the guest state');
    } finally {
      globalThis.BroadcastChannel = RealBroadcastChannel;
    }
    expect(heard, 'nothing sent').to.deep.equal([]);
  });

  it('an app says its shopper signed out (customer hint set to ""): the other tabs hear it', async () => {
    const badge = fixtureSync(html`<omneo-points-balance variant="compact" customer="7321987654321"></omneo-points-balance>`);
    await until(() => badgeLoaded(badge), 4000, 'the badge');
    badge.setAttribute('customer', '');
    await until(() => isGuest(badge), 4000, 'the guest state');
    await until(() => heard.length > 0, 2000, 'the notice');
    expect(heard).to.deep.equal([{ scope: scopeName(), logout: true }]);
  });
});
