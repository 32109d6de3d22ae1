/**
 * What the framework harness suites (react-client, vue-ssr, svelte-ssr, angular) share: one HTTP server that answers the dev app's paths
 * (mock Omneo scopes and the proxy), the harness page at "/", and the harness build's files under /out/; a fresh mock
 * scope per case, with its request log; one headless Chromium.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createDevApp, isDevAppPath, nodeListener } from '../../server/dev/app.js';

export const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';

export interface HarnessServer {
  origin: string;
  close: () => Promise<void>;
}

/** Serves `page(url)`'s HTML at "/", the files of `outDir` under /out/, and the dev app at its own paths. */
export async function serveHarnessApp(outDir: string, page: (url: URL) => string | Promise<string>): Promise<HarnessServer> {
  const devApp = nodeListener(createDevApp().app);
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (isDevAppPath(url.pathname)) return devApp(request, response);
    if (url.pathname === '/') {
      void Promise.resolve(page(url)).then(
        (html) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html),
        (error: unknown) => response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error)),
      );
      return;
    }
    if (url.pathname === '/favicon.ico') return void response.writeHead(204).end();
    const file = path.join(outDir, path.basename(url.pathname));
    if (url.pathname.startsWith('/out/') && existsSync(file)) return void response.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(file));
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface HarnessScope {
  scope: string;
  apiBase: string;
  /** The token endpoint of a persona: `{persona}` in it replaced. */
  tokenEndpointFor: string;
  /** Every request the scope's mock Omneo and proxy have logged so far, in order. */
  requests: <T = { method: string; path: string; search: string }>() => Promise<T[]>;
  /** The same log as "METHOD path" lines. */
  requestLines: () => Promise<string[]>;
}

/** A mock Omneo scope of its own for one case. */
export async function newHarnessScope(origin: string): Promise<HarnessScope> {
  const response = await fetch(`${origin}/__scopes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  const scope = (await response.json()) as Omit<HarnessScope, 'requests' | 'requestLines'>;
  const requests = async <T>() => (await (await fetch(`${origin}/__scopes/${scope.scope}/requests`)).json()) as T[];
  const requestLines = async () => (await requests<{ method: string; path: string }>()).map(({ method, path }) => `${method} ${path}`);
  return { ...scope, requests, requestLines };
}

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROME_PATH, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });

const PIXEL = Buffer.from('R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==', 'base64');

/**
 * A page in a browser context of its own. Images (the mock's product and reward paths and hosts) are a pixel, so that
 * their 404 or unresolved host is no console error; `console` collects the page's warnings and errors (Lit's dev-mode
 * notice aside), uncaught errors and failed responses, for suites that require a silent page.
 */
export async function newHarnessPage(browser: Browser): Promise<{ context: BrowserContext; page: Page; console: string[] }> {
  const context = await browser.newContext();
  await context.route(
    (url) => !url.pathname.startsWith('/__scopes/') && !url.pathname.startsWith('/out/') && url.pathname !== '/',
    (route) => (route.request().resourceType() === 'image' ? route.fulfill({ status: 200, contentType: 'image/gif', body: PIXEL }) : route.fallback()),
  );
  const page = await context.newPage();
  const console: string[] = [];
  page.on('console', (message) => void (['error', 'warning'].includes(message.type()) && !/Lit is in dev mode/.test(message.text()) && console.push(`${message.type()}: ${message.text()}`)));
  page.on('pageerror', (error) => void console.push(`pageerror: ${error.message}`));
  page.on('response', (response) => void (response.status() >= 400 && console.push(`response: ${response.status()} ${response.request().method()} ${response.url()}`)));
  return { context, page, console };
}

/** The suite's teardown: its Chromium, its server and its build folder, whichever were made before a failure. */
export async function closeHarness({ browser, server, work }: { browser?: Browser; server?: HarnessServer; work?: string }): Promise<void> {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
}

/**
 * Waits for `predicate` (page code); on a timeout, says what each element under `shown` showed (its shadow root's
 * text and first button) and the page's console lines, when the suite collects them.
 */
export async function untilShown(page: Page, predicate: string, timeout = 10_000, { shown = '#app [customer]', console }: { shown?: string; console?: readonly string[] } = {}): Promise<void> {
  try {
    await page.waitForFunction(predicate, undefined, { timeout });
  } catch (error) {
    const texts = await page.evaluate(
      (selector) =>
        [...document.querySelectorAll(selector)].map(
          (each) => `${each.localName}: ${each.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '(no shadow root)'} ${each.shadowRoot?.querySelector('button')?.outerHTML.slice(0, 200) ?? ''}`,
        ),
      shown,
    );
    throw new Error(`${predicate}: not so within ${timeout} ms. Shown:\n${texts.join('\n')}${console ? `\nConsole:\n${console.join('\n')}` : ''}`, { cause: error });
  }
}

/**
 * The request log once it has stopped growing for `quietMs`: an element can show its first figures before its
 * follow-up reads are sent (the points card's expiring-soon read follows its balances), so a test that counts
 * what a later change sends takes its baseline here, not at the first figure on screen.
 */
export async function quietRequests<T>(requests: () => Promise<T[]>, quietMs = 400, timeoutMs = 10_000): Promise<T[]> {
  const deadline = Date.now() + timeoutMs;
  let log = await requests();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const now = await requests();
    if (now.length === log.length) return now;
    if (Date.now() > deadline) throw new Error(`requests still arriving after ${timeoutMs} ms: ${now.length}`);
    log = now;
  }
}

/** Page code: whether the badge's shadow root shows `text`. */
export const badgeShows = (text: RegExp) => `${text}.test(document.querySelector('omneo-points-balance')?.shadowRoot?.textContent ?? '')`;
/** Page code: the heart's accessible name. */
export const heartLabel = `(document.querySelector('omneo-wishlist-button')?.shadowRoot?.querySelector('[part~="button"]')?.getAttribute('aria-label') ?? '')`;
/** Page code: the enabled heart's aria-pressed, else null. */
export const heartPressed = `(document.querySelector('omneo-wishlist-button')?.shadowRoot?.querySelector('[part~="button"]:not([disabled])')?.getAttribute('aria-pressed') ?? null)`;

/** Clicks the first link or button in the app whose text matches `label` (with its flags); throws naming it when none does. */
export const clickByText = (page: Page, label: RegExp) =>
  page.evaluate(
    ([source, flags]) => {
      const pattern = new RegExp(source, flags);
      const control = [...document.querySelectorAll<HTMLElement>('#app a, #app button')].find((each) => pattern.test(each.textContent ?? ''));
      if (!control) throw new Error(`no link or button in #app reads ${pattern}`);
      control.click();
    },
    [label.source, label.flags] as const,
  );
