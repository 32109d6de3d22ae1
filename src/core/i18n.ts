/**
 * UI copy. Every string the elements show lives in a catalogue; merchants override any of them per locale
 * (`messages: {"en": {...}, "*": {...}}` in configure()). Plurals use Intl.PluralRules: a message is either
 * a string or an object of plural forms, and overrides address a form as `key.one`, `key.other`.
 *
 * English ships with the elements: it is the source catalogue and every other one's fallback, and each
 * element brings its own part of it (`registerEnglish`), so a page pays for the copy of the elements it
 * shows. The other built-in catalogues are loaded on demand (`loadCatalogue`), so a page pays for its own
 * language only.
 * `translate` stays synchronous: it reads whatever has arrived, and elements wait for their catalogue before
 * they show data (see OmneoElement), so nobody sees English flash before French.
 */
import type { MessageKey } from './locales/en.js';
import { enCommon } from './locales/en/common.js';

export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Message = string | PluralForms;
export type Catalogue = Partial<Record<MessageKey, Message>>;
export type { MessageKey };

/** Built-in catalogues other than English, by language. Adding one: a file in locales/ and a line here. */
const BUILT_IN_CATALOGUES: Record<string, () => Promise<Catalogue>> = {
  fr: () => import('./locales/fr.js').then((module) => module.fr),
  ar: () => import('./locales/ar.js').then((module) => module.ar),
};

/** Our English, the last fallback, growing as elements register their parts. */
const english: Catalogue = { ...enCommon };
const catalogues = new Map<string, Catalogue>([['en', english]]);

/** Adds an element's English (idempotent: the same part twice changes nothing). */
export function registerEnglish(messages: Catalogue): void {
  Object.assign(english, messages);
}
const loadingCatalogues = new Map<string, Promise<void>>();

/** Registers a translation; a language (`fr`) serves its regions (`fr-CA`), after their own catalogue if any. */
export function registerCatalogue(locale: string, catalogue: Catalogue): void {
  catalogues.set(lookupTag(locale), catalogue);
}

/** How catalogues and overrides are keyed: lower case, and `fr_CA` (as Java, PHP and SFCC write it) as `fr-ca`. */
const lookupTag = (locale: string): string => locale.toLowerCase().replace(/_/g, '-');

const chains = new Map<string, string[]>();
/**
 * Subtags whose prefixes are candidates: language, script, region and a few variants or extensions, more than any
 * catalogue is keyed by. Every prefix of a longer tag would be quadratic: private-use subtags have no limit, and a
 * valid 100 KB `locale` (20,000 of them) took seconds and hundreds of MB. Such a tag is still looked up whole first.
 */
const PREFIX_SUBTAGS = 8;

/**
 * The tags to look a locale up under, most specific first, one subtag shorter each: zh-hant-tw, zh-hant, zh. A tag
 * without its script gets its likely one before the bare language: zh-tw, zh-hant, zh (Taiwan writes Traditional,
 * and `zh` may be a Simplified catalogue). Cached: building an Intl.Locale is slow, and every message looks up.
 */
function candidates(locale: string): string[] {
  let chain = chains.get(locale);
  if (!chain) {
    const subtags = lookupTag(locale).split('-');
    const first = subtags.slice(0, PREFIX_SUBTAGS);
    chain = first.map((_, index) => first.slice(0, first.length - index).join('-'));
    if (subtags.length > first.length) chain.unshift(subtags.join('-'));
    // (A tag that has its script already looks it up twice: harmless.) Locales here are valid tags (config.ts).
    chain.splice(-1, 0, `${subtags[0]}-${new Intl.Locale(subtags.join('-')).maximize().script}`.toLowerCase());
    chains.set(locale, chain);
  }
  return chain;
}

/**
 * The built-in catalogue `translate(locale, …)` would use but that has not been loaded yet, if any. A regional
 * catalogue the integrator registered (`fr-CA`, perhaps a few keys) still needs our `fr` for the keys it lacks;
 * a language we have no translation for (`de`) is served in English at once.
 */
function pendingBuiltIn(locale: string): string | null {
  for (const code of candidates(locale)) {
    if (!catalogues.has(code) && Object.hasOwn(BUILT_IN_CATALOGUES, code)) return code;
  }
  return null;
}

/** Whether `translate` can already serve this locale in its own language. */
export function isCatalogueLoaded(locale: string): boolean {
  return pendingBuiltIn(locale) === null;
}

/**
 * Loads the built-in catalogue for `locale` (once per page, however many elements ask). Rejects when the
 * file cannot be fetched; the next call tries again, and meanwhile `translate` falls back to English.
 */
export function loadCatalogue(locale: string): Promise<void> {
  const code = pendingBuiltIn(locale);
  if (code === null) return Promise.resolve();
  let loading = loadingCatalogues.get(code);
  if (!loading) {
    loading = BUILT_IN_CATALOGUES[code]!().then(
      (catalogue) => {
        // A catalogue the integrator registered for this language wins over ours.
        if (!catalogues.has(code)) catalogues.set(code, catalogue);
      },
      (error: unknown) => {
        loadingCatalogues.delete(code);
        throw error;
      },
    );
    loadingCatalogues.set(code, loading);
  }
  return loading;
}

const pluralRules = new Map<string, Intl.PluralRules>();
function pluralCategory(locale: string, count: number | null): Intl.LDMLPluralRule | null {
  if (count === null) return null;
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules.select(count);
}

function interpolate(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/**
 * Merchant overrides by locale: a message, or plural forms as `key.one`, `key.other` or as a catalogue has them
 * (`key: {one, other}`); any forms, the others falling back to the catalogue's. Keys are typed, so a typo
 * (`tier.headng`) fails type-checking in TypeScript; a page's JSON config is not checked (the full key list is
 * not on the page), and an unknown key there is simply never read.
 */
export type Overrides = Record<string, Partial<Record<MessageKey | `${MessageKey}.${Intl.LDMLPluralRule}`, string | Partial<PluralForms>>>>;

/** A message's text for a plural category: its form, else `other`; a string serves every count. */
function textOf(message: string | Partial<PluralForms> | null | undefined, category: Intl.LDMLPluralRule | null): string | undefined {
  return message && typeof message === 'object' ? (category && message[category]) || message.other : message ?? undefined;
}

/**
 * Looks a message up: merchant override for the locale, its language, then "*"; then our catalogue for
 * the locale and its language (if loaded); then English. `count` selects the plural form; `params` fill
 * `{name}` slots.
 */
export function translate(
  locale: string,
  key: MessageKey,
  params: Record<string, string | number> = {},
  overrides: Overrides = {},
): string {
  const count = typeof params.count === 'number' ? params.count : null;
  const category = pluralCategory(locale, count);
  const lookups = [...candidates(locale), '*'];
  for (const code of lookups) {
    const table = overrides[code] ?? Object.entries(overrides).find(([k]) => lookupTag(k) === code)?.[1];
    if (!table) continue;
    // A form addressed as `key.one`, or the message itself: a string, or an object of forms as in a catalogue.
    const text = (category && (table[`${key}.${category}`] ?? table[`${key}.other`])) || textOf(table[key], category);
    if (typeof text === 'string') return interpolate(text, params);
  }
  for (const code of [...candidates(locale), 'en', '']) {
    // '' is our own English, also when the integrator has registered a catalogue of their own for 'en'.
    const message = code === '' ? english[key] : catalogues.get(code)?.[key];
    // A registered catalogue is JavaScript's to get wrong (a plural without `other`): what is not text falls through.
    // English in English forms: a Japanese page (only `other`) still reads "1 point", a Portuguese one "0 points".
    const text = textOf(message, code && code !== 'en' ? category : pluralCategory('en', count));
    if (typeof text === 'string') return interpolate(text, params);
  }
  return key;
}

/**
 * Writing direction for the locale, for `dir` on the element: its script's, named in the tag (`pa-Arab` is right to
 * left, `az-Latn` left to right) or the one its language and region are likely written in (candidates: `pa-PK` is
 * Arabic script, `sd-IN` Devanagari, `ar`, `fa`, `he` and `ur` right to left).
 */
export function directionOf(locale: string): 'ltr' | 'rtl' {
  const chain = candidates(locale);
  return ['arab', 'hebr', 'thaa', 'syrc', 'nkoo', 'adlm', 'rohg'].includes(chain[chain.length - 2]!.split('-')[1]!) ? 'rtl' : 'ltr';
}
