/**
 * The page's data runtime: one token provider, client and store per (token source, API base) pair — in
 * practice exactly one per page — shared by every element. Also wires the page-level controls:
 * `omneo-refresh` / `omneo-logout` on document, revalidation when the tab becomes visible again, and notices
 * between the site's tabs of changes and logouts.
 */
import { browserSessionStorage, CrossPageCache, flushCachedData, forgetAllCachedData } from '../api/cache.js';
import { apiCredentialsFor, createOmneoClient } from '../api/client.js';
import { OmneoStore, REVALIDATE_AFTER_MS } from '../api/store.js';
import { createTokenProvider, endpointTokenSource, type TokenSource } from '../api/token-provider.js';
import { claimPage, firstTime, onConfigChange, pageCacheScope, pageSignedOutScope, urlKey, type ResolvedConfig } from './config.js';
import { forgetOnLogout, openOtherTabs, tellOtherTabsOnce, type OtherTabsNotice } from './other-tabs.js';
import { preconnect } from './preconnect.js';
import type { OmneoElement } from './omneo-element.js';

/** A tab that comes back after this long gets fresh data (as does an element shown again after it). */
export const REVALIDATE_ON_VISIBLE_AFTER_MS = REVALIDATE_AFTER_MS;

/**
 * What the runtime reads from the page and the clock, in one place so that tests can drive it: a headless test
 * page can be neither hidden nor shown, and a test cannot wait five minutes. Not part of the public API.
 */
export const pageEnvironment = {
  visibility: (): DocumentVisibilityState => document.visibilityState,
  now: (): number => Date.now(),
};

const stores = new Map<string, OmneoStore>();
let pageListenersInstalled = false;

/**
 * The site's other tabs (a product opened in a new tab, the account page in another): a heart pressed or a benefit
 * redeemed in one leaves the others showing what is no longer so (a heart pressed again there would add the item
 * twice), and a logout in one ends the session in all. A notice names the tenant and the resource, nothing of the
 * shopper's. Null without BroadcastChannel (or where it throws); closed while the page sits in the back-forward cache.
 */
let otherTabs: BroadcastChannel | null | undefined;
/** Between pagehide and a restore: the page may sit in the back-forward cache, where no channel of it stays open. */
let pageLeft = false;
/** What other tabs' notices ask of this one while it is hidden, done when it is shown: one per runtime and resource. */
const whenShown = new Map<string, () => Promise<void>>();

function tellOtherTabs(notice: OtherTabsNotice): void {
  // Said after pagehide (the shop's own handler calling configure() or logout(), a write's answer): on a channel
  // opened for it and closed at once, as the loader does, not the page's reopened and left listening in the cache.
  if (pageLeft) return tellOtherTabsOnce(notice);
  listenToOtherTabs();
  otherTabs?.postMessage(notice);
}

function listenToOtherTabs(): void {
  // Not while the page may sit in the back-forward cache (an element resolved again there, by a configure() in the
  // shop's pagehide handler, would reopen it): the restore listens again.
  if (otherTabs !== undefined || pageLeft) return;
  // Null where there is none, or it is refused: this tab goes alone (the 5-minute rule).
  otherTabs = openOtherTabs();
  otherTabs?.addEventListener('message', ({ data }: MessageEvent<Partial<OtherTabsNotice> | null>) => {
    const key = data?.key;
    forgetOnLogout(data);
    for (const [runtime, store] of stores) {
      if (store.cacheScope !== data?.scope) continue;
      if (data.logout) {
        store.logout();
        // Signed in again there by the time this tab is looked at, perhaps: the token endpoint says.
        whenShown.set(runtime, () => store.refresh());
      } else if (typeof key === 'string') {
        const readAgain = () => store.readAgain(key);
        if (pageEnvironment.visibility() === 'visible') void readAgain();
        else whenShown.set(`${runtime}\n${key}`, readAgain);
      }
    }
  });
}
/**
 * The page's `getToken`, as last configured: a store asks this one, not the one it was created with, since an app
 * configures another when its sign-in changes (one that sends the new shopper's credentials).
 */
let latestGetToken: ResolvedConfig['getToken'] = null;

export function storeFor(config: ResolvedConfig): OmneoStore {
  installPageListeners();
  if (config.getToken) latestGetToken = config.getToken;
  const apiBase = new URL(config.apiBase, location.href).href;
  const tokenEndpoint = config.tokenEndpoint ? new URL(config.tokenEndpoint, location.href).href : null;
  // The same endpoints however they are spelled (relative in the page config, absolute on an element; the API base
  // with a trailing slash, which the client ignores): one runtime, not a second token, a second copy of every
  // resource, and a second store kept for the life of the page. urlKey, as config.ts compares places and keys a
  // sign-out page's scope (pageCacheScope): one rule, so the scopes cannot drift apart.
  const api = urlKey(apiBase);
  const key = `${tokenEndpoint ?? 'getToken'}|${api}`;
  let store = stores.get(key);
  if (!store) {
    const source: TokenSource = tokenEndpoint ? endpointTokenSource(tokenEndpoint) : async (signal) => (await latestGetToken!(signal)) ?? null;
    const tokens = createTokenProvider({ source });
    // Signed out by the hint: no request will go there.
    if (config.customer !== '') preconnect(apiBase, tokenEndpoint);
    // Without a tenant, the API base as the store is keyed by it: the same whichever element, or a sign-out page's
    // config (pageCacheScope), spelled it first, with a trailing slash or not.
    const scope = config.tenant ?? api;
    store = new OmneoStore({
      client: createOmneoClient({ apiBase, tokens, credentials: apiCredentialsFor(apiBase, tokenEndpoint) }),
      tokens,
      cacheScope: scope,
      customerHint: config.customer,
      cache: new CrossPageCache(browserSessionStorage(), scope),
      now: () => pageEnvironment.now(),
      onServerChange: (changed) => tellOtherTabs({ scope, key: changed }),
      onSessionEnded: () => tellOtherTabs({ scope, logout: true }),
    });
    stores.set(key, store);
  } else if (config.customer !== undefined) {
    if (config.customer !== store.diagnosis[2]) checkCustomerHints(key, store);
    void store.setCustomerHint(config.customer);
  }
  return store;
}

/**
 * Places on the page that give one runtime different customer hints. One store serves one shopper, so the hint last
 * read wins; that is how an app's sign-in reaches elements whose attributes change one after another. But a page at
 * odds with itself (a header partial cached with another shopper's id or `customer=""`, beside the account page's
 * hint; a hub's hint beside the page config's) changes the hint at each re-read: each change clears the data and the
 * token, and a signed-out hint read last shows a signed-in shopper the guest state and signs her other tabs out. So a
 * second after a change, when an app's sign-in has reached all its elements, the elements still on the page (open
 * shadow roots too) that use the store are asked which hint they read: two different ones are told to the developer,
 * once per runtime (the text loads on demand: a page set up right never downloads it). Not "in one task": the CDN
 * script loads each tag's code on its own (the badge and the hub resolve in different tasks), and a hidden tab runs
 * timers once a second (an app signing in a moment after its first render would have been taken for a disagreement).
 */
const hintChecks = new Set<string>();
function checkCustomerHints(runtime: string, store: OmneoStore): void {
  if (hintChecks.has(runtime)) return;
  hintChecks.add(runtime);
  setTimeout(() => {
    hintChecks.delete(runtime);
    const hints = new Set<string>();
    const read = (root: ParentNode) => {
      for (const element of root.querySelectorAll('*')) {
        // Read by index, not destructured: a page's own element may have a `diagnosis` of its own (an object), and
        // destructuring it threw out of this timer.
        const diagnosis = (element as Partial<OmneoElement>).diagnosis;
        const customer = diagnosis?.[2] === store ? diagnosis[0]?.customer : undefined;
        if (customer !== undefined) hints.add(customer);
        if (element.shadowRoot) read(element.shadowRoot);
      }
    };
    read(document);
    const last = store.diagnosis[2];
    if (hints.size < 2 || last === undefined || !firstTime(`customer hints ${runtime}`)) return;
    void import('./diagnostics.js').then((diagnostics) => diagnostics.warnMixedCustomerHints(hints, last)).catch(() => undefined);
  }, 1000);
}

/** Fresh data for every element on the page. */
export function refresh(): Promise<void> {
  return Promise.all([...stores.values()].map((store) => store.refresh())).then(() => undefined);
}

/** Forget the token and all cached loyalty data; every element shows its guest state. */
export function logout(): void {
  // No element has asked for anything yet (the npm build's sign-out page): the page config names the tenant.
  const scope = stores.size ? null : pageCacheScope();
  if (scope) tellOtherTabs({ scope, logout: true });
  for (const store of stores.values()) {
    tellOtherTabs({ scope: store.cacheScope, logout: true });
    store.logout();
  }
  // Also clears entries written by stores this page never created (another tenant, an earlier page).
  forgetAllCachedData();
}

/** For tests: drop every runtime so each test starts from a fresh page state. */
export function resetRuntimes(options: { keepCrossPageCache?: boolean } = {}): void {
  // keepCrossPageCache simulates the next page of the same visit: new runtimes, same sessionStorage.
  for (const store of stores.values()) options.keepCrossPageCache ? store.dispose() : store.logout();
  stores.clear();
  latestGetToken = null;
  otherTabs?.close();
  otherTabs = undefined;
  pageLeft = false;
  whenShown.clear();
}

/**
 * Listens for `omneo-refresh`, `omneo-logout`, coming online, the tab becoming visible and the page coming back
 * from the back-forward cache. Runs with the first
 * store, and when an element is registered (OmneoElement.define, or its finalize when an app registers a subclass
 * with customElements.define), so that `omneo-logout` on a page whose
 * elements have not connected yet (or that has none) still clears cached data. Idempotent.
 */
export function installPageListeners(): void {
  if (typeof document === 'undefined') return;
  claimPage();
  listenToOtherTabs();
  if (pageListenersInstalled) return;
  pageListenersInstalled = true;
  // A page whose config says nobody is signed in, where the storefront's own sign-out link lands, perhaps with no
  // element to tell its store (a home page): from the start (the npm build has no loader to do it, cdn.ts), and when the
  // config comes to say so without a new page (Turbo Drive or htmx bringing that page, an app's configure({customer:
  // ""})). The tenant's stores are told, as an element would tell them, or its entries go and the other tabs hear it.
  // At the start, unless an element names a shopper of its own: an app may sign her in on its elements alone under a
  // config that says so all along, and nobody has left (her entry and her other tabs stay). After it, only the change
  // counts, for the same reason.
  let signedOutScope: string | null = null;
  const signedOutPage = () => {
    const scope = pageSignedOutScope();
    if (scope && scope !== signedOutScope) {
      const told = [...stores.values()].filter((store) => store.cacheScope === scope);
      told.forEach((store) => void store.setCustomerHint(''));
      if (!told.length && forgetOnLogout({ scope, logout: true })) tellOtherTabs({ scope, logout: true });
    }
    signedOutScope = scope;
  };
  // Only what the document holds now (light DOM; any tag, as elements may be registered under an app's own names):
  // elements an app renders later, or inside shadow roots, are not seen, and the check runs (README, Privacy).
  if (document.querySelector('[customer]:not([customer=""])')) signedOutScope = pageSignedOutScope();
  else signedOutPage();
  onConfigChange(signedOutPage);
  document.addEventListener('omneo-refresh', () => void refresh());
  document.addEventListener('omneo-logout', () => logout());
  // The offline error copy promises to try again when the connection is back: keep that promise.
  window.addEventListener('online', () => {
    for (const store of stores.values()) void store.retryFailed();
  });
  // Restored from the back-forward cache: the page kept the token and data it had when the shopper left it, and
  // the storefront session may have ended or changed since (Back after signing out, on a shared computer). The
  // token endpoint is asked again, as refresh() does; a session that ended shows the guest state.
  window.addEventListener('pageshow', (event) => {
    if (!event.persisted) return;
    pageLeft = false;
    listenToOtherTabs();
    void refresh();
  });
  // The cross-page cache stores its writes a moment after them (WRITE_AFTER_MS): what is not stored yet when the
  // page is left goes now, for the next page to paint; also when it is hidden (below): a mobile browser may end a
  // hidden tab without a pagehide, and restore it later from its sessionStorage. An open channel may keep the page
  // out of the back-forward cache (browsers differ); what other tabs said meanwhile is covered by the refresh above.
  window.addEventListener('pagehide', () => {
    flushCachedData();
    otherTabs?.close();
    otherTabs = undefined;
    pageLeft = true;
  });
  document.addEventListener('visibilitychange', () => {
    if (pageEnvironment.visibility() !== 'visible') return flushCachedData();
    for (const asked of whenShown.values()) void asked();
    whenShown.clear();
    for (const store of stores.values()) void store.revalidateOlderThan(REVALIDATE_ON_VISIBLE_AFTER_MS);
  });
}
