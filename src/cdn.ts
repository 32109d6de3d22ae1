/**
 * The CDN entry, `dist/cdn/omneo-widgets.js`: a small loader, not the elements. It exposes
 * `window.OmneoWidgets` at once and loads each element's chunk (and the shared Lit and data-layer chunks)
 * the first time its tag appears, so a page pays only for the elements it shows. Chunks are imported
 * relative to this file's own URL, so the files can be served from any CDN folder.
 *
 * Safe to include twice: the same URL is one module; a second copy from another URL finds the global and
 * loads nothing (another release's, whose chunks are its own, also says on the console that two copies are on the
 * page: claimPage). The page-config module is imported eagerly so that `configure()` before any element chunk
 * has loaded works exactly as it does afterwards.
 */
import { forgetAllCachedData, RELEASE } from './api/cache.js';
import { forgetEarlyTokenRequest, startEarlyTokenRequest } from './api/early-token.js';
import { claimPage, configure, onConfigChange, pageApiBase, pageCacheScope, pageSignedOutScope, pageTokenEndpoint } from './core/config.js';
import type { DiagnoseReport } from './core/diagnose.js';
import type { Catalogue } from './core/i18n.js';
import { forgetOnLogout, openOtherTabs, tellOtherTabsOnce, type OtherTabsNotice } from './core/other-tabs.js';
import { preconnect } from './core/preconnect.js';
import { ELEMENT_MODULES, type ElementModule } from './cdn/element-modules.js';
import { createElementLoader } from './cdn/loader.js';

export interface OmneoWidgetsGlobal {
  configure: typeof configure;
  /** Fresh data for every element on the page. */
  refresh(): Promise<void>;
  /** Forget the token and every cached entry; elements show their guest state. */
  logout(): void;
  /**
   * Adds a translation (or replaces one of ours) for a language or locale, with any subset of the message keys;
   * missing keys fall back to English. It takes effect once the element code has arrived (the promise
   * resolves then; on a page without elements, when the first one loads); elements on screen render again.
   */
  registerCatalogue(locale: string, catalogue: Catalogue): Promise<void>;
  /** Load elements' code ahead of their tags (all when called without tags), e.g. inside your own shadow roots. */
  load(...tags: string[]): Promise<void>;
  /** The tags this script can load. */
  readonly tags: readonly string[];
  /** The package version, e.g. "0.1.0". */
  readonly version: string;
  /**
   * For support: a report of the script, the page config, every element's state and config sources, the token's state
   * (never the token), the data's ages and the cache, logged once to the console. Its code loads only when called.
   */
  diagnose(): Promise<DiagnoseReport>;
}

declare global {
  interface Window {
    OmneoWidgets?: OmneoWidgetsGlobal;
  }
}

claimPage(import.meta.url);

// Another copy of this script leaves its global; anything else under the name is the page's (a stub of the
// `window.x = window.x || {}` habit, an element with id="OmneoWidgets") and must not stop the elements loading.
if (typeof window.OmneoWidgets?.load != 'function') {
  // Registered catalogues go to the localisation module, which shares the element chunks' code: it is imported
  // once element code is requested (never on a page without elements), and element code requested after a
  // registration waits for it, so it never renders in the language the catalogue replaces. Elements already on
  // screen render again when it arrives.
  const pendingCatalogues: [string, Catalogue][] = [];
  let localisation: Promise<typeof import('./cdn/localisation.js')> | null = null;
  const registerPendingCatalogues = (): Promise<void> =>
    pendingCatalogues.length === 0 && !localisation
      ? Promise.resolve()
      : (localisation ??= import('./cdn/localisation.js')).then(
          (module) => pendingCatalogues.splice(0).forEach((args) => module.registerCatalogue(...args)),
          (error: unknown) => {
            localisation = null; // the next element or registration tries again
            throw error;
          },
        );
  let startElements!: () => void;
  const elementsStarted = new Promise<void>((resolve) => (startElements = resolve));
  const afterCatalogues = (module: ElementModule): ElementModule => ({
    ...module,
    load: () => {
      startElements();
      // A catalogue that cannot load rejects its own registerCatalogue() promise; the element still loads.
      return registerPendingCatalogues().catch(() => undefined).then(module.load);
    },
  });
  const elements = createElementLoader(new Map([...ELEMENT_MODULES].map(([tag, module]) => [tag, afterCatalogues(module)])), import.meta.url);
  // A tab whose page shows no element (the data runtime, which listens, is not loaded) hears a sign-out in another tab
  // too: what it cached for the shopper goes, or a page that still names her (Back, its HTML from the browser's cache)
  // would paint it to whoever signs in next.
  if (!elements.started) {
    let otherTabs: BroadcastChannel | null = null;
    const listen = () => {
      otherTabs = openOtherTabs();
      otherTabs?.addEventListener('message', ({ data }: MessageEvent<Partial<OtherTabsNotice> | null>) => forgetOnLogout(data));
    };
    listen();
    // Closed while the page sits in the back-forward cache, as the runtime closes its own (an open channel may keep a
    // page out of it; browsers differ), and open again if it comes back still without elements.
    addEventListener('pagehide', () => {
      otherTabs?.close();
      otherTabs = null;
    });
    addEventListener('pageshow', (event) => event.persisted && !elements.started && listen());
    // The storefront's own sign-out link lands on a page saying nobody is signed in, often without elements (a Shopify
    // home page under the app embed): what the tab cached of its tenant goes and the other tabs are told, as a store would.
    // (Signed in, or no scope: the notice names none, and forgetOnLogout does nothing.) Also when that page comes without
    // running this script again (Turbo Drive, htmx: a new omneo-config block) or by configure(), until elements come,
    // whose runtime does it from then on. Told once: the next time, nothing is left to forget.
    const signedOutPage = () => {
      const notice: OtherTabsNotice = { scope: pageSignedOutScope()!, logout: true };
      if (!elements.started && forgetOnLogout(notice)) {
        // Said after pagehide (the shop's own handler calling configure()), the channel is closed, and postMessage on it
        // threw InvalidStateError out of configure(), the other tabs never told: one opened for the notice, then closed.
        if (otherTabs) otherTabs.postMessage(notice);
        else tellOtherTabsOnce(notice);
      }
    };
    signedOutPage();
    onConfigChange(signedOutPage);
  }
  // Elements are on the page, so the token will be needed: ask for it while their code downloads. Not when
  // an element or hub names its own token endpoint or says the shopper is signed out (it might go unused).
  const endpoint = elements.started && !document.querySelector('[token-endpoint], [customer=""]') ? pageTokenEndpoint() : null;
  if (endpoint) {
    startEarlyTokenRequest(new URL(endpoint, location.href).href);
    // And open the connection to the ID API meanwhile: its first call follows the token.
    const apiBase = pageApiBase();
    if (apiBase) preconnect(apiBase, endpoint);
  }
  // The data runtime arrives with the first element chunk; before that there is no store to refresh.
  // (Its own tiny chunk rather than a namespace of the shared data chunk, which would cost every page a helper.)
  const runtime = () => import('./cdn/page-controls.js');
  // The loader listens itself, so that `omneo-logout` on a page without any element (a sign-out page, or
  // before element code has arrived) still clears what earlier pages cached. A loaded runtime also listens
  // and drops its tokens and stores.
  document.addEventListener('omneo-logout', () => {
    forgetEarlyTokenRequest();
    forgetAllCachedData();
    // A sign-out page without elements has no runtime to tell the shop's other tabs, and the next page, finding
    // nothing cached, cannot tell them either: the loader does.
    const scope = elements.started ? null : pageCacheScope();
    if (scope) tellOtherTabsOnce({ scope, logout: true });
  });
  // A refresh says the session may have changed (an app that restores its sign-in at start-up): the token asked
  // for early, before it, may be the previous session's, and the first element would adopt it.
  document.addEventListener('omneo-refresh', forgetEarlyTokenRequest);
  window.OmneoWidgets = Object.freeze({
    configure,
    refresh: () => {
      forgetEarlyTokenRequest();
      // That chunk unreachable (the folder replaced in place under an open tab, a failed fetch the page view remembers):
      // the runtime on the page listens for the event. Rejecting would leave a signed-in shopper the guest state and
      // stop the app's sign-in handler that awaits this.
      return elements.started
        ? runtime().then(
            (module) => module.refresh(),
            () => void document.dispatchEvent(new Event('omneo-refresh')),
          )
        : Promise.resolve();
    },
    // Synchronous, whatever has loaded: both listeners run before this returns.
    logout: () => void document.dispatchEvent(new Event('omneo-logout')),
    registerCatalogue: (locale: string, catalogue: Catalogue) => {
      // Checked here too so that a mistake throws where it was made, not later in the promise.
      if (typeof locale !== 'string' || !catalogue || typeof catalogue !== 'object') throw new TypeError('omneo-widgets: registerCatalogue(locale, catalogue)');
      pendingCatalogues.push([locale, catalogue]);
      return elementsStarted.then(registerPendingCatalogues);
    },
    load: elements.load,
    tags: Object.freeze([...ELEMENT_MODULES.keys()]),
    version: RELEASE,
    diagnose: () => import('./core/diagnose.js').then((module) => module.default(import.meta.url, elements)),
  });
}
