/**
 * Configuration resolution, as the embed contract says (design.md): an element's own attributes, then the nearest
 * ancestor `<omneo-rewards>` and each hub around that one (configPlaces), then the page-wide config (the
 * `omneo-config` JSON block or `configure()`). Resolution is per key, so an element can override one key and inherit
 * the rest; the tenant and the API base are the exception: they name one API and resolve together (resolveConfig).
 */
import { RELEASE } from '../api/cache.js';
import type { MintedToken } from '../api/token-provider.js';
import type { Overrides } from './i18n.js';

export interface OmneoConfig {
  tokenEndpoint?: string;
  apiBase?: string;
  tenant?: string;
  locale?: string;
  currency?: string;
  wishlistHandle?: string;
  tiersEndpoint?: string;
  /** Storefront customer id hint; "" = signed out. Not a secret. */
  customer?: string;
  /**
   * JS-only alternative to tokenEndpoint: return null for a guest. It receives an AbortSignal, aborted when the
   * widgets no longer want that token (a logout, a refresh, the page restored from the back-forward cache).
   */
  getToken?: (signal?: AbortSignal) => Promise<MintedToken | null>;
  /**
   * Merchant overrides for UI copy, per locale or for all (`"*"`): a string, or for a plural message its forms,
   * as `"key.one"` or as a catalogue has them (`"key": {one, other}`).
   */
  messages?: Overrides;
}

/** The keys that can be given as attributes, with their attribute names. */
export const CONFIG_ATTRIBUTES = {
  tokenEndpoint: 'token-endpoint',
  apiBase: 'api-base',
  tenant: 'tenant',
  locale: 'locale',
  currency: 'currency',
  wishlistHandle: 'wishlist-handle',
  tiersEndpoint: 'tiers-endpoint',
  customer: 'customer',
} as const satisfies Partial<Record<keyof OmneoConfig, string>>;

export type AttributeConfigKey = keyof typeof CONFIG_ATTRIBUTES;
const ATTRIBUTE_KEYS = Object.keys(CONFIG_ATTRIBUTES) as AttributeConfigKey[];

export interface ResolvedConfig {
  tokenEndpoint: string | null;
  getToken: OmneoConfig['getToken'] | null;
  apiBase: string;
  tenant: string | null;
  locale: string;
  currency: string | null;
  wishlistHandle: string;
  tiersEndpoint: string | null;
  customer: string | undefined;
  messages: Overrides;
}

export class ConfigProblem extends Error {
  constructor(message: string) {
    super(`omneo-widgets: ${message}`);
    this.name = 'ConfigProblem';
  }
}

let pageConfig: OmneoConfig = {};
/** The omneo-config block as last read, and everything `configure()` was given (which stays over each block read). */
let fromBlock: OmneoConfig = {};
let configured: OmneoConfig = {};
/** The text of the block last read; undefined until it is first read. */
let blockText: string | null | undefined;
/** A new block read that the elements were not told of: read first by an element resolving at once (one moved in the
 * same task), it would leave the others on the last one; the page observer tells them. */
let blockUnheard = false;
const configListeners = new Set<() => void>();

/**
 * The omneo-config block: a `<script>` only. Any other element with the id (HTML a page lets through without its
 * scripts, a review or a CMS field: sanitisers keep ids) would otherwise name the API base the token is sent to.
 */
export const CONFIG_BLOCK = 'script#omneo-config';

function readJsonBlock(): OmneoConfig {
  if (typeof document === 'undefined') return {};
  const block = document.querySelector(CONFIG_BLOCK);
  // An app embed's block and one pasted into the theme: the first wins, and edits to the other do nothing.
  const blocks = document.querySelectorAll(CONFIG_BLOCK).length;
  if (blocks > 1) console.warn(`omneo-widgets: the page has ${blocks} omneo-config blocks; only the first is read. Keep one.`);
  if (!block?.textContent?.trim()) return {};
  try {
    const parsed: unknown = JSON.parse(block.textContent);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      console.error('omneo-widgets: the omneo-config block must hold a JSON object; it was ignored.');
      return {};
    }
    return sanitise(parsed as Record<string, unknown>, 'the omneo-config block');
  } catch (error) {
    console.error(`omneo-widgets: the omneo-config block is not valid JSON and was ignored (${(error as Error).message}).`);
    return {};
  }
}

const KNOWN_KEYS = new Set<string>([...ATTRIBUTE_KEYS, 'getToken', 'messages']);

/**
 * Keeps known keys of the right type; warns about each mistake instead of failing the page, once for the page: an
 * app may call configure() on every route with the same mistake.
 */
function sanitise(input: Record<string, unknown>, source: string): OmneoConfig {
  const output: OmneoConfig = {};
  for (const [key, value] of Object.entries(input)) {
    if (!KNOWN_KEYS.has(key)) {
      warnOnce(`omneo-widgets: unknown key "${key}" in ${source} was ignored. Known keys: ${[...KNOWN_KEYS].join(', ')}.`);
      continue;
    }
    // Null, undefined and "" are not set, nothing said (`getToken: useOwn ? fn : undefined`); the text keys keep "" (a blank
    // value is not set when resolved; `customer: ""` says signed out).
    if (value == null || (value === '' && !ATTRIBUTE_KEYS.includes(key as AttributeConfigKey))) continue;
    if (key === 'getToken') {
      if (typeof value === 'function') output.getToken = value as OmneoConfig['getToken'];
      else warnOnce(`omneo-widgets: getToken in ${source} must be a function; it was ignored.`);
    } else if (key === 'messages') {
      // Locales to overrides: a list (of one locale's overrides, say) would be read as locales "0", "1"… and do nothing.
      if (value && typeof value === 'object' && !Array.isArray(value)) output.messages = value as OmneoConfig['messages'];
      else warnOnce(`omneo-widgets: messages in ${source} must be an object of locales; it was ignored.`);
    } else if (textOf(value) !== undefined) {
      output[key as AttributeConfigKey] = textOf(value);
    } else {
      // NaN or Infinity too: no customer "NaN".
      warnOnce(`omneo-widgets: "${key}" in ${source} must be a string; it was ignored.`);
    }
  }
  return output;
}

/**
 * The page config, read again whenever the block says something new: a host that renders the page again (a Turbo
 * Drive visit, a morph, an htmx swap) brings the next page's block, with another customer after a sign-in or out,
 * or another locale. A block taken away leaves the last one read in force.
 */
function ensurePageConfig(): OmneoConfig {
  const text = typeof document === 'undefined' ? null : (document.querySelector(CONFIG_BLOCK)?.textContent ?? null);
  if (blockText === undefined || (text !== null && text !== blockText)) {
    blockUnheard = blockText !== undefined;
    blockText = text;
    fromBlock = readJsonBlock();
    pageConfig = { ...fromBlock, ...configured };
  }
  return pageConfig;
}

let claimed = false;

/**
 * This copy of the widgets is on the page (the CDN loader gives its URL); idempotent. Two copies, the CDN script beside
 * a bundle of the npm package (a Shopify app embed and a theme section's own JS) or two releases of the script (a
 * theme snippet pinned to one, the app embed serving another), each have their own page config, runtime and token:
 * an element is the copy's that registered its tag first, and the other's configure() and refresh() never reach it.
 * Nothing throws, so the page is told once, naming both. A copy is an instance of this module: the script again under
 * another URL (Shopify's `?v=`) imports the same chunks, so it is one copy. The list under the symbol (the copies'
 * names, in the order they ran) is read and written by every release: keep it so.
 */
export function claimPage(loader?: string): void {
  if (claimed) return;
  claimed = true;
  const copies: string[] = ((window as unknown as Record<symbol, string[]>)[Symbol.for('omneo-widgets.copies')] ??= []);
  if (copies.push(loader ? `the CDN script ${RELEASE} (${loader})` : `the npm package ${RELEASE}`) == 2) {
    console.warn(`omneo-widgets: two copies of the widgets are on this page, ${copies.join(' and ')}; each one's configure() and refresh() reach only its own elements. Keep one.`);
  }
}

/** For `OmneoWidgets.diagnose()` (src/core/diagnose.ts), read only: the page config as the elements see it. */
export const pageConfigSnapshot = (): Readonly<OmneoConfig> => ensurePageConfig();

const configChanged = () => {
  blockUnheard = false;
  configListeners.forEach((listener) => listener());
};

/** Page-wide configuration from JS; merges over the `omneo-config` block and earlier calls. */
export function configure(config: OmneoConfig): void {
  if (!config || typeof config !== 'object') throw new ConfigProblem('configure() takes an object.');
  configured = { ...configured, ...sanitise(config as Record<string, unknown>, 'configure()') };
  ensurePageConfig();
  pageConfig = { ...fromBlock, ...configured };
  configChanged();
}

let watchingPage = false;

/**
 * `<html lang>` is the default locale, and an app may switch language by changing it without reloading; a host that
 * renders the page again may bring a new omneo-config block (above) and keep the elements on screen (Turbo's
 * permanent elements, a morph): elements re-resolve then, as after configure(). At module level, not in
 * onConfigChange: a callback made there shares its scope, `listener` with it, and the observer (alive as long as
 * the page) would keep the first element to listen, and its tree, for good.
 */
function watchPage(): void {
  let lang = document.documentElement.lang;
  new MutationObserver((records) => {
    const langChanged = lang !== (lang = document.documentElement.lang);
    // An element's own lang or dir (resolve() sets them) taken away: a morph syncing the element to the server's
    // HTML, which has neither, would leave an Arabic element laid out left-to-right.
    const taken = records.some((record) => record.attributeName && !(record.target as Element).hasAttribute(record.attributeName));
    ensurePageConfig();
    if (blockUnheard || langChanged || taken) configChanged();
  }).observe(document.documentElement, { attributeFilter: ['lang', 'dir'], childList: true, characterData: true, subtree: true });
}

export function onConfigChange(listener: () => void): () => void {
  configListeners.add(listener);
  if (!watchingPage) {
    watchingPage = true;
    watchPage();
  }
  return () => configListeners.delete(listener);
}

/**
 * The page-wide token endpoint when a token request is certain to be needed and to go there: set in the page
 * config, no `getToken`, and not signed out by the `customer` hint. For the CDN loader's early request.
 */
export function pageTokenEndpoint(): string | null {
  const page = ensurePageConfig();
  if (!page.tokenEndpoint || page.getToken || page.customer === '') return null;
  // Not an http(s) URL (`javascript:…`, a typo): the elements report it; nothing is sent to it before they do.
  return isHttpUrl(page.tokenEndpoint) ? page.tokenEndpoint : null;
}

/** The page-wide API base (given, or the tenant's), for the CDN loader's preconnect; null when neither is set. */
export function pageApiBase(): string | null {
  const page = ensurePageConfig();
  const tenant = page.tenant?.trim();
  return page.apiBase?.trim() || (tenant && TENANT_PATTERN.test(tenant) ? apiBaseForTenant(tenant) : null);
}

/**
 * The scope (tenant, else API base) the page config names, as the runtime keys a store's cache and notices by:
 * for a logout on a page that has no element to ask. Null when the page config names neither.
 */
export function pageCacheScope(): string | null {
  const page = ensurePageConfig();
  const apiBase = page.apiBase?.trim();
  return page.tenant?.trim().toLowerCase() || (apiBase ? tenantOf(apiBase) || urlKey(apiBase) : null);
}

/** The page config's scope (pageCacheScope) when it says nobody is signed in (`customer: ""`), else null. */
export const pageSignedOutScope = (): string | null => (ensurePageConfig().customer === '' ? pageCacheScope() : null);

/** For tests: forget the page config so the next read sees the current document. */
export function resetPageConfig(): void {
  pageConfig = fromBlock = configured = {};
  blockText = undefined;
}

/** The next element up the tree, crossing shadow roots (a hub renders its children in its shadow DOM). */
function composedParent(node: Node): Node | null {
  if (node.parentNode) return node.parentNode instanceof ShadowRoot ? node.parentNode.host : node.parentNode;
  return node instanceof ShadowRoot ? node.host : null;
}

/** The nearest `<omneo-rewards>` above an element, crossing shadow roots. */
export function findHub(element: Element): Element | null {
  for (let node = composedParent(element); node; node = composedParent(node)) {
    if (node instanceof Element && node.localName === 'omneo-rewards') return node;
  }
  return null;
}

/**
 * Where an element's config is read, nearest first: the element, each `<omneo-rewards>` above it (a hub nested in
 * another is an element whose nearest hub is the outer one), then null for the page.
 */
export function configPlaces(element: Element): (Element | null)[] {
  const places: (Element | null)[] = [];
  for (let place: Element | null = element; place; place = findHub(place)) places.push(place);
  return [...places, null];
}

/**
 * An element's own value for a key: the property when it is one of our elements (set from an attribute
 * by Lit, or from JS by a framework), else the attribute.
 */
export function attributeValue(element: Element | null, key: AttributeConfigKey): string | undefined {
  if (!element) return undefined;
  // A customer id bound as a number (`customer={user.id}` in React or Vue): its digits, as the page config takes it.
  const property = textOf((element as unknown as Partial<Record<AttributeConfigKey, unknown>>)[key]);
  if (property !== undefined) return property;
  const value = element.getAttribute(CONFIG_ATTRIBUTES[key]);
  return value === null ? undefined : value;
}

/**
 * A property as text: React 19 and Vue set a custom element's properties with whatever value the app has. A string as
 * it is, a finite number as its digits (a SKU or id parsed from JSON); anything else (null, undefined, a boolean,
 * NaN, an object, a list) is no text, undefined: never `String()`'s "true", "NaN" or "[object Object]".
 */
export const textOf = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;

/** A mistaken value as the console names it: text quoted, as the attribute shows it; an object or a list by its kind. */
export const shown = (value: unknown): string =>
  typeof value === 'string' ? `"${value}"` : Array.isArray(value) ? 'a list' : typeof value === 'object' && value ? 'an object' : String(value);

/**
 * True the first time a page asks about `key`: what is said on the console is said once per page, however many
 * elements meet the mistake and however often (every element resolves its config, again on each configure()).
 */
const said = new Set<string>();
export function firstTime(key: string): boolean {
  return !said.has(key) && !!said.add(key);
}

export function warnOnce(message: string): void {
  if (firstTime(message)) console.warn(message);
}

export function errorOnce(message: string): void {
  if (firstTime(message)) console.error(message);
}

/**
 * The locale as a canonical BCP 47 tag, or null when there is none or it is malformed (the next source applies).
 * A POSIX-style `fr_CA` (Java, PHP and SFCC write locales so) is read as `fr-CA`.
 */
function validLocale(locale: string | undefined): string | null {
  if (!locale) return null;
  try {
    return Intl.getCanonicalLocales(locale.replace(/_/g, '-'))[0] ?? null;
  } catch {
    warnOnce(`omneo-widgets: locale "${locale}" is not a valid BCP 47 tag; it was ignored.`);
    return null;
  }
}

export function apiBaseForTenant(tenant: string): string {
  return `https://api.${tenant}.getomneo.com/id/api/v1`;
}

const TENANT_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/i;

/** The tenant whose own ID API address (apiBaseForTenant's) this is, however spelled (a host name's capitals too); else "". */
function tenantOf(apiBase: string): string {
  // The first label after "https://api." (12 characters) is the candidate; apiBaseForTenant's address for it must match.
  const tenant = urlKey(apiBase).slice(12).split('.')[0]!;
  return urlKey(apiBaseForTenant(tenant)) == urlKey(apiBase) ? tenant : '';
}

const CURRENCY_PATTERN = /^[A-Z]{3}$/;

/**
 * A value as given, or undefined when it counts as not set: a blank value falls through to the hub and the page
 * (templates often render an empty attribute for a missing setting). `customer` is the exception: "" there means
 * signed out.
 */
export const given = (value: string | undefined, key: AttributeConfigKey): string | undefined =>
  value !== undefined && (key === 'customer' || value.trim() !== '') ? value : undefined;

/**
 * Resolves the configuration for one element. Throws ConfigProblem with a message for the merchant's
 * developer when the configuration cannot work.
 */
export function resolveConfig(element: Element): ResolvedConfig {
  const places = configPlaces(element);
  const page = ensurePageConfig();
  /** A place's own value for a key: the element's or a hub's, the page's for null. */
  const at = (place: Element | null, key: AttributeConfigKey) => given(place ? attributeValue(place, key) : page[key], key);
  const pick = (key: AttributeConfigKey): string | undefined => {
    for (const place of places) {
      const value = at(place, key);
      if (value !== undefined) return value;
    }
  };

  // The tenant and the API base name one API, so both come from the nearest place that gives either: a badge of
  // another tenant (its own api-base, or tenant) on a page configured for the store's is that tenant's throughout,
  // its cache and notices too (the tenant keys them), never the page's with the other's address or the reverse.
  // A place naming the same API as the places around it (the page's tenant again, their API base however spelled, as
  // the runtime keys it, or that tenant's own API base) keeps their other key: a hub repeating the tenant keeps the
  // page's pass-through API base.
  let tenant = '';
  let apiBase = '';
  for (const place of [...places].reverse()) {
    const t = at(place, 'tenant')?.trim().toLowerCase();
    const a = at(place, 'apiBase')?.trim();
    if (t ? t != tenant : a && ![apiBase, apiBaseForTenant(tenant)].some((same) => urlKey(same) == urlKey(a))) tenant = apiBase = '';
    tenant = t || tenant;
    apiBase = a || apiBase;
  }
  if (tenant && !TENANT_PATTERN.test(tenant)) throw new ConfigProblem(`tenant "${tenant}" is not a valid tenant name.`);
  apiBase ||= tenant && apiBaseForTenant(tenant);
  // Omneo's own address for a tenant (the README's block gives only that) is that tenant's: the cache and the notices
  // are keyed alike whether a page, a hub or an element names the tenant or its address.
  tenant ||= tenantOf(apiBase);
  if (!apiBase) throw new ConfigProblem('no API base: set api-base (or apiBase in omneo-config), or tenant.');
  const tokenEndpoint = pick('tokenEndpoint')?.trim() || null;
  const getToken = page.getToken ?? null;
  if (!tokenEndpoint && !getToken) {
    throw new ConfigProblem('no token endpoint: set token-endpoint (or tokenEndpoint in omneo-config), or getToken in configure().');
  }
  for (const [name, url] of [['apiBase', apiBase], ['tokenEndpoint', tokenEndpoint], ['tiersEndpoint', pick('tiersEndpoint')]] as const) {
    if (url && !isHttpUrl(url)) throw new ConfigProblem(`${name} "${url}" must be an http(s) URL or a path.`);
  }
  const currencyValue = pick('currency')?.trim().toUpperCase();
  let currency: string | null = null;
  if (currencyValue) {
    if (CURRENCY_PATTERN.test(currencyValue)) currency = currencyValue;
    else warnOnce(`omneo-widgets: currency "${currencyValue}" is not an ISO 4217 code; Omneo's currency is used.`);
  }
  return {
    tokenEndpoint,
    getToken,
    apiBase,
    tenant: tenant || null,
    locale: validLocale(pick('locale')) ?? validLocale(document.documentElement.lang) ?? validLocale(navigator.language) ?? 'en',
    currency,
    wishlistHandle: pick('wishlistHandle')?.trim() || 'wishlist',
    tiersEndpoint: pick('tiersEndpoint')?.trim() || null,
    customer: pick('customer')?.trim(),
    messages: page.messages ?? {},
  };
}

/** A URL as the runtime keys it (the same API however spelled: relative or absolute, with trailing slashes or not). */
export function urlKey(url: string): string {
  try {
    return new URL(url, location.href).href.replace(/\/+$/, '');
  } catch {
    return url;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value, typeof location !== 'undefined' ? location.href : 'http://localhost/');
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
