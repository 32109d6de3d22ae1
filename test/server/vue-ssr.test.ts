/**
 * Vue server rendering, as Nuxt does it: integrations/vue/App.vue rendered in Node by Vue's server renderer, then
 * hydrated in Chromium by a development build after integrations/vue/plugins/omneo.client.ts has registered and
 * configured the elements. The server outputs the omneo- tags as plain tags with their attributes; they upgrade in
 * place, with no hydration mismatch, and Vue's bindings and listeners work on them after hydration.
 *
 * The SFC is compiled as @vitejs/plugin-vue compiles it (and Nuxt through it), with the README's isCustomElement
 * given to the parser too (its `templateParseOptions`): the server compiler reads the parsed template, so without it
 * there each tag renders as an unresolved component, warning "Failed to resolve component". test/integrations/vue.test.ts
 * covers the client-only app; this file the server render and hydration.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Component } from 'vue';
import { REPO_ROOT } from '../../scripts/build.js';
import { badgeShows, clickByText, closeHarness, heartLabel, heartPressed, launchChromium, newHarnessPage, newHarnessScope, quietRequests, serveHarnessApp, untilShown, type HarnessServer } from './app-harness.js';
const AVA_CUSTOMER = '7321987654321';

/**
 * App.vue's customer id starts as "" (signed out). A server render for a signed-in shopper starts from the session's
 * id, and the client from the same (Nuxt's payload): here a global that the server sets per render and the page sets
 * before the app loads.
 */
const INITIAL_CUSTOMER = "const customerId = ref('');";
const CUSTOMER_FROM_GLOBAL = "const customerId = ref((globalThis as { omneoTestCustomer?: string }).omneoTestCustomer ?? '');";

/** The isCustomElement expression the README gives for Vite and Nuxt (test/integrations/vue.test.ts checks it is one). */
function readmeIsCustomElement(): (tag: string) => boolean {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const expression = /isCustomElement: (.+?),?(?: \}.*)?$/m.exec(readme)?.[1];
  assert.ok(expression, 'isCustomElement in the README');
  return new Function(`return ${expression}`)() as (tag: string) => boolean;
}

/** App.vue compiled for the server or the browser, as TypeScript (its script is `lang="ts"`). */
async function compileApp(options: { ssr: boolean; isCustomElement: ((tag: string) => boolean) | null; omneoWidgets: string }): Promise<string> {
  const { parse, compileScript } = await import('vue/compiler-sfc');
  let source = readFileSync(path.join(REPO_ROOT, 'integrations/vue/App.vue'), 'utf8');
  assert.ok(source.includes(INITIAL_CUSTOMER), `App.vue no longer has ${INITIAL_CUSTOMER}`);
  source = source.replace(INITIAL_CUSTOMER, CUSTOMER_FROM_GLOBAL);
  const compilerOptions = options.isCustomElement ? { isCustomElement: options.isCustomElement } : {};
  const { descriptor, errors } = parse(source, { filename: 'App.vue', templateParseOptions: compilerOptions });
  assert.deepEqual(errors, []);
  const { content } = compileScript(descriptor, { id: 'app', inlineTemplate: true, templateOptions: { ssr: options.ssr, compilerOptions } });
  const importOmneo = /from 'omneo-widgets'/g;
  assert.match(content, importOmneo);
  return content.replace(importOmneo, `from ${JSON.stringify(options.omneoWidgets)}`);
}

/**
 * The page's script: the Nuxt plugin (its import registers the elements, and it configures them), then hydration of
 * the server's HTML. The plugin's 'omneo-widgets' is the package with one change: its configure() keeps the plugin's
 * settings but points the token endpoint and API at the test's mock scope.
 */
const HARNESS = (plugin: string) => `import './nuxt-globals.js';
import { createSSRApp } from 'vue';
import omneoPlugin from ${JSON.stringify(plugin)};
import App from './App.client.ts';

window.vueWarnings = [];
omneoPlugin(); // before the app hydrates, as Nuxt runs its plugins
const app = createSSRApp(App);
app.config.warnHandler = (message) => window.vueWarnings.push(message.split('\\n')[0]);
app.mount('#app');
window.started = true;
`;
const OMNEO_WIDGETS_ON_THE_MOCK = (omneoWidgets: string) => `export * from ${JSON.stringify(omneoWidgets)};
import { configure as configurePackage } from ${JSON.stringify(omneoWidgets)};

export function configure(config) {
  window.pluginConfig = config;
  configurePackage({ ...config, ...window.omneoTestConfig });
}
`;

let work: string;
let server: HarnessServer;
let origin: string;
let browser: Browser;
let ssrApp: Component;
let ssrAppWithoutSetting: Component;

async function serverRender(app: Component, customer: string): Promise<{ html: string; warnings: string[] }> {
  const { createSSRApp } = await import('vue');
  const { renderToString } = await import('vue/server-renderer');
  const warnings: string[] = [];
  const vueApp = createSSRApp(app);
  vueApp.config.warnHandler = (message) => void warnings.push(message.split('\n')[0]!);
  (globalThis as { omneoTestCustomer?: string }).omneoTestCustomer = customer;
  try {
    return { html: await renderToString(vueApp), warnings };
  } finally {
    delete (globalThis as { omneoTestCustomer?: string }).omneoTestCustomer;
  }
}

before(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'omneo-vue-ssr-'));
  const app = path.join(work, 'app');
  mkdirSync(app, { recursive: true });
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(work, 'node_modules'), 'dir');
  const omneoWidgets = path.join(REPO_ROOT, 'src/index.ts');

  // The server: App.vue's server build, imported in Node (tsx), with 'omneo-widgets' (App.vue imports refresh and
  // logout) loaded on the server too, as Nuxt's server bundle loads it.
  const isCustomElement = readmeIsCustomElement();
  writeFileSync(path.join(app, 'App.server.ts'), await compileApp({ ssr: true, isCustomElement, omneoWidgets }));
  writeFileSync(path.join(app, 'App.server-without-setting.ts'), await compileApp({ ssr: true, isCustomElement: null, omneoWidgets }));
  ssrApp = ((await import(pathToFileURL(path.join(app, 'App.server.ts')).href)) as { default: Component }).default;
  ssrAppWithoutSetting = ((await import(pathToFileURL(path.join(app, 'App.server-without-setting.ts')).href)) as { default: Component }).default;

  // The browser: a development build (Vue's warnings, hydration mismatch checks), as `nuxt dev` serves it.
  writeFileSync(path.join(app, 'App.client.ts'), await compileApp({ ssr: false, isCustomElement, omneoWidgets: 'omneo-widgets' }));
  writeFileSync(path.join(app, 'nuxt-globals.js'), 'globalThis.defineNuxtPlugin = (setup) => setup;\n');
  writeFileSync(path.join(app, 'main.js'), HARNESS(path.join(REPO_ROOT, 'integrations/vue/plugins/omneo.client.ts')));
  writeFileSync(path.join(app, 'omneo-widgets-on-the-mock.js'), OMNEO_WIDGETS_ON_THE_MOCK(omneoWidgets));
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: app,
    mode: 'development',
    logLevel: 'error',
    resolve: { alias: { 'omneo-widgets': path.join(app, 'omneo-widgets-on-the-mock.js') } },
    define: {
      'process.env.NODE_ENV': '"development"',
      __VUE_OPTIONS_API__: 'true',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'true',
    },
    build: { outDir: path.join(app, 'out'), minify: false, lib: { entry: path.join(app, 'main.js'), formats: ['es'], fileName: () => 'app.js' } },
  });

  server = await serveHarnessApp(path.join(app, 'out'), async (url) => {
    const customer = url.searchParams.get('customer') ?? '';
    const clientCustomer = url.searchParams.get('clientCustomer') ?? customer;
    const json = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
    const { html } = await serverRender(ssrApp, customer);
    return (
      `<!doctype html><html lang="en"><head>` +
      `<script>window.omneoTestConfig = ${json(JSON.parse(url.searchParams.get('config') ?? '{}'))}; window.omneoTestCustomer = ${json(clientCustomer)};</script>` +
      `<script type="module" src="/out/app.js"></script></head>` +
      // The server's elements, kept to tell whether hydration kept them or made new ones.
      `<body><div id="app">${html}</div><script>window.serverElements = [...document.querySelectorAll('#app [customer]')];</script></body></html>`
    );
  });
  origin = server.origin;
  browser = await launchChromium();
});

after(() => closeHarness({ browser, server, work }));

/** A page server-rendered for `customer` ("" signed out) on a fresh mock scope, hydrated; its console collected. */
async function open(options: { customer: string; clientCustomer?: string }) {
  const scope = await newHarnessScope(origin);
  const config = { tokenEndpoint: scope.tokenEndpointFor.replace('{persona}', 'ava'), apiBase: scope.apiBase, locale: 'en-AU' };
  const { context, page, console } = await newHarnessPage(browser);
  const query = new URLSearchParams({ customer: options.customer, config: JSON.stringify(config) });
  if (options.clientCustomer !== undefined) query.set('clientCustomer', options.clientCustomer);
  await page.goto(`${origin}/?${query}`);
  await page.waitForFunction(() => (window as unknown as { started?: boolean }).started);
  const requests = scope.requestLines;
  return {
    page,
    console,
    requests,
    vueWarnings: () => page.evaluate(() => (window as unknown as { vueWarnings: string[] }).vueWarnings),
    /** Whether the elements on the page are the server's, upgraded, in the order rendered. */
    serverElementsKept: () =>
      page.evaluate(() => {
        const kept = (window as unknown as { serverElements: Element[] }).serverElements;
        const now = [...document.querySelectorAll('#app [customer]')];
        return kept.length > 0 && kept.length === now.length && kept.every((each, index) => each === now[index] && each instanceof customElements.get(each.localName)!);
      }),
    close: () => context.close(),
  };
}
type Opened = Awaited<ReturnType<typeof open>>;

describe('Vue server rendering and hydration (integrations/vue, as Nuxt runs it)', () => {
  let h: Opened | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  test('a signed-out visit: the server renders plain tags with customer="", which upgrade in place to the guest state, with no request', async () => {
    const { html, warnings } = await serverRender(ssrApp, '');
    assert.deepEqual(warnings, []);
    assert.match(html, /<omneo-points-balance variant="compact" customer=""><\/omneo-points-balance>/);
    assert.match(html, /<omneo-wishlist-button sku="LS-SAND-M" product-name="Linen Relaxed Shirt" customer=""><\/omneo-wishlist-button>/);

    h = await open({ customer: '' });
    assert.deepEqual(await h.page.evaluate(() => (window as unknown as { pluginConfig: unknown }).pluginConfig), { tokenEndpoint: '/omneo/token', tenant: 'example-tenant' }, 'the plugin\'s configure()');
    await untilShown(h.page, `${badgeShows(/Sign in/)} && /^Sign in/.test(${heartLabel})`);
    assert.equal(await h.serverElementsKept(), true, 'hydration replaced the server\'s elements');
    await h.page.waitForTimeout(500);
    assert.deepEqual(await h.requests(), []);
    assert.deepEqual(await h.vueWarnings(), []);
    assert.deepEqual(h.console, []);
  });

  test('a signed-in visit: the elements upgrade with her data, and the hydrated bindings and listeners work on them', async () => {
    const { html, warnings } = await serverRender(ssrApp, AVA_CUSTOMER);
    assert.deepEqual(warnings, []);
    assert.match(html, new RegExp(`<omneo-points-balance variant="compact" customer="${AVA_CUSTOMER}"></omneo-points-balance><button type="button">Sign out</button>`));

    h = await open({ customer: AVA_CUSTOMER });
    await untilShown(h.page, `${badgeShows(/1,250/)} && ${heartPressed} === 'true'`);
    assert.equal(await h.serverElementsKept(), true, 'hydration replaced the server\'s elements');
    assert.equal((await quietRequests(h.requests)).filter((each) => each === 'POST /omneo/token').length, 1, 'token requests');

    // :sku after hydration: another product is the same heart following the new sku.
    await clickByText(h.page, /Merino Crew Knit/);
    await untilShown(h.page, `${heartPressed} === 'false' && /Merino Crew Knit/.test(${heartLabel})`);
    // @omneo-wishlist-change, attached by hydration, reaches App.vue's handler: its note shows.
    await h.page.evaluate(() => (document.querySelector('omneo-wishlist-button')!.shadowRoot!.querySelector('[part~="button"]') as HTMLElement).click());
    await untilShown(h.page, `/Saved to your wishlist/.test(document.querySelector('#app main p')?.textContent ?? '')`);
    assert.equal(await h.serverElementsKept(), true);

    // The server-rendered Sign out button: customer "" and logout(); the guest state, nothing sent after.
    const before = await quietRequests(h.requests);
    await clickByText(h.page, /Sign out/);
    await untilShown(h.page, `${badgeShows(/Sign in/)} && /^Sign in/.test(${heartLabel})`);
    await h.page.waitForTimeout(500);
    assert.deepEqual((await h.requests()).slice(before.length), []);
    assert.deepEqual(await h.vueWarnings(), []);
    assert.deepEqual(h.console, []);
  });

  test('what the two checks catch: the server render without isCustomElement, and a client state that differs from the server\'s', async () => {
    const { warnings } = await serverRender(ssrAppWithoutSetting, '');
    assert.deepEqual(warnings.filter((warning) => /^Failed to resolve/.test(warning)), [
      'Failed to resolve component: omneo-points-balance',
      'Failed to resolve component: omneo-wishlist-button',
      'Failed to resolve component: omneo-wishlist',
    ]);

    // Rendered for Ava (a Sign out button), hydrated signed out (none): Vue says so.
    h = await open({ customer: AVA_CUSTOMER, clientCustomer: '' });
    assert.ok((await h.vueWarnings()).some((warning) => /Hydration/.test(warning)), `no hydration warning: ${JSON.stringify(await h.vueWarnings())}`);
  });
});
