/**
 * The demo storefront's product grid: what a theme renders on its server (cards with a wishlist heart keyed by
 * the variant SKU). boot.ts draws it before the widgets load, so the grid is in place at first paint and the
 * account section below it never moves down; the Language switch redraws it.
 */
import type { DemoLocale } from './boot.js';
import { formatMoney, t } from './copy.js';

export interface DemoProduct {
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
export const PRODUCTS: DemoProduct[] = [
  { sku: 'LS-SAND-M', kind: 'LS', colour: 'sand', size: 'M', price: 129.95, swatch: '#e3d5b8' },
  { sku: 'LS-SAND-L', kind: 'LS', colour: 'sand', size: 'L', price: 129.95, swatch: '#e3d5b8' },
  { sku: 'KN-NAVY-S', kind: 'KN', colour: 'navy', size: 'S', price: 69, was: 89, swatch: '#33425e' },
  { sku: 'DR-INK-10', kind: 'DR', colour: 'ink', size: '10', price: 159, swatch: '#2e3550' },
  { sku: 'SN-WHITE-40', kind: 'SN', colour: 'white', size: '40', price: 79.95, was: 99.95, swatch: '#f4f1ea' },
  { sku: 'TB-TAN', kind: 'TB', colour: 'tan', price: 249, swatch: '#b9825a' },
];

export function productName(product: DemoProduct, locale: DemoLocale) {
  return t(locale, `${product.kind}.name`);
}

export function productVariant(product: DemoProduct, locale: DemoLocale) {
  const colour = t(locale, `colour.${product.colour}`);
  return product.size ? `${colour} / ${product.size}` : colour;
}

/** The demo server draws product pictures from the file name (server/dev/demo-images.ts), as it does for the mock's. */
const productImage = (product: DemoProduct) => `/products/${product.kind.toLowerCase()}-${product.colour}-1.jpg`;

export function renderProducts(locale: DemoLocale) {
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

/** A `guest` slot link that signs the demo in as Ava, translated with the rest of the page (data-copy). */
function signInLink(locale: DemoLocale, key: 'heart.signIn'): HTMLAnchorElement {
  const link = document.createElement('a');
  link.slot = 'guest';
  link.href = '/demo/login?persona=ava';
  link.dataset.copy = key;
  link.textContent = t(locale, key);
  return link;
}
