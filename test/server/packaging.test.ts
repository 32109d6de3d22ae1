/**
 * Packaging: the build (into a temporary folder, so it never races a build in dist/), the CDN loader in
 * Chromium, the size budgets, the npm package layout and manifest, the Shopify theme app extension under
 * theme-check, and every snippet in the README and integrations/ run against the built files.
 *
 * Pages are served with a strict CSP (`script-src 'self'`). Snippets keep their real URLs
 * (https://cdn.example.com/…, /apps/omneo/token, https://api.example-tenant.getomneo.com/…): Chromium's
 * requests to them are routed to the built files and to an isolated mock Omneo scope of the dev app.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { check as themeCheck } from '@shopify/theme-check-node';
import { chromium, type Browser, type Page, type Route } from 'playwright-core';
import { buildAll, elementFolders, REPO_ROOT, SHOPIFY_EXTENSION_DIR } from '../../scripts/build.js';
import { FILE_BUDGET_GZIP, pageFiles, readManifest, sizeReport } from '../../scripts/size.js';
import { createDevApp, isDevAppPath, nodeListener } from '../../server/dev/app.js';

const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';
const CHROME_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
// Scripts only from our origin and the snippets' CDN, API calls only to Omneo: no inline script, no eval.
const STRICT_CSP =
  "default-src 'self'; script-src 'self' https://cdn.example.com https://cdn.jsdelivr.net; style-src 'self'; img-src 'self' data: https:; " +
  "connect-src 'self' https://api.example-tenant.getomneo.com; object-src 'none'; base-uri 'none'";

/** The public URLs the README and integrations/ use, and what the tests serve for them. */
export const SNIPPET_CDN_PREFIXES = [
  'https://cdn.example.com/omneo-widgets/',
  'https://cdn.jsdelivr.net/npm/omneo-widgets@0/dist/cdn/',
];
const SNIPPET_API_BASE = 'https://api.example-tenant.getomneo.com/id/api/v1';
const SNIPPET_TOKEN_PATHS = ['/apps/omneo/token', '/omneo/token'];

let work: string;
let cdnDir: string;
let extensionDir: string;
let server: Server;
let origin: string;
let browser: Browser;
const pages = new Map<string, string>();

interface Scope {
  id: string;
  apiBase: string;
  tokenEndpoint: (persona: string) => string;
}

async function newScope(): Promise<Scope> {
  const response = await fetch(`${origin}/__scopes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  const created = (await response.json()) as { scope: string; apiBase: string; tokenEndpointFor: string };
  return { id: created.scope, apiBase: created.apiBase, tokenEndpoint: (persona) => created.tokenEndpointFor.replace('{persona}', persona) };
}

before(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'omneo-packaging-'));
  extensionDir = path.join(work, 'omneo-loyalty');
  cpSync(SHOPIFY_EXTENSION_DIR, extensionDir, { recursive: true, filter: (source) => !/assets[\\/].+\.js$/.test(source) });
  await buildAll({ outDir: path.join(work, 'dist'), shopifyAssetsDir: path.join(extensionDir, 'assets') });
  cdnDir = path.join(work, 'dist/cdn');

  const devApp = nodeListener(createDevApp().app);
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (isDevAppPath(url.pathname)) return devApp(request, response);
    if (url.pathname.startsWith('/cdn/')) {
      const file = path.join(cdnDir, path.basename(url.pathname));
      if (!existsSync(file)) return void response.writeHead(404).end();
      return void response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(readFileSync(file));
    }
    const page = pages.get(url.pathname);
    if (page !== undefined) {
      const type = url.pathname.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/html; charset=utf-8';
      return void response.writeHead(200, { 'content-type': type, 'content-security-policy': STRICT_CSP }).end(page);
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROME_PATH, args: CHROME_ARGS });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (work) rmSync(work, { recursive: true, force: true });
});

interface OpenedPage {
  page: Page;
  scripts: string[];
  errors: string[];
  close(): Promise<void>;
}

/**
 * Opens `html` at `/pages/<name>.html` with the snippet URLs routed: the CDN prefix to the built files,
 * the token paths to the scope's proxy for `persona`, the example tenant's API to the scope's mock.
 */
async function openPage(name: string, html: string, options: { persona?: string; files?: Record<string, string> } = {}): Promise<OpenedPage> {
  const scope = await newScope();
  const pagePath = `/pages/${name}.html`;
  pages.set(pagePath, html);
  for (const [file, content] of Object.entries(options.files ?? {})) pages.set(`/pages/${file}`, content);
  const context = await browser.newContext();
  const page = await context.newPage();
  const scripts: string[] = [];
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => {
    if (request.resourceType() === 'script' || /\.js(\?|$)/.test(request.url())) scripts.push(request.url());
  });
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    const cdnPrefix = SNIPPET_CDN_PREFIXES.find((prefix) => url.href.startsWith(prefix));
    if (cdnPrefix) return fulfilFrom(route, `${origin}/cdn/${url.href.slice(cdnPrefix.length)}`);
    if (url.href.startsWith(SNIPPET_API_BASE)) return fulfilFrom(route, `${origin}${scope.apiBase}${url.href.slice(SNIPPET_API_BASE.length)}`);
    if (url.origin === origin && SNIPPET_TOKEN_PATHS.includes(url.pathname)) {
      return route.continue({ url: `${origin}${scope.tokenEndpoint(options.persona ?? 'ava')}` });
    }
    return route.continue();
  });
  await page.goto(`${origin}${pagePath}`);
  return { page, scripts, errors, close: () => context.close() };
}

/** Answers a request to an https snippet URL from the local server, with the CORS headers a CDN or Omneo sends. */
async function fulfilFrom(route: Route, target: string) {
  const request = route.request();
  const headers = { ...request.headers() };
  delete headers.host;
  const body = request.postDataBuffer();
  const response = await fetch(target, { method: request.method(), headers, body: body ? new Uint8Array(body) : undefined });
  const pageOrigin = headers.origin ?? '*';
  await route.fulfill({
    status: response.status,
    headers: {
      ...Object.fromEntries(response.headers),
      'access-control-allow-origin': pageOrigin,
      'access-control-allow-headers': 'authorization, content-type, accept',
      'access-control-allow-methods': 'GET, POST, PUT, DELETE',
    },
    body: Buffer.from(await response.arrayBuffer()),
  });
}

const waitForText = (page: Page, selector: string, pattern: RegExp) =>
  page.waitForFunction(
    ([css, source]) => {
      const element = document.querySelector(css!);
      const text = element?.shadowRoot?.textContent ?? '';
      return new RegExp(source!).test(text.replace(/\s+/g, ' '));
    },
    [selector, pattern.source],
    { timeout: 8000 },
  );

const configBlock = (config: Record<string, string>) =>
  `<script type="application/json" id="omneo-config">${JSON.stringify(config)}</script>`;
const defaultConfig = { tokenEndpoint: '/omneo/token', apiBase: SNIPPET_API_BASE, locale: 'en-AU' };

describe('CDN loader in Chromium', () => {
  test('a page with only the compact badge loads exactly the badge closure, and shows the points', async () => {
    const opened = await openPage(
      'badge',
      `<!doctype html><html lang="en"><head>${configBlock(defaultConfig)}<script type="module" src="/cdn/omneo-widgets.js"></script></head>
       <body><omneo-points-balance variant="compact"></omneo-points-balance></body></html>`,
    );
    try {
      await waitForText(opened.page, 'omneo-points-balance', /\d/);
      await opened.page.waitForLoadState('networkidle');
      const loaded = [...new Set(opened.scripts.map((url) => path.basename(new URL(url).pathname)))].sort();
      assert.deepEqual(loaded, pageFiles(readManifest(cdnDir), ['omneo-points-balance']).sort());
      assert.ok(!loaded.some((file) => /wallet|wishlist|tier/.test(file)), `the badge page loaded ${loaded.join(', ')}`);
      assert.deepEqual(opened.errors, []);
    } finally {
      await opened.close();
    }
  });

  test('elements added later (client-side navigation) load on sight; an unknown tag is a clear error', async () => {
    const opened = await openPage(
      'late',
      `<!doctype html><html lang="en"><head>${configBlock(defaultConfig)}<script type="module" src="/cdn/omneo-widgets.js"></script></head><body></body></html>`,
    );
    try {
      await opened.page.waitForFunction(() => Boolean(window.OmneoWidgets));
      assert.equal(await opened.page.evaluate(() => customElements.get('omneo-points-balance')), undefined);
      await opened.page.evaluate(() => {
        const wrapper = document.createElement('main');
        wrapper.innerHTML = '<section><omneo-points-balance></omneo-points-balance></section>';
        document.body.append(wrapper);
      });
      await waitForText(opened.page, 'omneo-points-balance', /points/i);
      const message = await opened.page.evaluate(() => window.OmneoWidgets!.load('omneo-nope').then(() => 'loaded', (error: Error) => error.message));
      assert.match(message, /there is no element <omneo-nope>\. Elements: .*omneo-points-balance/);
    } finally {
      await opened.close();
    }
  });

  test('configure() before any chunk loads, the script twice (once with a ?v= query, as Shopify serves it): one config, one copy', async () => {
    const opened = await openPage(
      'twice',
      `<!doctype html><html lang="en"><head>
         <script type="module" src="/cdn/omneo-widgets.js?v=1712345"></script>
         <script type="module" src="/pages/configure.js"></script>
         <script type="module" src="/cdn/omneo-widgets.js"></script></head>
       <body><omneo-points-balance></omneo-points-balance></body></html>`,
      { files: { 'configure.js': `window.OmneoWidgets.configure(${JSON.stringify(defaultConfig)});` } },
    );
    try {
      await waitForText(opened.page, 'omneo-points-balance', /points/i);
      const shared = opened.scripts.filter((url) => /omneo-(page|lit|zod|data|ui)-/.test(url));
      assert.equal(shared.length, new Set(shared).size, 'a shared chunk was fetched twice');
      assert.ok(shared.every((url) => !url.includes('?')), 'chunks must not inherit the loader URL query');
      assert.deepEqual(opened.errors, []);
    } finally {
      await opened.close();
    }
  });

  test('logout() before any element has loaded clears the cross-page cache at once', async () => {
    const opened = await openPage(
      'logout',
      `<!doctype html><html lang="en"><head><script type="module" src="/cdn/omneo-widgets.js"></script></head><body></body></html>`,
    );
    try {
      await opened.page.waitForFunction(() => Boolean(window.OmneoWidgets));
      const left = await opened.page.evaluate(() => {
        sessionStorage.setItem('omneo-widgets:v1:demo:42', '{"v":1,"pid":"p","resources":{}}');
        sessionStorage.setItem('someone-else', 'kept');
        window.OmneoWidgets!.logout();
        return [sessionStorage.getItem('omneo-widgets:v1:demo:42'), sessionStorage.getItem('someone-else')];
      });
      assert.deepEqual(left, [null, 'kept']);
      assert.equal(await opened.page.evaluate(() => window.OmneoWidgets!.refresh().then(() => 'ok')), 'ok');
    } finally {
      await opened.close();
    }
  });
});

describe('size budgets', () => {
  test(`every CDN file is at most ${FILE_BUDGET_GZIP} B gzip`, () => {
    const report = sizeReport(cdnDir);
    for (const file of report.files) assert.ok(file.gzip <= FILE_BUDGET_GZIP, `${file.file} is ${file.gzip} B gzip`);
  });

  test('the loader is small and no chunk imports it (a ?v= query would duplicate the page config)', () => {
    const report = sizeReport(cdnDir);
    assert.ok(report.files.find((file) => file.file === 'omneo-widgets.js')!.gzip < 2000);
    for (const file of readdirSync(cdnDir).filter((name) => name.endsWith('.js') && name !== 'omneo-widgets.js')) {
      assert.doesNotMatch(readFileSync(path.join(cdnDir, file), 'utf8'), /omneo-widgets\.js/, file);
    }
  });

  test('the CDN build uses Lit in production mode and loads no polyfill support', () => {
    const all = readdirSync(cdnDir).filter((name) => name.endsWith('.js')).map((name) => readFileSync(path.join(cdnDir, name), 'utf8')).join('\n');
    assert.doesNotMatch(all, /Lit is in dev mode/);
    assert.doesNotMatch(all, /polyfill-support/);
    assert.doesNotMatch(all, /\beval\(|new Function\(/);
  });
});

describe('npm package', () => {
  const packageJson = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    exports: Record<string, string | { types: string; default: string }>;
    sideEffects: string[];
    customElements: string;
    dependencies: Record<string, string>;
  };
  const inBuild = (target: string) => path.join(work, target.replace(/^\.\/dist\//, 'dist/').replace(/^\.\//, ''));

  test('every export resolves to a built file with its type declarations', () => {
    for (const [subpath, target] of Object.entries(packageJson.exports)) {
      if (subpath === './package.json' || subpath.includes('*')) continue;
      const targets = typeof target === 'string' ? [target] : [target.default, target.types];
      for (const file of targets) assert.ok(existsSync(inBuild(file)), `${subpath} → ${file} is missing`);
    }
    const pattern = packageJson.exports['./components/*'] as { types: string; default: string };
    for (const folder of elementFolders()) {
      for (const module of [`${folder}/${folder}`, `${folder}/define`]) {
        assert.ok(existsSync(inBuild(pattern.default.replace('*', module))), `components/${module}.js is missing`);
        assert.ok(existsSync(inBuild(pattern.types.replace('*', module))), `components/${module}.d.ts is missing`);
      }
    }
  });

  test('Lit, zod and React stay dependencies of the npm build; registering modules are the side effects', () => {
    const index = readFileSync(path.join(work, 'dist/npm/components/points-balance/points-balance.js'), 'utf8');
    assert.match(index, /from "lit"/);
    const npmFiles = readdirSync(path.join(work, 'dist/npm'), { recursive: true }) as string[];
    assert.ok(!npmFiles.some((file) => file.includes('node_modules')), 'a dependency was bundled into dist/npm');
    assert.ok(packageJson.dependencies.lit && packageJson.dependencies.zod && packageJson.dependencies['@lit/react']);
    assert.ok(packageJson.sideEffects.includes('./dist/npm/components/*/define.js'));
    assert.ok(packageJson.sideEffects.includes('./dist/npm/index.js'));
    assert.ok(!packageJson.sideEffects.some((entry) => entry.includes('elements')), 'the class-only entry must be side-effect free');
  });

  test('custom-elements.json documents every element from its JSDoc, with the config attributes', () => {
    assert.equal(packageJson.customElements, 'dist/custom-elements.json');
    const manifest = JSON.parse(readFileSync(path.join(work, 'dist/custom-elements.json'), 'utf8')) as {
      modules: { path: string; declarations?: { tagName?: string; summary?: string; attributes?: { name: string }[]; cssParts?: unknown[]; events?: unknown[] }[] }[];
    };
    for (const folder of elementFolders()) {
      const module = manifest.modules.find((each) => each.path === `dist/npm/components/${folder}/${folder}.js`);
      const element = module?.declarations?.find((declaration) => declaration.tagName === `omneo-${folder}`);
      assert.ok(element, `no manifest entry for <omneo-${folder}>`);
      assert.ok(element.summary, `<omneo-${folder}> has no @summary`);
      assert.ok(element.cssParts?.length && element.events?.length, `<omneo-${folder}> lists no parts or events`);
      const attributes = element.attributes?.map((attribute) => attribute.name) ?? [];
      for (const name of ['token-endpoint', 'api-base', 'tenant', 'locale', 'customer']) assert.ok(attributes.includes(name), `<omneo-${folder}> lacks ${name}`);
      assert.equal(attributes.length, new Set(attributes).size, `<omneo-${folder}> lists an attribute twice`);
      assert.ok(existsSync(path.join(work, module!.path)), module!.path);
    }
  });
});

describe('Shopify theme app extension', () => {
  test('theme-check reports nothing', async () => {
    const offenses = await themeCheck(extensionDir);
    assert.deepEqual(
      offenses.map((offense) => `${offense.check} ${path.relative(extensionDir, new URL(offense.uri).pathname)}:${offense.start.line + 1} ${offense.message}`),
      [],
    );
  });

  test('the assets are the CDN build, and every element has an app block', () => {
    const assets = readdirSync(path.join(extensionDir, 'assets')).filter((file) => file.endsWith('.js')).sort();
    assert.deepEqual(assets, readdirSync(cdnDir).filter((file) => file.endsWith('.js')).sort());
    for (const folder of elementFolders()) {
      const block = path.join(extensionDir, 'blocks', `${folder}.liquid`);
      assert.ok(existsSync(block), `integrations/shopify/extensions/omneo-loyalty/blocks/${folder}.liquid is missing`);
      assert.match(readFileSync(block, 'utf8'), new RegExp(`<omneo-${folder}[\\s>]`));
    }
  });
});
