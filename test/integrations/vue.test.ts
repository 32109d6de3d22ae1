/**
 * Vue 3: the example's template (integrations/vue/App.vue), compiled by Vue's template compiler with the README's
 * isCustomElement setting, as Vite's Vue plugin compiles it, and run by Vue's development runtime against the real
 * mock Omneo and token proxy. Vue's warnings are failures: without the setting, each omneo- tag warns
 * "Failed to resolve component". A template of the test's own binds what the example does not (locale, variant, the
 * hub), as test/server/react-client.test.ts does for the React wrappers. test/server/vue-ssr.test.ts renders the
 * example on a server and hydrates it, as Nuxt does.
 */
import { expect } from '@open-wc/testing';
import type * as VueModule from 'vue';
import type * as CompilerDom from '@vue/compiler-dom';
import { configure, logout, refresh, type OmneoEventDetails } from '../../src/index.js';
import { OmneoWishlistButton } from '../../src/components/wishlist-button/wishlist-button.js';
import type { OmneoElement } from '../../src/core/omneo-element.js';
import { newScope, type TestScope } from '../helpers/scope.js';
import { resetPage, until } from '../helpers/page.js';

// Vue's browser builds, one ES module each, imported by URL: the packages' own entries are the bundler builds, which
// read process.env. The template is compiled by the compiler alone, as Vite's Vue plugin compiles it at build time:
// Vue's runtime compiler (a `template` option) takes every registered custom element for one when isCustomElement
// is not set, which hides the warning a built app shows. The runtime is the full development build: its warnings,
// and the instance proxy a function-mode render function reads through.
const VUE_FULL_BUILD = '/node_modules/vue/dist/vue.esm-browser.js';
const VUE_COMPILER = '/node_modules/@vue/compiler-dom/dist/compiler-dom.esm-browser.js';

const AVA = '7321987654321';
const LIAM = '7321987650022';

const text = (element: Element | null) => (element?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
const heartButton = (element: Element | null) => element?.shadowRoot?.querySelector<HTMLButtonElement>('[part~="button"]') ?? null;
/** The heart's pressed state once loaded (enabled, aria-pressed set), else null. */
const pressed = (element: Element | null) => {
  const button = heartButton(element);
  return button && !button.disabled && button.hasAttribute('aria-pressed') ? button.getAttribute('aria-pressed') : null;
};
const guestHeart = (element: Element | null) => heartButton(element)?.getAttribute('aria-label')?.startsWith('Sign in') ?? false;
const link = (root: Element, label: RegExp) => [...root.querySelectorAll('a, button')].find((each) => label.test(each.textContent ?? '')) as HTMLElement;

async function readRepoFile(path: string): Promise<string> {
  const response = await fetch(path);
  expect(response.ok, path).to.equal(true);
  return response.text();
}

/** The isCustomElement function the README tells Vite and Nuxt users to write: one expression wherever it is shown. */
async function readmeIsCustomElement(): Promise<(tag: string) => boolean> {
  const readme = await readRepoFile('/README.md');
  const expressions = [...readme.matchAll(/isCustomElement: (.+?),?(?: \}.*)?$/gm)].map((match) => match[1]!);
  expect(expressions.length, 'isCustomElement in the README').to.be.at.least(2);
  expect(new Set(expressions).size, `one isCustomElement in the README: ${expressions.join(' | ')}`).to.equal(1);
  return new Function(`return ${expressions[0]}`)() as (tag: string) => boolean;
}

/** The example component's template, as Vite would compile it. */
async function exampleTemplate(): Promise<string> {
  const sfc = await readRepoFile('/integrations/vue/App.vue');
  const template = /^<template>\n([\s\S]*)^<\/template>$/m.exec(sfc)?.[1];
  expect(template, 'the <template> of App.vue').to.be.a('string');
  return template!;
}

describe('Vue 3 (integrations/vue)', () => {
  let scope: TestScope;
  let Vue: typeof VueModule;
  let compile: typeof CompilerDom.compile;
  let host: HTMLElement;
  let app: VueModule.App | null = null;
  let warnings: string[];

  before(async () => {
    Vue = (await import(VUE_FULL_BUILD)) as typeof VueModule;
    ({ compile } = (await import(VUE_COMPILER)) as typeof CompilerDom);
  });

  beforeEach(async () => {
    resetPage();
    scope = await newScope();
    warnings = [];
    host = document.body.appendChild(document.createElement('div'));
  });

  afterEach(() => {
    app?.unmount();
    app = null;
    host.remove();
  });

  /** Compiles a template as Vite's Vue plugin does and mounts it with `state` as its setup's bindings. */
  async function mountTemplate(template: string, state: object, isCustomElement: ((tag: string) => boolean) | null) {
    const { code } = compile(template, {
      mode: 'function',
      hoistStatic: true,
      ...(isCustomElement ? { isCustomElement } : {}),
      onError: (error) => void warnings.push(`compile error: ${error.message}`),
      onWarn: (warning) => void warnings.push(`compile warning: ${warning.message}`),
    });
    // As Vue's own compileToFunction does with a function-mode render: marked runtime-compiled, so that the
    // instance proxy answers its `with (_ctx)` lookups.
    const render = Object.assign(new Function('Vue', code)(Vue) as VueModule.RenderFunction, { _rc: true });
    app = Vue.createApp({ render, setup: () => state });
    app.config.warnHandler = (message) => void warnings.push(message);
    app.mount(host);
  }

  /** Mounts App.vue's template with the state and handlers of its <script setup>, written the same way here. */
  async function mountExample(isCustomElement: ((tag: string) => boolean) | null) {
    const { ref } = Vue;
    const products = [
      { sku: 'LS-SAND-M', name: 'Linen Relaxed Shirt' },
      { sku: 'KN-OAT-S', name: 'Merino Crew Knit' },
    ];
    const state = {
      products,
      product: ref(products[0]!),
      page: ref<'product' | 'cart'>('product'),
      customerId: ref(AVA),
      saved: ref<Record<string, boolean>>({}),
      cart: ref<string[]>([]),
      changes: [] as OmneoEventDetails['omneo-wishlist-change'][],
      onWishlistChange(event: CustomEvent<OmneoEventDetails['omneo-wishlist-change']>) {
        state.changes.push(event.detail);
        state.saved.value = { ...state.saved.value, [event.detail.sku]: event.detail.inWishlist };
      },
      onAddToCart(event: CustomEvent<OmneoEventDetails['omneo-add-to-cart']>) {
        event.preventDefault();
        state.cart.value = [...state.cart.value, event.detail.sku];
      },
      async signedIn(id: string) {
        state.customerId.value = id;
        await refresh();
      },
      signedOut() {
        state.customerId.value = '';
        logout();
      },
    };
    await mountTemplate(await exampleTemplate(), state, isCustomElement);
    return state;
  }

  /** `METHOD path` of the scope's requests once the log has stopped growing for 400 ms. */
  async function quietRequests(): Promise<string[]> {
    const log = async () => (await scope.requests()).map(({ method, path }) => `${method} ${path}`);
    let before = await log();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 400));
      const now = await log();
      if (now.length === before.length) return now;
      before = now;
    }
  }

  it("compiles without a warning with the README's isCustomElement, binds properties and events, and follows navigation and sign-in/out", async () => {
    configure({ tokenEndpoint: scope.tokenEndpoint('ava'), apiBase: scope.apiBase, locale: 'en-AU' });
    const state = await mountExample(await readmeIsCustomElement());
    const badge = host.querySelector('header omneo-points-balance')!;
    expect(badge, 'the badge renders as the custom element').to.be.instanceOf(customElements.get('omneo-points-balance')!);
    expect(badge.getAttribute('variant')).to.equal('compact');
    await until(() => /1,250/.test(text(badge)), 6000, "Ava's 1,250 points in the badge");
    expect(warnings).to.deep.equal([]);

    // :sku sets the heart's property; a new product is the same element following the new sku.
    const heart = host.querySelector<OmneoWishlistButton>('omneo-wishlist-button')!;
    expect(heart.sku).to.equal('LS-SAND-M');
    await until(() => pressed(heart) === 'true', 6000, 'the heart pressed: Linen Relaxed Shirt is in Ava\'s wishlist');
    link(host, /Merino Crew Knit/).click();
    await until(() => pressed(heart) === 'false' && /Merino Crew Knit/.test(heartButton(heart)!.getAttribute('aria-label') ?? ''), 4000, 'the heart following the Merino Crew Knit');
    expect(host.querySelector('omneo-wishlist-button')).to.equal(heart);
    expect(heart.sku).to.equal('KN-OAT-S');

    // @omneo-wishlist-change reaches the Vue handler with its detail.
    heartButton(heart)!.click();
    await until(() => state.changes.length > 0, 4000, 'omneo-wishlist-change in the Vue handler');
    expect(state.changes).to.deep.equal([{ sku: 'KN-OAT-S', inWishlist: true }]);
    await until(() => /Saved to your wishlist/.test(host.textContent ?? ''), 4000, "the template's note");

    // Client-side navigation: v-if unmounts the heart and mounts the wishlist; back again, a new heart has its data at once.
    const tokens = await scope.count('/omneo/token', 'POST');
    expect(tokens).to.equal(1);
    link(host, /^Bag/).click();
    await Vue.nextTick();
    expect(host.querySelector('omneo-wishlist-button')).to.equal(null);
    const wishlist = host.querySelector('omneo-wishlist')!;
    await until(() => /Merino Crew Knit/.test(text(wishlist)) && wishlist.shadowRoot!.querySelector('[part="add-button"]'), 6000, 'the wishlist with the new item');
    wishlist.shadowRoot!.querySelector<HTMLButtonElement>('[part="add-button"]')!.click();
    await until(() => state.cart.value.length === 1 && /Bag \(1\)/.test(host.querySelector('header')!.textContent ?? ''), 4000, '@omneo-add-to-cart in the Vue handler');
    link(host, /^Shop/).click();
    await Vue.nextTick();
    const heartAgain = host.querySelector<OmneoWishlistButton>('omneo-wishlist-button')!;
    expect(heartAgain).not.to.equal(heart);
    await until(() => pressed(heartAgain) === 'true', 4000, 'the remounted heart pressed for the saved Merino Crew Knit');
    expect(await scope.count('/omneo/token', 'POST'), 'token requests after navigation').to.equal(tokens);

    // :customer="" (the storefront signed out): the guest state at once, without asking for a token.
    state.customerId.value = '';
    await until(() => /Sign in/.test(text(badge)) && guestHeart(heartAgain), 4000, 'the guest state');
    expect(await scope.count('/omneo/token', 'POST')).to.equal(tokens);

    // Another shopper signs in (the storefront's session, which the token endpoint reads, is now Liam's): refresh().
    configure({ tokenEndpoint: scope.tokenEndpoint('liam') });
    await state.signedIn(LIAM);
    await until(() => /2,140/.test(text(badge)), 6000, "Liam's 2,140 points in the badge");
    expect(text(badge)).not.to.match(/1,250/);

    // The template's Sign out button: signedOut() sets customer "" and calls logout().
    link(host, /Sign out/).click();
    await until(() => /Sign in/.test(text(badge)) && guestHeart(heartAgain), 4000, 'the guest state after Sign out');

    expect(warnings).to.deep.equal([]);
  });

  it('bindings changed after mount: locale and variant re-render, the hub passes its locale and customer="" to its children, a swapped handler is the only one called, 100 re-renders send nothing', async () => {
    configure({ tokenEndpoint: scope.tokenEndpoint('ava'), apiBase: scope.apiBase, locale: 'en-AU' });
    const { ref, computed, nextTick } = Vue;
    const heard: string[] = [];
    const ready: string[] = [];
    const handlers = {
      first: (event: CustomEvent<OmneoEventDetails['omneo-wishlist-change']>) => void heard.push(`first ${event.detail.sku}`),
      newest: (event: CustomEvent<OmneoEventDetails['omneo-wishlist-change']>) => void heard.push(`newest ${event.detail.sku}`),
    };
    const handler = ref<keyof typeof handlers>('first');
    const state = {
      locale: ref('en-AU'),
      variant: ref('default'),
      customer: ref(AVA),
      renders: ref(0),
      onChange: computed(() => handlers[handler.value]),
      onReady: (event: CustomEvent<OmneoEventDetails['omneo-ready']>) => void ready.push(event.detail.element),
    };
    await mountTemplate(
      `<p>Rendered {{ renders }} times</p>
      <omneo-points-balance :locale="locale" :variant="variant" :customer="customer" @omneo-ready="onReady"></omneo-points-balance>
      <omneo-rewards :locale="locale" :customer="customer">
        <omneo-wishlist-button sku="KN-OAT-S" product-name="Merino Crew Knit" @omneo-wishlist-change="onChange"></omneo-wishlist-button>
      </omneo-rewards>`,
      state,
      await readmeIsCustomElement(),
    );
    const badge = host.querySelector('omneo-points-balance')!;
    const heart = host.querySelector('omneo-rewards > omneo-wishlist-button')!;
    const label = () => heartButton(heart)?.getAttribute('aria-label') ?? '';
    await until(() => /Your points[\s\S]*Worth/.test(text(badge)) && pressed(heart) === 'false' && ready.length > 0, 6000, "Ava's points card and the heart");
    const loaded = await quietRequests();

    state.locale.value = 'fr-FR';
    await until(() => /Vos points/.test(text(badge)) && /^Enregistrer/.test(label()), 4000, 'French, in the badge and (through the hub) the heart');
    state.variant.value = 'compact';
    await until(() => !/Vos points/.test(text(badge)) && /1\s?250/.test(text(badge)), 4000, 'the compact badge');
    expect((badge as HTMLElement & { variant: string }).variant).to.equal('compact');

    for (let render = 1; render <= 100; render++) {
      state.renders.value = render;
      await nextTick();
    }
    expect(host.querySelector('p')!.textContent).to.equal('Rendered 100 times');

    handler.value = 'newest';
    await nextTick();
    heartButton(heart)!.click();
    await until(() => heard.length > 0 && pressed(heart) === 'true', 4000, 'the change heard');

    state.customer.value = '';
    await until(() => /Connectez-vous/.test(text(badge)) && /^Connectez-vous/.test(label()), 4000, 'the guest state, in French, in both');
    const after = (await quietRequests()).slice(loaded.length);
    // The heart's save, then the list read again to reconcile (the store does so after every write): nothing else.
    expect(after).to.deep.equal(['POST /profiles/me/lists/6021/items', 'GET /profiles/me/lists']);
    expect(heard).to.deep.equal(['newest KN-OAT-S']);
    expect(ready).to.deep.equal(['omneo-points-balance']);
    expect(warnings).to.deep.equal([]);
  });

  it('elements registered after Vue rendered them (a define.js imported lazily): bindings named as attributes reach them, later changes as properties; a camelCase one is lost', async () => {
    configure({ tokenEndpoint: scope.tokenEndpoint('ava'), apiBase: scope.apiBase, locale: 'en-AU' });
    const { ref, nextTick } = Vue;
    // A tag of its own, not yet registered when Vue renders it: every omneo- tag is registered by this file's imports.
    const tag = `acme-heart-${Math.random().toString(36).slice(2, 8)}`;
    const state = { sku: ref('LS-SAND-M'), name: ref('Linen Relaxed Shirt'), customer: ref(AVA) };
    await mountTemplate(
      `<${tag} id="kebab" :sku="sku" :product-name="name" :customer="customer"></${tag}>
      <${tag} id="camel" :sku="sku" :productName="name" :customer="customer"></${tag}>`,
      state,
      (name) => name.startsWith('omneo-') || name.startsWith('acme-'),
    );
    const kebab = host.querySelector(`#kebab`)!;
    const camel = host.querySelector(`#camel`)!;
    expect(kebab.getAttribute('product-name'), 'set as an attribute before registration').to.equal('Linen Relaxed Shirt');
    customElements.define(tag, class extends OmneoWishlistButton {});
    const label = (element: Element) => heartButton(element)?.getAttribute('aria-label') ?? '';
    await until(() => pressed(kebab) === 'true' && pressed(camel) === 'true', 6000, 'both hearts pressed for Ava');
    expect(label(kebab)).to.contain('Linen Relaxed Shirt');
    // Vue set the attribute `productname`, which the element does not have: the heart names the sku instead.
    expect(camel.hasAttribute('productname')).to.equal(true);
    expect(label(camel)).not.to.contain('Linen Relaxed Shirt');

    // Registered now, so Vue sets properties: the new product and the sign-out reach both.
    state.sku.value = 'KN-OAT-S';
    state.name.value = 'Merino Crew Knit';
    await nextTick();
    await until(() => pressed(kebab) === 'false' && /Merino Crew Knit/.test(label(kebab)) && /Merino Crew Knit/.test(label(camel)), 4000, 'the new product');
    state.customer.value = '';
    await until(() => guestHeart(kebab) && guestHeart(camel), 4000, 'the guest state');
    expect(warnings).to.deep.equal([]);
  });

  it('a customer id and a sku bound as numbers, then taken away ("" at sign-out, as the README has it; null): Vue sets a property holding a number to 0 then, and no element reads a customer "0" or a sku "0"', async () => {
    configure({ tokenEndpoint: scope.tokenEndpoint('ava'), apiBase: scope.apiBase, locale: 'en-AU' });
    const { ref, nextTick } = Vue;
    // Both parsed from JSON as numbers (README: read as their digits). Single-word bindings: Vue sets them as properties.
    const state = { customer: ref<number | string>(Number(AVA)), sku: ref<number | null>(40112) };
    await mountTemplate(
      `<omneo-points-balance variant="compact" :customer="customer"></omneo-points-balance>
      <omneo-wishlist-button :sku="sku" :customer="customer"></omneo-wishlist-button>`,
      state,
      await readmeIsCustomElement(),
    );
    const badge = host.querySelector<OmneoElement>('omneo-points-balance')!;
    const heart = host.querySelector('omneo-wishlist-button')!;
    await until(() => /1,250/.test(text(badge)) && pressed(heart) === 'false', 6000, "Ava's badge and the heart for sku 40112");

    // A product without a SKU: the heart has none, not "0" (a press would save "0" to her wishlist).
    state.sku.value = null;
    await nextTick();
    await until(() => heartButton(heart)?.disabled === true, 2000, 'the heart disabled without a sku');

    // Signed out: the guest state at once, and no token request (a customer "0" is someone: asked about, and the
    // token endpoint, still Ava's here, brought her points back).
    const tokens = await scope.count('/omneo/token', 'POST');
    state.customer.value = '';
    await until(() => /Sign in/.test(text(badge)) && guestHeart(heart), 4000, 'the guest state');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await scope.count('/omneo/token', 'POST'), 'token requests after customer ""').to.equal(tokens);
    expect(badge.diagnosis[0]?.customer, "the badge's customer").to.equal('');
    expect(warnings).to.deep.equal([]);
  });

  // The same id first as text (an attribute Nuxt's server rendered, a cookie) then as a number (the account API's JSON):
  // Vue sets the number, which is no change to the element; it must still hold text, or Vue's "" at sign-out is 0.
  it('a customer id bound as text, then the same id as a number, then "" at sign-out: the guest state, not customer "0"', async () => {
    configure({ tokenEndpoint: scope.tokenEndpoint('ava'), apiBase: scope.apiBase, locale: 'en-AU' });
    const { ref, nextTick } = Vue;
    const state = { customer: ref<number | string>(AVA) };
    await mountTemplate(`<omneo-points-balance variant="compact" :customer="customer"></omneo-points-balance>`, state, await readmeIsCustomElement());
    const badge = host.querySelector<OmneoElement>('omneo-points-balance')!;
    await until(() => /1,250/.test(text(badge)), 6000, "Ava's badge");
    state.customer.value = Number(AVA);
    await nextTick();
    await badge.updateComplete;
    expect(typeof (badge as unknown as { customer: unknown }).customer, 'the same id set as a number is held as text').to.equal('string');
    const tokens = await scope.count('/omneo/token', 'POST');
    state.customer.value = '';
    await until(() => /Sign in/.test(text(badge)), 4000, 'the guest state');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await scope.count('/omneo/token', 'POST'), 'token requests after customer ""').to.equal(tokens);
    expect(badge.diagnosis[0]?.customer, "the badge's customer").to.equal('');
    expect(warnings).to.deep.equal([]);
  });

  it('warns "Failed to resolve component" for each omneo- tag without isCustomElement (what the README setting prevents)', async () => {
    configure({ tokenEndpoint: scope.tokenEndpoint('ava'), apiBase: scope.apiBase, locale: 'en-AU' });
    await mountExample(null);
    expect(warnings.map((message) => message.split('\n')[0])).to.deep.equal([
      'Failed to resolve component: omneo-points-balance',
      'Failed to resolve component: omneo-wishlist-button',
      'Failed to resolve component: omneo-wishlist',
    ]);
  });
});
