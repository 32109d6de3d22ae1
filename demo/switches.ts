/**
 * The demo's Language and Theme switches, shared by the storefront (index.html) and the states gallery
 * (states.html): what each offers, what the page's `?locale=` and `?theme=` ask for, and keeping a choice in the URL.
 */
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

const isLocale = (value: string | null): value is DemoLocale => value !== null && Object.hasOwn(DEMO_LOCALES, value);
const isTheme = (value: string | null): value is DemoTheme => value !== null && Object.hasOwn(DEMO_THEMES, value);

export function requestedLocale(): DemoLocale {
  const value = new URLSearchParams(location.search).get('locale');
  return isLocale(value) ? value : 'en-AU';
}

export function requestedTheme(): DemoTheme {
  const value = new URLSearchParams(location.search).get('theme');
  return isTheme(value) ? value : 'light';
}

export function applyTheme(theme: DemoTheme): void {
  document.documentElement.dataset.theme = theme;
}

/** The widgets follow `locale`; the page's own language and direction follow <html>. */
export function applyPageDirection(locale: DemoLocale): void {
  document.documentElement.lang = locale;
  document.documentElement.dir = locale === 'ar' ? 'rtl' : 'ltr';
}

/** The page-wide omneo-config block's `locale`, before the widgets read it (so they paint in it first time). */
export function applyToConfigBlock(locale: DemoLocale): void {
  const block = document.getElementById('omneo-config');
  if (!block?.textContent) return;
  const config = JSON.parse(block.textContent) as Record<string, unknown>;
  block.textContent = JSON.stringify({ ...config, locale });
}

/** Keeps a switch's value in the URL, so a reload or a persona sign-in (which returns here) keeps it. */
function rememberInUrl(name: string, value: string, fallback: string): void {
  const url = new URL(location.href);
  if (value === fallback) url.searchParams.delete(name);
  else url.searchParams.set(name, value);
  history.replaceState(null, '', url);
}

function fillSelect(select: HTMLSelectElement, options: Record<string, string>, value: string): void {
  for (const [key, label] of Object.entries(options)) {
    const option = document.createElement('option');
    option.value = key;
    option.textContent = label;
    option.lang = key === 'ar' ? 'ar' : key === 'fr-FR' ? 'fr' : 'en';
    select.append(option);
  }
  select.value = value;
}

/**
 * The bar's Language and Theme switches: filled from the page's `?locale=` and `?theme=`, each choice kept in the
 * URL. `onLocale` shows the page in a new language (the caller's configure() and its own copy: this module stays free
 * of the widgets, as boot.ts loads it first); `afterChange` runs after either switch and once at the start.
 */
export function setUpSwitches(onLocale: (locale: DemoLocale) => void, afterChange: () => void): void {
  const localeSelect = document.querySelector<HTMLSelectElement>('[data-locale-select]');
  const themeSelect = document.querySelector<HTMLSelectElement>('[data-theme-select]');
  if (localeSelect) {
    fillSelect(localeSelect, DEMO_LOCALES, requestedLocale());
    localeSelect.addEventListener('change', () => {
      const locale = localeSelect.value as DemoLocale;
      onLocale(locale);
      rememberInUrl('locale', locale, 'en-AU');
      afterChange();
    });
  }
  if (themeSelect) {
    fillSelect(themeSelect, DEMO_THEMES, requestedTheme());
    themeSelect.addEventListener('change', () => {
      applyTheme(themeSelect.value as DemoTheme);
      rememberInUrl('theme', themeSelect.value, 'light');
      afterChange();
    });
  }
  afterChange();
}
