/**
 * The Hydrogen example (integrations/hydrogen) in Chromium under the Content-Security-Policy Hydrogen sends
 * (createContentSecurityPolicy in production: nonce scripts), with exactly the additions the README gives
 * (`omneoCspDirectives`): the root and account page rendered on the server from a bundle made for workerd
 * (Oxygen's runtime, which has no HTMLElement), hydrated in the browser, the React wrappers loaded after
 * hydration, tokens from the real token route with a stand-in Customer Account API, the ID API on its own
 * https origin (api.example-tenant.getomneo.com, answered by the mock Omneo).
 *
 * @shopify/hydrogen is not installed: `hydrogenCsp` below builds the header the way its createCSPHeader does
 * (its defaults, the given lists placed before the defaults of the same directive, the nonce in default-src).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { omneoCspDirectives } from '../../integrations/hydrogen/app/lib/omneo-csp.js';
import type { OmneoCustomerAccount } from '../../integrations/hydrogen/app/lib/omneo-token.server.js';
import { action, loader } from '../../integrations/hydrogen/app/routes/omneo.token.js';
import { createMockOmneo, MOCK_ADMIN_TOKEN } from '../../server/mock-omneo/index.js';
import { freePort } from '../server/proxy-process.js';
import { CHROME_ARGS, CHROME_PATH } from './harness.js';
import { collectCoverage } from './coverage.js';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const APP = path.join(REPO_ROOT, 'integrations/hydrogen/app');
const TENANT = 'example-tenant';
const API_ORIGIN = `https://api.${TENANT}.getomneo.com`;
/** Where the mock's absolute product images live (a retailer's own image host). */
const IMAGE_HOST = 'https://cdn.example-retailer.com.au';
const AVA_SHOPIFY_ID = '7321987654321';

type Directives = Record<string, string[]>;

/** The header @shopify/hydrogen's createContentSecurityPolicy returns in production for these props. */
function hydrogenCsp(nonce: string, { shop, ...directives }: { shop: { checkoutDomain: string; storeDomain: string }; connectSrc?: string[]; imgSrc?: string[] }): string {
  const defaults: Directives = {
    baseUri: ["'self'"],
    defaultSrc: ["'self'", `'nonce-${nonce}'`, 'https://cdn.shopify.com', 'https://shopify.com'],
    frameAncestors: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'", 'https://cdn.shopify.com'],
    connectSrc: ["'self'", 'https://monorail-edge.shopifysvc.com', `https://${shop.checkoutDomain}`, `https://${shop.storeDomain}`],
  };
  const given: Directives = directives;
  const combined: Directives = { ...defaults, ...given };
  for (const key of Object.keys(defaults)) if (given[key]) combined[key] = [...given[key]!, ...defaults[key]!];
  return Object.entries(combined)
    .map(([key, values]) => `${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)} ${values.join(' ')}`)
    .join('; ');
}

const SHOP = { checkoutDomain: 'checkout.example.com', storeDomain: 'example.myshopify.com' };

/** The Hydrogen example's root with its account page, for the server (render) and the browser (hydrate). */
const tree = `
import { createElement } from 'react';
import App from './root.tsx';
import AccountLoyalty from './routes/account._index.tsx';
export const page = (loaderData) => createElement(App, { loaderData }, createElement(AccountLoyalty));
`;

const bundleOptions = {
  bundle: true,
  write: false,
  format: 'esm',
  jsx: 'automatic',
  logLevel: 'silent',
  define: { 'process.env.NODE_ENV': '"production"', __OMNEO_VERSION__: '"test"' },
  alias: { 'omneo-widgets/react': path.join(REPO_ROOT, 'src/react/index.ts'), 'omneo-widgets': path.join(REPO_ROOT, 'src/index.ts') },
} as const;

describe('Hydrogen example under Hydrogen’s Content-Security-Policy', () => {
  let server: Server;
  let origin: string;
  let browser: Browser;
  let closeOmneo: () => void;
  let omneo: ReturnType<typeof createMockOmneo>;
  let renderPage: (loaderData: { customer: string | undefined }) => string;
  const assets = new Map<string, string>();
  /** The CSP the next page is served with, given its nonce. */
  let policy: (nonce: string) => string;
  const tokenAnswers: number[] = [];
  let signedIn = true;

  before(async () => {
    omneo = createMockOmneo({ adminToken: MOCK_ADMIN_TOKEN });
    const omneoPort = await freePort();
    const omneoServer = serve({ fetch: (request: Request) => omneo.app.fetch(request), port: omneoPort, hostname: '127.0.0.1' });
    closeOmneo = () => omneoServer.close();
    const env = { OMNEO_ID_API: `http://127.0.0.1:${omneoPort}/id/api/v1`, OMNEO_ADMIN_TOKEN: MOCK_ADMIN_TOKEN };
    // Ava is signed in to the Customer Account API until she posts the sign-out form.
    const customerAccount: OmneoCustomerAccount = {
      isLoggedIn: async () => signedIn,
      query: async () => ({ data: { customer: { id: `gid://shopify/Customer/${AVA_SHOPIFY_ID}` } } }),
    };

    // Server render: bundled as for workerd (its export conditions, no Node built-ins), run here where, as there,
    // HTMLElement does not exist: rendering must not evaluate Lit.
    const ssr = await build({ ...bundleOptions, stdin: { contents: `${tree}\nexport { renderToString } from 'react-dom/server';`, resolveDir: APP, loader: 'ts' }, platform: 'neutral', mainFields: ['module', 'main'], conditions: ['workerd', 'worker', 'browser'] });
    const ssrModule = (await import(`data:text/javascript;base64,${Buffer.from(ssr.outputFiles[0]!.text).toString('base64')}`)) as {
      page: (data: unknown) => unknown;
      renderToString: (element: unknown) => string;
    };
    renderPage = (loaderData) => ssrModule.renderToString(ssrModule.page(loaderData));

    const client = await build({
      ...bundleOptions,
      stdin: {
        // __rerender: React Router rendering the root again with revalidated loader data (after an action, no reload).
        contents: `${tree}\nimport { hydrateRoot } from 'react-dom/client';\nconst root = hydrateRoot(document.getElementById('app'), page(JSON.parse(document.getElementById('loader-data').textContent)));\nwindow.__rerender = (loaderData) => root.render(page(loaderData));`,
        resolveDir: APP,
        loader: 'ts',
      },
      platform: 'browser',
      splitting: true,
      outdir: '/assets',
      entryNames: 'client',
    });
    for (const file of client.outputFiles) assets.set(`/assets/${path.basename(file.path)}`, file.text);

    server = createServer((req, res) => {
      void (async () => {
        const url = new URL(req.url ?? '/', origin);
        if (url.pathname === '/omneo/token') {
          const request = await toRequest(req, url);
          const response = await (req.method === 'POST' ? action : loader)({ request, context: { env, customerAccount } });
          tokenAnswers.push(response.status);
          res.writeHead(response.status, Object.fromEntries(response.headers));
          res.end(Buffer.from(await response.arrayBuffer()));
        } else if (assets.has(url.pathname)) {
          res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
          res.end(assets.get(url.pathname));
        } else if (url.pathname === '/account/logout' && req.method === 'POST') {
          // Hydrogen's logout action: the session ends, then a redirect (Shopify's logout page, then back here).
          signedIn = false;
          res.writeHead(303, { Location: '/' }).end();
        } else if (url.pathname === '/') {
          const nonce = randomBytes(16).toString('base64');
          // The root loader's hint, as omneoCustomerHint gives it.
          const loaderData = { customer: signedIn ? AVA_SHOPIFY_ID : '' };
          res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': policy(nonce) });
          res.end(
            `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hydrogen</title>` +
              // React Router's own inline script, with the nonce as Hydrogen's NonceProvider gives it.
              `<script nonce="${nonce}">window.__routerContext = { ready: true };</script>` +
              `<script type="application/json" id="loader-data">${JSON.stringify(loaderData)}</script>` +
              `<script type="module" nonce="${nonce}" src="/assets/client.js"></script>` +
              `</head><body><div id="app">${renderPage(loaderData)}</div></body></html>`,
          );
        } else {
          res.writeHead(404).end();
        }
      })().catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = collectCoverage(await chromium.launch({ executablePath: CHROME_PATH, args: CHROME_ARGS, headless: true }));
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    closeOmneo?.();
  });

  async function toRequest(req: IncomingMessage, url: URL): Promise<Request> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    return new Request(url, { method: req.method, headers, body: chunks.length && req.method !== 'GET' ? Buffer.concat(chunks) : undefined });
  }

  /** Opens the page with the API origin and image host answered locally; records CSP violations, errors and requests. */
  interface Opened {
    page: Page;
    readViolations: () => Promise<{ directive: string; blockedURI: string }[]>;
    errors: string[];
    requests: string[];
    close: () => Promise<void>;
  }

  /** Ava signed in under the recommended policy, her balance on screen and stored in the cross-page cache. */
  async function openSignedInAndCached(): Promise<Opened> {
    policy = (nonce) => hydrogenCsp(nonce, { shop: SHOP, ...omneoCspDirectives(TENANT, [IMAGE_HOST]) });
    signedIn = true;
    const opened = await open();
    try {
      await shadowText(opened.page, 'header omneo-points-balance', /1,250/);
      // The cache stores the entry a moment after the data came (WRITE_AFTER_MS, src/api/cache.ts).
      await opened.page.waitForFunction(() => Object.keys(sessionStorage).some((key) => key.startsWith('omneo-widgets:')));
      return opened;
    } catch (error) {
      await opened.close();
      throw error;
    }
  }

  async function open(): Promise<Opened> {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => void (message.type() === 'error' && errors.push(message.text())));
    page.on('request', (request) => requests.push(`${request.method()} ${request.url()}`));
    await page.addInitScript(() => {
      const violations: unknown[] = [];
      Object.defineProperty(window, '__violations', { value: violations });
      document.addEventListener('securitypolicyviolation', (event) => violations.push({ directive: event.violatedDirective, blockedURI: event.blockedURI }));
    });
    await page.route(`${API_ORIGIN}/**`, async (route) => {
      const request = route.request();
      const url = new URL(request.url());
      if (!url.pathname.startsWith('/id/api/v1/')) {
        return route.fulfill({ status: 200, contentType: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>' });
      }
      const body = request.postDataBuffer();
      const response = await omneo.app.fetch(new Request(url, { method: request.method(), headers: request.headers(), body: body ? new Uint8Array(body) : undefined }));
      return route.fulfill({ status: response.status, headers: Object.fromEntries(response.headers), body: Buffer.from(await response.arrayBuffer()) });
    });
    await page.route(`${IMAGE_HOST}/**`, (route) => route.fulfill({ status: 200, contentType: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>' }));
    await page.goto(`${origin}/`);
    const readViolations = () => page.evaluate(() => (window as unknown as { __violations: { directive: string; blockedURI: string }[] }).__violations);
    return { page, readViolations, errors, requests, close: () => context.close() };
  }

  /** Waits for an element's shadow text (whitespace collapsed) to match `pattern` (its source; flags are not passed). */
  const shadowText = (page: Page, selector: string, pattern: RegExp) =>
    page.waitForFunction(
      ([css, source]) => new RegExp(source!).test((document.querySelector(css!)?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ')),
      [selector, pattern.source] as const,
      { timeout: 15_000 },
    );

  it('the example configures the tenant this page uses, and the server render names no element (they load after hydration)', () => {
    assert.match(readFileSync(path.join(APP, 'components/OmneoWidgets.tsx'), 'utf8'), new RegExp(`OMNEO_TENANT = '${TENANT}'`));
    const html = renderPage({ customer: AVA_SHOPIFY_ID });
    assert.match(html, /<header>/);
    assert.match(html, /omneo-badge-placeholder/);
    assert.doesNotMatch(html, /<omneo-/);
  });

  it("shows Ava's points, tier and rewards with Hydrogen's policy plus omneoCspDirectives, without a single violation", async () => {
    policy = (nonce) => hydrogenCsp(nonce, { shop: SHOP, ...omneoCspDirectives(TENANT, [IMAGE_HOST]) });
    const opened = await open();
    try {
      const { page } = opened;
      const header = await (await page.request.get(`${origin}/`)).headers()['content-security-policy'];
      assert.match(header ?? '', /connect-src https:\/\/api\.example-tenant\.getomneo\.com 'self' https:\/\/monorail-edge\.shopifysvc\.com/);
      assert.match(header ?? '', /img-src 'self' https:\/\/cdn\.shopify\.com https:\/\/api\.example-tenant\.getomneo\.com https:\/\/cdn\.example-retailer\.com\.au(;|$)/);
      assert.doesNotMatch(header ?? '', /script-src|unsafe-eval/, "scripts fall back to default-src: 'self' and the nonce");

      await shadowText(page, 'header omneo-points-balance', /1,250/);
      await shadowText(page, 'main omneo-tier-progress', /Silver/);
      await shadowText(page, 'main omneo-reward-wallet', /[Bb]irthday/);
      await shadowText(page, 'main omneo-wishlist', /Linen Relaxed Shirt/);
      // Let every image and request settle before reading the violations.
      await page.waitForLoadState('networkidle');
      assert.deepEqual(await opened.readViolations(), [], 'the widgets caused CSP violations');
      assert.deepEqual(opened.errors, []);
      assert.ok(opened.requests.includes(`POST ${origin}/omneo/token`), opened.requests.join('\n'));
      assert.ok(opened.requests.some((request) => request.startsWith(`GET ${API_ORIGIN}/id/api/v1/profiles/me`)), 'the widgets called the ID API on its own origin');
      assert.ok(opened.requests.some((request) => request.startsWith(`GET ${API_ORIGIN}/storage/`)), 'an image Omneo gave as a relative path loads from the API host');
      assert.ok(tokenAnswers.includes(200));

      // Control: the policy is in force (an inline script without the nonce is blocked and reported).
      await page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'window.inlineRan = true';
        document.head.append(script);
      });
      assert.equal(await page.evaluate(() => 'inlineRan' in window), false);
      assert.ok((await opened.readViolations()).some((violation) => violation.directive.startsWith('script-src')));
    } finally {
      await opened.close();
    }
  });

  it("after the sign-out form (Hydrogen's logout action, then the redirect), the guest state: none of Ava's cached data, no token request (the hint \"\")", async () => {
    const opened = await openSignedInAndCached();
    try {
      const { page } = opened;
      const cached = () => page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('omneo-widgets:')).length);
      assert.ok((await cached()) > 0, 'the widgets cached her data for the next page');
      await Promise.all([page.waitForURL(`${origin}/`, { waitUntil: 'load' }), page.click('header button[type=submit]')]);
      assert.equal(signedIn, false);
      await shadowText(page, 'header omneo-points-balance', /Sign in/);
      await page.waitForLoadState('networkidle');
      assert.equal(await cached(), 0, "Ava's data is gone from this tab");
      const afterSignOut = opened.requests.slice(opened.requests.indexOf(`POST ${origin}/account/logout`));
      assert.deepEqual(afterSignOut.filter((request) => request.includes('/omneo/token') || request.startsWith(`GET ${API_ORIGIN}/id/`)), []);
      assert.deepEqual(await opened.readViolations(), []);
      assert.deepEqual(opened.errors, []);
    } finally {
      signedIn = true;
      await opened.close();
    }
  });

  it('a revalidation whose Customer Account API call failed (hint undefined) keeps the shopper signed in; one that says "" signs her out', async () => {
    const opened = await openSignedInAndCached();
    try {
      const { page } = opened;
      const tokenRequests = () => opened.requests.filter((request) => request === `POST ${origin}/omneo/token`).length;
      const before = tokenRequests();
      // The root loader ran again after an action (add to cart) and omneoCustomerHint could not ask: no hint.
      await page.evaluate(() => (window as unknown as { __rerender(data: object): void }).__rerender({}));
      // The widgets ask the token route (which still knows her session) rather than forget her.
      for (const deadline = Date.now() + 10_000; tokenRequests() === before && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 50));
      await page.waitForLoadState('networkidle');
      const badge = () => page.evaluate(() => (document.querySelector('header omneo-points-balance')?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' '));
      assert.match(await badge(), /1,250/);
      assert.doesNotMatch(await badge(), /Sign in/);
      assert.ok(await page.evaluate(() => Object.keys(sessionStorage).some((key) => key.startsWith('omneo-widgets:'))), 'her cached data was forgotten');
      assert.ok(tokenRequests() > before, 'the token route was not asked again');
      // A revalidation that says she signed out (hint "") still forgets her at once.
      await page.evaluate(() => (window as unknown as { __rerender(data: object): void }).__rerender({ customer: '' }));
      await shadowText(page, 'header omneo-points-balance', /Sign in/);
      assert.deepEqual(opened.errors, []);
    } finally {
      await opened.close();
    }
  });

  it("needs those additions: Hydrogen's default policy alone blocks the ID API", async () => {
    policy = (nonce) => hydrogenCsp(nonce, { shop: SHOP });
    const opened = await open();
    try {
      await opened.page.waitForFunction(() => (window as unknown as { __violations: unknown[] }).__violations.length > 0, undefined, { timeout: 15_000 });
      const violations = await opened.readViolations();
      assert.ok(violations.some((v) => v.directive === 'connect-src' && v.blockedURI.startsWith(API_ORIGIN)), JSON.stringify(violations));
    } finally {
      await opened.close();
    }
  });
});
