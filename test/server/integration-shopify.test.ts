/**
 * Shopify theme app extension (integrations/shopify): the app embed's storefront glue in Chromium ("Add to
 * bag" into the Shopify cart, wishlist hearts following the selected variant, the tier ladder's URL), the
 * blocks' markup it relies on, the locale files (every key in every language, Arabic in Arabic), and the
 * app configuration's app proxy. theme-check runs on the extension in packaging.test.ts, which also drives
 * the glue with the real <omneo-wishlist>.
 *
 * The pages here are what the Liquid renders, written out by hand for a product with three variants: the
 * tests check that the attributes they use are the ones the block templates write.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT, SHOPIFY_EXTENSION, shopifyEmbedHead, type ShopifyGlueSettings } from './integration-helpers.js';

const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';
const SHOP = 'https://harbour-co.example';

let browser: Browser;
before(async () => {
  browser = await chromium.launch({ executablePath: CHROME_PATH, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
});
after(async () => {
  await browser?.close();
});

interface CartCall {
  path: string;
  body: unknown;
  contentType: string | undefined;
}

interface ShopPage {
  page: Page;
  cartCalls: CartCall[];
  close(): Promise<void>;
}

/**
 * A storefront page at `path` with the embed's head and `body`. `/cart/add.js` answers as Shopify does (200
 * with the added items, or `cartStatus` with Shopify's error body); `/cart` is the cart page.
 */
async function shopPage(
  body: string,
  options: { settings?: ShopifyGlueSettings; cartStatus?: number; cartUnanswered?: boolean; path?: string; cartDelayMs?: number } = {},
): Promise<ShopPage> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cartCalls: CartCall[] = [];
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await context.route(`${SHOP}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname.endsWith('/cart/add.js')) {
      cartCalls.push({ path: url.pathname, body: route.request().postDataJSON(), contentType: route.request().headers()['content-type'] });
      if (options.cartDelayMs) await new Promise((resolve) => setTimeout(resolve, options.cartDelayMs));
      if (options.cartUnanswered) return route.abort('connectionreset');
      const status = options.cartStatus ?? 200;
      const json =
        status === 200
          ? { items: [{ id: 44556677001, quantity: 1, variant_id: 44556677001, title: 'Linen Shirt - M / White' }] }
          : { status, message: 'Cart Error', description: 'The product Linen Shirt is already sold out.' };
      return route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(json) });
    }
    if (url.pathname === '/cart') return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Your cart</title>' });
    return route.fulfill({
      status: 200,
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head>${shopifyEmbedHead(options.settings)}</head><body>${body}</body></html>`,
    });
  });
  await page.addInitScript(() => {
    const seen: Array<[string, unknown]> = [];
    (window as unknown as { __events: typeof seen }).__events = seen;
    for (const name of ['omneo-cart-added', 'omneo-cart-add-failed']) document.addEventListener(name, (event) => seen.push([name, (event as CustomEvent).detail]));
  });
  await page.goto(`${SHOP}${options.path ?? '/products/linen-shirt'}`);
  return {
    page,
    cartCalls,
    async close() {
      assert.deepEqual(errors, []);
      await context.close();
    },
  };
}

const events = (page: Page) => page.evaluate(() => (window as unknown as { __events: Array<[string, unknown]> }).__events);

/** Dispatches omneo-add-to-cart as <omneo-wishlist> does: from inside a shadow root, bubbling, composed and cancelable. */
const ADD_TO_BAG_BODY = `<fake-wishlist></fake-wishlist><script>
  customElements.define('fake-wishlist', class extends HTMLElement {
    connectedCallback() { this.attachShadow({ mode: 'open' }).innerHTML = '<button>Add to bag</button>'; }
    add(detail) {
      this.shadowRoot.querySelector('button').dispatchEvent(new CustomEvent('omneo-add-to-cart', { detail, bubbles: true, composed: true, cancelable: true }));
    }
  });
</script>`;
const addToBag = (page: Page, detail: { sku: string; variantId: string | null; quantity: number }) =>
  page.evaluate((d) => (document.querySelector('fake-wishlist') as unknown as { add(detail: unknown): void }).add(d), detail);

describe('Shopify app embed: "Add to bag" into the Shopify cart', () => {
  test("posts {items: [{id, quantity}]} to the locale's /cart/add.js, fires omneo-cart-added, then opens the cart page", async () => {
    const shop = await shopPage(ADD_TO_BAG_BODY, { settings: { cartAddUrl: '/fr/cart/add.js', cartUrl: '/cart' } });
    try {
      await addToBag(shop.page, { sku: 'LINEN-SHIRT-M-WHITE', variantId: '44556677001', quantity: 2 });
      await shop.page.waitForURL(`${SHOP}/cart`);
      assert.deepEqual(shop.cartCalls, [{ path: '/fr/cart/add.js', body: { items: [{ id: 44556677001, quantity: 2 }] }, contentType: 'application/json' }]);
    } finally {
      await shop.close();
    }
  });

  test("'Stay on the page' stays and reports the added items; a theme's preventDefault on omneo-cart-added stays too", async () => {
    const stay = await shopPage(ADD_TO_BAG_BODY, { settings: { afterAdd: 'stay' } });
    try {
      await addToBag(stay.page, { sku: 'LINEN-SHIRT-M-WHITE', variantId: 'gid://shopify/ProductVariant/44556677001', quantity: 1 });
      await stay.page.waitForFunction(() => (window as unknown as { __events: unknown[] }).__events.length > 0);
      const [[name, detail]] = (await events(stay.page)) as [[string, { sku: string; variantId: string; quantity: number; items: unknown[] }]];
      assert.equal(name, 'omneo-cart-added');
      assert.deepEqual([detail.sku, detail.variantId, detail.quantity, detail.items.length], ['LINEN-SHIRT-M-WHITE', '44556677001', 1, 1]);
      assert.deepEqual(stay.cartCalls.map((call) => call.body), [{ items: [{ id: 44556677001, quantity: 1 }] }]);
      assert.equal(new URL(stay.page.url()).pathname, '/products/linen-shirt');
    } finally {
      await stay.close();
    }

    const drawer = await shopPage(`${ADD_TO_BAG_BODY}<script>document.addEventListener('omneo-cart-added', (event) => { event.preventDefault(); document.title = 'drawer open'; });</script>`);
    try {
      await addToBag(drawer.page, { sku: 'LINEN-SHIRT-M-WHITE', variantId: '44556677001', quantity: 1 });
      await drawer.page.waitForFunction(() => document.title === 'drawer open');
      await drawer.page.waitForTimeout(200);
      assert.equal(new URL(drawer.page.url()).pathname, '/products/linen-shirt');
    } finally {
      await drawer.close();
    }
  });

  test('a theme that handles omneo-add-to-cart itself cancels it, stops it at document, or switches the default off', async () => {
    const cancelled = await shopPage(`${ADD_TO_BAG_BODY}<script>document.addEventListener('omneo-add-to-cart', (event) => { event.preventDefault(); document.title = 'theme added it'; });</script>`);
    try {
      await addToBag(cancelled.page, { sku: 'LINEN-SHIRT-M-WHITE', variantId: '44556677001', quantity: 1 });
      await cancelled.page.waitForFunction(() => document.title === 'theme added it');
      await cancelled.page.waitForTimeout(200);
      assert.deepEqual(cancelled.cartCalls, []);
    } finally {
      await cancelled.close();
    }
    const stopped = await shopPage(`${ADD_TO_BAG_BODY}<script>document.addEventListener('omneo-add-to-cart', (event) => { event.stopPropagation(); document.title = 'theme added it'; });</script>`);
    try {
      await addToBag(stopped.page, { sku: 'LINEN-SHIRT-M-WHITE', variantId: '44556677001', quantity: 1 });
      await stopped.page.waitForFunction(() => document.title === 'theme added it');
      await stopped.page.waitForTimeout(200);
      assert.deepEqual(stopped.cartCalls, []);
    } finally {
      await stopped.close();
    }
    const off = await shopPage(ADD_TO_BAG_BODY, { settings: { addToCart: false } });
    try {
      await addToBag(off.page, { sku: 'LINEN-SHIRT-M-WHITE', variantId: '44556677001', quantity: 1 });
      await off.page.waitForTimeout(200);
      assert.deepEqual(off.cartCalls, []);
    } finally {
      await off.close();
    }
  });

  test('Shopify refusing the item (sold out) fires omneo-cart-add-failed with its message and stays on the page', async () => {
    const shop = await shopPage(ADD_TO_BAG_BODY, { cartStatus: 422 });
    try {
      await addToBag(shop.page, { sku: 'LINEN-SHIRT-M-WHITE', variantId: '44556677001', quantity: 1 });
      await shop.page.waitForFunction(() => (window as unknown as { __events: unknown[] }).__events.length > 0);
      assert.deepEqual(await events(shop.page), [
        ['omneo-cart-add-failed', { status: 422, message: 'The product Linen Shirt is already sold out.', sku: 'LINEN-SHIRT-M-WHITE', variantId: '44556677001', quantity: 1 }],
      ]);
      assert.equal(new URL(shop.page.url()).pathname, '/products/linen-shirt');
    } finally {
      await shop.close();
    }
  });

  test('a cart request that gets no answer fires omneo-cart-add-failed with status null and the browser\'s message (README: not only a missing variant id)', async () => {
    const shop = await shopPage(ADD_TO_BAG_BODY, { cartUnanswered: true });
    try {
      await addToBag(shop.page, { sku: 'LINEN-SHIRT-M-WHITE', variantId: '44556677001', quantity: 1 });
      await shop.page.waitForFunction(() => (window as unknown as { __events: unknown[] }).__events.length > 0);
      const [[name, detail]] = (await events(shop.page)) as [[string, { status: number | null; message: string }]];
      assert.equal(name, 'omneo-cart-add-failed');
      assert.equal(detail.status, null);
      assert.ok(detail.message && detail.message !== 'no Shopify variant id', detail.message);
      assert.equal(new URL(shop.page.url()).pathname, '/products/linen-shirt');
    } finally {
      await shop.close();
    }
  });

  test('an item without a Shopify variant id is not posted; a double press while adding posts once', async () => {
    const shop = await shopPage(ADD_TO_BAG_BODY, { settings: { afterAdd: 'stay' }, cartDelayMs: 300 });
    try {
      for (const variantId of [null, 'not-a-variant', '12abc']) await addToBag(shop.page, { sku: 'GIFT-CARD', variantId, quantity: 1 });
      const failed = (await events(shop.page)) as Array<[string, { message: string }]>;
      assert.deepEqual(failed.map(([name, detail]) => [name, detail.message]), Array(3).fill(['omneo-cart-add-failed', 'no Shopify variant id']));
      await addToBag(shop.page, { sku: 'LINEN-SHIRT-M-WHITE', variantId: '44556677001', quantity: 1 });
      await addToBag(shop.page, { sku: 'LINEN-SHIRT-M-WHITE', variantId: '44556677001', quantity: 1 });
      await shop.page.waitForFunction(() => (window as unknown as { __events: Array<[string]> }).__events.some(([name]) => name === 'omneo-cart-added'));
      assert.equal(shop.cartCalls.length, 1);
    } finally {
      await shop.close();
    }
  });
});

/**
 * The wishlist-button block as its Liquid renders for Linen Shirt with the second variant selected: three
 * variants, the third without a SKU, in a product section with the theme's variant picker.
 */
function productSection(options: { selected?: string; designMode?: boolean; picker?: 'select' | 'radios' } = {}) {
  const variants = [
    ['44556677001', 'LINEN-SHIRT-S-WHITE'],
    ['44556677002', 'LINEN-SHIRT-M-WHITE'],
    ['44556677003', null],
  ] as const;
  const selected = options.selected ?? '44556677002';
  const selectedSku = variants.find(([id]) => id === selected)?.[1] ?? null;
  const attr = (value: unknown) => JSON.stringify(value).replace(/"/g, '&quot;');
  const picker =
    options.picker === 'radios'
      ? `<fieldset>${variants.map(([id]) => `<input type="radio" name="Size" value="${id}" ${id === selected ? 'checked' : ''}>`).join('')}</fieldset>
         <input type="hidden" name="id" value="${selected}">`
      : `<select name="id">${variants.map(([id]) => `<option value="${id}" ${id === selected ? 'selected' : ''}>${id}</option>`).join('')}</select>`;
  return `<div class="shopify-section" id="shopify-section-main-product">
    <form action="/cart/add" method="post">${picker}<button>Add to cart</button></form>
    <div class="shopify-block">
      <omneo-wishlist-button sku="${selectedSku ?? variants[0][1]}" product-name="Linen Shirt" data-omneo-variant="${selected}"
        data-omneo-variant-ids="${attr(variants.map(([id]) => Number(id)))}" data-omneo-variant-skus="${attr(variants.map(([, sku]) => sku))}"
        ${selectedSku ? '' : 'hidden'}><a slot="guest" href="/account/login">Sign in to save</a></omneo-wishlist-button>
      ${options.designMode ? `<p class="omneo-editor-note" data-omneo-no-sku-note ${selectedSku ? 'hidden' : ''}>no SKU</p>` : ''}
    </div>
  </div>
  <div class="shopify-section"><form action="/cart/add"><input type="hidden" name="id" value="99999999"></form></div>`;
}

const heartState = (page: Page) =>
  page.evaluate(() => {
    const heart = document.querySelector('omneo-wishlist-button')!;
    const note = document.querySelector<HTMLElement>('[data-omneo-no-sku-note]');
    return { sku: heart.getAttribute('sku'), hidden: (heart as HTMLElement).hidden, note: note ? !note.hidden : null };
  });

describe('Shopify wishlist-button block: the heart follows the selected variant', () => {
  test("the theme's variant select (input name=id) moves the sku; a variant without a SKU hides the heart, and the editor says why", async () => {
    const shop = await shopPage(productSection({ designMode: true }));
    try {
      assert.deepEqual(await heartState(shop.page), { sku: 'LINEN-SHIRT-M-WHITE', hidden: false, note: false });
      await shop.page.selectOption('select[name="id"]', '44556677001');
      assert.deepEqual(await heartState(shop.page), { sku: 'LINEN-SHIRT-S-WHITE', hidden: false, note: false });
      await shop.page.selectOption('select[name="id"]', '44556677003');
      assert.deepEqual(await heartState(shop.page), { sku: 'LINEN-SHIRT-S-WHITE', hidden: true, note: true });
      assert.equal(await shop.page.isVisible('omneo-wishlist-button'), false);
      await shop.page.selectOption('select[name="id"]', '44556677002');
      assert.deepEqual(await heartState(shop.page), { sku: 'LINEN-SHIRT-M-WHITE', hidden: false, note: false });
    } finally {
      await shop.close();
    }
  });

  test('a theme that sets the variant input silently, after its own option change, is followed', async () => {
    // Option radios change; the theme's own handler sets input[name=id] a little later, firing no event.
    const theme = `<script>
      document.addEventListener('change', (event) => {
        if (event.target.name === 'Size') setTimeout(() => { document.querySelector('input[name="id"]').value = event.target.value; }, 50);
      });
    </script>`;
    const shop = await shopPage(productSection({ picker: 'radios' }) + theme);
    try {
      await shop.page.check('input[name="Size"][value="44556677001"]');
      await shop.page.waitForFunction(() => document.querySelector('omneo-wishlist-button')!.getAttribute('sku') === 'LINEN-SHIRT-S-WHITE');
      await shop.page.check('input[name="Size"][value="44556677003"]');
      await shop.page.waitForFunction(() => (document.querySelector('omneo-wishlist-button') as HTMLElement).hidden);
    } finally {
      await shop.close();
    }
  });

  test('a theme with no variant input that puts ?variant= in the URL is followed, back and forward too', async () => {
    const theme = `<script>
      document.addEventListener('change', (event) => {
        if (event.target.name === 'Size') setTimeout(() => history.pushState(null, '', '?variant=' + event.target.value), 50);
      });
    </script>`;
    const shop = await shopPage(productSection({ picker: 'radios' }).replace('name="id"', 'name="not-the-variant-input"') + theme);
    try {
      await shop.page.check('input[name="Size"][value="44556677001"]');
      await shop.page.waitForFunction(() => document.querySelector('omneo-wishlist-button')!.getAttribute('sku') === 'LINEN-SHIRT-S-WHITE');
      await shop.page.check('input[name="Size"][value="44556677002"]');
      await shop.page.waitForFunction(() => document.querySelector('omneo-wishlist-button')!.getAttribute('sku') === 'LINEN-SHIRT-M-WHITE');
      await shop.page.evaluate(() => history.back());
      await shop.page.waitForFunction(() => document.querySelector('omneo-wishlist-button')!.getAttribute('sku') === 'LINEN-SHIRT-S-WHITE');
    } finally {
      await shop.close();
    }
  });

  test("a section morphed in place to another product (Horizon's product swap for a combined listing: idiomorph keeps the heart and rewrites its attributes): the new product's variants are followed", async () => {
    const shop = await shopPage(productSection());
    try {
      // What the morph does to the kept nodes: the heart's attributes set to the new product's, the select's options too.
      await shop.page.evaluate(() => {
        const heart = document.querySelector('omneo-wishlist-button')!;
        heart.setAttribute('sku', 'LINEN-PANT-S-SAND');
        heart.setAttribute('product-name', 'Linen Pant');
        heart.setAttribute('data-omneo-variant', '55667788001');
        heart.setAttribute('data-omneo-variant-ids', '[55667788001,55667788002]');
        heart.setAttribute('data-omneo-variant-skus', '["LINEN-PANT-S-SAND","LINEN-PANT-M-SAND"]');
        const options = document.querySelectorAll('select[name="id"] option');
        options[0]!.setAttribute('value', '55667788001');
        options[0]!.textContent = '55667788001';
        options[1]!.setAttribute('value', '55667788002');
        options[1]!.textContent = '55667788002';
        options[2]!.remove();
      });
      await shop.page.selectOption('select[name="id"]', '55667788002');
      await shop.page.waitForTimeout(700); // the glue's later looks too (syncSoon)
      assert.deepEqual(await heartState(shop.page), { sku: 'LINEN-PANT-M-SAND', hidden: false, note: null });
    } finally {
      await shop.close();
    }
  });

  test('a page opened with ?variant= shows that variant, and ids of other products on the page are ignored', async () => {
    const shop = await shopPage(productSection({ picker: 'radios' }).replace('name="id"', 'name="not-the-variant-input"'), {
      path: '/products/linen-shirt?variant=44556677001',
    });
    try {
      await shop.page.waitForFunction(() => document.querySelector('omneo-wishlist-button')!.getAttribute('sku') === 'LINEN-SHIRT-S-WHITE');
      await shop.page.evaluate(() => {
        const other = document.querySelector<HTMLInputElement>('input[value="99999999"]')!;
        other.dispatchEvent(new Event('change', { bubbles: true }));
      });
      await shop.page.waitForTimeout(700);
      assert.equal((await heartState(shop.page)).sku, 'LINEN-SHIRT-S-WHITE');
    } finally {
      await shop.close();
    }
  });
});

describe('Shopify app embed: blocks that need its settings', () => {
  test('the tier block with "Show every tier" gets the ladder route under the app proxy path; without it, none', async () => {
    const shop = await shopPage('<omneo-tier-progress data-omneo-tiers></omneo-tier-progress><omneo-tier-progress id="plain"></omneo-tier-progress>', {
      settings: { tiersEndpoint: '/fr/apps/loyalty/tiers' },
    });
    try {
      assert.equal(await shop.page.getAttribute('omneo-tier-progress[data-omneo-tiers]', 'tiers-endpoint'), '/fr/apps/loyalty/tiers');
      assert.equal(await shop.page.getAttribute('#plain', 'tiers-endpoint'), null);
    } finally {
      await shop.close();
    }
  });

  test('a tier block inserted after load (a section fetched with the Section Rendering API, a theme that swaps pages without reloading) gets the ladder route too', async () => {
    const shop = await shopPage('<main id="content"></main>', { settings: { tiersEndpoint: '/apps/omneo/tiers' } });
    try {
      await shop.page.evaluate(() => {
        const section = document.createElement('div');
        section.className = 'shopify-section';
        section.innerHTML = '<omneo-tier-progress data-omneo-tiers></omneo-tier-progress><omneo-tier-progress id="plain"></omneo-tier-progress>';
        document.querySelector('#content')!.append(section);
        const alone = document.createElement('omneo-tier-progress');
        alone.id = 'alone';
        alone.setAttribute('data-omneo-tiers', '');
        document.body.append(alone);
      });
      await shop.page.waitForFunction(() => document.querySelectorAll('omneo-tier-progress[tiers-endpoint="/apps/omneo/tiers"]').length === 2, undefined, { timeout: 5000 });
      assert.equal(await shop.page.getAttribute('#plain', 'tiers-endpoint'), null);
      assert.equal(await shop.page.getAttribute('#alone', 'tiers-endpoint'), '/apps/omneo/tiers');
    } finally {
      await shop.close();
    }
  });

  test('the blocks write the attributes the glue reads, and the embed builds every proxy URL from its "App proxy path" setting', () => {
    const read = (file: string) => readFileSync(path.join(SHOPIFY_EXTENSION, file), 'utf8');
    const heart = read('blocks/wishlist-button.liquid');
    for (const attribute of ['data-omneo-variant=', 'data-omneo-variant-ids=', 'data-omneo-variant-skus=', 'data-omneo-no-sku-note', 'request.design_mode']) {
      assert.ok(heart.includes(attribute), `wishlist-button.liquid lacks ${attribute}`);
    }
    assert.match(read('blocks/tier-progress.liquid'), /\{% if block\.settings\.show_ladder %\}data-omneo-tiers\{% endif %\}/);
    const embed = read('blocks/omneo-embed.liquid');
    const schema = JSON.parse(/\{% schema %\}([\s\S]*?)\{% endschema %\}/.exec(embed)![1]!) as { settings: Array<{ id: string; default?: unknown }> };
    assert.equal(schema.settings.find((setting) => setting.id === 'proxy_path')?.default, '/apps/omneo');
    assert.equal(schema.settings.find((setting) => setting.id === 'add_to_cart')?.default, true);
    for (const route of ['/token', '/tiers']) assert.match(embed, new RegExp(`render 'omneo-proxy-url', base: proxy_path, path: '${route}'`));
    const code = embed.replace(/\{%- comment -%\}[\s\S]*?\{%- endcomment -%\}/g, '');
    assert.deepEqual(code.match(/[^\n]*\/apps\/omneo[^\n]*/g)?.map((line) => line.trim()), [
      "assign proxy_path = block.settings.proxy_path | default: '/apps/omneo' | strip | remove: '\"' | remove: '<' | remove: '>' | remove: ' '",
      '"default": "/apps/omneo"',
    ]);
    for (const file of readdirSync(path.join(SHOPIFY_EXTENSION, 'blocks'))) {
      const source = read(`blocks/${file}`);
      if (file !== 'omneo-embed.liquid') {
        assert.doesNotMatch(source, /apps\/omneo|omneo-proxy-url/, `${file} hard-codes the proxy path`);
        assert.match(source, /render 'omneo-embed-check'/, `${file} has no "switch on the app embed" note for the editor`);
      }
    }
    // The embed hides that note; the note renders only in the theme editor.
    assert.match(embed, /\[data-omneo-embed-off\]\s*\{\s*display:\s*none/);
    assert.match(read('snippets/omneo-embed-check.liquid'), /\{%- if request\.design_mode -%\}[\s\S]*data-omneo-embed-off[\s\S]*\{%- endif -%\}/);
  });
});

describe('Shopify app configuration and locales', () => {
  test('shopify.app.toml proxies prefix apps, subpath omneo to the proxy\'s /omneo routes, matching the embed\'s default path', () => {
    const toml = readFileSync(path.join(REPO_ROOT, 'integrations/shopify/shopify.app.toml'), 'utf8');
    const section = /^\[app_proxy\]\n((?:(?!^\[).*\n?)*)/m.exec(toml)?.[1] ?? '';
    const value = (key: string) => new RegExp(`^${key}\\s*=\\s*"([^"]*)"`, 'm').exec(section)?.[1];
    assert.equal(value('prefix'), 'apps');
    assert.equal(value('subpath'), 'omneo');
    assert.match(value('url') ?? '', /^https:\/\/[^/]+\/omneo$/, 'the proxy serves /omneo/token: the app proxy URL must end in /omneo');
  });

  test('shopify.app.toml asks for write_app_proxy (Shopify requires it for an app proxy) and points the admin at no proxy route', () => {
    const toml = readFileSync(path.join(REPO_ROOT, 'integrations/shopify/shopify.app.toml'), 'utf8');
    const scopes = /^\[access_scopes\]\n(?:#.*\n)*scopes\s*=\s*"([^"]*)"/m.exec(toml)?.[1];
    assert.deepEqual(scopes?.split(',').map((scope) => scope.trim()), ['write_app_proxy']);
    // The proxy answers only its /omneo/* routes: the page the admin opens for the app, and the OAuth return
    // URL, are the merchant's own pages, and the comments say so.
    const proxyHost = new URL(/^url\s*=\s*"([^"]*)"/m.exec(toml)![1]!).host;
    const applicationUrl = /^application_url\s*=\s*"([^"]*)"/m.exec(toml)![1]!;
    const redirectUrls = JSON.parse(/^redirect_urls\s*=\s*(\[.*\])/m.exec(toml)![1]!) as string[];
    for (const url of [applicationUrl, ...redirectUrls]) assert.notEqual(new URL(url).host, proxyHost, `${url} is on the proxy, which has no page there`);
    assert.match(toml, /# The page the Shopify admin opens when a merchant clicks the app[\s\S]*no admin UI[\s\S]*\napplication_url/);
    assert.doesNotMatch(toml, /need no Admin API access|scopes = ""/);
  });

  const locales = path.join(SHOPIFY_EXTENSION, 'locales');
  const keys = (value: unknown, prefix = ''): string[] =>
    value && typeof value === 'object' ? Object.entries(value).flatMap(([key, inner]) => keys(inner, `${prefix}${prefix ? '.' : ''}${key}`)) : [prefix];
  const load = (file: string) => JSON.parse(readFileSync(path.join(locales, file), 'utf8')) as unknown;
  const liquid = () =>
    ['blocks', 'snippets'].flatMap((dir) => readdirSync(path.join(SHOPIFY_EXTENSION, dir)).map((file) => readFileSync(path.join(SHOPIFY_EXTENSION, dir, file), 'utf8'))).join('\n');

  test('every language has every key: storefront copy and editor labels (schema) alike, French and Arabic included', () => {
    const files = readdirSync(locales);
    // Arabic too: the blocks' guest links replace the widgets' own (Arabic) guest copy, so without ar.json an
    // Arabic storefront shows them in English.
    for (const language of ['fr', 'ar']) assert.ok(files.includes(`${language}.json`) && files.includes(`${language}.schema.json`), `${language} is missing`);
    const storefront = keys(load('en.default.json')).sort();
    const schema = keys(load('en.default.schema.json')).sort();
    for (const file of files.filter((name) => !name.startsWith('en.default'))) {
      assert.deepEqual(keys(load(file)).sort(), file.endsWith('.schema.json') ? schema : storefront, `${file} and the English file differ in keys`);
    }
    // A language with storefront copy has editor labels too, and the other way round.
    const languages = (suffix: RegExp) => files.filter((name) => suffix.test(name)).map((name) => name.split('.')[0]).sort();
    assert.deepEqual(languages(/^[a-z-]+(\.default)?\.json$/i), languages(/\.schema\.json$/));
  });

  test('the Arabic files are in Arabic: every storefront text and editor label, all but the app\'s name', () => {
    const leaves = (value: unknown, prefix = ''): Array<[string, string]> =>
      value && typeof value === 'object'
        ? Object.entries(value).flatMap(([key, inner]) => leaves(inner, `${prefix}${prefix ? '.' : ''}${key}`))
        : [[prefix, String(value)]];
    for (const file of ['ar.json', 'ar.schema.json']) {
      const english = new Map(leaves(load(file === 'ar.json' ? 'en.default.json' : 'en.default.schema.json')));
      const untranslated = leaves(load(file)).filter(([key, text]) => !/[\u0600-\u06FF]/.test(text) || text === english.get(key));
      assert.deepEqual(untranslated, file === 'ar.schema.json' ? [['embed.name', 'Omneo loyalty']] : [], file);
    }
  });

  test('the French files put a no-break space before : ; ? ! and » and after «, as the widgets\' French copy does (test/core/locales.test.ts)', () => {
    const leaves = (value: unknown): string[] => (value && typeof value === 'object' ? Object.values(value).flatMap(leaves) : [String(value)]);
    for (const file of ['fr.json', 'fr.schema.json']) {
      assert.deepEqual(leaves(load(file)).filter((text) => /[^\S\u00a0\u202f][:;?!»]|«[^\S\u00a0\u202f]/.test(text)), [], file);
    }
  });

  test('every translation key the templates use exists', () => {
    const source = liquid();
    const storefront = new Set(keys(load('en.default.json')));
    const schema = new Set(keys(load('en.default.schema.json')));
    const used = [...source.matchAll(/'([a-z_.]+)' \| t\b/g)].map((match) => match[1]!);
    const labels = [...source.matchAll(/"t:([a-z_.]+)"/g)].map((match) => match[1]!);
    assert.ok(used.includes('editor.embed_off') && labels.includes('embed.settings.proxy_path.label'));
    assert.deepEqual(used.filter((key) => !storefront.has(key)), []);
    assert.deepEqual(labels.filter((key) => !schema.has(key)), []);
  });
});
