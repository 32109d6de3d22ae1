/**
 * The public `registerCatalogue` (npm entries, React entry and, through src/cdn/localisation.ts, the CDN
 * global): i18n's registration, then a page-config notification, so that elements already on screen render
 * again in the new copy. The CDN global registers once the element code has arrived, usually after the
 * elements have connected; the npm build registers at once, but a catalogue fetched later (an SPA's lazy
 * import) should also reach elements already shown.
 */
import { configure } from './core/config.js';
import { registerCatalogue as addCatalogue, type Catalogue } from './core/i18n.js';

/**
 * Adds a translation, or replaces one of ours: `registerCatalogue('de', {...})` with any subset of the keys of
 * `src/core/locales/en.ts` (missing keys fall back to the language's, then English). A language (`de`) serves
 * its regions (`de-AT`); a region's own catalogue (`fr-CA`) comes first, key by key. Plural messages are objects of `Intl.PluralRules` forms
 * (`{one: '1 Punkt', other: '{formatted} Punkte'}`).
 */
export function registerCatalogue(locale: string, catalogue: Catalogue): void {
  assertCatalogue(locale, catalogue);
  addCatalogue(locale, catalogue);
  configure({});
}

/** Throws for arguments that cannot be a catalogue (JavaScript callers have no types; src/cdn.ts checks the same). */
function assertCatalogue(locale: unknown, catalogue: unknown): asserts catalogue is Catalogue {
  if (typeof locale !== 'string' || locale.trim() === '' || !catalogue || typeof catalogue !== 'object' || Array.isArray(catalogue)) {
    throw new TypeError('omneo-widgets: registerCatalogue(locale, catalogue) takes a locale such as "de" and an object of messages.');
  }
}
