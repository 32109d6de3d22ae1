/**
 * `OmneoWidgets.diagnose()` (and the npm build's `diagnose()`): what support asks a merchant's developer for when a
 * storefront looks wrong, as one plain JSON object, logged once to the console. The CDN loader imports this module
 * only when diagnose() is called (vite.config.ts gives it a chunk of its own), so a normal page never downloads it.
 *
 * It reads what the page, the elements, their store and its token provider already hold, through read-only accessors
 * (`diagnosis`, `state`), and changes nothing. The report is pasted into tickets: it holds no token nor any part of
 * one, no customer or profile id, and no loyalty value (balances, codes, names): states, sources, ages and sizes only.
 * Only modules of the page chunk are imported here (config, cache), never the data or element code: importing those
 * would regroup the shared chunks a normal page loads.
 */
import type { OmneoError } from '../api/errors.js';
import type { ResourceSnapshot, OmneoStore } from '../api/store.js';
import { browserSessionStorage, flushCachedData, PREFIX as CACHE_PREFIX, RELEASE as VERSION } from '../api/cache.js';
import { attributeValue, CONFIG_ATTRIBUTES, CONFIG_BLOCK, configPlaces, findHub, given, pageConfigSnapshot, type AttributeConfigKey, type OmneoConfig } from './config.js';
import type { OmneoElement } from './omneo-element.js';

/** Where an element's value for a key came from, in the order the embed contract resolves them. */
export type ConfigSource = 'attribute' | 'hub' | 'page' | 'default';
export type ElementState = 'not defined' | 'loading' | 'guest' | 'error' | 'loaded' | 'stale';
export type TokenState = 'not asked yet' | 'pending' | 'guest' | 'valid' | 'expired';

export interface ErrorReport {
  kind: string;
  status: number | null;
  /** As in `omneo-error`, without Omneo's own text after an HTTP status. */
  message: string;
}

export interface DiagnoseReport {
  /** The package version (`OmneoWidgets.version`). */
  version: string;
  /** The CDN loader's URL; null in the npm build. */
  loader: string | null;
  /** The page's origin and path (no query, no hash). */
  page: string;
  /** When the report was made (ISO 8601). */
  time: string;
  /** The page-wide config, key by key, and where each came from; `getToken` is shown as "a function". */
  pageConfig: { blocks: number; keys: Record<string, { value: string; source: 'omneo-config' | 'configure()' }> };
  elements: {
    tag: string;
    /** The element whose shadow root holds it (a hub's children), or null in the document. */
    in: string | null;
    defined: boolean;
    state: ElementState;
    /** Each key the element resolves, with its source. */
    config: Record<string, { value: string; source: ConfigSource }>;
    /** Why its configuration cannot work, as logged and sent in `omneo-error`. */
    problem: string | null;
    /** Its last failed load. */
    error: ErrorReport | null;
    /** Index into `stores`. */
    store: number | null;
  }[];
  /** The shared data runtimes: in practice one per page. */
  stores: {
    tokenSource: string;
    apiBase: string | null;
    /** After logout(), or with `customer=""`: no token is asked for. */
    signedOut: boolean;
    customerHint: 'none' | 'signed out' | 'given';
    /** Whether the data held is the hinted customer's (the profile of the cross-page cache entry under the hint is the token's). */
    profile: 'not known yet' | 'no customer hint' | 'matches the customer hint' | 'does not match the customer hint' | 'not cached yet';
    token: { state: TokenState; secondsLeft: number | null; renewsInSeconds: number | null } | null;
    resources: {
      key: string;
      status: ResourceSnapshot<unknown>['status'];
      stale: boolean;
      loading: boolean;
      ageSeconds: number | null;
      fromCrossPageCache: boolean;
      error: ErrorReport | null;
    }[];
  }[];
  /** This tab's cross-page cache entries (sessionStorage), the customer or profile id in the key masked. */
  crossPageCache: { key: string; thisPage: boolean; release: string | null; bytes: number; ages: Record<string, number> }[];
  failedToLoad: {
    /** Element code the loader could not load, with the browser's reason. */
    elements: { tag: string; message: string }[];
    /** Files beside the loader (element chunks, catalogues) answered with an error status. */
    files: { file: string; status: number }[];
  };
  /** Browser features the widgets use or fall back without. */
  features: Record<string, boolean>;
}

type Diagnosed = OmneoElement['diagnosis'];

/** The npm build's `diagnose()`: there is no loader. */
export function diagnose(): Promise<DiagnoseReport> {
  return diagnoseWith(null, { failed: new Map() });
}

/** The CDN global's `diagnose()`: the loader gives its URL and the element code it failed to load. */
export default async function diagnoseWith(loader: string | null, { failed }: { failed: ReadonlyMap<string, unknown> }): Promise<DiagnoseReport> {
  // The cache stores a change up to 250 ms later: the report reads sessionStorage, so store what is pending first.
  flushCachedData();
  const now = Date.now();
  const page = pageConfigSnapshot();
  const block = readBlock();
  const pageKeys: DiagnoseReport['pageConfig']['keys'] = {};
  for (const [key, value] of Object.entries(page) as [keyof OmneoConfig, unknown][]) {
    if (value === undefined) continue;
    pageKeys[key] = {
      value: shown(key, value),
      source: key !== 'getToken' && key in block && (key === 'messages' ? block[key] === JSON.stringify(value) : block[key] === value) ? 'omneo-config' : 'configure()',
    };
  }

  const found = omneoElements(document, null, []);
  const stores: { store: OmneoStore; report: DiagnoseReport['stores'][number] }[] = [];
  const storeIndex = (store: OmneoStore | null, config: NonNullable<Diagnosed[0]>): number | null => {
    if (!store) return null;
    const index = stores.findIndex((each) => each.store === store);
    if (index >= 0) return index;
    stores.push({ store, report: describeStore(store, config, now) });
    return stores.length - 1;
  };

  /** Elements without resources of their own, and whether they show the guest state. */
  const withoutResources = new Map<Element, boolean>();
  const elements: DiagnoseReport['elements'] = found.map(({ element, host }) => {
    // Defined by this copy of the widgets (another copy's elements have no `diagnosis`: they read as not defined).
    const diagnosis = customElements.get(element.localName) && 'diagnosis' in element ? (element as OmneoElement).diagnosis : null;
    const [config = null, problem = null, store = null, users = new Set<never>()] = diagnosis ?? [];
    const snapshots = [...users].filter((user) => user.snapshot && user.watching && !user.supporting).map((user) => user.snapshot!);
    // Such an element (the hub) watches the balances only to tell a guest.
    if (config && !problem && snapshots.length === 0) withoutResources.set(element, [...users].some((user) => user.guest));
    const failedLoad = snapshots.map((snapshot) => snapshot.error).find(Boolean) ?? null;
    const elementProblem = problem?.message ?? (diagnosis ? missingInput(element) : null);
    return {
      tag: element.localName,
      in: host?.localName ?? null,
      defined: !!customElements.get(element.localName),
      state: !diagnosis ? 'not defined' : elementProblem ? 'error' : !config ? 'loading' : stateOf(snapshots),
      config: elementConfig(element, config),
      problem: elementProblem,
      error: failedLoad ? errorReport(failedLoad) : null,
      store: config ? storeIndex(store, config) : null,
    };
  });
  // An element without resources of its own (the hub) is as the elements it holds are, the worst first: its default
  // four in its shadow root, or the merchant's own in its light DOM (those of a hub inside it are that hub's, which
  // is as they are). Last first: a hub inside another comes after it in the list, and is rated before it is read.
  for (let index = elements.length; index--; ) {
    const hub = found[index]!.element;
    if (!withoutResources.has(hub)) continue;
    const nested = elements.filter((_, each) => findHub(found[each]!.element) === hub).map((each) => each.state);
    // Signed out, the hub shows one prompt instead of its elements: it is a guest's, not "loaded".
    elements[index]!.state = (['error', 'not defined', 'guest', 'loading', 'stale'] as const).find((state) => nested.includes(state)) ?? (withoutResources.get(hub) ? 'guest' : 'loaded');
  }

  const base = loader ? new URL('.', loader).href : null;
  const report: DiagnoseReport = {
    version: VERSION,
    loader,
    page: location.origin + location.pathname,
    time: new Date(now).toISOString(),
    pageConfig: { blocks: document.querySelectorAll(CONFIG_BLOCK).length, keys: pageKeys },
    elements,
    stores: stores.map((each) => each.report),
    crossPageCache: cacheEntries(new Set(stores.map((each) => each.store.cacheScope)), now),
    failedToLoad: {
      // A tag loaded by a later attempt (a retrying host) is no longer a failure.
      elements: [...failed].filter(([tag]) => !customElements.get(tag)).map(([tag, error]) => ({ tag, message: String((error as Error)?.message ?? error) })),
      files: base
        ? (performance.getEntriesByType('resource') as (PerformanceResourceTiming & { responseStatus?: number })[])
            .filter((entry) => entry.name.startsWith(base) && (entry.responseStatus ?? 0) >= 400)
            .map((entry) => ({ file: entry.name.slice(base.length), status: entry.responseStatus! }))
        : [],
    },
    features: features(),
  };
  log(report);
  return report;
}

/** The omneo-config block's values as written (messages as JSON), to tell them from configure()'s. */
function readBlock(): Record<string, unknown> {
  try {
    const parsed = JSON.parse(document.querySelector(CONFIG_BLOCK)?.textContent || '{}') as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(parsed).map(([key, value]) => [key, key === 'messages' ? JSON.stringify(value) : typeof value === 'number' ? String(value) : value]),
    );
  } catch {
    return {};
  }
}

/** A value as the report shows it: never a customer id, nor a function's source. */
function shown(key: string, value: unknown): string {
  if (key === 'getToken') return 'a function';
  if (key === 'messages') return `overrides for ${Object.keys(value as object).join(', ') || 'no locale'}`;
  if (key === 'customer') return value === '' ? '"" (signed out)' : 'a customer id (not shown)';
  return /endpoint|apibase/i.test(key) ? withoutQuery(String(value)) : String(value);
}

/** A URL without its query or fragment, which may carry what identifies a shopper (a merchant's own customer id or signature). */
function withoutQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut < 0 ? url : `${url.slice(0, cut + 1)}… (not shown)`;
}

function omneoElements(root: ParentNode, host: Element | null, found: { element: Element; host: Element | null }[]) {
  for (const element of root.querySelectorAll('*')) {
    if (element.localName.startsWith('omneo-')) found.push({ element, host });
    if (element.shadowRoot) omneoElements(element.shadowRoot, element, found);
  }
  return found;
}

function elementConfig(element: Element, config: Diagnosed[0]): DiagnoseReport['elements'][number]['config'] {
  const page = pageConfigSnapshot();
  const result: DiagnoseReport['elements'][number]['config'] = {};
  // The order resolveConfig reads them in: the element, each hub above it, the page.
  const places = configPlaces(element).map((place) => (key: AttributeConfigKey) => given(place ? attributeValue(place, key) : page[key], key));
  for (const key of Object.keys(CONFIG_ATTRIBUTES) as AttributeConfigKey[]) {
    // Resolved values win (trimmed, canonical, a default or the API base a tenant derives); the source is the given one.
    const resolved = config ? config[key] : undefined;
    // The tenant and the API base: the nearest place that gave the value used (resolveConfig takes them together, so
    // a tenant further out may not apply), none for a tenant not used or a derived API base.
    // (A tenant resolves lowercase: its capitals name the same host.)
    const place = places.findIndex((read) => {
      const value = read(key)?.trim();
      return config && (key === 'tenant' || key === 'apiBase') ? (key === 'tenant' ? value?.toLowerCase() : value) === resolved : value !== undefined;
    });
    const givenValue = place < 0 ? undefined : places[place]!(key);
    const value = resolved ?? givenValue;
    if (value === undefined || value === null) continue;
    result[key] = { value: shown(key, value), source: givenValue === undefined ? 'default' : place ? (place < places.length - 1 ? 'hub' : 'page') : 'attribute' };
  }
  if (config?.getToken && !config.tokenEndpoint) result.getToken = { value: 'a function', source: 'page' };
  return result;
}

/**
 * What an element needs besides its config, missing: its data may load, but it cannot do its job. A heart whose
 * product template left the sku empty is disabled, and the console says so once per page, not per heart.
 */
function missingInput(element: Element): string | null {
  const sku = (element as { sku?: unknown }).sku;
  return element.localName === 'omneo-wishlist-button' && !String(sku ?? '').trim() ? 'no sku attribute: the heart stays disabled until it has one' : null;
}

function stateOf(snapshots: ResourceSnapshot<unknown>[]): ElementState {
  if (snapshots.some((each) => each.status === 'error' || (!each.data && each.error))) return 'error';
  if (snapshots.some((each) => each.status === 'guest')) return 'guest';
  if (snapshots.some((each) => each.data === null)) return 'loading';
  return snapshots.some((each) => each.stale) ? 'stale' : 'loaded';
}

/**
 * Omneo's own text is left out of an HTTP error's message (its status and path stay): Laravel's 404 for a record
 * looked up by id names the id ("No query results for model [Profile] <id>"), and a 422 may quote a balance.
 */
const errorReport = (error: OmneoError): ErrorReport => {
  const { omneoMessage } = error as { omneoMessage?: unknown };
  const suffix = typeof omneoMessage === 'string' && omneoMessage ? `: ${omneoMessage}` : '';
  return {
    kind: error.kind,
    status: 'status' in error && typeof error.status === 'number' ? error.status : null,
    message: suffix && error.message.endsWith(suffix) ? error.message.slice(0, -suffix.length) : error.message,
  };
};

function describeStore(store: OmneoStore, config: NonNullable<Diagnosed[0]>, now: number): DiagnoseReport['stores'][number] {
  const [slots, tokens, hint] = store.diagnosis;
  const pid = store.profileId;
  const [pending, guest, exp, renewAt] = tokens.state?.() ?? [];
  const secondsLeft = exp !== undefined ? Math.round(exp - now / 1000) : null;
  const cachedPid = hint && pid !== null ? cachedProfile(store.cacheScope, hint) : undefined;
  return {
    tokenSource: config.tokenEndpoint ? withoutQuery(new URL(config.tokenEndpoint, location.href).href) : 'getToken()',
    apiBase: withoutQuery(new URL(config.apiBase, location.href).href),
    signedOut: store.isSignedOut,
    customerHint: hint === undefined ? 'none' : hint === '' ? 'signed out' : 'given',
    profile:
      pid === null
        ? 'not known yet'
        : !hint
          ? 'no customer hint'
          : cachedPid === undefined
            ? 'not cached yet'
            : cachedPid === pid
              ? 'matches the customer hint'
              : 'does not match the customer hint',
    token:
      renewAt !== undefined
        ? {
            state: pending ? 'pending' : secondsLeft !== null ? (secondsLeft > 0 ? 'valid' : 'expired') : guest ? 'guest' : 'not asked yet',
            secondsLeft,
            renewsInSeconds: secondsLeft !== null ? Math.round((renewAt - now) / 1000) : null,
          }
        : null,
    resources: [...slots].map(([key, { snapshot, inFlight }]) => ({
      key,
      status: snapshot.status,
      stale: snapshot.stale,
      loading: inFlight !== null,
      ageSeconds: snapshot.updatedAt !== null ? Math.round((now - snapshot.updatedAt) / 1000) : null,
      // Painted from what an earlier page of the visit cached, and not replaced by a load of this page's yet.
      fromCrossPageCache: snapshot.data !== null && snapshot.updatedAt !== null && snapshot.updatedAt < performance.timeOrigin,
      error: snapshot.error ? errorReport(snapshot.error) : null,
    })),
  };
}

/** The profile id the cross-page cache holds the hinted customer's data for (compared, never shown). */
function cachedProfile(scope: string, hint: string): string | null | undefined {
  try {
    const raw = browserSessionStorage()?.getItem(`${CACHE_PREFIX}${scope}:customer:${hint}`);
    return raw ? (JSON.parse(raw) as { pid?: string | null }).pid : undefined;
  } catch {
    return undefined;
  }
}

function cacheEntries(scopes: Set<string>, now: number): DiagnoseReport['crossPageCache'] {
  const storage = browserSessionStorage();
  const entries: DiagnoseReport['crossPageCache'] = [];
  try {
    for (let index = 0; storage && index < storage.length; index += 1) {
      const key = storage.key(index);
      if (!key?.startsWith(CACHE_PREFIX)) continue;
      const raw = storage.getItem(key) ?? '';
      // `<prefix><scope>:customer:<id>` or `…:pid:<id>`: the scope may hold colons (an API base URL), the id is masked.
      const [, scope = '', identity = ''] = /^(.*):(customer|pid):/.exec(key.slice(CACHE_PREFIX.length)) ?? [];
      let entry: { v?: unknown; resources?: Record<string, { savedAt?: unknown }> } = {};
      try {
        entry = JSON.parse(raw) as typeof entry;
      } catch {
        // Unreadable: the cache drops it when it reads it.
      }
      const ages: Record<string, number> = {};
      for (const [resource, { savedAt }] of Object.entries(entry.resources ?? {})) {
        if (typeof savedAt === 'number') ages[resource] = Math.round((now - savedAt) / 1000);
      }
      entries.push({
        key: identity ? `${CACHE_PREFIX}${scope}:${identity}:…` : key,
        thisPage: scopes.has(scope),
        release: typeof entry.v === 'string' ? entry.v : null,
        bytes: new TextEncoder().encode(key + raw).length,
        ages,
      });
    }
  } catch {
    // Storage refused mid-way (privacy settings): what was read stands.
  }
  return entries;
}

function features(): Record<string, boolean> {
  const has = (test: () => unknown) => {
    try {
      return !!test();
    } catch {
      return false;
    }
  };
  return {
    moduleScripts: has(() => 'noModule' in HTMLScriptElement.prototype),
    customElements: has(() => window.customElements),
    shadowDom: has(() => Element.prototype.attachShadow),
    adoptedStyleSheets: has(() => 'adoptedStyleSheets' in Document.prototype),
    BroadcastChannel: has(() => typeof BroadcastChannel === 'function'),
    sessionStorage: browserSessionStorage() !== null,
    cookies: has(() => navigator.cookieEnabled),
    online: has(() => navigator.onLine),
    'Intl.PluralRules': has(() => Intl.PluralRules),
    'CSS color-mix()': has(() => CSS.supports('color', 'color-mix(in srgb, red, blue)')),
  };
}

/** One console group: the summary first, then a table per section. */
function log(report: DiagnoseReport): void {
  const problems = report.elements.filter((each) => each.state === 'error' || each.state === 'not defined').length;
  console.group(
    `omneo-widgets: diagnose() ${report.version}, ${report.elements.length} element(s), ${problems} with a problem; copy it with copy(JSON.stringify(await OmneoWidgets.diagnose()))`,
  );
  console.log('omneo-widgets: loader', report.loader ?? '(npm build)', '· page', report.page);
  console.log(`omneo-widgets: page config (${report.pageConfig.blocks} omneo-config block(s))`);
  console.table(report.pageConfig.keys);
  console.log('omneo-widgets: elements');
  console.table(
    report.elements.map(({ tag, in: inside, state, problem, error, store }) => ({
      tag: inside ? `${inside} › ${tag}` : tag,
      state,
      store,
      problem: problem ?? error?.message ?? '',
    })),
  );
  report.elements.forEach((each) => console.log(`omneo-widgets: <${each.tag}> config`, each.config));
  report.stores.forEach((store, index) => {
    console.log(`omneo-widgets: store ${index}: ${store.tokenSource} → ${store.apiBase}; token`, store.token, '; customer hint', store.customerHint, '; profile', store.profile);
    console.table(store.resources.map(({ error, ...resource }) => ({ ...resource, error: error?.message ?? '' })));
  });
  console.log('omneo-widgets: cross-page cache (this tab)');
  console.table(report.crossPageCache.map(({ ages, ...entry }) => ({ ...entry, ages: JSON.stringify(ages) })));
  console.log('omneo-widgets: failed to load', report.failedToLoad);
  console.log('omneo-widgets: browser features', report.features);
  console.groupEnd();
}
