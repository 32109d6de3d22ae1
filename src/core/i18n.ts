/**
 * UI copy. Every string the elements show lives in a catalogue; merchants override any of them per locale
 * (`messages: {"en": {...}, "*": {...}}` in configure()). Plurals use Intl.PluralRules: a message is either
 * a string or an object of plural forms, and overrides address a form as `key.one`, `key.other`.
 */
import { ar } from './locales/ar.js';
import { en, type MessageKey } from './locales/en.js';
import { fr } from './locales/fr.js';

export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Message = string | PluralForms;
export type Catalogue = Partial<Record<MessageKey, Message>>;
export type { MessageKey };

// Built-in catalogues. They are small; splitting them per locale is not worth a request each.
const catalogues = new Map<string, Catalogue>([
  ['en', en],
  ['fr', fr],
  ['ar', ar],
]);

/** Registers a translation; a language (`fr`) serves its regions (`fr-CA`) unless they have their own. */
export function registerCatalogue(locale: string, catalogue: Catalogue): void {
  catalogues.set(locale.toLowerCase(), catalogue);
}

function candidates(locale: string): string[] {
  const lower = locale.toLowerCase();
  const language = lower.split('-')[0]!;
  return lower === language ? [lower] : [lower, language];
}

const pluralRules = new Map<string, Intl.PluralRules>();
function pluralCategory(locale: string, count: number): Intl.LDMLPluralRule {
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

export type Overrides = Record<string, Record<string, string>>;

/**
 * Looks a message up: merchant override for the locale, its language, then "*"; then our catalogue for
 * the locale and its language; then English. `count` selects the plural form; `params` fill `{name}` slots.
 */
export function translate(
  locale: string,
  key: MessageKey,
  params: Record<string, string | number> = {},
  overrides: Overrides = {},
): string {
  const count = typeof params.count === 'number' ? params.count : null;
  const category = count === null ? null : pluralCategory(locale, count);
  const lookups = [...candidates(locale), '*'];
  for (const code of lookups) {
    const table = overrides[code] ?? Object.entries(overrides).find(([k]) => k.toLowerCase() === code)?.[1];
    if (!table) continue;
    const text = (category && (table[`${key}.${category}`] ?? table[`${key}.other`])) || table[key];
    if (typeof text === 'string') return interpolate(text, params);
  }
  for (const code of [...candidates(locale), 'en']) {
    const message = catalogues.get(code)?.[key];
    if (message === undefined) continue;
    if (typeof message === 'string') return interpolate(message, params);
    const form = (category && message[category]) || message.other;
    return interpolate(form, params);
  }
  return key;
}

/** Writing direction for the locale, for `dir` on the element. */
export function directionOf(locale: string): 'ltr' | 'rtl' {
  const language = locale.toLowerCase().split('-')[0];
  return language && ['ar', 'he', 'fa', 'ur', 'yi', 'ps', 'sd', 'ug', 'dv', 'ckb'].includes(language) ? 'rtl' : 'ltr';
}
