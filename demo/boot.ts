/**
 * Runs before the widgets load (it is the first module on the page): applies the demo's `?locale=` and
 * `?theme=` to the page-wide omneo-config block, to <html> and to the page's own copy, so the page and the
 * elements render in the chosen language from their first paint instead of switching after it. A storefront
 * does the same on its server.
 */
import { applyCopy } from './copy.js';
import { renderProducts } from './products.js';
import { applyPageDirection, applyTheme, applyToConfigBlock, requestedLocale, requestedTheme, type DemoLocale } from './switches.js';

export { DEMO_LOCALES, DEMO_THEMES, applyTheme, requestedLocale, requestedTheme, type DemoLocale, type DemoTheme } from './switches.js';

/** The storefront's own language, direction and copy: the widgets follow `locale`, the page follows <html>. */
export function applyPageLocale(locale: DemoLocale): void {
  applyPageDirection(locale);
  applyCopy(locale);
}

const locale = requestedLocale();
applyToConfigBlock(locale);
applyPageLocale(locale);
applyTheme(requestedTheme());
renderProducts(locale);
