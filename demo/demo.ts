/**
 * Demo-page controls: the persona switcher (sign in via /demo/login, out via /demo/logout), the language
 * and theme switches, the "simulate" switches that add fault rules to the demo's mock Omneo, and the bits
 * of storefront the widgets talk to (product cards with wishlist hearts, the bag counter fed by
 * `omneo-add-to-cart`). Not part of the widgets.
 */
import { configure, type OmneoEventDetails } from '../src/index.js';
import { applyPageLocale, applyTheme, DEMO_LOCALES, DEMO_THEMES, requestedLocale, requestedTheme, type DemoLocale, type DemoTheme } from './boot.js';
import { formatCount, formatMoney, t } from './copy.js';

interface PersonaSummary {
  key: string;
  label: string;
  covers: string;
}

const PERSONA_COOKIE = 'omneo_demo_persona';

function currentPersona(): string {
  const entry = document.cookie.split('; ').find((part) => part.startsWith(`${PERSONA_COOKIE}=`));
  return entry ? decodeURIComponent(entry.slice(PERSONA_COOKIE.length + 1)) : '';
}

/** Asks the widgets for fresh data (design.md: `omneo-refresh` on document). */
function refreshWidgets() {
  document.dispatchEvent(new CustomEvent('omneo-refresh'));
}

async function setUpPersonaSwitcher() {
  const select = document.querySelector<HTMLSelectElement>('[data-persona-select]');
  const status = document.querySelector<HTMLElement>('[data-persona-status]');
  if (!select) return;
  const signedIn = currentPersona();
  try {
    const response = await fetch('/demo/personas', { headers: { Accept: 'application/json' } });
    const personas = (await response.json()) as PersonaSummary[];
    for (const persona of personas) {
      const option = document.createElement('option');
      option.value = persona.key;
      option.textContent = persona.label;
      option.title = persona.covers;
      select.append(option);
    }
    const active = personas.find((p) => p.key === signedIn);
    select.value = active ? active.key : '';
    if (status) status.textContent = active ? active.covers : 'Signed out: widgets show their guest state.';
  } catch {
    if (status) status.textContent = 'Could not load personas.';
  }
  select.addEventListener('change', () => {
    // Full navigation, as a storefront sign-in would do; the server redirects back here.
    window.location.assign(select.value ? `/demo/login?persona=${encodeURIComponent(select.value)}` : '/demo/logout');
  });
}

const FAULTS: Record<string, unknown[]> = {
  slow: [{ path: '^/profiles/me', latencyMs: 2500, times: 20 }],
  errors: [{ path: '^/profiles/me', status: 500, times: null }],
  expired: [{ path: '^/profiles/me', expireToken: true, times: 1 }],
};

function setUpFaults() {
  const buttons = [...document.querySelectorAll<HTMLButtonElement>('[data-fault]')];
  for (const button of buttons) {
    button.addEventListener('click', async () => {
      const kind = button.dataset.fault ?? '';
      await fetch('/demo/faults', { method: 'DELETE' });
      for (const other of buttons) other.setAttribute('aria-pressed', 'false');
      const rules = FAULTS[kind];
      if (rules) {
        await fetch('/demo/faults', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(rules) });
        button.setAttribute('aria-pressed', 'true');
      }
      refreshWidgets();
    });
  }
  document.querySelector<HTMLButtonElement>('[data-reset]')?.addEventListener('click', async () => {
    await fetch('/demo/reset', { method: 'POST' });
    for (const other of buttons) other.setAttribute('aria-pressed', 'false');
    refreshWidgets();
  });
}

/** Keeps a switch's value in the URL, so a reload or a persona sign-in (which returns here) keeps it. */
function rememberInUrl(name: string, value: string, fallback: string) {
  const url = new URL(location.href);
  if (value === fallback) url.searchParams.delete(name);
  else url.searchParams.set(name, value);
  history.replaceState(null, '', url);
}

function fillSelect(select: HTMLSelectElement, options: Record<string, string>, value: string) {
  for (const [key, label] of Object.entries(options)) {
    const option = document.createElement('option');
    option.value = key;
    option.textContent = label;
    option.lang = key === 'ar' ? 'ar' : key === 'fr-FR' ? 'fr' : 'en';
    select.append(option);
  }
  select.value = value;
}

/** The page's language as last applied (boot.ts from ?locale=, then the Language switch). */
function currentLocale(): DemoLocale {
  const lang = document.documentElement.lang;
  return lang in DEMO_LOCALES ? (lang as DemoLocale) : 'en-AU';
}

function setUpLocaleAndTheme() {
  const localeSelect = document.querySelector<HTMLSelectElement>('[data-locale-select]');
  const themeSelect = document.querySelector<HTMLSelectElement>('[data-theme-select]');
  if (localeSelect) {
    fillSelect(localeSelect, DEMO_LOCALES, requestedLocale());
    localeSelect.addEventListener('change', () => {
      const locale = localeSelect.value as DemoLocale;
      // configure() at runtime: every element re-resolves and re-renders in the new language, no reload.
      configure({ locale });
      applyPageLocale(locale);
      renderProducts(locale);
      rememberInUrl('locale', locale, 'en-AU');
    });
  }
  if (themeSelect) {
    fillSelect(themeSelect, DEMO_THEMES, requestedTheme());
    themeSelect.addEventListener('change', () => {
      applyTheme(themeSelect.value as DemoTheme);
      rememberInUrl('theme', themeSelect.value, 'light');
    });
  }
}

interface DemoProduct {
  sku: string;
  /** The catalogue prefix: names the product in copy.ts. */
  kind: 'LS' | 'KN' | 'DR' | 'SN' | 'TB';
  colour: 'sand' | 'navy' | 'ink' | 'white' | 'tan';
  size?: string;
  price: number;
  was?: number;
  /** Backdrop while the picture loads: the colour's swatch. */
  swatch: string;
}

// SKUs from the mock catalogue (server/mock-omneo/catalogue.ts): Ava has LS-SAND-M and KN-NAVY-S in her wishlist.
const PRODUCTS: DemoProduct[] = [
  { sku: 'LS-SAND-M', kind: 'LS', colour: 'sand', size: 'M', price: 129.95, swatch: '#e3d5b8' },
  { sku: 'LS-SAND-L', kind: 'LS', colour: 'sand', size: 'L', price: 129.95, swatch: '#e3d5b8' },
  { sku: 'KN-NAVY-S', kind: 'KN', colour: 'navy', size: 'S', price: 69, was: 89, swatch: '#33425e' },
  { sku: 'DR-INK-10', kind: 'DR', colour: 'ink', size: '10', price: 159, swatch: '#2e3550' },
  { sku: 'SN-WHITE-40', kind: 'SN', colour: 'white', size: '40', price: 79.95, was: 99.95, swatch: '#f4f1ea' },
  { sku: 'TB-TAN', kind: 'TB', colour: 'tan', price: 249, swatch: '#b9825a' },
];

function productName(product: DemoProduct, locale: DemoLocale) {
  return t(locale, `${product.kind}.name`);
}

function productVariant(product: DemoProduct, locale: DemoLocale) {
  const colour = t(locale, `colour.${product.colour}`);
  return product.size ? `${colour} / ${product.size}` : colour;
}

/** The demo server draws product pictures from the file name (server/dev/demo-images.ts), as it does for the mock's. */
const productImage = (product: DemoProduct) => `/products/${product.kind.toLowerCase()}-${product.colour}-1.jpg`;

function renderProducts(locale: DemoLocale) {
  const list = document.querySelector<HTMLUListElement>('[data-products]');
  if (!list) return;
  list.replaceChildren(
    ...PRODUCTS.map((product) => {
      const name = productName(product, locale);
      const fullName = `${name}, ${productVariant(product, locale)}`;
      const item = document.createElement('li');
      item.className = 'product';
      const photo = document.createElement('div');
      photo.className = 'product__photo';
      photo.style.setProperty('--swatch', product.swatch);
      const image = document.createElement('img');
      image.src = productImage(product);
      image.alt = '';
      image.loading = 'lazy';
      image.decoding = 'async';
      const heart = document.createElement('omneo-wishlist-button');
      heart.setAttribute('sku', product.sku);
      heart.setAttribute('product-name', fullName);
      heart.className = 'product__heart';
      // What a theme would do: the guest prompt is a sign-in link, not a dead end.
      heart.append(signInLink(locale, 'heart.signIn'));
      photo.append(image, heart);
      const title = document.createElement('h3');
      title.className = 'product__title';
      title.textContent = name;
      const variant = document.createElement('p');
      variant.className = 'product__variant';
      variant.textContent = productVariant(product, locale);
      const price = document.createElement('p');
      price.className = 'product__price';
      const now = formatMoney(product.price, locale);
      if (product.was) {
        // Seen: "$69 $89" with the old price struck through; heard: "Now $69, was $89".
        const was = formatMoney(product.was, locale);
        const seen = document.createElement('span');
        seen.setAttribute('aria-hidden', 'true');
        const struck = document.createElement('s');
        struck.textContent = was;
        seen.append(now, ' ', struck);
        const heard = document.createElement('span');
        heard.className = 'visually-hidden';
        heard.textContent = t(locale, 'product.sale', { price: now, was });
        price.append(seen, heard);
      } else {
        price.textContent = now;
      }
      const add = document.createElement('button');
      add.type = 'button';
      add.className = 'product__add';
      add.textContent = t(locale, 'product.add');
      add.setAttribute('aria-label', t(locale, 'product.addLabel', { name: fullName }));
      // The storefront's own button fires the same event the wishlist's "add to bag" does: one bag handler.
      add.addEventListener('click', () =>
        add.dispatchEvent(new CustomEvent('omneo-add-to-cart', { detail: { sku: product.sku, variantId: null, quantity: 1 }, bubbles: true, composed: true })),
      );
      item.append(photo, title, variant, price, add);
      return item;
    }),
  );
}

/** The bag: what a storefront does with `omneo-add-to-cart` (here, count; a real one calls its cart API). */
function setUpBag() {
  const bag = document.querySelector<HTMLElement>('[data-bag]');
  const status = document.querySelector<HTMLElement>('[data-bag-status]');
  let items = 0;
  document.addEventListener('omneo-add-to-cart', (event) => {
    const { sku, quantity } = (event as CustomEvent<OmneoEventDetails['omneo-add-to-cart']>).detail;
    const locale = currentLocale();
    items += quantity;
    const count = formatCount(items, locale);
    if (bag) {
      bag.dataset.count = String(items);
      bag.textContent = t(locale, 'bag', { count });
    }
    // The wishlist's items may be products this page does not list: those are named by SKU.
    const product = PRODUCTS.find((candidate) => candidate.sku === sku);
    const name = product ? `${productName(product, locale)}, ${productVariant(product, locale)}` : sku;
    if (status) status.textContent = t(locale, 'bag.added', { name, count });
  });
}

/** The hub replaces the individual panels once it is registered (it shows the same four elements). */
function useHubWhenAvailable() {
  const account = document.querySelector<HTMLElement>('[data-account]');
  if (!account || !customElements.get('omneo-rewards')) return;
  const hub = document.createElement('omneo-rewards');
  hub.append(signInLink(requestedLocale(), 'account.signIn'));
  account.replaceWith(hub);
}

/** A `guest` slot link that signs the demo in as Ava, translated with the rest of the page (data-copy). */
function signInLink(locale: DemoLocale, key: 'heart.signIn' | 'account.signIn'): HTMLAnchorElement {
  const link = document.createElement('a');
  link.slot = 'guest';
  link.href = '/demo/login?persona=ava';
  link.dataset.copy = key;
  link.textContent = t(locale, key);
  return link;
}

void setUpPersonaSwitcher();
setUpFaults();
setUpLocaleAndTheme();
renderProducts(requestedLocale());
setUpBag();
useHubWhenAvailable();
