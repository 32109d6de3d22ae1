/**
 * Runs before the widgets load (it is the first module on the page): applies the demo's `?locale=` and
 * `?theme=` to the page-wide omneo-config block, to <html> and to the page's own copy, so the page and the
 * elements render in the chosen language from their first paint instead of switching after it. A storefront
 * does the same on its server.
 */
import { applyCopy } from './copy.js';
import { renderProducts } from './products.js';

export const DEMO_LOCALES = {
  'en-AU': 'English (Australia)',
  'fr-FR': 'Français',
  ar: 'العربية',
} as const;
export type DemoLocale = keyof typeof DEMO_LOCALES;

export const DEMO_THEMES = {
  light: 'Light',
  dark: 'Dark',
  brand: 'Brand',
} as const;
export type DemoTheme = keyof typeof DEMO_THEMES;

const isLocale = (value: string | null): value is DemoLocale => value !== null && value in DEMO_LOCALES;
const isTheme = (value: string | null): value is DemoTheme => value !== null && value in DEMO_THEMES;

export function requestedLocale(): DemoLocale {
  const value = new URLSearchParams(location.search).get('locale');
  return isLocale(value) ? value : 'en-AU';
}

export function requestedTheme(): DemoTheme {
  const value = new URLSearchParams(location.search).get('theme');
  return isTheme(value) ? value : 'light';
}

/** The storefront's own language, direction and copy: the widgets follow `locale`, the page follows <html>. */
export function applyPageLocale(locale: DemoLocale): void {
  document.documentElement.lang = locale;
  document.documentElement.dir = locale === 'ar' ? 'rtl' : 'ltr';
  applyCopy(locale);
}

export function applyTheme(theme: DemoTheme): void {
  document.documentElement.dataset.theme = theme;
}

function applyToConfigBlock(locale: DemoLocale): void {
  const block = document.getElementById('omneo-config');
  if (!block?.textContent) return;
  const config = JSON.parse(block.textContent) as Record<string, unknown>;
  block.textContent = JSON.stringify({ ...config, locale });
}

const locale = requestedLocale();
applyToConfigBlock(locale);
applyPageLocale(locale);
applyTheme(requestedTheme());
renderProducts(locale);
