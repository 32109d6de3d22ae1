/**
 * Svelte 5 server rendering, as SvelteKit does it: integrations/svelte/LoyaltyPanel.svelte compiled with
 * svelte/compiler for the server and rendered in Node by svelte/server's render(), then hydrated in Chromium by a
 * development build after integrations/svelte/hooks.client.ts has registered and configured the elements (SvelteKit
 * runs src/hooks.client.ts before it hydrates). The server outputs the omneo- tags as plain tags with their
 * attributes; they upgrade in place, with no hydration warning, and the component's state and `onomneo-…` listeners
 * work on them after hydration. Against the dev app's mock Omneo and token proxy, a fresh scope per case.
 *
 * The last case is about Svelte itself: on a custom element, it sets a property when the element is registered and
 * has a setter by that name, else the attribute. So `pageSize={2}` on an element registered after Svelte rendered it
 * (a lazily imported define.js) becomes the attribute `pagesize`, which the element does not read, while
 * `page-size={2}` is right either way (README, Svelte and SvelteKit).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Component } from 'svelte';
import { REPO_ROOT } from '../../scripts/build.js';
import { badgeShows, clickByText, closeHarness, heartLabel, heartPressed, launchChromium, newHarnessPage, newHarnessScope, quietRequests, serveHarnessApp, untilShown, type HarnessServer } from './app-harness.js';

const AVA_CUSTOMER = '7321987654321';
const PANEL = path.join(REPO_ROOT, 'integrations/svelte/LoyaltyPanel.svelte');

/** A Svelte source compiled for the server or the browser (development: Svelte's hydration checks and warnings). */
async function compileSvelte(source: string, filename: string, options: { generate: 'server' | 'client'; omneoWidgets: string }): Promise<string> {
  const { compile } = await import('svelte/compiler');
  const { js, warnings } = compile(source, { filename, generate: options.generate, dev: options.generate === 'client' });
  assert.deepEqual(warnings.map((warning) => `${warning.code}: ${warning.message}`), [], `${filename}: the compiler's warnings`);
  return js.code.replace(/from 'omneo-widgets'/g, `from ${JSON.stringify(options.omneoWidgets)}`);
}

/**
 * The page's script: hooks.client.ts (its import registers the elements, and it configures them), then hydration of
 * the server's HTML, as SvelteKit's client starts. Its 'omneo-widgets' is the package with one change: configure()
 * keeps the hook's settings but points the token endpoint and API at the test's mock scope.
 */
const HYDRATE = (hooks: string) => `import ${JSON.stringify(hooks)};
import { hydrate } from 'svelte';
import LoyaltyPanel from './LoyaltyPanel.client.js';

window.panel = hydrate(LoyaltyPanel, { target: document.getElementById('app'), props: { customer: window.omneoTestCustomer } });
window.started = true;
`;
const OMNEO_WIDGETS_ON_THE_MOCK = (omneoWidgets: string) => `export * from ${JSON.stringify(omneoWidgets)};
import { configure as configurePackage } from ${JSON.stringify(omneoWidgets)};

export function configure(config) {
  window.hookConfig = config;
  configurePackage({ ...config, ...window.omneoTestConfig });
}
`;

/** Two wishlists, one bound by the properties' names, one by the attributes' (Ava's, through the page config). */
const PROBE = `<script>
  let size = $state(2);
  let level = $state(4);
  export function set(next) {
    size = next.size;
    level = next.level;
  }
</script>

<omneo-wishlist id="camel" pageSize={size} headingLevel={level}></omneo-wishlist>
<omneo-wishlist id="dashed" page-size={size} heading-level={level}></omneo-wishlist>
`;
/** Mounts the probe with the elements registered before it renders (`late` false) or after (a lazy import). */
const PROBE_ENTRY = `import { flushSync, mount } from 'svelte';
import Probe from './Probe.client.js';

const register = () => import('omneo-widgets').then(({ configure }) => configure({}));
window.probe = async (late) => {
  if (!late) await register();
  const probe = mount(Probe, { target: document.getElementById('app') });
  flushSync();
  if (late) {
    // And one that no framework renders, its properties set from JS before it is registered, as Angular's
    // [pageSize] binding does: Lit keeps them when the element upgrades.
    const preset = Object.assign(document.createElement('omneo-wishlist'), { id: 'preset', pageSize: 2, headingLevel: 4 });
    document.getElementById('app').append(preset);
    await register();
  }
  window.setProbe = (next) => {
    probe.set(next);
    flushSync();
  };
};
window.started = true;
`;

let work: string;
let server: HarnessServer;
let origin: string;
let browser: Browser;
let ssrPanel: Component<{ customer?: string }>;

async function serverRender(customer: string): Promise<string> {
  const { render } = await import('svelte/server');
  return render(ssrPanel, { props: { customer } }).body;
}

before(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'omneo-svelte-ssr-'));
  const app = path.join(work, 'app');
  mkdirSync(app, { recursive: true });
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(work, 'node_modules'), 'dir');
  const omneoWidgets = path.join(REPO_ROOT, 'src/index.ts');
  const panel = readFileSync(PANEL, 'utf8');

  // The server: the component's server build, imported in Node (tsx), with 'omneo-widgets' (the component imports
  // refresh and logout) loaded on the server too, as SvelteKit's server bundle loads it.
  writeFileSync(path.join(app, 'LoyaltyPanel.server.js'), await compileSvelte(panel, 'LoyaltyPanel.svelte', { generate: 'server', omneoWidgets }));
  ssrPanel = ((await import(pathToFileURL(path.join(app, 'LoyaltyPanel.server.js')).href)) as { default: Component<{ customer?: string }> }).default;

  // The browser: a development build (Svelte's hydration checks), as `vite dev` serves a SvelteKit app.
  writeFileSync(path.join(app, 'LoyaltyPanel.client.js'), await compileSvelte(panel, 'LoyaltyPanel.svelte', { generate: 'client', omneoWidgets: 'omneo-widgets' }));
  writeFileSync(path.join(app, 'Probe.client.js'), await compileSvelte(PROBE, 'Probe.svelte', { generate: 'client', omneoWidgets: 'omneo-widgets' }));
  // hooks.client.ts copied beside the app, as it sits in one: under this repo, package.json's "sideEffects" (src/
  // and dist/ only) would have the bundler drop an import of it that names nothing.
  writeFileSync(path.join(app, 'hooks.client.ts'), readFileSync(path.join(REPO_ROOT, 'integrations/svelte/hooks.client.ts'), 'utf8'));
  writeFileSync(path.join(app, 'app.js'), HYDRATE('./hooks.client.ts'));
  writeFileSync(path.join(app, 'probe.js'), PROBE_ENTRY);
  writeFileSync(path.join(app, 'omneo-widgets-on-the-mock.js'), OMNEO_WIDGETS_ON_THE_MOCK(omneoWidgets));
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: app,
    mode: 'development',
    logLevel: 'error',
    resolve: { alias: { 'omneo-widgets': path.join(app, 'omneo-widgets-on-the-mock.js') }, conditions: ['development', 'browser', 'module'] },
    define: { 'process.env.NODE_ENV': '"development"' },
    build: {
      outDir: path.join(app, 'out'),
      minify: false,
      lib: { entry: { app: path.join(app, 'app.js'), probe: path.join(app, 'probe.js') }, formats: ['es'], fileName: (_format, name) => `${name}.js` },
    },
  });

  server = await serveHarnessApp(path.join(app, 'out'), async (url) => {
    const json = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
    const config = `<script>window.omneoTestConfig = ${json(JSON.parse(url.searchParams.get('config') ?? '{}'))};</script>`;
    if (url.searchParams.has('probe')) {
      return `<!doctype html><html lang="en"><head>${config}<script type="module" src="/out/probe.js"></script></head><body><div id="app"></div></body></html>`;
    }
    const customer = url.searchParams.get('customer') ?? '';
    const clientCustomer = url.searchParams.get('clientCustomer') ?? customer;
    const tamper = (html: string) => (url.searchParams.has('tamper') ? html.replace('</main>', '</main><aside>Older build</aside>') : html);
    return (
      `<!doctype html><html lang="en"><head>${config}<script>window.omneoTestCustomer = ${json(clientCustomer)};</script>` +
      `<script type="module" src="/out/app.js"></script></head>` +
      // The server's elements, kept to tell whether hydration kept them or made new ones.
      `<body><div id="app">${tamper(await serverRender(customer))}</div><script>window.serverElements = [...document.querySelectorAll('#app [customer]')];</script></body></html>`
    );
  });
  origin = server.origin;
  browser = await launchChromium();
});

after(() => closeHarness({ browser, server, work }));

/** A page on a fresh mock scope (server-rendered for `customer`, "" signed out, and hydrated; or the probe), its console collected. */
async function open(options: { customer?: string; clientCustomer?: string; probe?: boolean; tamper?: boolean }) {
  const scope = await newHarnessScope(origin);
  const config = { tokenEndpoint: scope.tokenEndpointFor.replace('{persona}', 'ava'), apiBase: scope.apiBase, locale: 'en-AU' };
  const { context, page, console } = await newHarnessPage(browser);
  consoleOf.set(page, console);
  const query = new URLSearchParams({ config: JSON.stringify(config) });
  if (options.probe) query.set('probe', '');
  if (options.customer !== undefined) query.set('customer', options.customer);
  if (options.clientCustomer !== undefined) query.set('clientCustomer', options.clientCustomer);
  if (options.tamper) query.set('tamper', '');
  await page.goto(`${origin}/?${query}`);
  await page.waitForFunction(() => (window as unknown as { started?: boolean }).started);
  const requests = scope.requestLines;
  return {
    page,
    console,
    requests,
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
const consoleOf = new WeakMap<Page, string[]>();
/** untilShown, with the page's console lines in its message. */
const until = (page: Page, predicate: string, timeout?: number) => untilShown(page, predicate, timeout, { console: consoleOf.get(page) });

describe('Svelte server rendering and hydration (integrations/svelte, as SvelteKit runs it)', () => {
  let h: Opened | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  test('a signed-out visit: the server renders plain tags with customer="", which upgrade in place to the guest state, with no request; signedIn() then loads her data', async () => {
    const html = await serverRender('');
    assert.match(html, /<omneo-points-balance variant="compact" customer=""><\/omneo-points-balance>/);
    assert.match(html, /<omneo-wishlist-button sku="LS-SAND-M" product-name="Linen Relaxed Shirt" customer=""><\/omneo-wishlist-button>/);
    assert.match(html, /<omneo-wishlist customer="" page-size="4" heading-level="3"><\/omneo-wishlist>/);

    h = await open({ customer: '' });
    assert.deepEqual(await h.page.evaluate(() => (window as unknown as { hookConfig: unknown }).hookConfig), { tokenEndpoint: '/omneo/token', tenant: 'example-tenant' }, "hooks.client.ts's configure()");
    await until(h.page, `${badgeShows(/Sign in/)} && /^Sign in/.test(${heartLabel})`);
    assert.equal(await h.serverElementsKept(), true, "hydration replaced the server's elements");
    await h.page.waitForTimeout(500);
    assert.deepEqual(await h.requests(), []);
    assert.deepEqual(h.console, []);

    // The component's exported signedIn(): customer set, refresh(); her data in the same elements.
    await h.page.evaluate((id) => (window as unknown as { panel: { signedIn: (id: string) => Promise<void> } }).panel.signedIn(id), AVA_CUSTOMER);
    await until(h.page, `${badgeShows(/1,250/)} && ${heartPressed} === 'true'`);
    assert.equal(await h.serverElementsKept(), true);
    assert.deepEqual(h.console, []);
  });

  test('a signed-in visit: the elements upgrade with her data; state changes reach them and onomneo-… listeners get the typed detail', async () => {
    const html = await serverRender(AVA_CUSTOMER);
    assert.match(html, new RegExp(`<omneo-points-balance variant="compact" customer="${AVA_CUSTOMER}"></omneo-points-balance> <!--\\[0--><button type="button">Sign out</button>`));

    h = await open({ customer: AVA_CUSTOMER });
    await h.page.evaluate(() => {
      // After the component's own listener (the event bubbles from the element to document): what it received and did.
      (window as unknown as { added: unknown[] }).added = [];
      document.addEventListener('omneo-add-to-cart', (event) => (window as unknown as { added: unknown[] }).added.push({ detail: event.detail, handled: event.defaultPrevented }));
    });
    await until(h.page, `${badgeShows(/1,250/)} && ${heartPressed} === 'true'`);
    assert.equal(await h.serverElementsKept(), true, "hydration replaced the server's elements");
    assert.equal((await quietRequests(h.requests)).filter((each) => each === 'POST /omneo/token').length, 1, 'token requests');

    // page-size={4} and heading-level={3}, set as attributes (no setter by those names), read by the list.
    const list = await h.page.evaluate(() => {
      const wishlist = document.querySelector('omneo-wishlist') as HTMLElement & { pageSize: unknown };
      return { pageSize: wishlist.pageSize, level: wishlist.shadowRoot?.querySelector('[role="heading"]')?.getAttribute('aria-level') };
    });
    assert.deepEqual(list, { pageSize: 4, level: '3' });

    // sku={product.sku} after hydration: another product is the same heart following the new sku.
    await clickByText(h.page, /Merino Crew Knit/);
    await until(h.page, `${heartPressed} === 'false' && /Merino Crew Knit/.test(${heartLabel})`);
    // onomneo-wishlist-change, attached by hydration, reaches the component's handler: its note shows.
    await h.page.evaluate(() => (document.querySelector('omneo-wishlist-button')!.shadowRoot!.querySelector('[part~="button"]') as HTMLElement).click());
    await until(h.page, `/Saved to your wishlist/.test(document.querySelector('#app main p')?.textContent ?? '')`);

    // onomneo-add-to-cart: the handler got { sku, variantId, quantity } and called preventDefault(); the bag counts it.
    await until(h.page, `!!document.querySelector('omneo-wishlist')?.shadowRoot?.querySelector('[part~="add-button"]')`);
    await h.page.evaluate(() => (document.querySelector('omneo-wishlist')!.shadowRoot!.querySelector('[part~="add-button"]') as HTMLElement).click());
    await until(h.page, `/Bag \\(1\\)/.test(document.querySelector('#app header')?.textContent ?? '')`);
    assert.deepEqual(await h.page.evaluate(() => (window as unknown as { added: unknown[] }).added), [{ detail: { sku: 'LS-SAND-M', variantId: '44556677001', quantity: 1 }, handled: true }]);
    assert.equal(await h.serverElementsKept(), true);

    // The server-rendered Sign out button: customer "" and logout(); the guest state, nothing sent after.
    const before = await quietRequests(h.requests);
    await clickByText(h.page, /Sign out/);
    await until(h.page, `${badgeShows(/Sign in/)} && /^Sign in/.test(${heartLabel})`);
    await h.page.waitForTimeout(500);
    assert.deepEqual((await h.requests()).slice(before.length), []);
    assert.deepEqual(h.console, []);
  });

  test("what the two checks catch: server HTML that is not the component's, replaced with a warning; a differing state, repaired silently", async () => {
    // The server's HTML with an element more than the component renders (another build's, say): Svelte's development
    // build warns hydration_mismatch and renders the component anew, so the server's elements are gone. (Svelte checks
    // the HTML's structure only by its hydration markers: a tag renamed in place would pass.)
    h = await open({ customer: '', tamper: true });
    await until(h.page, badgeShows(/Sign in/));
    assert.ok(h.console.some((line) => /hydration_mismatch/.test(line)), `no hydration warning: ${JSON.stringify(h.console)}`);
    assert.equal(await h.serverElementsKept(), false);
    await h.close();

    // Rendered for Ava (a Sign out button), hydrated signed out: Svelte repairs an {#if} quietly (by design, for
    // `{#if browser}`), so no warning; the elements, kept, take customer "". In SvelteKit both sides read one `data`.
    h = await open({ customer: AVA_CUSTOMER, clientCustomer: '' });
    await until(h.page, `${badgeShows(/Sign in/)} && !/Sign out/.test(document.querySelector('#app header')?.textContent ?? '')`);
    assert.equal(await h.serverElementsKept(), true);
    assert.deepEqual(h.console, []);
  });

  test('properties by their camelCase names reach an element only if it was registered before Svelte rendered it; the dashed attribute names either way; properties set from JS before registration are kept', async () => {
    const read = (page: Page) =>
      page.evaluate(() =>
        Object.fromEntries(
          [...document.querySelectorAll('omneo-wishlist')].map((each) => {
            const element = each as HTMLElement & { pageSize: unknown; headingLevel: unknown };
            const id = element.id;
            const heading = element.shadowRoot?.querySelector('[role="heading"]')?.getAttribute('aria-level') ?? null;
            const attributes = [...element.attributes].filter((each) => !['id', 'lang', 'dir'].includes(each.name)).map((each) => `${each.name}=${each.value}`);
            return [id, { pageSize: element.pageSize, headingLevel: element.headingLevel, heading, attributes }];
          }),
        ),
      );
    const settled = (page: Page) => until(page, `[...document.querySelectorAll('omneo-wishlist')].every((each) => each.shadowRoot?.querySelector('[role="heading"]'))`);

    // Registered first (the usual case: hooks.client.ts ran): both forms set the element's setting.
    h = await open({ probe: true });
    await h.page.evaluate(() => (window as unknown as { probe: (late: boolean) => Promise<void> }).probe(false));
    await settled(h.page);
    // A number given to a text property (headingLevel, not pageSize: a Number) reads back as its digits once the
    // element is upgraded (OmneoElement.requestUpdate: Vue's blank binding).
    assert.deepEqual(await read(h.page), {
      camel: { pageSize: 2, headingLevel: '4', heading: '4', attributes: [] },
      dashed: { pageSize: 2, headingLevel: '4', heading: '4', attributes: ['page-size=2', 'heading-level=4'] },
    });
    assert.deepEqual(h.console, []);
    await h.close();

    // Registered after the render (a lazily imported define.js): pageSize={2} became the attribute pagesize, which the
    // element does not read (50 rows a page, level 2); page-size={2} reached it. A later change reaches both, now as
    // the camelCase form's properties: so the first render's loss is easy to miss.
    h = await open({ probe: true });
    await h.page.evaluate(() => (window as unknown as { probe: (late: boolean) => Promise<void> }).probe(true));
    await settled(h.page);
    assert.deepEqual(await read(h.page), {
      camel: { pageSize: 50, headingLevel: undefined, heading: '2', attributes: ['pagesize=2', 'headinglevel=4'] },
      dashed: { pageSize: 2, headingLevel: '4', heading: '4', attributes: ['page-size=2', 'heading-level=4'] },
      preset: { pageSize: 2, headingLevel: '4', heading: '4', attributes: [] },
    });
    await h.page.evaluate(() => (window as unknown as { setProbe: (next: object) => void }).setProbe({ size: 3, level: 5 }));
    await until(h.page, `document.getElementById('camel').shadowRoot.querySelector('[role="heading"]').getAttribute('aria-level') === '5'`);
    assert.deepEqual(await read(h.page), {
      camel: { pageSize: 3, headingLevel: '5', heading: '5', attributes: ['pagesize=2', 'headinglevel=4'] },
      dashed: { pageSize: 3, headingLevel: '5', heading: '5', attributes: ['page-size=3', 'heading-level=5'] },
      preset: { pageSize: 2, headingLevel: '4', heading: '4', attributes: [] },
    });
    assert.deepEqual(h.console, []);
  });
});
