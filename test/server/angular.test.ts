/**
 * Angular (integrations/angular): main.ts and its standalone LoyaltyPanelComponent type-checked against the package's
 * source, bundled by esbuild as an app's build bundles them (JIT: main.ts imports '@angular/compiler'; the decorators
 * compiled as the repo's tsconfig has them, experimentalDecorators), and run zoneless in Chromium against the dev
 * app's mock Omneo and token proxy, a fresh scope per case. Angular's development-mode errors are failures.
 *
 * What CUSTOM_ELEMENTS_SCHEMA changes at run time: Angular's development build checks a tag with a dash only when no
 * custom element is registered under it as the template renders (a define.js imported lazily). Then, without the
 * schema, it logs NG0304 "'omneo-wishlist' is not a known element" and NG0303 "Can't bind to 'pageSize'" for each
 * binding; with it, nothing. An element registered first passes either way (the example's order: main.ts imports
 * 'omneo-widgets' before it bootstraps). The Angular CLI's ahead-of-time compiler rejects such tags at build time
 * (NG8001): test/server/angular-aot.test.ts runs it (@angular/compiler-cli, from test/angular-aot).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { REPO_ROOT } from '../../scripts/build.js';
import { badgeShows, clickByText, closeHarness, heartLabel, heartPressed, launchChromium, newHarnessPage, newHarnessScope, quietRequests, serveHarnessApp, untilShown, type HarnessServer } from './app-harness.js';

const AVA_CUSTOMER = '7321987654321';
const OLIVIA_CUSTOMER = '7321987650055';
const EXAMPLE = path.join(REPO_ROOT, 'integrations/angular');

/**
 * The app's 'omneo-widgets': the package with one change, configure() keeps main.ts's settings but points the token
 * endpoint and API at the test's mock scope.
 */
const OMNEO_WIDGETS_ON_THE_MOCK = (omneoWidgets: string) => `export * from ${JSON.stringify(omneoWidgets)};
import { configure as configurePackage } from ${JSON.stringify(omneoWidgets)};

export function configure(config) {
  window.appConfig = config;
  configurePackage({ ...config, ...window.omneoTestConfig });
}
`;

/**
 * The test's own components: the same bindings with and without the schema, three ways to give the wishlist its page
 * size (and a plain pageSize="4", which is not one), bootstrapped before the elements are registered (`late`, a define.js imported lazily) or after.
 */
const PROBE = `import '@angular/compiler';
import { Component, CUSTOM_ELEMENTS_SCHEMA, provideZonelessChangeDetection, signal } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';

const template = \`
  <omneo-wishlist id="property" [customer]="customer()" [pageSize]="size()" [headingLevel]="level()"></omneo-wishlist>
  <omneo-wishlist id="attribute" [customer]="customer()" [attr.page-size]="size()" [attr.heading-level]="level()"></omneo-wishlist>
  <omneo-wishlist id="plain" [customer]="customer()" page-size="4" heading-level="3"></omneo-wishlist>
  <omneo-wishlist id="lowercased" [customer]="customer()" pageSize="4" headingLevel="3"></omneo-wishlist>
  <omneo-wishlist-button [sku]="sku()" [productName]="name()" [customer]="customer()"></omneo-wishlist-button>
\`;

class Probe {
  customer = signal(window.omneoTestCustomer);
  size = signal(4);
  level = signal(3);
  sku = signal('LS-SAND-M');
  name = signal('Linen Relaxed Shirt');
}

@Component({ selector: 'probe-panel', schemas: [CUSTOM_ELEMENTS_SCHEMA], template })
class WithSchema extends Probe {}

@Component({ selector: 'probe-panel', template })
class WithoutSchema extends Probe {}

window.probe = async ({ schema, late }) => {
  const register = () => import('omneo-widgets').then(({ configure }) => configure({}));
  if (!late) await register();
  document.getElementById('app').append(document.createElement('probe-panel'));
  const app = await bootstrapApplication(schema ? WithSchema : WithoutSchema, { providers: [provideZonelessChangeDetection()] });
  window.panel = app.components[0].instance;
  if (late) await register();
};
window.started = true;
`;

let work: string;
let server: HarnessServer;
let origin: string;
let browser: Browser;

before(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'omneo-angular-'));
  const app = path.join(work, 'app');
  mkdirSync(path.join(app, 'no-schema'), { recursive: true });
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(work, 'node_modules'), 'dir');
  const omneoWidgets = path.join(REPO_ROOT, 'src/index.ts');

  // The example type-checks against the package (its source, as the React example's test does).
  const tsconfig = path.join(work, 'tsconfig.angular.json');
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: path.join(REPO_ROOT, 'tsconfig.json'),
      compilerOptions: { noEmit: true, types: [], paths: { 'omneo-widgets': [omneoWidgets] } },
      include: [],
      files: [path.join(EXAMPLE, 'main.ts'), path.join(REPO_ROOT, 'src/globals.d.ts')],
    }),
  );
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', tsconfig], { cwd: REPO_ROOT, stdio: 'pipe' });

  // The example without its schema: the one line taken out.
  const component = readFileSync(path.join(EXAMPLE, 'loyalty-panel.component.ts'), 'utf8');
  const withoutSchema = component.replace(/^ {2}schemas: \[CUSTOM_ELEMENTS_SCHEMA\],\n/m, '');
  assert.notEqual(withoutSchema, component, 'the schemas line of loyalty-panel.component.ts');
  writeFileSync(path.join(app, 'no-schema/loyalty-panel.component.ts'), withoutSchema);
  writeFileSync(path.join(app, 'no-schema/main.ts'), readFileSync(path.join(EXAMPLE, 'main.ts'), 'utf8'));
  writeFileSync(path.join(app, 'probe.ts'), PROBE);
  writeFileSync(path.join(app, 'omneo-widgets-on-the-mock.js'), OMNEO_WIDGETS_ON_THE_MOCK(omneoWidgets));

  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: { app: path.join(EXAMPLE, 'main.ts'), 'no-schema': path.join(app, 'no-schema/main.ts'), probe: path.join(app, 'probe.ts') },
    outdir: path.join(app, 'out'),
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    // Development builds (Angular's and Lit's checks and warnings), as `ng serve` or `vite dev` serve an app.
    conditions: ['development'],
    define: { 'process.env.NODE_ENV': '"development"' },
    alias: { 'omneo-widgets': path.join(app, 'omneo-widgets-on-the-mock.js') },
    tsconfig: path.join(REPO_ROOT, 'tsconfig.json'),
    nodePaths: [path.join(REPO_ROOT, 'node_modules')],
    logLevel: 'silent',
  });
  assert.deepEqual(result.warnings.map((warning) => warning.text), [], "esbuild's warnings");

  server = await serveHarnessApp(path.join(app, 'out'), (url) => {
    const json = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
    const entry = url.searchParams.get('entry') ?? 'app';
    const head =
      `<script>window.omneoTestConfig = ${json(JSON.parse(url.searchParams.get('config') ?? '{}'))};` +
      `window.omneoTestCustomer = ${json(url.searchParams.get('customer') ?? '')};</script>` +
      `<script type="module" src="/out/${entry}.js"></script>`;
    const body = entry === 'probe' ? '<div id="app"></div>' : '<div id="app"><loyalty-panel></loyalty-panel></div>';
    return `<!doctype html><html lang="en"><head>${head}</head><body>${body}</body></html>`;
  });
  origin = server.origin;
  browser = await launchChromium();
});

after(() => closeHarness({ browser, server, work }));


const SHOWN = 'omneo-points-balance, omneo-wishlist-button, omneo-wishlist';

/** A page of `entry` on a fresh mock scope (the token endpoint Ava's, or `persona`'s), its console collected. */
async function open(entry: 'app' | 'no-schema' | 'probe', { persona = 'ava', customer = '' } = {}) {
  const scope = await newHarnessScope(origin);
  const config = { tokenEndpoint: scope.tokenEndpointFor.replace('{persona}', persona), apiBase: scope.apiBase, locale: 'en-AU' };
  const { context, page, console } = await newHarnessPage(browser);
  consoleOf.set(page, console);
  await page.goto(`${origin}/?${new URLSearchParams({ entry, customer, config: JSON.stringify(config) })}`);
  if (entry === 'probe') await page.waitForFunction(() => (window as unknown as { started?: boolean }).started);
  else await until(page, `!!document.querySelector('loyalty-panel h1')`);
  const requests = scope.requestLines;
  return { page, console, requests, close: () => context.close() };
}
type Opened = Awaited<ReturnType<typeof open>>;
const consoleOf = new WeakMap<Page, string[]>();
/** untilShown, with the page's console lines in its message. */
const until = (page: Page, predicate: string, timeout?: number) => untilShown(page, predicate, timeout, { shown: SHOWN, console: consoleOf.get(page) });

/** The schemas Angular compiled the example's component with (its definition, ɵcmp). */
const compiledSchemas = (page: Page) =>
  page.evaluate(() => {
    const { ng } = window as unknown as { ng: { getComponent: (element: Element) => { constructor: { ɵcmp: { schemas: unknown } } } } };
    return ng.getComponent(document.querySelector('loyalty-panel')!).constructor.ɵcmp.schemas;
  });

/** The example's component instance (Angular's development-mode `ng` global), to call its signedIn(). */
const signedIn = (page: Page, id: string) =>
  page.evaluate((id) => {
    const { ng } = window as unknown as { ng: { getComponent: (element: Element) => { signedIn: (id: string) => Promise<void> } } };
    return ng.getComponent(document.querySelector('loyalty-panel')!).signedIn(id);
  }, id);


/** Each wishlist's page size, heading level and attributes, by id (the probe's). */
const readWishlists = (page: Page) =>
  page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('omneo-wishlist')].map((each) => {
        const element = each as HTMLElement & { pageSize: unknown };
        const attributes = [...element.attributes].filter((each) => ['page-size', 'heading-level', 'pagesize', 'headinglevel'].includes(each.name)).map((each) => `${each.name}=${each.value}`);
        return [
          element.id || element.localName,
          {
            pageSize: element.pageSize,
            rows: element.shadowRoot?.querySelectorAll('li[part="item"]').length ?? 0,
            heading: element.shadowRoot?.querySelector('[role="heading"]')?.getAttribute('aria-level') ?? null,
            attributes,
          },
        ];
      }),
    ),
  );

describe('Angular (integrations/angular, JIT and zoneless)', () => {
  let h: Opened | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  test("the example: main.ts's configure() before bootstrap, the guest state with no request, then signedIn(): property bindings reach the elements, (omneo-…) handlers get the typed detail, Sign out", async () => {
    h = await open('app');
    assert.deepEqual(await compiledSchemas(h.page), [{ name: 'custom-elements' }], 'CUSTOM_ELEMENTS_SCHEMA, compiled in');
    assert.deepEqual(await h.page.evaluate(() => (window as unknown as { appConfig: unknown }).appConfig), { tokenEndpoint: '/omneo/token', tenant: 'example-tenant' }, "main.ts's configure()");
    // customer "" (the component's start): the guest state at once, nothing sent.
    await until(h.page, `${badgeShows(/Sign in/)} && /^Sign in/.test(${heartLabel})`);
    await h.page.waitForTimeout(500);
    assert.deepEqual(await h.requests(), []);

    await h.page.evaluate(() => {
      // After the component's own listener (the event bubbles from the element to document): what it received and did.
      (window as unknown as { added: unknown[] }).added = [];
      document.addEventListener('omneo-add-to-cart', (event) => (window as unknown as { added: unknown[] }).added.push({ detail: event.detail, handled: event.defaultPrevented }));
    });
    await signedIn(h.page, AVA_CUSTOMER);
    await until(h.page, `${badgeShows(/1,250/)} && ${heartPressed} === 'true'`);

    // [sku], [productName], [customer], [pageSize]="4", [headingLevel]="3": properties, by their camelCase names; no
    // attributes (but lang and dir, which the elements set themselves).
    assert.deepEqual(
      await h.page.evaluate(() => {
        const heart = document.querySelector('omneo-wishlist-button') as HTMLElement & { sku: unknown; productName: unknown; customer: unknown };
        const list = document.querySelector('omneo-wishlist') as HTMLElement & { pageSize: unknown; headingLevel: unknown };
        return {
          heart: { sku: heart.sku, productName: heart.productName, customer: heart.customer, attributes: heart.getAttributeNames().filter((name) => !['lang', 'dir'].includes(name)) },
          list: { pageSize: list.pageSize, headingLevel: list.headingLevel, attributes: list.getAttributeNames().filter((name) => !['lang', 'dir'].includes(name)) },
        };
      }),
      { heart: { sku: 'LS-SAND-M', productName: 'Linen Relaxed Shirt', customer: AVA_CUSTOMER, attributes: [] }, list: { pageSize: 4, headingLevel: '3', attributes: [] } },
    );
    await until(h.page, `document.querySelector('omneo-wishlist')?.shadowRoot?.querySelector('[role="heading"]')?.getAttribute('aria-level') === '3'`);
    assert.match(await h.page.evaluate<string>(heartLabel), /Linen Relaxed Shirt/, "[productName] in the heart's name");

    // product.set(): the same heart follows the new sku.
    const heart = await h.page.evaluateHandle(() => document.querySelector('omneo-wishlist-button'));
    await clickByText(h.page, /Merino Crew Knit/);
    await until(h.page, `${heartPressed} === 'false' && /Merino Crew Knit/.test(${heartLabel})`);
    assert.equal(await h.page.evaluate((before) => before === document.querySelector('omneo-wishlist-button'), heart), true, 'the same heart element');
    // (omneo-wishlist-change) reaches the component's handler: its note shows.
    await h.page.evaluate(() => (document.querySelector('omneo-wishlist-button')!.shadowRoot!.querySelector('[part~="button"]') as HTMLElement).click());
    await until(h.page, `/Saved to your wishlist/.test(document.querySelector('loyalty-panel main p')?.textContent ?? '')`);

    // (omneo-add-to-cart): the handler got { sku, variantId, quantity } and called preventDefault(); the bag counts it.
    await until(h.page, `!!document.querySelector('omneo-wishlist')?.shadowRoot?.querySelector('[part~="add-button"]')`);
    await h.page.evaluate(() => (document.querySelector('omneo-wishlist')!.shadowRoot!.querySelector('[part~="add-button"]') as HTMLElement).click());
    await until(h.page, `/Bag \\(1\\)/.test(document.querySelector('loyalty-panel header')?.textContent ?? '')`);
    assert.deepEqual(await h.page.evaluate(() => (window as unknown as { added: unknown[] }).added), [{ detail: { sku: 'LS-SAND-M', variantId: '44556677001', quantity: 1 }, handled: true }]);

    // Sign out: customer "" and logout(); the guest state in the same elements, nothing sent after.
    const before = await quietRequests(h.requests);
    await clickByText(h.page, /Sign out/);
    await until(h.page, `${badgeShows(/Sign in/)} && /^Sign in/.test(${heartLabel})`);
    assert.equal(await h.page.evaluate((before) => before === document.querySelector('omneo-wishlist-button'), heart), true);
    await h.page.waitForTimeout(500);
    assert.deepEqual((await h.requests()).slice(before.length), []);
    assert.deepEqual(h.console, []);
  });

  test('the example without CUSTOM_ELEMENTS_SCHEMA, elements registered before bootstrap (main.ts): Angular at run time says nothing', async () => {
    h = await open('no-schema');
    assert.deepEqual(await compiledSchemas(h.page), []);
    await signedIn(h.page, AVA_CUSTOMER);
    await until(h.page, `${badgeShows(/1,250/)} && ${heartPressed} === 'true'`);
    assert.deepEqual(h.console, []);
  });

  test('registered after Angular rendered them (a define.js imported lazily): without the schema, NG0304 for each tag and NG0303 for each property binding; with it, none; [pageSize] set before registration is kept, [attr.page-size] and page-size="4" are the attribute, a plain pageSize="4" the attribute pagesize, unread', async () => {
    h = await open('probe', { persona: 'olivia', customer: OLIVIA_CUSTOMER });
    await h.page.evaluate(() => (window as unknown as { probe: (options: object) => Promise<void> }).probe({ schema: false, late: true }));
    const errors = h.console.map((line) => /^error: (NG030\d: [^\n]*?)(?: \(used in|\. If|:?\n|$)/.exec(line)?.[1] ?? line);
    // Each tag as Angular creates it, then each property binding as it first sets it ([attr.…] and plain attributes: none).
    assert.deepEqual(errors, [
      "NG0304: 'omneo-wishlist' is not a known element",
      "NG0304: 'omneo-wishlist' is not a known element",
      "NG0304: 'omneo-wishlist' is not a known element",
      "NG0304: 'omneo-wishlist' is not a known element",
      "NG0304: 'omneo-wishlist-button' is not a known element",
      "NG0303: Can't bind to 'customer' since it isn't a known property of 'omneo-wishlist'",
      "NG0303: Can't bind to 'pageSize' since it isn't a known property of 'omneo-wishlist'",
      "NG0303: Can't bind to 'headingLevel' since it isn't a known property of 'omneo-wishlist'",
      "NG0303: Can't bind to 'customer' since it isn't a known property of 'omneo-wishlist'",
      "NG0303: Can't bind to 'customer' since it isn't a known property of 'omneo-wishlist'",
      "NG0303: Can't bind to 'customer' since it isn't a known property of 'omneo-wishlist'",
      "NG0303: Can't bind to 'sku' since it isn't a known property of 'omneo-wishlist-button'",
      "NG0303: Can't bind to 'productName' since it isn't a known property of 'omneo-wishlist-button'",
      "NG0303: Can't bind to 'customer' since it isn't a known property of 'omneo-wishlist-button'",
    ]);
    await h.close();

    h = await open('probe', { persona: 'olivia', customer: OLIVIA_CUSTOMER });
    await h.page.evaluate(() => (window as unknown as { probe: (options: object) => Promise<void> }).probe({ schema: true, late: true }));
    await until(h.page, `[...document.querySelectorAll('omneo-wishlist')].every((each) => each.shadowRoot?.querySelectorAll('li[part="item"]').length > 0) && ${heartPressed} !== null`);
    // [pageSize] set the property before the element was registered: Lit kept it. [attr.page-size] and page-size="4"
    // are the attribute, as text. Olivia has 200 items: 4 a page in each, 50 without a page size.
    assert.deepEqual(await readWishlists(h.page), {
      property: { pageSize: 4, rows: 4, heading: '3', attributes: [] },
      attribute: { pageSize: 4, rows: 4, heading: '3', attributes: ['page-size=4', 'heading-level=3'] },
      plain: { pageSize: 4, rows: 4, heading: '3', attributes: ['page-size=4', 'heading-level=3'] },
      // A plain attribute in camelCase is lowercased (HTML): pagesize, which the element does not read (50 a page, level 2).
      lowercased: { pageSize: 50, rows: 50, heading: '2', attributes: ['pagesize=4', 'headinglevel=3'] },
    });
    assert.match(await h.page.evaluate<string>(heartLabel), /Linen Relaxed Shirt/, "[productName], set before registration, in the heart's name");

    // A later change reaches the element both ways: the property, and the attribute, which the element reads (a larger
    // page: a smaller one keeps the rows shown).
    await h.page.evaluate(() => {
      const panel = (window as unknown as { panel: { size: { set: (n: number) => void }; level: { set: (n: number) => void } } }).panel;
      panel.size.set(6);
      panel.level.set(4);
    });
    await until(h.page, `['property', 'attribute'].every((id) => document.getElementById(id).shadowRoot.querySelectorAll('li[part="item"]').length === 6)`);
    const after = await readWishlists(h.page);
    assert.deepEqual([after.property, after.attribute], [
      { pageSize: 6, rows: 6, heading: '4', attributes: [] },
      { pageSize: 6, rows: 6, heading: '4', attributes: ['page-size=6', 'heading-level=4'] },
    ]);
    assert.deepEqual(h.console, []);
  });

  test('customer "" reaches every element as the guest state, with no token request; the heart follows a new [sku]', async () => {
    h = await open('probe', { customer: AVA_CUSTOMER });
    await h.page.evaluate(() => (window as unknown as { probe: (options: object) => Promise<void> }).probe({ schema: true, late: false }));
    await until(h.page, `${heartPressed} === 'true'`);
    await h.page.evaluate(() => (window as unknown as { panel: { sku: { set: (sku: string) => void }; name: { set: (name: string) => void } } }).panel.sku.set('KN-OAT-S'));
    await until(h.page, `${heartPressed} === 'false'`);
    const before = await quietRequests(h.requests);
    assert.equal(before.filter((each) => each === 'POST /omneo/token').length, 1, 'token requests');
    await h.page.evaluate(() => (window as unknown as { panel: { customer: { set: (id: string) => void } } }).panel.customer.set(''));
    await until(h.page, `/^Sign in/.test(${heartLabel}) && [...document.querySelectorAll('omneo-wishlist')].every((each) => /Sign in/.test(each.shadowRoot?.textContent ?? ''))`);
    await h.page.waitForTimeout(500);
    assert.deepEqual((await h.requests()).slice(before.length), []);
    assert.deepEqual(h.console, []);
  });
});
