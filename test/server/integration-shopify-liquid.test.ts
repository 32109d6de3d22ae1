/**
 * The Shopify theme app extension's Liquid, rendered (liquidjs, with the Shopify objects, filters and tags the
 * blocks use) instead of written out by hand: the wishlist heart's SKUs, and the page config the app embed
 * writes.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Drop, Liquid, Tag, type Emitter, type TagToken, type TopLevelToken } from 'liquidjs';
import { buildAll } from '../../scripts/build.js';
import { apiBaseForTenant } from '../../src/core/config.js';
import { SHOPIFY_EXTENSION } from './integration-helpers.js';

/**
 * What `npm run build` adds to the extension besides assets/ (snippets/omneo-preload.liquid, by this build's
 * chunk names), built here into a temporary extension: a fresh clone has no build, and a checkout's may be stale.
 */
const work = mkdtempSync(path.join(tmpdir(), 'omneo-shopify-liquid-'));
const built = { cdnDir: path.join(work, 'dist/cdn'), snippetsDir: path.join(work, 'omneo-loyalty/snippets') };
before(async () => {
  await buildAll({ outDir: path.join(work, 'dist'), shopifyAssetsDir: path.join(work, 'omneo-loyalty/assets'), cdnOnly: true });
});
after(() => rmSync(work, { recursive: true, force: true }));

// ── A Shopify storefront, as far as the blocks use it ───────────────────────────────────────────────

/** Skips its content: {% schema %} (read by Shopify, never output) and {% doc %} (documentation). */
class SilentBlock extends Tag {
  constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid) {
    super(token, remain, liquid);
    const end = `end${token.name}`;
    while (remain.length) {
      const next = remain.shift()!;
      if (next.kind === 4 /* TokenKind.Tag */ && (next as TagToken).name === end) return;
    }
    throw new Error(`{% ${token.name} %} is not closed`);
  }
  *render(_context: unknown, _emitter: Emitter): Generator<unknown, void, unknown> {}
}

/**
 * A `url` setting as Shopify gives it to Liquid: a url object, whose plain string is guaranteed only where it
 * is output directly (`{{ … }}`, `append`): here `json` serialises the object, not the string.
 */
class UrlSetting extends Drop {
  constructor(readonly href: string) {
    super();
  }
  override valueOf() {
    return this.href;
  }
}

type Dict = Record<string, unknown>;
const lookup = (tree: unknown, key: string) => key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Dict)[part] : undefined), tree);
const htmlEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

interface RenderOptions {
  /** The storefront language: `t` reads locales/<language>.json (en: en.default.json). */
  language?: string;
  designMode?: boolean;
  customer?: { id: number } | null;
  /** The market's country the shopper browses in (`localization.country.iso_code`); default AU. */
  country?: string | null;
  product?: Dict;
  settings?: Dict;
}

/** Renders `blocks/<file>` as Shopify would for a request, with the extension's snippets and locales. */
async function renderBlock(file: string, options: RenderOptions = {}): Promise<string> {
  const language = options.language ?? 'en';
  // A language the extension has no translation for reads the default (English), as on Shopify.
  const translated = path.join(SHOPIFY_EXTENSION, 'locales', `${language}.json`);
  const locale = JSON.parse(readFileSync(language !== 'en' && existsSync(translated) ? translated : path.join(SHOPIFY_EXTENSION, 'locales', 'en.default.json'), 'utf8')) as Dict;
  const prefix = language === 'en' ? '' : `/${language}`;
  const engine = new Liquid({
    // The build's snippets first: a checkout may hold a stale omneo-preload.liquid of its own.
    root: [built.snippetsDir, path.join(SHOPIFY_EXTENSION, 'snippets')],
    extname: '.liquid',
    strictFilters: true,
    relativeReference: false,
  });
  engine.registerTag('schema', SilentBlock);
  engine.registerTag('doc', SilentBlock);
  // Storefront translations: HTML-escaped (no key here ends in _html); a missing key is Shopify's visible note.
  engine.registerFilter('t', (key: string) => {
    const text = lookup(locale, key);
    return typeof text === 'string' ? htmlEscape(text) : `translation missing: ${language}.${key}`;
  });
  engine.registerFilter('asset_url', (name: string) => `//harbour-co.example/cdn/shop/t/1/assets/${name}?v=1`);
  const globals: Dict = {
    request: { design_mode: options.designMode ?? false, locale: { iso_code: language }, host: 'harbour-co.example' },
    routes: { root_url: prefix || '/', account_login_url: `${prefix}/account/login`, cart_url: `${prefix}/cart`, cart_add_url: `${prefix}/cart/add` },
    customer: options.customer ?? null,
    localization: { country: options.country === null ? null : { iso_code: options.country ?? 'AU' } },
    product: options.product ?? null,
    // Shopify's own tokens `json`, `escape`, `default`, `map`, `append`, `render`… are liquidjs's.
  };
  const source = readFileSync(path.join(SHOPIFY_EXTENSION, 'blocks', file), 'utf8');
  const block = { id: 'AbC123', settings: options.settings ?? {}, shopify_attributes: 'data-shopify-editor-block="{&quot;id&quot;:&quot;AbC123&quot;}"' };
  return engine.parseAndRender(source, { block }, { globals });
}

/** The attributes of the first `<tag …>` in `html` (values unescaped), or null. */
function firstTag(html: string, tag: string): Record<string, string> | null {
  const open = new RegExp(`<${tag}\\b([^>]*)>`).exec(html);
  if (!open) return null;
  const named: Record<string, string> = { quot: '"', apos: "'", lt: '<', gt: '>', amp: '&' };
  const unescape = (value: string) => value.replace(/&(?:#(\d+)|(\w+));/g, (entity, code?: string, name?: string) => (code ? String.fromCharCode(Number(code)) : (named[name!] ?? entity)));
  return Object.fromEntries([...open[1]!.matchAll(/([\w-]+)(?:="([^"]*)")?/g)].map((match) => [match[1]!, unescape(match[2] ?? '')]));
}

const english = JSON.parse(readFileSync(path.join(SHOPIFY_EXTENSION, 'locales/en.default.json'), 'utf8')) as Dict;

// ── The wishlist heart ──────────────────────────────────────────────────────────────────────────────

const linenShirt = (skus: Array<string | null>, selected = 0) => {
  const variants = skus.map((sku, index) => ({ id: 44556677001 + index, sku, title: ['S', 'M', 'L'][index] ?? String(index) }));
  return { title: 'Linen Shirt', variants, selected_or_first_available_variant: variants[selected] };
};

const heartOf = async (product: Dict, options: RenderOptions = {}) => {
  const html = await renderBlock('wishlist-button.liquid', { product, ...options });
  const heart = firstTag(html, 'omneo-wishlist-button');
  const note = /<p class="omneo-editor-note"[^>]*data-omneo-no-sku-note([^>]*)>([^<]*)</.exec(html);
  const productNote = /<p class="omneo-editor-note"(?![^>]*data-omneo-(?:no-sku-note|embed-off))[^>]*>([^<]*)</.exec(html);
  return {
    html,
    heart,
    /** The selected-variant note: null when not rendered, else whether it shows and its text. */
    variantNote: note ? { shown: !/\bhidden\b/.test(note[1]!), text: note[2]!.trim() } : null,
    productNote: productNote ? productNote[1]!.trim() : null,
  };
};

describe('Shopify wishlist-button block, rendered', () => {
  test('every variant with a SKU: the heart has the selected one, every id and SKU, the guest link in the language', async () => {
    const { heart, variantNote, productNote } = await heartOf(linenShirt(['LS-S', 'LS-M', 'LS-L'], 1), { designMode: true });
    assert.ok(heart, 'no heart');
    assert.equal(heart.sku, 'LS-M');
    assert.equal(heart['product-name'], 'Linen Shirt');
    assert.equal(heart['data-omneo-variant'], '44556677002');
    assert.deepEqual(JSON.parse(heart['data-omneo-variant-ids']!), [44556677001, 44556677002, 44556677003]);
    assert.deepEqual(JSON.parse(heart['data-omneo-variant-skus']!), ['LS-S', 'LS-M', 'LS-L']);
    assert.equal('hidden' in heart, false);
    assert.deepEqual(variantNote, { shown: false, text: htmlEscape(lookup(english, 'editor.variant_without_sku') as string) }, 'rendered for the editor, hidden until a variant without a SKU is selected');
    assert.equal(productNote, null);
    const french = await heartOf(linenShirt(['LS-S', 'LS-M', 'LS-L']), { language: 'fr' });
    assert.match(french.html, /<a slot="guest" href="\/fr\/account\/login">Connectez-vous pour enregistrer<\/a>/);
    assert.equal(french.variantNote, null, 'shoppers never get the editor notes');
    // The link replaces the widget's own guest copy, so an Arabic storefront needs it in Arabic (locales/ar.json).
    const arabic = await heartOf(linenShirt(['LS-S', 'LS-M', 'LS-L']), { language: 'ar' });
    assert.match(arabic.html, /<a slot="guest" href="\/ar\/account\/login">سجّل الدخول للحفظ<\/a>/);
  });

  test('a first variant with an empty SKU ("" is not nil): the heart still renders, on the first variant that has one', async () => {
    // Shopify gives a variant without a SKU as "", which `compact` does not drop.
    const { heart, productNote } = await heartOf(linenShirt(['', 'LS-M', 'LS-L'], 0), { designMode: true });
    assert.ok(heart, 'no heart although two variants have a SKU');
    assert.equal(heart.sku, 'LS-M', 'the heart needs a SKU to start with; the embed moves it when a variant with one is selected');
    assert.equal('hidden' in heart, true, 'the selected variant has no SKU');
    assert.deepEqual(JSON.parse(heart['data-omneo-variant-skus']!), ['', 'LS-M', 'LS-L']);
    assert.equal(productNote, null, 'the product has SKUs: no "no variant has a SKU" note');

    const secondSelected = await heartOf(linenShirt(['', 'LS-M', 'LS-L'], 2), { designMode: true });
    assert.equal(secondSelected.heart?.sku, 'LS-L');
    assert.equal(secondSelected.variantNote?.shown, false);
  });

  test('a selected variant with an empty SKU: the heart is hidden, and in the theme editor the note says why', async () => {
    const { heart, variantNote, productNote } = await heartOf(linenShirt(['LS-S', 'LS-M', ''], 2), { designMode: true });
    assert.ok(heart);
    assert.equal(heart.sku, 'LS-S');
    assert.equal('hidden' in heart, true);
    assert.equal(variantNote?.shown, true);
    assert.match(variantNote!.text, /^Wishlist heart: the selected variant has no SKU/);
    assert.equal(productNote, null);
    const shopper = await heartOf(linenShirt(['LS-S', 'LS-M', ''], 2));
    assert.equal('hidden' in shopper.heart!, true);
    assert.equal(shopper.variantNote, null);
  });

  test('no SKU at all (nil or ""): no heart; in the theme editor the product note', async () => {
    for (const skus of [[null, null], ['', ''], ['', null]]) {
      const { heart, variantNote, productNote } = await heartOf(linenShirt(skus), { designMode: true });
      assert.equal(heart, null, JSON.stringify(skus));
      assert.equal(variantNote, null);
      assert.match(productNote ?? '', /^Wishlist heart: no variant of this product has a SKU/, JSON.stringify(skus));
      assert.equal((await heartOf(linenShirt(skus))).html.includes('omneo-editor-note'), false);
    }
  });
});

// ── The app embed's page config ─────────────────────────────────────────────────────────────────────

const jsonBlock = (html: string, id: string) => {
  const match = new RegExp(`<script type="application/json" id="${id}">([\\s\\S]*?)</script>`).exec(html);
  assert.ok(match, `no #${id} block`);
  return JSON.parse(match[1]!) as Dict;
};

describe('Shopify app embed, rendered', () => {
  const settings = { tenant: 'harbour-co', api_base: null, proxy_path: '/apps/omneo', add_to_cart: true, after_add: 'cart' };

  test('a guest gets customer "" (the guest state at once, no token request); a signed-in shopper her Shopify id, as a string', async () => {
    const guest = jsonBlock(await renderBlock('omneo-embed.liquid', { settings, customer: null }), 'omneo-config');
    assert.deepEqual(guest, { tokenEndpoint: '/apps/omneo/token', tenant: 'harbour-co', apiBase: '', locale: 'en-AU', customer: '' });
    const signedIn = jsonBlock(await renderBlock('omneo-embed.liquid', { settings, customer: { id: 7321987654321 }, language: 'fr' }), 'omneo-config');
    assert.deepEqual(signedIn, { tokenEndpoint: '/fr/apps/omneo/token', tenant: 'harbour-co', apiBase: '', locale: 'fr-AU', customer: '7321987654321' });
    const glue = jsonBlock(await renderBlock('omneo-embed.liquid', { settings, language: 'fr' }), 'omneo-shopify');
    assert.deepEqual(glue, { tiersEndpoint: '/fr/apps/omneo/tiers', cartAddUrl: '/fr/cart/add.js', cartUrl: '/fr/cart', addToCart: true, afterAdd: 'cart' });
  });

  test("the locale is the storefront's language in the market's country (en-NZ, fr-CA), for its dates and currency signs; a language with its region keeps it", async () => {
    const locale = async (language: string, country: string | null) =>
      jsonBlock(await renderBlock('omneo-embed.liquid', { settings, language, country }), 'omneo-config').locale;
    // "en" alone is read as en-US by Intl: "A$35" on an Australian store, "Dec 5, 2026" for a New Zealander.
    assert.equal(await locale('en', 'NZ'), 'en-NZ');
    assert.equal(await locale('fr', 'CA'), 'fr-CA');
    assert.equal(await locale('ar', 'AE'), 'ar-AE');
    // Shopify's own regional languages, and a page without a country (none selected): as Shopify names them.
    assert.equal(await locale('pt-BR', 'US'), 'pt-BR');
    assert.equal(await locale('en', null), 'en');
  });

  test('the ID API address (a url setting) reaches the config as a string; left blank, as "" (which the widgets treat as not set)', async () => {
    const set = jsonBlock(await renderBlock('omneo-embed.liquid', { settings: { ...settings, api_base: new UrlSetting('https://gateway.harbour-co.example/id/api/v1') } }), 'omneo-config');
    // An object here would be dropped by the widgets' config ("must be a string; it was ignored").
    assert.equal(set.apiBase, 'https://gateway.harbour-co.example/id/api/v1');
    for (const blank of [null, undefined, '']) {
      const config = jsonBlock(await renderBlock('omneo-embed.liquid', { settings: { ...settings, api_base: blank } }), 'omneo-config');
      // src/core/config.ts: a blank value counts as not set, so the tenant's own address applies.
      assert.equal(config.apiBase, '', String(blank));
    }
    const config = jsonBlock(await renderBlock('omneo-embed.liquid', { settings: { ...settings, api_base: new UrlSetting('https://gateway.harbour-co.example/id/api/v1') }, customer: { id: 1 } }), 'omneo-config');
    for (const [key, value] of Object.entries(config)) assert.equal(typeof value, 'string', `${key} is ${JSON.stringify(value)}`);
  });

  test("preloads the chunk the loader imports, before the loader's script tag, at the URL the import asks for (no ?v=)", async () => {
    const html = await renderBlock('omneo-embed.liquid', { settings });
    const loaderSrc = /<script type="module" src="([^"]*)">/.exec(html)?.[1];
    assert.equal(loaderSrc, '//harbour-co.example/cdn/shop/t/1/assets/omneo-widgets.js?v=1');
    // The loader's first statement imports its page chunk, relative to the loader's URL without its query.
    const imported = /^import\{[^}]*\}from"\.\/(omneo-page-[\w-]+\.js)";/.exec(readFileSync(path.join(built.cdnDir, 'omneo-widgets.js'), 'utf8'))?.[1];
    assert.ok(imported, 'the loader no longer starts by importing its page chunk');
    const preloads = [...html.matchAll(/<link rel="modulepreload" href="([^"]*)">/g)].map((match) => match[1]);
    assert.deepEqual(preloads, [new URL(`./${imported}`, `https:${loaderSrc}`).href.replace(/^https:/, '')]);
    assert.ok(html.indexOf('rel="modulepreload"') < html.indexOf('<script type="module"'), 'the preload comes after the loader');
  });

  const preconnects = (html: string) => [...html.matchAll(/<link rel="preconnect"[^>]*>/g)].map((match) => match[0]);

  test("a signed-in shopper's page opens the connection to the ID API's host as the head is parsed; a guest's does not", async () => {
    const signedIn = await renderBlock('omneo-embed.liquid', { settings, customer: { id: 7321987654321 } });
    assert.deepEqual(preconnects(signedIn), ['<link rel="preconnect" href="https://api.harbour-co.getomneo.com" crossorigin>']);
    assert.ok(signedIn.indexOf('rel="preconnect"') < signedIn.indexOf('<script type="module"'), 'before the loader');
    // The origin the widgets call: the API base src/core/config.ts derives from the config's tenant.
    const { tenant } = jsonBlock(signedIn, 'omneo-config') as { tenant: string };
    assert.equal(new URL(apiBaseForTenant(tenant)).origin, 'https://api.harbour-co.getomneo.com');
    // Nothing will be asked of Omneo for a guest (customer ""), so no connection either (README, Privacy).
    assert.deepEqual(preconnects(await renderBlock('omneo-embed.liquid', { settings, customer: null })), []);
  });

  test('with an ID API address set: its origin; none for one on the storefront itself, a relative one or one without https', async () => {
    const render = (apiBase: string) => renderBlock('omneo-embed.liquid', { settings: { ...settings, api_base: new UrlSetting(apiBase) }, customer: { id: 1 } });
    assert.deepEqual(preconnects(await render('https://gateway.harbour-co.example/id/api/v1')), ['<link rel="preconnect" href="https://gateway.harbour-co.example" crossorigin>']);
    // Pass-through on the storefront's own host (the page's connection serves it), through the app proxy, or a mistake.
    for (const apiBase of ['https://harbour-co.example/apps/omneo/api/me', '/apps/omneo/api', 'http://api.harbour-co.getomneo.com/id/api/v1']) {
      assert.deepEqual(preconnects(await render(apiBase)), [], apiBase);
    }
  });

  test('a tenant setting with markup in it stays inside the attribute', async () => {
    const html = await renderBlock('omneo-embed.liquid', { settings: { ...settings, tenant: 'x"><script>alert(1)</script>' }, customer: { id: 1 } });
    // The merchant's own setting, but escaped all the same: the link ends where it should.
    assert.deepEqual(preconnects(html), ['<link rel="preconnect" href="https://api.x&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;.getomneo.com" crossorigin>']);
  });
});
