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
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { check as themeCheck } from '@shopify/theme-check-node';
import { Liquid } from 'liquidjs';
import { chromium, type Browser, type Page, type Route } from 'playwright-core';
import { build as esbuild, transformSync } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { buildAll, elementFolders, REPO_ROOT, SHOPIFY_EXTENSION_DIR } from '../../scripts/build.js';
import { ensureTypeScript54 } from '../../scripts/typescript-5.4.js';
import { cssTemplates, minifyCss, templateText } from '../../vite.config.js';
import { FILE_BUDGET_GZIP, POINTS_CARD_MODULES, catalogueModule, pageFiles, readManifest, sizeReport } from '../../scripts/size.js';
import { createDevApp, isDevAppPath, nodeListener } from '../../server/dev/app.js';
import { MOCK_ADMIN_TOKEN, personaInfo } from '../../server/mock-omneo/index.js';
import { createProxy, type ProxyLogEntry } from '../../server/proxy/index.js';
import { currentCustomerAdapter } from '../../server/proxy/bigcommerce.js';
import { createHash } from 'node:crypto';
import { GUEST, renderConfigInclude, shopifyEmbedHead, signHs256, signedIn } from './integration-helpers.js';
import { readmeSection } from './readme-blocks.js';
import { en } from '../../src/core/locales/en.js';
import { TOKEN_REQUEST } from '../../src/api/early-token.js';
import { DEFAULT_RETRY, MAX_RETRY_AFTER_MS } from '../../src/api/retry.js';
import { endpointTokenSource, renewAt } from '../../src/api/token-provider.js';

const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';
const CHROME_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
// Scripts only from our origin and the snippets' CDN, API calls only to Omneo: no inline script, no eval.
const STRICT_CSP =
  "default-src 'self'; script-src 'self' https://cdn.example.com https://cdn.jsdelivr.net; style-src 'self'; img-src 'self' data: https:; " +
  "connect-src 'self' https://api.example-tenant.getomneo.com https://loyalty.example-store.com; object-src 'none'; base-uri 'none'";

/**
 * The CSP a page is served with: STRICT_CSP, plus the hash of each inline script the page itself holds (the
 * BigCommerce snippet's glue), as a merchant with a strict policy would allow it. Nothing else inline runs.
 */
function cspFor(html: string): string {
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*application\/json)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (match) => `'sha256-${createHash('sha256').update(match[1]!).digest('base64')}'`,
  );
  return hashes.length ? STRICT_CSP.replace("script-src 'self'", `script-src 'self' ${hashes.join(' ')}`) : STRICT_CSP;
}

/** The package version: CDN URLs name it exactly (README "Any page"; publish.test.ts checks every URL). */
const PACKAGE_VERSION = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** The public URLs the README and integrations/ use, and what the tests serve for them. */
export const SNIPPET_CDN_PREFIXES = [
  'https://cdn.example.com/omneo-widgets/',
  `https://cdn.jsdelivr.net/npm/omneo-widgets@${PACKAGE_VERSION}/dist/cdn/`,
];
const SNIPPET_API_BASE = 'https://api.example-tenant.getomneo.com/id/api/v1';
const SNIPPET_TOKEN_PATHS = ['/apps/omneo/token', '/omneo/token'];
/**
 * BigCommerce apps the pages' stand-in storefront signs Current Customer JWTs for (client id → secret). The
 * snippet's placeholder client id is the app the test proxy is configured with; another app's JWT is refused.
 */
const BIGCOMMERCE_PROXY_ORIGIN = 'https://loyalty.example-store.com';
const BIGCOMMERCE_APPS: Record<string, string> = { YOUR_APP_CLIENT_ID: 'bc-app-secret-for-tests-0123456789', 'another-app': 'another-app-secret-0123456789ab' };
/** The stand-in storefront's store hash, which the test proxy is configured with. */
const BIGCOMMERCE_STORE_HASH = 'abc123';
const SNIPPET_TIERS_PATHS = ['/apps/omneo/tiers', '/omneo/tiers'];

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
  tiersEndpoint: string;
  tokenEndpoint: (persona: string) => string;
}

async function newScope(): Promise<Scope> {
  const response = await fetch(`${origin}/__scopes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  const created = (await response.json()) as { scope: string; apiBase: string; tokenEndpointFor: string; tiersEndpoint: string };
  return {
    id: created.scope,
    apiBase: created.apiBase,
    tiersEndpoint: created.tiersEndpoint,
    tokenEndpoint: (persona) => created.tokenEndpointFor.replace('{persona}', persona),
  };
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
      return void response.writeHead(200, { 'content-type': type, 'content-security-policy': cspFor(page) }).end(page);
    }
    response.writeHead(404).end();
  });
  // The tests' own fetches (newScope, fulfilFrom) reuse kept-alive connections, and between two of them a test may
  // build for seconds (the React example's Vite build): with Node's 5 s keep-alive the server closed a connection as
  // the next fetch went out on it, an ECONNRESET twice under load. Idle connections now outlive any test.
  server.keepAliveTimeout = 10 * 60_000;
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
  /** Who the token endpoint says is signed in; change it to sign in or out without a reload. */
  session: { persona: string };
  scripts: string[];
  /** Every request's URL, from the first. */
  requests: string[];
  errors: string[];
  /** The bodies posted to Shopify's /cart/add.js (answered 200). */
  cartAdds: unknown[];
  /** Every request to the BigCommerce stand-in's /customer/current.jwt, the token requests to its proxy (when, Date.now()), and the proxy's log lines. */
  bigcommerce: { jwtRequests: string[]; tokenRequests: Array<{ authorization: string | null; cookie: string | null; at: number }>; logs: ProxyLogEntry[] };
  close(): Promise<void>;
}

/**
 * Opens `html` at `/pages/<name>.html` with the snippet URLs routed: the CDN prefix to the built files,
 * the token paths to the scope's proxy for `persona`, the example tenant's API to the scope's mock.
 */
async function openPage(
  name: string,
  html: string,
  options: {
    persona?: string;
    files?: Record<string, string>;
    /** Runs before the page loads (a fake clock, …). */
    beforeLoad?: (page: Page) => Promise<void>;
    /**
     * How the BigCommerce proxy answers token request number `n` (1-based): `'hang'` never answers, a status
     * answers that (with the proxy's CORS headers), undefined lets the proxy answer.
     */
    bigcommerceProxy?: (n: number) => 'hang' | { status: number; headers?: Record<string, string> } | undefined;
  } = {},
): Promise<OpenedPage> {
  const scope = await newScope();
  const pagePath = `/pages/${name}.html`;
  pages.set(pagePath, html);
  for (const [file, content] of Object.entries(options.files ?? {})) pages.set(`/pages/${file}`, content);
  const session = { persona: options.persona ?? 'ava' };
  const context = await browser.newContext();
  const page = await context.newPage();
  const scripts: string[] = [];
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  const requests: string[] = [];
  page.on('request', (request) => {
    requests.push(request.url());
    if (request.resourceType() === 'script' || /\.js(\?|$)/.test(request.url())) scripts.push(request.url());
  });
  const cartAdds: unknown[] = [];
  const bigcommerce: OpenedPage['bigcommerce'] = { jwtRequests: [], tokenRequests: [], logs: [] };
  // The BigCommerce proxy: the Current Customer verifier in front of this scope's mock Omneo. The mock knows
  // the personas by their Shopify ids, so the stand-in storefront uses those as BigCommerce customer ids.
  const bigcommerceProxy = createProxy({
    idApiBase: `${origin}${scope.apiBase}`,
    adminToken: MOCK_ADMIN_TOKEN,
    identity: [currentCustomerAdapter({ clientId: 'YOUR_APP_CLIENT_ID', clientSecret: BIGCOMMERCE_APPS.YOUR_APP_CLIENT_ID!, storeHash: BIGCOMMERCE_STORE_HASH, idHandle: 'shopify' })],
    allowedOrigins: [origin],
    rateLimits: false,
    logger: (entry) => bigcommerce.logs.push(entry),
  });
  await context.route('**/*', async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    const cdnPrefix = SNIPPET_CDN_PREFIXES.find((prefix) => url.href.startsWith(prefix));
    if (cdnPrefix) return fulfilFrom(route, `${origin}/cdn/${url.href.slice(cdnPrefix.length)}`);
    if (url.href.startsWith(SNIPPET_API_BASE)) return fulfilFrom(route, `${origin}${scope.apiBase}${url.href.slice(SNIPPET_API_BASE.length)}`);
    if (url.origin === origin && url.pathname.endsWith('/cart/add.js')) {
      cartAdds.push(request.postDataJSON());
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ items: [] }) });
    }
    if (url.origin === origin && url.pathname === '/customer/current.jwt') {
      // BigCommerce's Current Customer API: a JWT for the signed-in shopper, signed with the requesting app's secret.
      bigcommerce.jwtRequests.push(url.search);
      const secret = BIGCOMMERCE_APPS[url.searchParams.get('app_client_id') ?? ''];
      const persona = personaInfo(session.persona);
      if (!persona || !secret) return route.fulfill({ status: 404, body: '' });
      const iat = Math.floor(Date.now() / 1000);
      const app = url.searchParams.get('app_client_id');
      const payload = {
        customer: { id: Number(persona.shopifyCustomerId) },
        iss: 'bc/apps',
        sub: BIGCOMMERCE_STORE_HASH,
        iat,
        exp: iat + 900,
        version: 1,
        aud: app,
        application_id: app,
        store_hash: BIGCOMMERCE_STORE_HASH,
        operation: 'current_customer',
      };
      return route.fulfill({ status: 200, contentType: 'application/json', body: await signHs256(secret, payload) });
    }
    if (url.origin === BIGCOMMERCE_PROXY_ORIGIN) {
      // The BigCommerce snippet's own proxy (preflight included), which verifies the JWT.
      const headers = await request.allHeaders();
      if (request.method() !== 'OPTIONS') {
        bigcommerce.tokenRequests.push({ authorization: headers.authorization ?? null, cookie: headers.cookie ?? null, at: Date.now() });
        const answer = options.bigcommerceProxy?.(bigcommerce.tokenRequests.length);
        if (answer === 'hang') return new Promise<void>(() => undefined);
        if (answer) {
          return route.fulfill({
            status: answer.status,
            headers: {
              'content-type': 'application/json',
              'cache-control': 'no-store',
              'access-control-allow-origin': headers.origin ?? '',
              'access-control-expose-headers': 'Retry-After',
              ...answer.headers,
            },
            body: JSON.stringify({ message: 'Not available yet.' }),
          });
        }
      }
      delete headers.host;
      const body = request.postDataBuffer();
      const answer = await bigcommerceProxy.fetch(new Request(url, { method: request.method(), headers, body: body ? new Uint8Array(body) : undefined }));
      return route.fulfill({ status: answer.status, headers: Object.fromEntries(answer.headers), body: Buffer.from(await answer.arrayBuffer()) });
    }
    if (SNIPPET_TOKEN_PATHS.includes(url.pathname)) return fulfilFrom(route, `${origin}${scope.tokenEndpoint(session.persona)}`);
    if (SNIPPET_TIERS_PATHS.includes(url.pathname)) return fulfilFrom(route, `${origin}${scope.tiersEndpoint}`);
    // The mock's reward and product images point at hosts that do not exist.
    if (route.request().resourceType() === 'image' && url.origin !== origin) {
      return route.fulfill({ status: 200, contentType: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>' });
    }
    return route.continue();
  });
  await options.beforeLoad?.(page);
  await page.goto(`${origin}${pagePath}`);
  return { page, session, scripts, requests, errors, cartAdds, bigcommerce, close: () => context.close() };
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
      ...(pageOrigin === '*' ? {} : { 'access-control-allow-credentials': 'true' }),
      'access-control-allow-headers': 'authorization, content-type, accept',
      'access-control-allow-methods': 'GET, POST, PUT, DELETE',
    },
    body: Buffer.from(await response.arrayBuffer()),
  });
}

const waitForText = (page: Page, selector: string, pattern: RegExp) =>
  page.waitForFunction(
    ([css, source, flags]) => {
      const element = document.querySelector(css!);
      const text = element?.shadowRoot?.textContent ?? '';
      return new RegExp(source!, flags).test(text.replace(/\s+/g, ' '));
    },
    [selector, pattern.source, pattern.flags],
    { timeout: 8000 },
  );

async function waitUntil(condition: () => boolean, timeoutMs = 8000) {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) assert.fail('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

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

  test('a French page with the badge and the card loads the badge closure, the French copy and the expiry notice, nothing else', async () => {
    const opened = await openPage(
      'french-card',
      `<!doctype html><html lang="fr"><head>${configBlock({ ...defaultConfig, locale: 'fr-FR' })}<script type="module" src="/cdn/omneo-widgets.js"></script></head>
       <body><omneo-points-balance variant="compact"></omneo-points-balance><omneo-points-balance></omneo-points-balance></body></html>`,
    );
    try {
      await waitForText(opened.page, 'omneo-points-balance:not([variant="compact"])', /expire/);
      await opened.page.waitForLoadState('networkidle');
      const loaded = [...new Set(opened.scripts.map((url) => path.basename(new URL(url).pathname)))].sort();
      const expected = pageFiles(readManifest(cdnDir), ['omneo-points-balance'], [catalogueModule('fr'), ...POINTS_CARD_MODULES]).sort();
      assert.deepEqual(loaded, expected);
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

  test("stylesheets ship without comments and layout whitespace, and Chromium reads each as the source's", async () => {
    const readBuilt = (dir: string) =>
      readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.js')).map((name) => readFileSync(path.join(dir, name), 'utf8')).join('\n');
    // The npm build too: an app's bundler minifies our JavaScript but copies a template's text as it is.
    const builds = { cdn: readBuilt(cdnDir), npm: readBuilt(path.join(work, 'dist/npm')) };
    const sheets: Array<{ file: string; source: string; minified: string }> = [];
    for (const file of readdirSync(path.join(REPO_ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts'))) {
      const typescript = readFileSync(path.join(REPO_ROOT, 'src', file), 'utf8');
      if (!typescript.includes('css`')) continue;
      const { code } = transformSync(typescript, { loader: 'ts' });
      for (const { css } of cssTemplates(code)) {
        sheets.push({ file, source: css, minified: minifyCss(css) });
      }
    }
    assert.ok(sheets.length >= 19, `${sheets.length} stylesheets found`);
    for (const { file, source, minified } of sheets) {
      for (const [build, built] of Object.entries(builds)) assert.ok(built.includes(`\`${templateText(minified)}\``), `${file}: the ${build} build has its sheet minified`);
      assert.ok(minified.length < source.length && !minified.includes('/*') && !minified.includes('\n'), file);
    }
    // Each sheet's rules as Chromium serialises them, from the source's text and from the minified. A value
    // holding var() is kept as its text until used, where a space after a comma or colon means nothing.
    const page = await browser.newPage();
    try {
      const rules = (await page.evaluate(
        `(${JSON.stringify(sheets)}).map(({ source, minified }) => [source, minified].map((text) => {
          const sheet = new CSSStyleSheet();
          sheet.replaceSync(text);
          return [...sheet.cssRules].map((rule) => rule.cssText.replace(/([,:]) /g, '$1'));
        }))`,
      )) as Array<[string[], string[]]>;
      rules.forEach(([fromSource, fromMinified], index) => {
        assert.ok(fromSource.length > 0, sheets[index]!.file);
        assert.deepEqual(fromMinified, fromSource, sheets[index]!.file);
      });
    } finally {
      await page.close();
    }
  });
});

describe('npm package', () => {
  const packageJson = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    exports: Record<string, string | { types: string; default?: string }>;
    sideEffects: string[];
    customElements: string;
    dependencies: Record<string, string>;
  };
  const inBuild = (target: string) => path.join(work, target.replace(/^\.\/dist\//, 'dist/').replace(/^\.\//, ''));
  const elementModules = elementFolders().flatMap((folder) => [`${folder}/${folder}`, `${folder}/define`]);
  let resolveFromApp: (specifier: string) => string;
  let manifest: BuiltManifest;
  const manifestElement = (folder: string) => {
    const module = manifest.modules.find((each) => each.path === `dist/npm/components/${folder}/${folder}.js`);
    const element = module?.declarations?.find((declaration) => declaration.tagName === `omneo-${folder}`);
    assert.ok(module && element, `no manifest entry for <omneo-${folder}>`);
    return { module, element };
  };

  before(() => {
    // An app that installed the package: its package.json as published, the built files beside it. Resolving
    // from there is Node's own reading of the exports map; bundlers read the same `default` targets (the map
    // has no other condition but `types`).
    const installed = path.join(work, 'app/node_modules/omneo-widgets');
    mkdirSync(installed, { recursive: true });
    cpSync(path.join(REPO_ROOT, 'package.json'), path.join(installed, 'package.json'));
    symlinkSync(path.join(work, 'dist'), path.join(installed, 'dist'), 'dir');
    resolveFromApp = createRequire(path.join(work, 'app/index.js')).resolve;
    manifest = JSON.parse(readFileSync(path.join(work, 'dist/custom-elements.json'), 'utf8')) as BuiltManifest;
  });

  test('every export resolves to a built file with its type declarations, and Node resolves it there; a types-only export (the Vue and Svelte template types) has no JavaScript and Node resolves none', () => {
    const cdnFiles = readdirSync(cdnDir).filter((file) => file.endsWith('.js'));
    const typesOnly = Object.entries(packageJson.exports).filter(([, target]) => typeof target !== 'string' && target.default === undefined);
    assert.deepEqual(typesOnly.map(([subpath]) => subpath), ['./vue', './svelte']);
    for (const [subpath, target] of typesOnly) {
      const types = inBuild((target as { types: string }).types);
      assert.ok(existsSync(types), `omneo-widgets${subpath.slice(1)} → ${path.relative(work, types)} is missing`);
      assert.deepEqual(Object.keys(target), ['types'], `omneo-widgets${subpath.slice(1)}: a types-only export has the "types" condition alone`);
      // A runtime import is refused outright (not resolved to a .d.ts a bundler would then load): types only.
      assert.throws(() => resolveFromApp(`omneo-widgets${subpath.slice(1)}`), { code: 'ERR_PACKAGE_PATH_NOT_EXPORTED' });
    }
    for (const [subpath, target] of Object.entries(packageJson.exports)) {
      if (subpath === './package.json' || typesOnly.some(([each]) => each === subpath)) continue;
      // A pattern stands for every element module (components) or every CDN file.
      const stars = !subpath.includes('*') ? [''] : subpath.startsWith('./cdn/') ? cdnFiles : elementModules;
      for (const star of stars) {
        const specifier = `omneo-widgets${subpath.slice(1).replace('*', star)}`;
        const [main, ...others] = (typeof target === 'string' ? [target] : [target.default!, target.types]).map((file) => inBuild(file.replace('*', star)));
        for (const file of [main!, ...others]) assert.ok(existsSync(file), `${specifier} → ${path.relative(work, file)} is missing`);
        assert.equal(resolveFromApp(specifier), realpathSync(main!), `${specifier} resolves to another file`);
      }
    }
  });

  test("README's esbuild figures: a one-element app with and without --splitting, and the languages' share of the difference", async () => {
    // The app the README means: one element's define.js and the page API from omneo-widgets/elements, minified.
    const dir = path.join(work, 'app-esbuild');
    mkdirSync(dir, { recursive: true });
    const entry = path.join(work, 'app/one-element.js');
    writeFileSync(entry, "import 'omneo-widgets/components/points-balance/define.js';\nimport { configure } from 'omneo-widgets/elements';\nconfigure({ tokenEndpoint: '/omneo/token', tenant: 'example-tenant' });\n");
    // preserveSymlinks: the package's dist/ is a link to the build here, and its package.json (sideEffects, which drops
    // the elements not imported) is the installed one's, as in an app; its dependencies are the checkout's.
    const common = {
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: 'esm' as const,
      write: false,
      logLevel: 'silent' as const,
      preserveSymlinks: true,
      nodePaths: [path.join(REPO_ROOT, 'node_modules')],
    };
    const gzip = (text: string) => gzipSync(text, { level: 9 }).length;
    const whole = await esbuild({ ...common, outfile: path.join(dir, 'whole.js') });
    const inlined = gzip(whole.outputFiles![0]!.text);
    const split = await esbuild({ ...common, splitting: true, outdir: path.join(dir, 'split'), metafile: true });
    const files = new Map(split.outputFiles!.map((file) => [path.relative(process.cwd(), file.path), file.text]));
    // What the page loads at once: the entry and the chunks it imports statically, not its import()s.
    const loaded = new Set<string>();
    const visit = (file: string) => {
      if (loaded.has(file)) return;
      loaded.add(file);
      for (const imported of split.metafile!.outputs[file]!.imports) if (imported.kind === 'import-statement') visit(imported.path);
    };
    visit(Object.entries(split.metafile!.outputs).find(([, output]) => output.entryPoint)![0]);
    const atOnce = [...loaded].reduce((sum, file) => sum + gzip(files.get(file)!), 0);
    const languages = Object.keys(split.metafile!.outputs)
      .filter((file) => /\/(fr|ar)-[\w]+\.js$/.test(file))
      .reduce((sum, file) => sum + gzip(files.get(file)!), 0);
    const share = languages / (inlined - atOnce);
    const kB = (bytes: number) => Math.round(bytes / 1000);
    const says = `(a one-element app about ${kB(inlined)} kB gzip instead of ${kB(atOnce)} kB, over half of the difference the two languages)`;
    assert.ok(share > 0.5 && share < 0.75, `the two languages are ${Math.round(share * 100)}% of the difference`);
    assert.ok(readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8').replace(/\s+/g, ' ').includes(says), `README, npm: should say ${says}`);
  });

  test("README's figure for the npm build's minified stylesheets: all six elements' styles modules, gzip, against the same modules with the source's css text", () => {
    let shipped = 0;
    let unminified = 0;
    for (const folder of elementFolders()) {
      const built = readFileSync(path.join(work, `dist/npm/components/${folder}/${folder}.styles.js`), 'utf8');
      const source = cssTemplates(readFileSync(path.join(REPO_ROOT, `src/components/${folder}/${folder}.styles.ts`), 'utf8'));
      const minified = cssTemplates(built);
      assert.equal(minified.length, source.length, `${folder}: a css template more or less in the build`);
      // Both lists run from the last template to the first, so each replacement leaves the earlier offsets as they are.
      let asWritten = built;
      minified.forEach(({ start, end }, index) => (asWritten = `${asWritten.slice(0, start)}${source[index]!.css}${asWritten.slice(end)}`));
      shipped += gzipSync(built, { level: 9 }).length;
      unminified += gzipSync(asWritten, { level: 9 }).length;
    }
    assert.equal(elementFolders().length, 6, 'the README says six');
    const says = `(all six elements' styles ${(shipped / 1000).toFixed(1)} kB gzip instead of ${(unminified / 1000).toFixed(1)} kB)`;
    assert.ok(readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8').replace(/\s+/g, ' ').includes(says), `README, npm: should say ${says}`);
    // "ours were a third comments and indentation"
    assert.ok(Math.abs(1 - shipped / unminified - 1 / 3) < 0.06, `minifying saves ${Math.round((1 - shipped / unminified) * 100)}%`);
  });

  test('a strict TypeScript app compiles against the shipped declarations, library checks included, with TypeScript 7 and 5.4', async () => {
    // The app sees the package through node_modules like any consumer, with the dependencies' types beside it;
    // skipLibCheck is off so that an invalid .d.ts we ship fails here rather than in a merchant's build.
    // We build with TypeScript 7; merchants' apps are on 5.x and 6.x as often. 5.4 is the oldest that can read
    // the declarations at all (zod's use its NoInfer), so it is the oldest the README promises, checked here.
    const app = path.join(work, 'app');
    const linked = ['lit', 'lit-html', 'lit-element', '@lit', '@lit-labs', 'zod', 'react', 'csstype', '@types/react', '@types/trusted-types'];
    mkdirSync(path.join(app, 'node_modules/@types'), { recursive: true });
    for (const name of linked) {
      const source = path.join(REPO_ROOT, 'node_modules', name);
      const target = path.join(app, 'node_modules', name);
      if (existsSync(source) && !existsSync(target)) symlinkSync(source, target, 'dir');
    }
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      path.join(app, 'consumer.ts'),
      [
        "import { configure, diagnose, logout, type DiagnoseReport, type OmneoConfig } from 'omneo-widgets';",
        "import { configure as configureOnly, diagnose as diagnoseOnly, OmneoPointsBalance } from 'omneo-widgets/elements';",
        "import { createOmneoClient, OmneoHttpError } from 'omneo-widgets/api';",
        "import { PointsBalance, WishlistButton, diagnose as diagnoseReact } from 'omneo-widgets/react';",
        "import 'omneo-widgets/components/wishlist-button/define.js';",
        "import { createElement } from 'react';",
        "const config: OmneoConfig = { tokenEndpoint: '/apps/omneo/token', apiBase: 'https://api.acme.getomneo.com/id/api/v1' };",
        'configure(config);',
        'configureOnly(config);',
        // diagnose() from each entry that has the page API, typed: a report whose token state a support script can read.
        "const reports: Promise<DiagnoseReport>[] = [diagnose(), diagnoseOnly(), diagnoseReact()];",
        "void reports[0]!.then((report) => { const state: string | undefined = report.stores[0]?.token?.state; const version: string = report.version; void state; void version; });",
        // The README's listener, on document and on window: typed detail without a cast.
        "document.addEventListener('omneo-add-to-cart', (event) => { const sku: string = event.detail.sku; const quantity: number = event.detail.quantity; void sku; void quantity; });",
        "window.addEventListener('omneo-error', (event) => { const kind: string = event.detail.kind; void kind; });",
        // A heading level is a number (1–6): the wrappers take it as one, as the elements and the server render do.
        "export const outline = [createElement(PointsBalance, { headingLevel: 3 }), createElement(PointsBalance, { headingLevel: '4' })];",
        'export const used = [logout, OmneoPointsBalance, createOmneoClient, OmneoHttpError, PointsBalance, WishlistButton];',
      ].join('\n'),
    );
    writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions: { ...APP_COMPILER_OPTIONS, types: [] }, files: ['consumer.ts'] }));
    for (const { tsc, version } of appCompilers()) {
      try {
        execFileSync(process.execPath, [tsc, '-p', path.join(app, 'tsconfig.json')], { cwd: app, stdio: 'pipe' });
      } catch (error) {
        assert.fail(`${version} found errors in a consumer of the package:\n${String((error as { stdout?: Buffer }).stdout ?? error)}`);
      }
    }
  });

  test("the Vue and Svelte template types compile for an app that opts in (TypeScript 7 and 5.4, library checks included but Svelte's own under 5.4), have every element with the public properties and events custom-elements.json lists, and nothing else the package declares reaches them", async () => {
    const { writeFileSync } = await import('node:fs');
    // An app with Vue and Svelte installed beside the package, as in the consumer test above.
    const app = path.join(work, 'app-frameworks');
    const installed = path.join(app, 'node_modules/omneo-widgets');
    mkdirSync(installed, { recursive: true });
    cpSync(path.join(REPO_ROOT, 'package.json'), path.join(installed, 'package.json'));
    if (!existsSync(path.join(installed, 'dist'))) symlinkSync(path.join(work, 'dist'), path.join(installed, 'dist'), 'dir');
    // Vue's and Svelte's own declarations import these (library checks are on).
    const frameworks = ['vue', '@vue', '@babel/types', '@babel/parser', 'svelte', 'clsx', 'esrap', 'magic-string', '@jridgewell/sourcemap-codec', '@types/estree', 'locate-character'];
    for (const name of ['lit', 'lit-html', 'lit-element', '@lit', '@lit-labs', 'zod', 'csstype', '@types/trusted-types', ...frameworks]) {
      const source = path.join(REPO_ROOT, 'node_modules', name);
      const target = path.join(app, 'node_modules', name);
      mkdirSync(path.dirname(target), { recursive: true });
      if (existsSync(source) && !existsSync(target)) symlinkSync(source, target, 'dir');
    }
    const lines = (...each: string[]) => `${each.join('\n')}\n`;
    // What the README's opt-in gives: the tags' props and listeners, typed; mistakes are errors (@ts-expect-error fails
    // the compile when the line it marks is not one).
    writeFileSync(
      path.join(app, 'vue-app.ts'),
      lines(
        "import type {} from 'omneo-widgets/vue';",
        "import type { GlobalComponents } from 'vue';",
        "type Props<Tag extends 'omneo-wishlist' | 'omneo-points-balance'> = InstanceType<GlobalComponents[Tag]>['$props'];",
        "export const wishlist: Props<'omneo-wishlist'> = { pageSize: 4, customer: 42, headingLevel: '3', tokenEndpoint: '/apps/omneo/token', class: 'wishlist' };",
        "export const badge: Props<'omneo-points-balance'> = { variant: 'compact' };",
        '// @ts-expect-error an object is no page size',
        'export const size: Props<"omneo-wishlist"> = { pageSize: { rows: 4 } };',
        '// @ts-expect-error nor a variant that is none',
        "export const variant: Props<'omneo-points-balance'> = { variant: 'compakt' };",
        "export type Heart = InstanceType<GlobalComponents['omneo-wishlist-button']>;",
        "export const sku = (heart: Heart): string | number | null => heart.sku;",
      ),
    );
    writeFileSync(
      path.join(app, 'svelte-app.ts'),
      lines(
        "import type {} from 'omneo-widgets/svelte';",
        "import type { SvelteHTMLElements } from 'svelte/elements';",
        "export const wishlist: SvelteHTMLElements['omneo-wishlist'] = { 'page-size': '4', customer: 42, 'heading-level': 3, class: 'wishlist', 'onomneo-add-to-cart': (event) => void event.detail.sku };",
        '// @ts-expect-error a property with a capital is given by its attribute name',
        "export const camel: SvelteHTMLElements['omneo-wishlist'] = { pageSize: 4 };",
        '// @ts-expect-error the heart fires no omneo-add-to-cart',
        "export const heart: SvelteHTMLElements['omneo-wishlist-button'] = { 'onomneo-add-to-cart': () => undefined };",
      ),
    );
    // The other way in: tsconfig's "types", no import.
    writeFileSync(
      path.join(app, 'types-option.ts'),
      lines(
        "import type { GlobalComponents } from 'vue';",
        "import type { SvelteHTMLElements } from 'svelte/elements';",
        "export const vue: InstanceType<GlobalComponents['omneo-rewards']>['$props'] = { locale: 'fr' };",
        "export const svelte: SvelteHTMLElements['omneo-rewards'] = { locale: 'fr', 'onomneo-benefit-redeemed': (event) => void event.detail.code };",
      ),
    );
    // Against the manifest, which is read from the classes' JSDoc: an object literal of every tag's property and event
    // names (as `true`), typed from the template types: a name the types lack is an excess property, one the manifest
    // lacks a missing one.
    const tags = Object.fromEntries(
      elementFolders().map((folder) => {
        const { element } = manifestElement(folder);
        const properties = (element.members ?? []).filter((member) => member.kind === 'field' && !member.static && (!member.privacy || member.privacy === 'public')).map((member) => member.name);
        return [`omneo-${folder}`, { properties: Object.fromEntries(properties.map((name) => [name, true])), events: Object.fromEntries((element.events ?? []).map(({ name }) => [name!, true])) }];
      }),
    );
    writeFileSync(
      path.join(app, 'tags.ts'),
      lines(
        "import type { OmneoTagEvents, OmneoTagProps, OmneoTags } from './node_modules/omneo-widgets/dist/npm/frameworks/tags.js';",
        'type Names<T> = { [K in keyof T]-?: true };',
        `export const properties: { [Tag in keyof OmneoTags]: Names<OmneoTagProps<Tag>> } = ${JSON.stringify(Object.fromEntries(Object.entries(tags).map(([tag, { properties }]) => [tag, properties])), null, 2)};`,
        `export const events: { [Tag in keyof OmneoTags]: Names<OmneoTagEvents<Tag>> } = ${JSON.stringify(Object.fromEntries(Object.entries(tags).map(([tag, { events }]) => [tag, events])), null, 2)};`,
      ),
    );
    const projects: [project: string, types: string[], files: string[], svelte: boolean, moduleResolution?: string][] = [
      ['tsconfig.json', [], ['vue-app.ts', 'tags.ts'], false],
      ['tsconfig.svelte.json', [], ['svelte-app.ts'], true],
      ['tsconfig.types.json', ['omneo-widgets/vue', 'omneo-widgets/svelte'], ['types-option.ts'], true],
      // A project on the old resolution, which reads typesVersions rather than the exports map (TypeScript 5; 7 has none).
      // Its libraries unchecked: zod's declarations need esModuleInterop there, which has nothing to do with these.
      ['tsconfig.node10.json', [], ['vue-app.ts'], false, 'node'],
    ];
    for (const { tsc, version } of appCompilers()) {
      for (const [project, types, files, svelte, moduleResolution = APP_COMPILER_OPTIONS.moduleResolution] of projects) {
        if (moduleResolution === 'node' && !version.startsWith('Version 5')) continue;
        // Svelte's own declarations need TypeScript 5.5's DOM types (svelte/elements names ContentVisibilityAutoStateChangeEvent;
        // Svelte is built with 5.5): with 5.4, the app's files are checked, not the libraries' (TypeScript 7 checks ours).
        const skipLibCheck = (svelte && version.startsWith('Version 5.4')) || moduleResolution === 'node';
        writeFileSync(path.join(app, project), JSON.stringify({ compilerOptions: { ...APP_COMPILER_OPTIONS, moduleResolution, skipLibCheck, types }, files }));
        try {
          execFileSync(process.execPath, [tsc, '-p', path.join(app, project)], { cwd: app, stdio: 'pipe' });
        } catch (error) {
          assert.fail(`${version} found errors in ${project}'s app with the template types:\n${String((error as { stdout?: Buffer }).stdout ?? error)}`);
        }
      }
    }
    // A project without Vue or Svelte: no other declaration the package ships names either, or the template types.
    const declarations = (readdirSync(path.join(work, 'dist/npm'), { recursive: true }) as string[]).filter((file) => file.endsWith('.d.ts') && !file.startsWith('frameworks'));
    const reaching = declarations.filter((file) => /from ['"](vue|svelte)(\/[^'"]*)?['"]|frameworks\//.test(readFileSync(path.join(work, 'dist/npm', file), 'utf8')));
    assert.ok(declarations.length > 20, declarations.join(', '));
    assert.deepEqual(reaching, [], 'declarations outside frameworks/ that import Vue, Svelte or the template types');
  });

  test("the page API, its types included, is the same from omneo-widgets, omneo-widgets/elements and omneo-widgets/react", () => {
    /** The names a built entry's declarations export by name (`export { a, type B } from …`, `export type { C } from …`). */
    const named = (file: string) =>
      new Set(
        [...readFileSync(path.join(work, 'dist/npm', file), 'utf8').matchAll(/^export (?:type )?\{([^}]*)\} from /gm)].flatMap((match) =>
          match[1]!.split(',').map((name) => name.trim().replace(/^type\s+/, '').replace(/^.*\s+as\s+/, '')).filter(Boolean),
        ),
      );
    // The main entry is the class-only entry (`export * from './elements.js'`) plus the registrations: what it names
    // itself is the page API, which the README says the other two give as well (a React or one-element app imports
    // its types from there, not from the entry that registers every element).
    const pageApi = [...named('index.d.ts')];
    assert.ok(['configure', 'OmneoConfig', 'OmneoEventDetails'].every((name) => pageApi.includes(name)), pageApi.join(', '));
    const missing = Object.fromEntries(
      ['elements.d.ts', 'react/index.d.ts'].map((file) => [file, pageApi.filter((name) => !named(file).has(name))] as const).filter(([, names]) => names.length > 0),
    );
    assert.deepEqual(missing, {}, 'entries that lack part of the page API omneo-widgets gives');
  });

  test("each React wrapper has its on… prop for every event its element fires (custom-elements.json); every element has a wrapper, which the README names", () => {
    // As an app's TypeScript sees the wrappers: `ReactWebComponent<OmneoWishlist, { onOmneoAddToCart: OmneoEvent<'omneo-add-to-cart'>; … }>`.
    const declarations = readFileSync(path.join(work, 'dist/npm/react/index.d.ts'), 'utf8');
    const wrapped = new Map(
      [...declarations.matchAll(/^export declare const \w+: import\("@lit\/react"\)\.ReactWebComponent<(\w+), \{([^}]*)\}>;/gm)].map((match) => [
        match[1]!,
        [...match[2]!.matchAll(/(\w+): OmneoEvent<'([a-z-]+)'>/g)].map(([, prop, event]) => `${prop} → ${event}`).sort(),
      ]),
    );
    const eventProp = (event: string) => `on${event.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase())}`;
    const expected = new Map(
      elementFolders().map((folder) => {
        const { element } = manifestElement(folder);
        return [element.name!, (element.events ?? []).map(({ name }) => `${eventProp(name!)} → ${name}`).sort()];
      }),
    );
    assert.deepEqual(Object.fromEntries(wrapped), Object.fromEntries(expected));
    // And the README's row for the entry names each wrapper, so that a developer finds the one for the heart or the hub.
    const row = /^\| `omneo-widgets\/react` \| (.*) \|$/m.exec(readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8'))?.[1] ?? '';
    const names = [...declarations.matchAll(/^export declare const (\w+): import\("@lit\/react"\)/gm)].map((match) => match[1]!);
    assert.equal(names.length, elementFolders().length, names.join(', '));
    assert.deepEqual(names.filter((name) => !row.includes(`\`${name}\``)), [], "wrappers the README's omneo-widgets/react row does not name");
  });

  test("the React wrappers are client components for React Server Components ('use client' first)", () => {
    const react = readFileSync(path.join(work, 'dist/npm/react/index.js'), 'utf8');
    assert.match(react, /^["']use client["'];/);
  });

  test('every omneo-widgets specifier in the README resolves to a built file (a types-only export, to its declarations)', () => {
    const specifiers = readmeSpecifiers(readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8'));
    assert.ok(specifiers.some(({ specifier }) => specifier.startsWith('omneo-widgets/components/')), 'the README names no per-element module');
    for (const { specifier, line } of specifiers) {
      const target = packageJson.exports[`.${specifier.slice('omneo-widgets'.length)}`];
      if (target && typeof target !== 'string' && target.default === undefined) {
        // `import type {} from 'omneo-widgets/vue'`: TypeScript reads it, no bundler or Node does (the test above).
        assert.ok(existsSync(inBuild(target.types)), `README.md:${line}: ${specifier} → ${target.types} does not exist`);
        continue;
      }
      let file: string;
      try {
        file = resolveFromApp(specifier);
      } catch (error) {
        assert.fail(`README.md:${line}: ${specifier} does not resolve (${(error as Error).message.split('\n')[0]})`);
      }
      assert.ok(existsSync(file), `README.md:${line}: ${specifier} → ${file} does not exist`);
    }
  });

  test("every in-page link in the README (its contents, cross-references) lands on a heading", () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    // GitHub's anchors (npm's readme page makes the same): lower case, punctuation but hyphens dropped, spaces
    // to hyphens, a repeated heading numbered from -1.
    const anchors = new Set<string>();
    for (const [, heading] of readme.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6} (.+)$/gm)) {
      const slug = heading!.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/ /g, '-');
      let anchor = slug;
      for (let repeat = 1; anchors.has(anchor); repeat += 1) anchor = `${slug}-${repeat}`;
      anchors.add(anchor);
    }
    const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map((match) => match[1]!);
    assert.ok(links.length >= 20, `only ${links.length} in-page links: the contents line is gone`);
    assert.deepEqual(links.filter((link) => !anchors.has(link)), [], 'links to no heading');
  });

  test('Lit, zod and React stay dependencies of the npm build; registering modules are the side effects', () => {
    const index = readFileSync(path.join(work, 'dist/npm/components/points-balance/points-balance.js'), 'utf8');
    assert.match(index, /from "lit"/);
    const npmFiles = readdirSync(path.join(work, 'dist/npm'), { recursive: true }) as string[];
    assert.ok(!npmFiles.some((file) => file.includes('node_modules')), 'a dependency was bundled into dist/npm');
    assert.ok(packageJson.dependencies.lit && packageJson.dependencies.zod && packageJson.dependencies['@lit/react']);
    // Every app that installs the package installs its dependencies too: each must be one the shipped code imports.
    const shipped = npmFiles.filter((file) => file.endsWith('.js')).map((file) => readFileSync(path.join(work, 'dist/npm', file), 'utf8')).join('\n');
    const imported = (name: string) => shipped.includes(`from "${name}"`) || shipped.includes(`from "${name}/`);
    assert.deepEqual(Object.keys(packageJson.dependencies).filter((name) => !imported(name)), [], 'dependencies no shipped module imports');
    assert.ok(packageJson.sideEffects.includes('./dist/npm/components/*/define.js'));
    assert.ok(packageJson.sideEffects.includes('./dist/npm/index.js'));
    assert.ok(!packageJson.sideEffects.some((entry) => entry.includes('elements')), 'the class-only entry must be side-effect free');
  });

  test('custom-elements.json documents every element from its JSDoc, with the config attributes and nothing internal', () => {
    assert.equal(packageJson.customElements, 'dist/custom-elements.json');
    for (const folder of elementFolders()) {
      const { module, element } = manifestElement(folder);
      assert.ok(element.summary, `<omneo-${folder}> has no @summary`);
      assert.ok(element.cssParts?.length && element.events?.length, `<omneo-${folder}> lists no parts or events`);
      const attributes = element.attributes?.map((attribute) => attribute.name) ?? [];
      for (const name of ['token-endpoint', 'api-base', 'tenant', 'locale', 'customer']) assert.ok(attributes.includes(name), `<omneo-${folder}> lacks ${name}`);
      assert.equal(attributes.length, new Set(attributes).size, `<omneo-${folder}> lists an attribute twice`);
      // What a wrapper generator types an attribute from: a type, and a default that is a value, not a constant's name.
      for (const attribute of element.attributes ?? []) {
        assert.ok(attribute.type?.text, `<omneo-${folder}> ${attribute.name} has no type`);
        assert.doesNotMatch(attribute.default ?? '', /^[A-Z][A-Z0-9_]*$/, `<omneo-${folder}> ${attribute.name}: the default is a constant's name`);
      }
      // The base element's `config` is Lit state ({state: true}), and `name` the parameter of its emit().
      assert.ok(!attributes.includes('config'), `<omneo-${folder}> lists the internal state "config" as an attribute`);
      for (const event of element.events ?? []) {
        assert.notEqual(event.name, 'name', `<omneo-${folder}> lists an event "name"`);
        assert.match(event.name ?? '(none)', /^omneo-[a-z-]+$/, `<omneo-${folder}> lists an event named ${event.name ?? '(none)'}`);
      }
      assert.ok(existsSync(path.join(work, module.path)), module.path);
    }
    const text = readFileSync(path.join(work, 'dist/custom-elements.json'), 'utf8');
    const references = [...text.matchAll(/"(?:path|module)": "([^"]*)"/g)].map((match) => match[1]!);
    assert.ok(references.length > 0);
    assert.deepEqual(references.filter((reference) => /(^|\/)src\/|\.ts$/.test(reference)), [], 'module paths in the manifest that point into src/');
    for (const reference of new Set(references)) assert.ok(existsSync(path.join(work, reference)), `the manifest names ${reference}, which is not in the build`);
  });

  test('custom-elements.json lists no public member without a description: what an element overrides of the base\'s internals stays internal', () => {
    // Wrapper generators and Storybook's API tables list the public members (the attribute-backed fields are
    // described by their attributes, above). The base element marks its internals @internal, and an override
    // without the tag (`override resolve()`, `static override englishMessages`) would publish them again.
    const undocumented: string[] = [];
    for (const folder of elementFolders()) {
      for (const member of manifestElement(folder).element.members ?? []) {
        if (member.privacy === 'private' || member.privacy === 'protected' || member.attribute || member.description) continue;
        undocumented.push(`<omneo-${folder}> ${member.static ? 'static ' : ''}${member.kind} ${member.name}`);
      }
    }
    assert.deepEqual(undocumented, []);
  });

  test("vscode.html-custom-data.json offers the manifest's elements and attributes, with the closed sets' values", () => {
    assert.equal(resolveFromApp('omneo-widgets/vscode.html-custom-data.json'), realpathSync(path.join(work, 'dist/vscode.html-custom-data.json')));
    const files = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { files: string[] }).files;
    assert.ok(files.includes('dist/vscode.html-custom-data.json'), 'package.json files does not publish the editor data');
    const data = JSON.parse(readFileSync(path.join(work, 'dist/vscode.html-custom-data.json'), 'utf8')) as {
      version: number;
      tags: { name: string; description: { kind: string; value: string }; attributes: { name: string; description?: string; values?: { name: string }[] }[] }[];
    };
    assert.equal(data.version, 1.1);
    assert.deepEqual(data.tags.map((tag) => tag.name), elementFolders().map((folder) => `omneo-${folder}`).sort());
    for (const folder of elementFolders()) {
      const { element } = manifestElement(folder);
      const tag = data.tags.find((each) => each.name === `omneo-${folder}`)!;
      assert.deepEqual(tag.attributes.map((attribute) => attribute.name), element.attributes?.map((attribute) => attribute.name));
      assert.ok(tag.description.value.startsWith(element.summary!.split('\n')[0]!), `<omneo-${folder}>: the hover text is not its summary`);
      for (const event of element.events ?? []) assert.ok(tag.description.value.includes(`\`${event.name}\``), `<omneo-${folder}>: ${event.name} is not in the hover text`);
      for (const attribute of tag.attributes) assert.ok(attribute.description, `<omneo-${folder}> ${attribute.name} has no description`);
    }
    const valuesOf = (tagName: string, attributeName: string) =>
      data.tags.find((tag) => tag.name === tagName)?.attributes.find((attribute) => attribute.name === attributeName)?.values?.map((value) => value.name);
    assert.deepEqual(valuesOf('omneo-points-balance', 'variant'), ['default', 'compact']);
    // `filter: WalletFilter` in the source: the alias is expanded, in the manifest too, so its values are offered.
    assert.deepEqual(valuesOf('omneo-reward-wallet', 'filter'), ['active', 'inactive', 'all']);
    assert.equal(manifestElement('reward-wallet').element.attributes?.find((attribute) => attribute.name === 'filter')?.type?.text, "'active' | 'inactive' | 'all'");
    assert.equal(valuesOf('omneo-wishlist-button', 'sku'), undefined, 'an open string attribute offered values');
  });

  test('the parts this suite credits without reading a template are still the ones rendered', () => {
    const base = readFileSync(path.join(REPO_ROOT, 'src/core/omneo-element.ts'), 'utf8');
    assert.deepEqual(new Set(renderedParts(base)), new Set(SHARED_STATE_PARTS.flatMap(([, parts]) => parts)));
    const rewardStatus = /export type RewardStatus = ([^;]+);/.exec(readFileSync(path.join(REPO_ROOT, 'src/api/rules.ts'), 'utf8'));
    assert.deepEqual(rewardStatus?.[1]!.split('|').map((each) => each.trim().replace(/^'|'$/g, '')), REWARD_STATUSES);
  });

  for (const folder of elementFolders()) {
    test(`<omneo-${folder}>: @csspart lists exactly the parts it renders, @fires every event it emits`, () => {
      const { element } = manifestElement(folder);
      const source = elementSource(folder);
      const rendered = new Set([
        ...renderedParts(source),
        ...SHARED_STATE_PARTS.flatMap(([uses, parts]) => (uses.test(source) ? parts : [])),
        ...SHARED_RENDERERS.flatMap(([uses, file]) => (uses.test(source) ? renderedParts(readFileSync(path.join(REPO_ROOT, file), 'utf8')) : [])),
      ]);
      const documented = new Set(element.cssParts?.map((part) => part.name));
      assert.deepEqual(
        { undocumented: [...rendered].filter((name) => !documented.has(name)).sort(), notRendered: [...documented].filter((name) => !rendered.has(name)).sort() },
        { undocumented: [], notRendered: [] },
        `<omneo-${folder}>: the parts in src/components/${folder}/ and its JSDoc @csspart differ`,
      );
      const fired = new Set(element.events?.map((event) => event.name));
      // Every element can fire omneo-ready and omneo-error (a configuration problem at least): the base emits them.
      const emitted = ['omneo-ready', 'omneo-error', ...[...source.matchAll(/\bemit\(\s*'(omneo-[a-z-]+)'/g)].map((match) => match[1]!)];
      assert.deepEqual(emitted.filter((event) => !fired.has(event)), [], `<omneo-${folder}> emits events its JSDoc has no @fires for`);
    });
  }

  test('<omneo-rewards> lists every event that bubbles out of the elements it renders', () => {
    const eventsOf = (folder: string) => manifestElement(folder).element.events?.map((event) => event.name) ?? [];
    const nested = [...new Set([...elementSource('rewards').matchAll(/<omneo-([a-z-]+)[\s>]/g)].map((match) => match[1]!))].filter((folder) => folder !== 'rewards');
    assert.ok(nested.length >= 4, nested.join(', '));
    const hub = new Set(eventsOf('rewards'));
    assert.deepEqual([...new Set(nested.flatMap(eventsOf))].filter((event) => !hub.has(event)), []);
  });

  test("every CSS custom property the styles read is documented: shared tokens in the README's Theming, the rest in the element's @cssprop", () => {
    const tokensIn = (text: string) => new Set([...text.matchAll(/var\((--omneo-[a-z0-9-]+)/g)].map((match) => match[1]!));
    const shared = tokensIn(readFileSync(path.join(REPO_ROOT, 'src/core/styles.ts'), 'utf8'));
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const themingStart = readme.indexOf('### Theming');
    const theming = readme.slice(themingStart, readme.indexOf('\n#', themingStart + 1));
    assert.deepEqual([...shared].filter((token) => !theming.includes(`\`${token}\``)), [], "shared tokens missing from the README's Theming");
    for (const folder of elementFolders()) {
      const documented = new Set(manifestElement(folder).element.cssProperties?.map((property) => property.name));
      const own = [...tokensIn(elementSource(folder, { withStyles: true }))].filter((token) => !shared.has(token) && !documented.has(token));
      assert.deepEqual(own, [], `<omneo-${folder}> reads CSS properties its JSDoc has no @cssprop for`);
    }
  });

  test("each element's table in the README names what custom-elements.json has: parts, slots, events, its own attributes and CSS properties", () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const shared = new Set([...readFileSync(path.join(REPO_ROOT, 'src/core/styles.ts'), 'utf8').matchAll(/var\((--omneo-[a-z0-9-]+)/g)].map((match) => match[1]!));
    const differences: Record<string, string[]> = {};
    for (const folder of elementFolders()) {
      const { element } = manifestElement(folder);
      const start = readme.search(new RegExp(`^### \`<omneo-${folder}[ >]`, 'm'));
      assert.ok(start >= 0, `README.md has no section for <omneo-${folder}>`);
      const section = readme.slice(start, readme.indexOf('\n### ', start + 1));
      /**
       * The names a row of the element's table gives in backticks (`button stale` is two parts). In the Attributes row
       * what is in parentheses is values (`filter` (`active` | …)), not attributes.
       */
      const row = (label: string, names: RegExp) => {
        const cells = new RegExp(`^\\| ${label} \\| (.*) \\|$`, 'm').exec(section);
        assert.ok(cells, `README.md, <omneo-${folder}>: no "${label}" row in its table`);
        const text = label === 'Attributes' ? cells[1]!.replace(/\([^()]*\)/g, '') : cells[1]!;
        const listed = new Set([...text.matchAll(/`([^`]+)`/g)].flatMap((match) => match[1]!.split(/\s+/)).filter((name) => names.test(name)));
        if (label === 'Slots' && /^\(default\)/.test(text)) listed.add('');
        return listed;
      };
      /** Named in the README but not in the manifest, and required by the manifest but not in the README. */
      const compare = (label: string, listed: Set<string>, documented: Set<string>, required = documented) => {
        const unknown = [...listed].filter((name) => !documented.has(name)).map((name) => `README lists ${label} "${name}", which it does not have`);
        const missing = [...required].filter((name) => !listed.has(name)).map((name) => `README does not list ${label} "${name}"`);
        if (unknown.length || missing.length) (differences[`<omneo-${folder}>`] ??= []).push(...unknown, ...missing);
      };
      const attributes = element.attributes ?? [];
      const cssProperties = new Set(element.cssProperties?.map((property) => property.name));
      compare('part', row('Parts', /^[a-z-]+$/), new Set(element.cssParts?.map((part) => part.name)));
      compare('slot', row('Slots', /^[a-z-]+$/), new Set(element.slots?.map((slot) => slot.name)));
      compare('event', row('Events', /^omneo-[a-z-]+$/), new Set(element.events?.map((event) => event.name!)));
      // The configuration attributes (inherited from OmneoElement) are "plus the configuration attributes".
      compare('attribute', row('Attributes', /^[a-z-]+$/), new Set(attributes.map((attribute) => attribute.name)), new Set(attributes.filter((attribute) => !attribute.inheritedFrom).map((attribute) => attribute.name)));
      // The shared tokens are "plus the shared tokens" (Theming, checked above).
      compare('CSS property', row('CSS properties', /^--omneo-/), cssProperties, new Set([...cssProperties].filter((name) => !shared.has(name))));
    }
    assert.deepEqual(differences, {}, "README.md's element tables and the elements' JSDoc (custom-elements.json) differ");
  });

  test('copy the README and the JSDoc quote beside a message key ("Filter rewards" (`wallet.filter.label`)) is that English message', () => {
    const catalogue = en as Record<string, string | Record<string, string>>;
    const messages = (key: string) => {
      const message = catalogue[key];
      return typeof message === 'string' ? [message] : message ? Object.values(message) : [];
    };
    /** A message as a pattern for an example of it: any text for a placeholder; the example's "…" stands for any text too. */
    const example = (message: string) => new RegExp(`^${message.split(/\{[a-zA-Z]+\}/).map((piece) => piece.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('.+')}$`);
    const quotes: [string, string][] = [['README.md', readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8')]];
    for (const folder of elementFolders()) {
      const { element } = manifestElement(folder);
      const members: { description?: string }[] = [...(element.attributes ?? []), ...(element.slots ?? []), ...(element.cssParts ?? []), ...(element.cssProperties ?? []), ...(element.events ?? [])];
      const descriptions = [element.summary, element.description, ...members.map((member) => member.description)];
      quotes.push([`<omneo-${folder}>'s JSDoc`, descriptions.filter(Boolean).join('\n')]);
    }
    const wrong: string[] = [];
    let checked = 0;
    for (const [where, text] of quotes) {
      // One or more quotes ("Reward" / "Benefit"), then at once the parentheses that name their keys.
      for (const match of text.matchAll(/((?:"[^"]{2,200}"(?:\s*\/\s*)?)+)\s{0,6}\(((?:[^()`]|`[^`]*`)*)\)/g)) {
        const keys = [...match[2]!.matchAll(/`([a-z][a-zA-Z]*(?:\.[a-zA-Z]+)+)`/g)].map((key) => key[1]!).filter((key) => key in catalogue);
        if (!keys.length) continue;
        for (const quote of match[1]!.matchAll(/"([^"]+)"/g)) {
          checked += 1;
          const said = quote[1]!.replace(/\s+/g, ' ').trim();
          const pieces = said.split(/\s*…\s*/).filter(Boolean);
          const fits = keys.some((key) => messages(key).some((message) => example(message).test(said) || pieces.every((piece) => message.includes(piece) || example(message).test(piece))));
          if (!fits) wrong.push(`${where}: "${said}" is not ${keys.map((key) => `${key} (${JSON.stringify(catalogue[key])})`).join(' or ')}`);
        }
      }
    }
    assert.ok(checked >= 8, `only ${checked} quotes beside a message key were found: the pattern no longer reads the README`);
    assert.deepEqual(wrong, []);
  });

  test("the README's Events table names every event the elements fire", () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const start = readme.indexOf('### Events');
    const table = readme.slice(start, readme.indexOf('\n#', start + 1));
    const listed = new Set([...table.matchAll(/^\| `(omneo-[a-z-]+)` \|/gm)].map((match) => match[1]!));
    const fired = new Set(elementFolders().flatMap((folder) => manifestElement(folder).element.events?.map((event) => event.name!) ?? []));
    assert.deepEqual([...listed].sort(), [...fired].sort());
  });
});

interface BuiltManifest {
  modules: {
    path: string;
    declarations?: {
      name?: string;
      tagName?: string;
      summary?: string;
      description?: string;
      attributes?: { name: string; type?: { text: string }; default?: string; description?: string; inheritedFrom?: { name: string } }[];
      slots?: { name: string; description?: string }[];
      cssParts?: { name: string; description?: string }[];
      cssProperties?: { name: string; description?: string }[];
      events?: { name?: string; description?: string }[];
      members?: { kind: string; name: string; static?: boolean; privacy?: string; attribute?: string; description?: string }[];
    }[];
  }[];
}

/** An element's own modules, joined: its folder without the registration (and without the styles, unless asked). */
function elementSource(folder: string, options: { withStyles?: boolean } = {}): string {
  const dir = path.join(REPO_ROOT, 'src/components', folder);
  return readdirSync(dir)
    .filter((file) => file.endsWith('.ts') && file !== 'define.ts' && (options.withStyles || !file.endsWith('.styles.ts')))
    .map((file) => readFileSync(path.join(dir, file), 'utf8'))
    .join('\n');
}

/** Parts that OmneoElement's shared states render, for the elements whose code calls them. */
const SHARED_STATE_PARTS: [RegExp, string[]][] = [
  [/this\.renderGuest\(/, ['guest']],
  [/this\.renderError\(/, ['error']],
  // Only when given a retry: a configuration problem (`renderError(problem, null)`) has no Retry.
  [/this\.renderError\([^,()]+,\s*(?!null\b)[^\s)]/, ['retry-button']],
  // The stale note: "Updating…", or "May be out of date" with its own Retry.
  [/this\.renderStaleNote\(/, ['stale', 'retry-button']],
];

/** Templates some elements share from a module of their own: an element that calls one renders its parts (read from the module). */
const SHARED_RENDERERS: [RegExp, string][] = [[/\brenderEmptyState\(/, 'src/core/empty-state.ts']];

/** The reward statuses (RewardStatus in src/api/rules.ts): the wallet marks each reward with one. */
const REWARD_STATUSES = ['active', 'partly-used', 'used', 'expired'];

/** Part bindings built at run time, and every name each can produce. */
const DYNAMIC_PARTS: Record<string, string[]> = {
  '`reward reward-${status}`': ['reward', ...REWARD_STATUSES.map((status) => `reward-${status}`)],
};

/**
 * The part names a module's templates set: `part="a b"`, and the string literals of `part=${…}` bindings
 * (`cond ? 'a b' : 'a'`); a binding built from a template literal must be listed in DYNAMIC_PARTS.
 */
function renderedParts(source: string): string[] {
  const names: string[] = [];
  for (const match of source.matchAll(/\spart=(?:"([^"]*)"|\$\{)/g)) {
    if (match[1] !== undefined) {
      names.push(...match[1].split(/\s+/));
      continue;
    }
    const start = match.index + match[0].length;
    let end = start;
    for (let depth = 1; depth > 0; end += 1) {
      assert.ok(end < source.length, 'unbalanced part=${…} binding');
      if (source[end] === '{') depth += 1;
      else if (source[end] === '}') depth -= 1;
    }
    const expression = source.slice(start, end - 1).trim();
    const dynamic = DYNAMIC_PARTS[expression];
    if (dynamic) {
      names.push(...dynamic);
      continue;
    }
    const literals = [...expression.matchAll(/'([^']*)'|"([^"]*)"/g)].map((literal) => (literal[1] ?? literal[2])!);
    assert.ok(literals.length > 0 && !expression.includes('`'), `part=\${${expression}} is built at run time: list the names it produces in DYNAMIC_PARTS`);
    names.push(...literals.flatMap((literal) => literal.split(/\s+/)));
  }
  return names.filter(Boolean);
}

describe('Shopify theme app extension', () => {
  test('theme-check reports nothing', async () => {
    const offenses = await themeCheck(extensionDir);
    assert.deepEqual(
      offenses.map((offense) => `${offense.check} ${path.relative(extensionDir, new URL(offense.uri).pathname)}:${offense.start.line + 1} ${offense.message}`),
      [],
    );
  });

  test('"Add to bag" in the real <omneo-wishlist> goes into the Shopify cart through the app embed', async () => {
    const opened = await openPage(
      'shopify-wishlist',
      `<!doctype html><html lang="en"><head>${configBlock(defaultConfig)}${shopifyEmbedHead({ afterAdd: 'stay' })}<script type="module" src="/cdn/omneo-widgets.js"></script></head>
       <body><omneo-wishlist></omneo-wishlist></body></html>`,
    );
    try {
      const button = opened.page.locator('omneo-wishlist').getByRole('button', { name: /add to bag/i }).first();
      await button.click();
      await waitUntil(() => opened.cartAdds.length > 0);
      const [added] = opened.cartAdds as [{ items: Array<{ id: number; quantity: number }> }];
      assert.equal(added.items.length, 1);
      // Ava's wishlist holds the two variants omneo-api.md §2.8 documents; their external_id is the Shopify variant id.
      assert.ok([44556677001, 44556677342].includes(added.items[0]!.id), JSON.stringify(added));
      assert.ok(added.items[0]!.quantity >= 1);
      assert.deepEqual(opened.errors, []);
    } finally {
      await opened.close();
    }
  });

  test("the app embed's preload and script tag, as Shopify serves them (?v= on every asset_url): the page chunk is preloaded at the URL the loader imports, and fetched once", async () => {
    // The embed's lines from the preload to the loader's script tag, rendered with the snippet this build wrote.
    const embed = readFileSync(path.join(extensionDir, 'blocks/omneo-embed.liquid'), 'utf8');
    const tags = /\{% render 'omneo-preload' %\}[\s\S]*?<script type="module" src="\{\{ 'omneo-widgets\.js' \| asset_url \}\}"><\/script>/.exec(embed)?.[0];
    assert.ok(tags, "blocks/omneo-embed.liquid: no {% render 'omneo-preload' %} right before the loader's script tag");
    const engine = new Liquid({ root: path.join(extensionDir, 'snippets'), extname: '.liquid', strictFilters: true });
    engine.registerFilter('asset_url', (name: string) => `/cdn/${name}?v=1712345`);
    const head = await engine.parseAndRender(tags);
    const opened = await openPage('shopify-preload', `<!doctype html><html lang="en"><head>${configBlock(defaultConfig)}${head}</head><body><omneo-points-balance></omneo-points-balance></body></html>`);
    try {
      await waitForText(opened.page, 'omneo-points-balance', /points/i);
      const pageChunk = /^import\{[^}]*\}from"\.\/(omneo-page-[\w-]+\.js)";/.exec(readFileSync(path.join(cdnDir, 'omneo-widgets.js'), 'utf8'))![1]!;
      assert.deepEqual([...head.matchAll(/<link rel="modulepreload" href="([^"]*)">/g)].map((match) => match[1]), [`/cdn/${pageChunk}`]);
      // One request: the preload's URL is the one the loader's import resolves to, so the import takes the preloaded module.
      assert.deepEqual(opened.requests.filter((url) => url.includes('/cdn/omneo-page-') && !url.includes('controls')), [`${origin}/cdn/${pageChunk}`]);
      assert.deepEqual(opened.errors, []);
    } finally {
      await opened.close();
    }
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

// ── Snippets: README.md and integrations/ ──────────────────────────────────────────────────────────────

/** What each platform's template engine puts in place of its expressions, for running the snippets. */
const SFCC_CONFIG_INCLUDE = /<isinclude url="\$\{URLUtils\.url\('Omneo-Config'\)\}"\s*\/>/g;
// The token endpoint as a CDN route to the proxy on the page's host, which this suite serves; the default,
// the cartridge's Loyalty-Token route, is run against the real proxy in integration-sfcc.test.ts.
const SFCC_PREFERENCES = { omneoTenant: 'example-tenant', omneoScriptUrl: '/cdn/omneo-widgets.js', omneoTokenEndpoint: '/omneo/token' };

/** What each platform's template engine puts in place of its expressions, for running the snippets (a signed-in shopper). */
const TEMPLATE_VALUES: [RegExp, string][] = [
  [/\{\{ ?customer\.id ?\}\}/g, '7321987654321'],
  // SFCC's remote include: the int_omneo cartridge's Omneo-Config controller and template, run for this request,
  // with the script from the CDN (the omneoScriptUrl site preference) at the URL this suite serves it.
  [SFCC_CONFIG_INCLUDE, renderConfigInclude({ preferences: SFCC_PREFERENCES, requestLocale: 'en_AU', customer: signedIn('00012345') })],
  [/<iscomment>[\s\S]*?<\/iscomment>/g, ''],
];

/** The same for a guest: BigCommerce renders an empty customer id, and Omneo-Config an empty hint. */
const GUEST_TEMPLATE_VALUES: [RegExp, string][] = [
  [/\{\{ ?customer\.id ?\}\}/g, ''],
  [SFCC_CONFIG_INCLUDE, renderConfigInclude({ preferences: SFCC_PREFERENCES, requestLocale: 'default', siteDefaultLocale: 'en_AU', customer: GUEST })],
  ...TEMPLATE_VALUES,
];

function renderTemplate(source: string, values = TEMPLATE_VALUES): string {
  const rendered = values.reduce((text, [pattern, value]) => text.replace(pattern, value), source);
  assert.doesNotMatch(rendered, /\$\{|\{\{|<is/, 'a template expression the test does not know how to render');
  return rendered;
}

const OMNEO_TAG = /<(omneo-[a-z-]+)/g;

/** A snippet as the whole page it is pasted into. */
const asPage = (snippet: string) => `<!doctype html><html lang="en"><head></head><body>${snippet}</body></html>`;

/**
 * Loads an HTML snippet as a page (adding the page config and the script when the snippet shows only tags)
 * and waits until every element in it has settled: defined, not loading, and not in its error state.
 */
async function runHtmlSnippet(name: string, html: string, extraBody = '') {
  const hasConfig = html.includes('id="omneo-config"');
  const hasScript = html.includes('omneo-widgets.js');
  const pageHtml = html.includes('<html')
    ? html
    : `<!doctype html><html lang="en"><head>${hasConfig ? '' : configBlock(defaultConfig)}${hasScript ? '' : '<script type="module" src="/cdn/omneo-widgets.js"></script>'}</head><body>${html}${extraBody}</body></html>`;
  const tags = [...new Set([...`${html}${extraBody}`.matchAll(OMNEO_TAG)].map((match) => match[1]!))];
  const opened = await openPage(name, pageHtml);
  try {
    await opened.page.waitForFunction(
      (names) =>
        names.every((tag) =>
          [...document.querySelectorAll(tag)].every((element) => {
            const root = element.shadowRoot;
            return customElements.get(tag) && root && root.childElementCount > 0 && !root.querySelector('[aria-busy="true"]');
          }),
        ),
      tags,
      { timeout: 8000 },
    );
    const failed = await opened.page.evaluate(
      (names) => names.filter((tag) => [...document.querySelectorAll(tag)].some((element) => element.shadowRoot?.querySelector('[role="alert"]'))),
      tags,
    );
    assert.deepEqual(failed, [], `elements in their error state: ${opened.errors.join(' | ')}`);
    assert.deepEqual(opened.errors, []);
    return tags;
  } finally {
    await opened.close();
  }
}

interface Snippet {
  lang: string;
  code: string;
  line: number;
}

/** A fenced code block (indented ones too, inside list items): indent, language, code. */
const FENCE = /^( *)```(\w*)\n([\s\S]*?)^\1```$/gm;

function fencedSnippets(markdown: string): Snippet[] {
  return [...markdown.matchAll(FENCE)].map((match) => {
    const indent = match[1]!.length;
    const code = match[3]!.split('\n').map((line) => line.slice(indent)).join('\n');
    return { lang: match[2] || 'text', code, line: markdown.slice(0, match.index).split('\n').length };
  });
}

/**
 * Every `omneo-widgets…` module specifier the README shows: imported in a code block, or as inline code
 * elsewhere (the npm table), where `<name>` stands for each element folder.
 */
function readmeSpecifiers(markdown: string): { specifier: string; line: number }[] {
  const found: { specifier: string; line: number }[] = [];
  const add = (specifier: string, line: number) => {
    for (const folder of specifier.includes('<name>') ? elementFolders() : ['']) found.push({ specifier: specifier.replaceAll('<name>', folder), line });
  };
  for (const snippet of fencedSnippets(markdown)) {
    for (const match of snippet.code.matchAll(/\b(?:from|import|require)\s*\(?\s*(['"])(omneo-widgets(?:\/[^'"]*)?)\1/g)) {
      add(match[2]!, snippet.line + snippet.code.slice(0, match.index).split('\n').length);
    }
  }
  // Blank out the code blocks (keeping their lines) and read the inline code of what is left.
  const prose = markdown.replace(FENCE, (block) => block.replace(/[^\n]/g, ' '));
  for (const match of prose.matchAll(/`(omneo-widgets(?:\/[^`\s]*)?)`/g)) add(match[1]!, prose.slice(0, match.index).split('\n').length);
  return found;
}

const integrationFiles = (readdirSync(path.join(REPO_ROOT, 'integrations'), { recursive: true }) as string[])
  .filter((file) => /\.(html|js|ts|tsx|vue|svelte|isml|liquid)$/.test(file) && !file.includes('assets'))
  .map((file) => path.join('integrations', file));

/** The integration file a snippet is an excerpt of (its lines, in order), if any. */
function excerptOf(code: string): string | undefined {
  const lines = code.split('\n').map((line) => line.trim()).filter(Boolean);
  return integrationFiles.find((file) => {
    const fileLines = readFileSync(path.join(REPO_ROOT, file), 'utf8').split('\n').map((line) => line.trim());
    let at = 0;
    for (const line of lines) {
      at = fileLines.indexOf(line, at);
      if (at < 0) return false;
      at += 1;
    }
    return true;
  });
}

describe('README snippets', () => {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const snippets = fencedSnippets(readme);
  const scripts = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

  test('every console line the README quotes (`omneo-widgets: …`, `omneo proxy warning: …`) is one the code prints', () => {
    const printed = sourceStrings(['src', 'server/proxy']);
    const quoted = [...readme.matchAll(/`((?:omneo-widgets|omneo proxy warning): [^`]*)`/g)].map((match) => withoutPrefix(match[1]!.replace(/\s+/g, ' ')));
    assert.ok(quoted.length >= 10, `only ${quoted.length} console lines quoted`);
    const unknown = quoted.filter((line) => {
      // What is in parentheses is a message passed on (the browser's, Omneo's); "…" leaves out what varies.
      const runs = line.split('(')[0]!.split('…').map((run) => run.trim());
      return runs.some((run, index) => {
        if (run.length < 4) return false;
        const pattern = index === 0 ? `${run}*` : `*${run}*`;
        return !printed.some((string) => globsMeet(pattern, string));
      });
    });
    assert.deepEqual(unknown, [], 'README.md quotes console lines that no string in src/ or server/proxy/ prints');
  });

  test("Troubleshooting: the shopper's copy each row quotes is the English the elements show, and the quotes the console check above cannot read are printed", () => {
    const section = readme.slice(readme.indexOf('<!-- section:troubleshooting -->'), readme.indexOf('<!-- /section:troubleshooting -->'));
    const rows = section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| symptom') && !line.startsWith('|---'));
    assert.ok(rows.length >= 20, `only ${rows.length} rows`);
    // What the shopper sees, quoted in a row's symptom: "Sign in to see your rewards", "We couldn't load …".
    const copy = Object.values(en).flatMap((message) => (typeof message === 'string' ? [message] : Object.values(message))).map((message) => message.replace(/\{\w+\}/g, '*'));
    const shown = rows.flatMap((row) => [...row.split(' | ')[0]!.matchAll(/"([^"`]{6,})"/g)].map((match) => match[1]!));
    assert.ok(shown.length >= 4, `only ${shown.length} quotes of the elements' copy`);
    assert.deepEqual(shown.filter((quote) => !copy.some((message) => globsMeet(`${quote.replace(/…/g, '*')}*`, message))), [], "rows quote copy the elements do not show");
    // Quotes the check above leaves out: a reason in parentheses, a line's second half, the proxy's log words and the
    // Shopify app embed's event. Each must still be in a row and in what prints it.
    const file = (name: string) => readFileSync(path.join(REPO_ROOT, name), 'utf8');
    const printed = sourceStrings(['src', 'server/proxy']);
    const prints = (pattern: string) => printed.some((string) => globsMeet(pattern, string));
    const unchecked: [quote: string, printedBy: () => boolean][] = [
      ['`no API base …`', () => prints('no API base:*')],
      ['(or `answered 404`, `answered no token (token: …)`, `after a redirect to …/login`)', () => prints('answered *') && prints('answered no token (*: *)') && prints('* after a redirect to *')],
      ['answered 403 ("This origin is not allowed.")`', () => prints('This origin is not allowed.') && /answered 403\$\{reason\}/.test(file('src/api/diagnostics.ts')) && file('src/api/diagnostics.ts').includes('` ("${body.message')],
      ['(its log line: `origin-not-allowed` and the origin)', () => /'origin-not-allowed', \{ origin: /.test(file('server/proxy/proxy.ts'))],
      ["(log: `refused`, `adapter: bigcommerce-current-customer`, a `reason`)", () => /'refused', \{ adapter: adapter\?\.name, reason: /.test(file('server/proxy/proxy.ts')) && file('server/proxy/bigcommerce.ts').includes("name: 'bigcommerce-current-customer'")],
      ...['bad-signature', 'wrong-app', 'wrong-store', 'expired', 'not-yet-valid', 'too-old'].map((reason): [string, () => boolean] => [`\`${reason}\``, () => file('server/proxy/bigcommerce.ts').includes(`refuse: '${reason}'`)]),
      // Begins with the resource, a value put in: the check above cannot match it.
      ['`… profiles/me/lists: 1 item could not be read and is not shown: …`', () => file('src/api/resources.ts').includes("console.warn(`omneo-widgets: ${resource}: ${count} could not be read and ${dropped.length === 1 ? 'is' : 'are'} not shown: ")],
      // What the Magento module and the SFCC cartridge log when their token route answers 502 or 500.
      ['Magento\'s `var/log/system.log` (`Omneo Loyalty: …`), Commerce Cloud\'s `omneo` log (`Loyalty-Token: …`). `refused the assertion`', () =>
        file('integrations/magento/app/code/Omneo/Loyalty/Model/TokenExchange.php').includes('"Omneo Loyalty: the token-exchange proxy refused the assertion ($status)') &&
        file('integrations/sfcc/cartridges/int_omneo/cartridge/scripts/omneo/omneoToken.js').includes("'Loyalty-Token: the token proxy refused the assertion ({0})") &&
        file('integrations/sfcc/cartridges/int_omneo/cartridge/scripts/omneo/omneoToken.js').includes("getLogger('omneo', 'omneo')")],
      ['`no answer from the token-exchange proxy` (Magento) or `no answer from the token proxy` (SFCC)', () =>
        file('integrations/magento/app/code/Omneo/Loyalty/Model/TokenExchange.php').includes("'Omneo Loyalty: no answer from the token-exchange proxy at '") &&
        file('integrations/sfcc/cartridges/int_omneo/cartridge/scripts/omneo/omneoToken.js').includes("'Loyalty-Token: no answer from the token proxy (")],
      ['Listen for `omneo-cart-add-failed`: `status: null` with `message: "no Shopify variant id"`', () => file('integrations/shopify/extensions/omneo-loyalty/blocks/omneo-embed.liquid').includes("emit('omneo-cart-add-failed', Object.assign({ status: null, message: 'no Shopify variant id' }")],
    ];
    for (const [quote, printedBy] of unchecked) {
      assert.ok(section.includes(quote), `Troubleshooting no longer quotes ${quote}: update this list`);
      assert.ok(printedBy(), `Troubleshooting quotes ${quote}, which nothing prints`);
    }
  });

  test('every npm script and repository file the README names exists', () => {
    const scriptsNamed = [...readme.matchAll(/npm run ([\w:-]*\w)/g)].map((match) => match[1]!);
    assert.deepEqual(scriptsNamed.filter((name) => !scripts[name]), [], 'npm scripts the README names that package.json lacks');
    // Paths from the repository's root, in backticks: `server/proxy/env.ts`, `integrations/spa/app.js`, `test/e2e/`.
    const paths = [...readme.matchAll(/`((?:src|server|test|scripts|bench|integrations|demo)\/[\w./-]*)`/g)].map((match) => match[1]!);
    assert.ok(paths.length >= 20, `only ${paths.length} paths found`);
    assert.deepEqual([...new Set(paths.filter((file) => !existsSync(path.join(REPO_ROOT, file))))], [], 'files the README names that do not exist');
    // Tests named for what they check (Privacy): (`test/api/store.test.ts`, "keeps of the profile only what the elements use").
    const named = [...readme.matchAll(/\(`(test\/[\w./-]+\.ts)`, "([^"]+)"\)/g)].map((match) => ({ file: match[1]!, name: match[2]!.replace(/\s+/g, ' ') }));
    assert.ok(named.length >= 4, `only ${named.length} tests named`);
    assert.deepEqual(named.filter(({ file, name }) => !existsSync(path.join(REPO_ROOT, file)) || !readFileSync(path.join(REPO_ROOT, file), 'utf8').includes(name)), [], 'tests the README names that are not in their file');
  });

  test("Embed, Token endpoint contract: the request, the answers it reads, what it retries and when it renews are the token source's", async () => {
    const contract = readmeSection('### Token endpoint contract').replace(/\s+/g, ' ');
    const says = (words: string) => assert.ok(contract.includes(words), `the contract no longer says: ${words}`);
    assert.deepEqual(
      { method: TOKEN_REQUEST.method, credentials: TOKEN_REQUEST.credentials, headers: TOKEN_REQUEST.headers },
      { method: 'POST', credentials: 'include', headers: { Accept: 'application/json' } },
    );
    says("`POST {token-endpoint}` with `credentials: 'include'` and `Accept: application/json`, 10 s for each request.");
    assert.match(readFileSync(path.join(REPO_ROOT, 'src/api/token-provider.ts'), 'utf8'), /function endpointTokenSource\([^)]*\)[^{]*\{\s*const \{ timeoutMs = 10_000,/);
    // The answers: {token, exp}, {data: …}, exp in ms, no exp (the JWT's claim); the guests; what is retried.
    const jwt = (exp: number) => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.x`;
    const exp = 2_000_000_000;
    const answering = (...responses: Array<() => Response>) => {
      let calls = 0;
      const source = endpointTokenSource('/omneo/token', { fetch: async () => responses[Math.min(calls++, responses.length - 1)]!() });
      return { source, calls: () => calls };
    };
    const json = (body: unknown, status = 200) => () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    for (const body of [{ token: jwt(exp), exp }, { data: { token: jwt(exp), exp } }, { token: jwt(exp), exp: exp * 1000 }, { token: jwt(exp) }]) {
      assert.equal((await answering(json(body)).source())?.exp, exp, JSON.stringify(body));
    }
    says('an `exp` in milliseconds is read as such, and without `exp` the JWT\'s own `exp` claim counts');
    for (const status of [401, 403, 204]) assert.equal(await answering(() => new Response(null, { status })).source(), null, `${status}`);
    says('`401`, `403` or `204` mean the shopper is a guest');
    assert.equal(DEFAULT_RETRY.retries, 2);
    for (const status of [408, 429, 503]) {
      const endpoint = answering(json({ message: 'busy' }, status));
      await assert.rejects(endpoint.source());
      assert.equal(endpoint.calls(), 3, `${status}: asked ${endpoint.calls()} times`);
    }
    const refused = answering(json({ message: 'no' }, 400));
    await assert.rejects(refused.source());
    assert.equal(refused.calls(), 1);
    says(`no answer, \`408\`, \`429\` and \`5xx\` are tried again twice (after a \`Retry-After\` of up to ${MAX_RETRY_AFTER_MS / 1000} s`);
    const received = 1_800_000_000_000;
    const earlyBy = (lifeSeconds: number) => received / 1000 + lifeSeconds - renewAt({ token: 'a.b.c', exp: received / 1000 + lifeSeconds }, received) / 1000;
    assert.deepEqual([earlyBy(3600), earlyBy(200)], [60, 50]);
    says('renewed 60 s before `exp` (or a quarter of its life if that is less)');
  });

  test("Two commands: npm run build's row names what the build writes (dist/cdn's files beside the scripts, dist/'s entries)", () => {
    const row = /^\| `npm run build` \| (.*) \|$/m.exec(readme)?.[1] ?? '';
    assert.ok(row, 'README has no npm run build row');
    // .vite/ (Vite's manifest, which scripts/size.ts reads) is the build's own and stays out of the package ("files").
    const cdnOthers = readdirSync(cdnDir).filter((file) => !/\.js(\.map)?$/.test(file) && file !== '.vite');
    assert.ok(readdirSync(cdnDir).some((file) => file.endsWith('.js.map')) ? row.includes('source maps (`.js.map`)') : true, 'the build writes source maps the row does not name');
    assert.deepEqual(cdnOthers.filter((file) => !row.includes(`\`${file}\``)), [], 'files the build writes into dist/cdn that the row does not name');
    const top = readdirSync(path.join(work, 'dist')).map((entry) => (statSync(path.join(work, 'dist', entry)).isDirectory() ? `dist/${entry}/` : `dist/${entry}`));
    assert.deepEqual(top.filter((entry) => !row.includes(`\`${entry}\``)), [], 'entries the build writes into dist/ that the row does not name');
  });

  test("Layout: every folder and file it lists exists, and the test folders and tests it names", () => {
    const block = /^## Layout\n+```\n([\s\S]*?)^```$/m.exec(readme)?.[1];
    assert.ok(block, 'README.md has no ## Layout block');
    const entries = block.split('\n').filter(Boolean).map((line) => line.split(/\s/)[0]!);
    assert.ok(entries.length >= 15, `only ${entries.length} entries`);
    // dist/ is what the build writes, not in git; every other entry is in the checkout.
    assert.deepEqual(entries.filter((entry) => entry !== 'dist/' && !existsSync(path.join(REPO_ROOT, entry))), [], 'Layout entries that do not exist');
    // Inside the lines: src/cdn.ts, elements.ts "beside" src/index.ts, test/server/magento, test/server/vue-ssr (a test file)…
    const named = [...block.matchAll(/(?<![\w/])((?:src|test)\/[\w./-]*\w)/g)].map((match) => match[1]!);
    assert.ok(named.includes('test/server/proxy-bundle') && named.includes('src/cdn.ts'), named.join(', '));
    assert.ok(existsSync(path.join(REPO_ROOT, 'src/elements.ts')), 'src/index.ts\'s line names elements.ts beside it');
    assert.deepEqual(
      named.filter((name) => !existsSync(path.join(REPO_ROOT, name)) && !existsSync(path.join(REPO_ROOT, `${name}.test.ts`))),
      [],
      'paths the Layout names that are neither a file, a folder nor a test',
    );
    // src/components/: "one folder per element: <name>.ts, <name>.styles.ts, define.ts".
    const folders = readdirSync(path.join(REPO_ROOT, 'src/components'), { withFileTypes: true }).filter((entry) => entry.isDirectory());
    assert.ok(folders.length >= 6, folders.map(({ name }) => name).join(', '));
    for (const { name } of folders) {
      for (const file of [`${name}.ts`, `${name}.styles.ts`, 'define.ts']) assert.ok(existsSync(path.join(REPO_ROOT, 'src/components', name, file)), `src/components/${name}/${file}`);
    }
  });

  test('the README has snippets of every kind this suite knows how to run', () => {
    assert.ok(snippets.filter((snippet) => snippet.lang === 'html').length >= 4);
    const known = new Set(['html', 'isml', 'js', 'json', 'sh', 'toml', 'ts', 'tsx', 'text', 'svelte']);
    assert.deepEqual(snippets.filter((snippet) => !known.has(snippet.lang)).map((snippet) => `README.md:${snippet.line} ${snippet.lang}`), []);
  });

  for (const snippet of snippets) {
    const where = `README.md:${snippet.line} (${snippet.lang})`;
    if (snippet.lang === 'html' || snippet.lang === 'isml') {
      test(`${where} renders in Chromium`, async () => {
        // The preload recipe (Performance, Lighthouse) names the chunk the loader imports as `omneo-page-<hash>.js`:
        // this build's, which the loader must import by that very name (else the preload is a wasted request).
        const pageChunk = readdirSync(cdnDir).find((file) => /^omneo-page-(?!controls)[\w-]+\.js$/.test(file))!;
        if (snippet.code.includes('omneo-page-<hash>.js')) assert.match(readFileSync(path.join(cdnDir, 'omneo-widgets.js'), 'utf8').split('\n')[0]!, new RegExp(`"\\./${pageChunk.replace(/[.-]/g, '\\$&')}"`));
        const code = snippet.code.replaceAll('omneo-page-<hash>.js', pageChunk);
        const tags = await runHtmlSnippet(`readme-${snippet.line}`, renderTemplate(code), code.includes('<omneo-') ? '' : '<omneo-points-balance></omneo-points-balance>');
        assert.ok(tags.length > 0);
      });
    } else if (snippet.lang === 'js') {
      test(`${where} runs on a page with the widgets`, async () => {
        const file = `readme-${snippet.line}.js`;
        const opened = await openPage(
          `readme-${snippet.line}`,
          `<!doctype html><html lang="en"><head>${configBlock(defaultConfig)}<script type="module" src="/cdn/omneo-widgets.js"></script><script type="module" src="/pages/${file}"></script></head><body><omneo-points-balance></omneo-points-balance></body></html>`,
          { files: { [file]: `${snippet.code}\nwindow.__snippetRan = true;` } },
        );
        try {
          await opened.page.waitForFunction(() => (window as unknown as { __snippetRan?: boolean }).__snippetRan === true);
          await waitForText(opened.page, 'omneo-points-balance', /points/i);
          assert.deepEqual(opened.errors, []);
        } finally {
          await opened.close();
        }
      });
    } else if (snippet.lang === 'json') {
      test(`${where} is configuration the widgets accept without a warning`, async () => {
        const opened = await openPage(`readme-${snippet.line}`, `<!doctype html><html lang="en"><head><script type="module" src="/cdn/omneo-widgets.js"></script></head><body></body></html>`);
        try {
          const warnings: string[] = [];
          opened.page.on('console', (message) => void (message.type() === 'warning' && warnings.push(message.text())));
          await opened.page.waitForFunction(() => Boolean(window.OmneoWidgets));
          await opened.page.evaluate((config) => window.OmneoWidgets!.configure(JSON.parse(config)), snippet.code);
          assert.deepEqual([...warnings, ...opened.errors], []);
        } finally {
          await opened.close();
        }
      });
    } else if (snippet.lang === 'sh') {
      test(`${where} names only scripts that exist`, () => {
        for (const match of snippet.code.matchAll(/npm run ([\w:-]+)/g)) assert.ok(scripts[match[1]!], `npm run ${match[1]} is not a script`);
        for (const match of snippet.code.matchAll(/npm (?:install|i) ([@\w/.-]+)/g)) assert.equal(match[1], 'omneo-widgets');
      });
    } else if (snippet.lang === 'toml') {
      test(`${where} is the Cloudflare Worker's configuration, which proxy-workerd.test.ts runs`, () => {
        assert.match(snippet.code, /^main = "worker\.ts"$/m);
      });
    } else if (snippet.lang === 'ts' || snippet.lang === 'tsx') {
      test(`${where} is an excerpt of tested code, or imports only what exists`, () => {
        if (excerptOf(snippet.code)) return;
        // A block whose first line names its file (`// netlify/edge-functions/omneo.ts`) imports relative to that file,
        // placed in a project laid out like this checkout; any other, from the project's root.
        const placedAt = /^\/\/ ([\w./-]+\.tsx?)\b/.exec(snippet.code)?.[1];
        const importsFrom = placedAt ? path.join(REPO_ROOT, path.dirname(placedAt)) : REPO_ROOT;
        for (const match of snippet.code.matchAll(/import \{([^}]*)\} from '(\.[^']+)'/g)) {
          const file = path.join(importsFrom, match[2]!.replace(/\.js$/, '.ts'));
          assert.ok(existsSync(file), `${match[2]} does not exist`);
          const source = readFileSync(file, 'utf8');
          for (const name of match[1]!.split(',').map((each) => each.replace(/^\s*type\s+/, '').trim()).filter(Boolean)) {
            assert.match(source, new RegExp(`export[^\\n]*\\b${name}\\b`), `${match[2]} does not export ${name}`);
          }
        }
      });
    }
  }

  test('platform snippets are excerpts of the integration files, which are tested below', () => {
    for (const snippet of snippets.filter((each) => each.lang === 'isml' || each.lang === 'tsx' || each.lang === 'svelte' || each.code.includes('{{customer.id}}') || each.code.includes('isCustomElement') || each.code.includes('CUSTOM_ELEMENTS_SCHEMA'))) {
      assert.ok(excerptOf(snippet.code), `README.md:${snippet.line} is not an excerpt of a file in integrations/`);
    }
  });
});

describe('integrations/', () => {
  test('plain HTML page', async () => {
    const tags = await runHtmlSnippet('integration-html', readFileSync(path.join(REPO_ROOT, 'integrations/html/index.html'), 'utf8'));
    assert.deepEqual(tags.sort(), ['omneo-points-balance', 'omneo-tier-progress']);
  });

  const bigcommerceSnippet = () => readFileSync(path.join(REPO_ROOT, 'integrations/bigcommerce/script-manager.html'), 'utf8');
  /** A storefront page with the snippet in its footer (Script Manager) and a points badge in its header (the theme). */
  const bigcommercePage = (snippet = bigcommerceSnippet(), values = TEMPLATE_VALUES) =>
    asPage(`<header><omneo-points-balance variant="compact"></omneo-points-balance></header><main>Store page</main>${renderTemplate(snippet, values)}`);

  test('BigCommerce: pasting the snippet into Script Manager adds no visible element (the example tag is in its comment)', async () => {
    const snippet = bigcommerceSnippet();
    assert.match(snippet, /^<!--[\s\S]*<omneo-points-balance variant="compact"><\/omneo-points-balance>[\s\S]*?-->/, 'the example tag, in the comment');
    const opened = await openPage('integration-bigcommerce-alone', asPage(renderTemplate(snippet)));
    try {
      await opened.page.waitForFunction(() => Boolean(window.OmneoWidgets));
      const visible = await opened.page.evaluate(() =>
        [...document.body.querySelectorAll('*')].filter((element) => element.localName !== 'script').map((element) => element.localName),
      );
      assert.deepEqual(visible, []);
      assert.equal(await opened.page.evaluate(() => document.body.getBoundingClientRect().height), 0);
    } finally {
      await opened.close();
    }
  });

  test('BigCommerce Script Manager snippet, as BigCommerce renders it: the Current Customer JWT, verified by the proxy, signs the shopper in', async () => {
    const opened = await openPage('integration-bigcommerce', bigcommercePage());
    try {
      await waitForText(opened.page, 'omneo-points-balance', /\d/);
      assert.deepEqual(opened.bigcommerce.jwtRequests, ['?app_client_id=YOUR_APP_CLIENT_ID']);
      assert.equal(opened.bigcommerce.tokenRequests.length, 1);
      const [{ authorization, cookie }] = opened.bigcommerce.tokenRequests as [OpenedPage['bigcommerce']['tokenRequests'][number]];
      assert.match(authorization ?? '', /^Bearer eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
      assert.equal(cookie, null, 'the JWT is the credential; no cookie goes to the proxy');
      assert.deepEqual(
        opened.bigcommerce.logs.filter((entry) => entry.event === 'omneo.token' && entry.method === 'POST').map((entry) => [entry.outcome, entry.adapter]),
        [['minted', 'bigcommerce-current-customer']],
      );
      assert.deepEqual(opened.errors, []);
    } finally {
      await opened.close();
    }
  });

  test('BigCommerce: a guest (empty customer id) asks for no JWT and no token; a JWT for another app id shows the guest state', async () => {
    const guest = await openPage('integration-bigcommerce-guest', bigcommercePage(bigcommerceSnippet(), GUEST_TEMPLATE_VALUES), { persona: 'guest' });
    try {
      await waitForText(guest.page, 'omneo-points-balance', /sign in/i);
      await guest.page.waitForLoadState('networkidle');
      assert.deepEqual([guest.bigcommerce.jwtRequests, guest.bigcommerce.tokenRequests], [[], []]);
    } finally {
      await guest.close();
    }
    // The snippet names another app than the proxy verifies for (Troubleshooting: "BigCommerce JWT app id mismatch").
    const mismatch = await openPage('integration-bigcommerce-mismatch', bigcommercePage(bigcommerceSnippet().replace("'YOUR_APP_CLIENT_ID'", "'another-app'")));
    try {
      await waitForText(mismatch.page, 'omneo-points-balance', /sign in/i);
      assert.deepEqual(mismatch.bigcommerce.logs.filter((entry) => entry.method === 'POST').map((entry) => [entry.status, entry.reason]), [[401, 'bad-signature']]);
    } finally {
      await mismatch.close();
    }
  });

  test('BigCommerce: a 503 with Retry-After (a new shopper not in Omneo yet) is asked again after that wait, with a fresh JWT, and the data shows', async () => {
    const opened = await openPage('integration-bigcommerce-503', bigcommercePage(), {
      bigcommerceProxy: (n) => (n === 1 ? { status: 503, headers: { 'Retry-After': '1' } } : undefined),
    });
    try {
      await waitForText(opened.page, 'omneo-points-balance', /\d/);
      const [first, second, ...more] = opened.bigcommerce.tokenRequests;
      assert.ok(first && second && more.length === 0, `${opened.bigcommerce.tokenRequests.length} token requests`);
      assert.ok(second.at - first.at >= 1000, `asked again after ${second.at - first.at} ms, not after Retry-After: 1`);
      assert.equal(opened.bigcommerce.jwtRequests.length, 2, 'each try sends a fresh JWT');
      assert.notEqual(first.authorization, second.authorization);
      assert.deepEqual(opened.errors.filter((error) => !/status of 503/.test(error)), []);
    } finally {
      await opened.close();
    }
  });

  test('BigCommerce: no second try when the proxy asks for more than 30 s (429, Retry-After: 60) or answers 400: the error state at once', async () => {
    for (const answer of [{ status: 429, headers: { 'Retry-After': '60' } }, { status: 400 }]) {
      const opened = await openPage(`integration-bigcommerce-${answer.status}`, bigcommercePage(), { bigcommerceProxy: () => answer });
      try {
        await opened.page.locator('omneo-points-balance').first().getByRole('alert').waitFor({ timeout: 8000 });
        await opened.page.waitForTimeout(500);
        assert.equal(opened.bigcommerce.tokenRequests.length, 1, `${answer.status}: tried again`);
      } finally {
        await opened.close();
      }
    }
  });

  // iOS 16 and Safari before 17.4 have neither AbortSignal.any nor AbortSignal.timeout (README, Browser support).
  for (const olderSafari of [false, true]) {
  test(`BigCommerce: a token request that never answers gives up after 10 s per try and 3 tries, as the built-in request: the error state with Retry, which works${olderSafari ? ' (without AbortSignal.any and .timeout)' : ''}`, async () => {
    let hang = true;
    const opened = await openPage(`integration-bigcommerce-hang${olderSafari ? '-older-safari' : ''}`, bigcommercePage(), {
      // The page's clock (timers, Date, AbortSignal.timeout) runs on its own and jumps when told to.
      beforeLoad: async (page) => {
        await page.clock.install();
        if (olderSafari) await page.addInitScript(() => void (delete (AbortSignal as { any?: unknown }).any, delete (AbortSignal as { timeout?: unknown }).timeout));
      },
      bigcommerceProxy: () => (hang ? 'hang' : undefined),
    });
    const { page, bigcommerce } = opened;
    const badge = page.locator('omneo-points-balance').first();
    const loading = () => badge.evaluate((element) => Boolean(element.shadowRoot?.querySelector('[aria-busy="true"]')));
    try {
      for (let tries = 1; tries <= 3; tries += 1) {
        await waitUntil(() => bigcommerce.tokenRequests.length === tries);
        await page.clock.fastForward(9_000);
        assert.equal(bigcommerce.tokenRequests.length, tries, 'no new try before 10 s');
        assert.equal(await loading(), true, 'the skeleton while the request is pending');
        await page.clock.fastForward(1_000);
      }
      await badge.getByRole('alert').waitFor({ timeout: 8000 });
      assert.equal(bigcommerce.tokenRequests.length, 3);
      hang = false;
      await badge.getByRole('button', { name: /retry/i }).click();
      await waitForText(page, 'omneo-points-balance', /\d/);
      assert.equal(bigcommerce.tokenRequests.length, 4);
    } finally {
      await opened.close();
    }
  });
  }

  const sfccHead = () => readFileSync(path.join(REPO_ROOT, 'integrations/sfcc/cartridges/int_omneo/cartridge/templates/default/omneo/omneoWidgets.isml'), 'utf8');

  test('Salesforce Commerce Cloud head template with its Omneo-Config remote include, as SFCC renders it for a signed-in shopper', async () => {
    assert.deepEqual(await runHtmlSnippet('integration-sfcc', renderTemplate(sfccHead()), '<omneo-points-balance variant="compact"></omneo-points-balance>'), [
      'omneo-points-balance',
    ]);
  });

  test('Salesforce Commerce Cloud: the same cached page with a guest\'s include shows the guest state without asking for a token', async () => {
    const html = `<!doctype html><html lang="en"><head>${renderTemplate(sfccHead(), GUEST_TEMPLATE_VALUES)}</head><body><omneo-points-balance variant="compact"></omneo-points-balance></body></html>`;
    const opened = await openPage('integration-sfcc-guest', html, { persona: 'ava' });
    try {
      await waitForText(opened.page, 'omneo-points-balance', /sign in/i);
      await opened.page.waitForLoadState('networkidle');
      assert.deepEqual(opened.requests.filter((url) => url.includes('/omneo/token')), []);
      assert.equal(await opened.page.evaluate(() => document.documentElement.lang), 'en');
    } finally {
      await opened.close();
    }
  });

  test('single-page app: elements survive navigation and sign-out/sign-in without a reload', async () => {
    const spaDir = path.join(REPO_ROOT, 'integrations/spa');
    const opened = await openPage('spa', readFileSync(path.join(spaDir, 'index.html'), 'utf8'), {
      files: { 'app.js': readFileSync(path.join(spaDir, 'app.js'), 'utf8') },
    });
    const { page } = opened;
    try {
      const badge = 'header omneo-points-balance';
      await waitForText(page, badge, /\d/);
      await page.click('a[href="/account"]');
      await waitForText(page, '#view omneo-points-balance', /points/i);
      await page.waitForFunction(() => customElements.get('omneo-reward-wallet') !== undefined);
      await page.click('a[href="/"]');
      await page.waitForFunction(() => customElements.get('omneo-tier-progress') !== undefined && document.querySelector('#view omneo-tier-progress'));
      assert.equal(await page.evaluate(() => performance.getEntriesByType('navigation').length), 1, 'the page reloaded');

      opened.session.persona = 'guest';
      await page.click('#sign-out');
      await waitForText(page, badge, /sign in/i);
      opened.session.persona = 'zoe';
      await page.click('#sign-in');
      await waitForText(page, badge, /\d/);
      assert.deepEqual(opened.errors, []);
    } finally {
      await opened.close();
    }
  });

  test('React: the example type-checks against the package and renders through the wrappers', async () => {
    const reactDir = path.join(REPO_ROOT, 'integrations/react');
    const { build } = await import('vite');
    const aliases = { 'omneo-widgets/react': path.join(REPO_ROOT, 'src/react/index.ts'), 'omneo-widgets': path.join(REPO_ROOT, 'src/index.ts') };
    await build({
      configFile: false,
      root: REPO_ROOT,
      logLevel: 'warn',
      define: { __OMNEO_VERSION__: '"test"', 'process.env.NODE_ENV': '"production"' },
      resolve: { alias: aliases },
      build: { outDir: path.join(work, 'react-build'), minify: false, lib: { entry: path.join(reactDir, 'main.tsx'), formats: ['es'], fileName: () => 'app.js' } },
    });
    const { execFileSync } = await import('node:child_process');
    const tsconfig = path.join(work, 'tsconfig.react.json');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      tsconfig,
      JSON.stringify({
        extends: path.join(REPO_ROOT, 'tsconfig.json'),
        compilerOptions: { jsx: 'react-jsx', noEmit: true, types: [], paths: { 'omneo-widgets': [aliases['omneo-widgets']], 'omneo-widgets/react': [aliases['omneo-widgets/react']] } },
        include: [],
        files: [path.join(REPO_ROOT, 'integrations/react/main.tsx'), path.join(REPO_ROOT, 'src/globals.d.ts')],
      }),
    );
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', tsconfig], { cwd: REPO_ROOT, stdio: 'pipe' });

    // The app and the chunks its bundler split off (the catalogues and the points card's expiry notice load on demand).
    const built = readdirSync(path.join(work, 'react-build')).filter((file) => file.endsWith('.js'));
    const opened = await openPage('react', `<!doctype html><html lang="en"><head><script type="module" src="/pages/app.js"></script></head><body><div id="root"></div></body></html>`, {
      files: Object.fromEntries(built.map((file) => [file, readFileSync(path.join(work, 'react-build', file), 'utf8')])),
    });
    try {
      await opened.page.waitForFunction(() => /Loaded: .*omneo-points-balance/.test(document.querySelector('#root')?.textContent ?? ''), undefined, { timeout: 8000 });
      await waitForText(opened.page, 'omneo-points-balance', /\d/);
      assert.deepEqual(opened.errors, []);
    } finally {
      await opened.close();
    }
  });
});

/** A console line without the prefix every line of ours starts with. */
const withoutPrefix = (line: string) => line.replace(/^(?:omneo-widgets|omneo proxy warning): /, '');

/**
 * The string literals of the TypeScript under `folders` (those inside a template's `${…}` too), a template's `${…}`
 * as `*` and without our console prefix: what the code can print. Only those that start with text:
 * `omneo-widgets: ${message}` would match any quote.
 */
function sourceStrings(folders: string[]): string[] {
  const strings: string[] = [];
  const scan = (code: string) => {
    for (let at = 0; at < code.length; at += 1) {
      const char = code[at]!;
      if (char === '/' && (code[at + 1] === '/' || code[at + 1] === '*')) {
        const end = code.indexOf(code[at + 1] === '/' ? '\n' : '*/', at + 2);
        at = end < 0 ? code.length : end + 1;
      } else if (char === "'" || char === '"' || char === '`') {
        let text = '';
        let end = at + 1;
        for (; end < code.length && code[end] !== char && !(char !== '`' && code[end] === '\n'); end += 1) {
          if (code[end] === '\\') {
            text += code[end + 1];
            end += 1;
          } else if (char === '`' && code[end] === '$' && code[end + 1] === '{') {
            const start = end + 2;
            let depth = 0;
            for (end += 1; end < code.length; end += 1) {
              if (code[end] === '{') depth += 1;
              else if (code[end] === '}' && --depth === 0) break;
            }
            scan(code.slice(start, end));
            text += '*';
          } else text += code[end];
        }
        at = end;
        const printed = withoutPrefix(text.replace(/\s+/g, ' '));
        if (printed.length >= 4 && !printed.startsWith('*')) strings.push(printed);
      }
    }
  };
  for (const folder of folders) {
    for (const file of readdirSync(path.join(REPO_ROOT, folder), { recursive: true }) as string[]) {
      if (file.endsWith('.ts')) scan(readFileSync(path.join(REPO_ROOT, folder, file), 'utf8'));
    }
  }
  return strings;
}

/**
 * Whether a quote (`*` where it leaves text out) and a printed string (`*` for a value put in: one word, no
 * spaces) match a line in common.
 */
function globsMeet(quote: string, printed: string): boolean {
  const known = new Map<number, boolean>();
  const meet = (i: number, j: number): boolean => {
    const key = i * (printed.length + 1) + j;
    let result = known.get(key);
    if (result !== undefined) return result;
    if (i === quote.length && j === printed.length) result = true;
    else if (quote[i] === '*') result = meet(i + 1, j) || (j < printed.length && meet(i, j + 1));
    else if (printed[j] === '*') result = meet(i, j + 1) || (i < quote.length && quote[i] !== ' ' && meet(i + 1, j));
    else result = i < quote.length && j < printed.length && quote[i] === printed[j] && meet(i + 1, j + 1);
    known.set(key, result);
    return result;
  };
  return meet(0, 0);
}

/** A strict app's compiler options, for the apps that compile against the built package in node_modules. */
const APP_COMPILER_OPTIONS = {
  strict: true,
  skipLibCheck: false,
  noEmit: true,
  target: 'es2022',
  module: 'esnext',
  moduleResolution: 'bundler',
  lib: ['es2022', 'dom', 'dom.iterable'],
  // The package's dist is a symlink there; seen through node_modules, as installed, it finds its dependencies.
  preserveSymlinks: true,
};

/** The compilers an app of the package is checked with: the repository's TypeScript 7 and 5.4, the oldest supported. */
const appCompilers = () =>
  [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), typescript54()].map((tsc) => ({ tsc, version: execFileSync(process.execPath, [tsc, '--version'], { encoding: 'utf8' }).trim() }));

/** TypeScript 5.4's tsc (scripts/typescript-5.4.ts installs it on a developer's machine's first run). */
function typescript54(): string {
  try {
    return path.join(ensureTypeScript54(), 'bin/tsc');
  } catch (error) {
    return assert.fail(String(error));
  }
}
