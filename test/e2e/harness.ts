/**
 * End-to-end harness: the built CDN script (dist/) served with fixture pages and the dev app's scoped mock
 * Omneo (bench/serve.ts), driven in Debian's Chromium with playwright-core. Tests talk to the widgets only
 * through the public contract: the script URL, the omneo-config block, tags, parts, events and
 * window.OmneoWidgets.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page, type Route } from 'playwright-core';
import { assertBuilt, createBuildServer, type BuildServer } from '../../bench/serve.js';
import type { FaultRuleJson } from '../../server/mock-omneo/faults.js';
import { collectCoverage } from './coverage.js';

export const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export type FaultRule = FaultRuleJson;

/** A phone held upright: touch only (no mouse, no hover), a 390 px wide screen at 3 device pixels per CSS pixel. */
export const PHONE: BrowserContextOptions = { isMobile: true, hasTouch: true, viewport: { width: 390, height: 844 }, deviceScaleFactor: 3 };

export interface LoggedRequest {
  method: string;
  path: string;
  search: string;
  /** `'proxy'`: sent by the scope's proxy to its mock (pass-through-only scopes log these too). */
  via?: 'proxy';
}

export interface Scope {
  id: string;
  addFaults(rules: FaultRule | FaultRule[]): Promise<void>;
  clearFaults(): Promise<void>;
  requests(): Promise<LoggedRequest[]>;
  /** How many requests hit `path` exactly (query ignored) with `method` (in a pass-through-only scope, the proxy's upstream calls too). */
  count(path: string, method?: string): Promise<number>;
  /** The scope's mock ID API base (what a direct-mode page calls), e.g. `/__scopes/<id>/id/api/v1`. */
  apiBase: string;
  /** The scope proxy's token route for a persona. */
  tokenEndpoint(persona: string): string;
  /** The scope proxy's pass-through API base for a persona (what a pass-through page calls). */
  passThroughApiBase(persona: string): string;
}

export interface ScopeOptions {
  quirks?: string;
  tokenTtlSeconds?: number;
  /** The production pass-through proxy: its token route hands out the stand-in (server/dev/app.ts CreateScopeOptions). */
  passThroughOnly?: boolean;
}

export interface OpenOptions {
  persona?: string;
  csp?: 'strict';
  customer?: string;
  locale?: string;
  /** `passthrough`: API calls go through the proxy's pass-through route (unscoped pages only). */
  api?: 'passthrough';
  /**
   * The loader tag replaced by `omneo-widgets-sri`'s tags for the build (bench/serve.ts `?sri`); `wrongHashFor`: the
   * built file whose name starts with it has another file's hash in the import map.
   */
  sri?: { wrongHashFor?: string };
}

/** What the page reported, recorded by an init script that runs before any page script (CSP does not apply). */
export interface PageRecord {
  events: { type: string; detail: Record<string, unknown> }[];
  cspViolations: { directive: string; blockedURI: string; sample: string; element: string | null }[];
  xssFired: number;
}

const RECORDER = () => {
  const record = { events: [] as unknown[], cspViolations: [] as unknown[], xssFired: 0 };
  Object.defineProperty(window, '__e2e', { value: record });
  for (const type of ['omneo-ready', 'omneo-error', 'omneo-wishlist-change', 'omneo-add-to-cart', 'omneo-benefit-redeemed']) {
    document.addEventListener(type, (event) => {
      const detail = { ...((event as CustomEvent).detail ?? {}) } as Record<string, unknown>;
      // Elements are not serialisable; keep their tag.
      if (detail.element instanceof Element) detail.element = detail.element.localName;
      record.events.push({ type, detail });
    });
  }
  document.addEventListener('securitypolicyviolation', (event) => {
    // The target is retargeted to the host element when the violation happened inside a shadow root.
    const element = event.target instanceof Element ? event.target.localName : null;
    record.cspViolations.push({ directive: event.violatedDirective, blockedURI: event.blockedURI, sample: event.sample, element });
  });
  // The hostile persona's payloads call alert(1); count calls instead of blocking on a dialog.
  window.alert = () => {
    record.xssFired += 1;
  };
};

/** What `E2E.serve()` gives a suite that brings its own browser. */
export interface FixtureServer {
  origin: string;
  scope(options?: ScopeOptions): Promise<Scope>;
  pageUrl(page: string, scope: Scope | null, options?: OpenOptions): string;
  stop(): Promise<void>;
}

export class E2E {
  private constructor(
    readonly server: BuildServer,
    readonly browser: Browser,
  ) {}

  static async start(): Promise<E2E> {
    assertBuilt();
    if (!existsSync(CHROME_PATH)) throw new Error(`Chromium not found at ${CHROME_PATH}: sudo apt-get install -y chromium, or set CHROME_PATH.`);
    const server = await createBuildServer();
    // With the back-forward cache a shopper's browser has (Playwright turns it off by default): a page restored by
    // Back must ask whether the session still holds (page.test.ts).
    const browser = collectCoverage(
      await chromium.launch({ executablePath: CHROME_PATH, args: CHROME_ARGS, headless: true, ignoreDefaultArgs: ['--disable-back-forward-cache'] }),
    );
    return new E2E(server, browser);
  }

  /**
   * The fixture server and its scoped mocks alone, without Chromium: for suites that drive another browser with
   * another client (test/firefox/). Same pages, scopes and URLs as `start()`.
   */
  static async serve(): Promise<FixtureServer> {
    assertBuilt();
    const server = await createBuildServer();
    const e2e = new E2E(server, undefined as unknown as Browser);
    return {
      origin: server.origin,
      scope: (options) => e2e.scope(options),
      pageUrl: (page, scope, options) => e2e.pageUrl(page, scope, options),
      stop: () => server.close(),
    };
  }

  get origin(): string {
    return this.server.origin;
  }

  private refetching?: Promise<boolean>;

  /**
   * Whether this Chromium fetches a module again after its fetch failed, or answers every later `import()` of it with
   * the first failure for the life of the page, as the HTML standard long said (whatwg/html#6768; the change that
   * lets a page retry is whatwg/html#10327). Measured, not read off the version: Debian's Chromium 156 fetches again,
   * its 150 does not, and CI installs whichever Debian has. The tests of a chunk cut off once check the loader's
   * retry where the browser allows one and, where it does not, that the next page loads the chunk.
   */
  refetchesFailedImports(): Promise<boolean> {
    return (this.refetching ??= (async () => {
      const context = await this.browser.newContext();
      try {
        let asked = 0;
        await context.route(`${this.origin}/__import-probe.html`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>probe</title>' }));
        await context.route(`${this.origin}/__import-probe.js`, (route) =>
          asked++ === 0 ? route.abort('connectionreset') : route.fulfill({ contentType: 'text/javascript', body: 'export default 1;' }),
        );
        const page = await context.newPage();
        await page.goto(`${this.origin}/__import-probe.html`);
        const loaded = await page.evaluate(async () => {
          const url = '/__import-probe.js';
          await import(url).catch(() => undefined);
          return import(url).then(
            (module: { default: number }) => module.default === 1,
            () => false,
          );
        });
        if (loaded !== (asked === 2)) throw new Error(`refetchesFailedImports: the probe module was fetched ${asked} times but ${loaded ? 'loaded' : 'did not load'}`);
        return loaded;
      } finally {
        await context.close();
      }
    })());
  }

  async stop(): Promise<void> {
    await this.browser.close();
    await this.server.close();
  }

  private async call(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(`${this.origin}${path}`, { ...init, headers: { 'content-type': 'application/json' } });
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path} → ${response.status}: ${await response.text()}`);
    return response;
  }

  /** A fresh, isolated mock Omneo + proxy. */
  async scope(options: ScopeOptions = {}): Promise<Scope> {
    const created = (await (await this.call('/__scopes', { method: 'POST', body: JSON.stringify(options) })).json()) as {
      scope: string;
      apiBase: string;
      tokenEndpointFor: string;
      passThroughApiBaseFor: string;
    };
    const base = `/__scopes/${created.scope}`;
    const requests = async () => (await (await this.call(`${base}/requests`)).json()) as LoggedRequest[];
    return {
      id: created.scope,
      addFaults: async (rules) => void (await this.call(`${base}/faults`, { method: 'POST', body: JSON.stringify(rules) })),
      clearFaults: async () => void (await this.call(`${base}/faults`, { method: 'DELETE' })),
      requests,
      count: async (path, method = 'GET') => (await requests()).filter((r) => r.method === method && r.path === path).length,
      apiBase: created.apiBase,
      tokenEndpoint: (persona) => created.tokenEndpointFor.replace('{persona}', encodeURIComponent(persona)),
      passThroughApiBase: (persona) => created.passThroughApiBaseFor.replace('{persona}', encodeURIComponent(persona)),
    };
  }

  /**
   * A new browser context (its own cookies, cache and sessionStorage), with the recorder installed. `device`: the
   * context's emulation (PHONE below for a touch screen).
   */
  async context(device: BrowserContextOptions = {}): Promise<BrowserContext> {
    const context = await this.browser.newContext(device);
    // tsx compiles the test files with esbuild's keepNames, which wraps named inner functions of the callbacks
    // we pass to page.evaluate in `__name(...)`: give the page a no-op one.
    await context.addInitScript({ content: "Object.defineProperty(window, '__name', { value: (fn) => fn })" });
    await context.addInitScript(RECORDER);
    return context;
  }

  pageUrl(page: string, scope: Scope | null, options: OpenOptions = {}): string {
    const query = new URLSearchParams();
    if (scope) query.set('scope', scope.id);
    query.set('persona', options.persona ?? 'ava');
    if (options.csp) query.set('csp', options.csp);
    if (options.customer !== undefined) query.set('customer', options.customer);
    if (options.locale) query.set('locale', options.locale);
    if (options.api) query.set('api', options.api);
    if (options.sri) query.set('sri', 'on');
    if (options.sri?.wrongHashFor) query.set('sri-wrong-hash', options.sri.wrongHashFor);
    return `${this.origin}/e2e/${page}?${query}`;
  }

  /**
   * Opens a fixture page in a fresh context with `config` as its omneo-config block instead of the one the
   * server derives from the query (for configurations bench/serve.ts has no query for, such as a scope's
   * pass-through API base). The page is still fetched from the server, headers included; only that
   * block's JSON is swapped, in the browser's network layer, before the page sees it. `beforeNavigation`
   * runs once the tab exists, before the page loads: the place to attach request listeners.
   *
   * Not for what CORS does to calls to another origin: while the context has this route, Playwright answers every
   * CORS preflight itself (204, allowing whatever was asked), so a server's refusal never shows; and Chromium
   * (Local Network Access, 156 here) treats a page fulfilled this way as from the public internet, so its calls to another
   * loopback origin fail with "Permission was denied for this request to access the `loopback` address space"
   * unless the context is granted `local-network-access`. trace-headers.test.ts serves its page instead.
   */
  async openWithConfig(
    page: string,
    config: Record<string, unknown>,
    options: Pick<OpenOptions, 'csp'> & { beforeNavigation?: (opened: Opened) => void | Promise<void> } = {},
  ): Promise<Opened> {
    const context = await this.context();
    const url = this.pageUrl(page, null, options);
    const json = JSON.stringify(config).replace(/</g, '\\u003c');
    await context.route(url, async (route) => {
      const response = await route.fetch();
      const html = await response.text();
      const block = /(<script type="application\/json" id="omneo-config">)[\s\S]*?(<\/script>)/;
      if (!block.test(html)) throw new Error(`${page} has no omneo-config block`);
      const headers = { ...response.headers() };
      // The body is handed over decoded; its original encoding and length no longer apply.
      delete headers['content-encoding'];
      delete headers['content-length'];
      await route.fulfill({ status: response.status(), headers, body: html.replace(block, (_, open: string, close: string) => `${open}${json}${close}`) });
    });
    const tab = await context.newPage();
    const opened = new Opened(context, tab);
    await options.beforeNavigation?.(opened);
    await tab.goto(url);
    return opened;
  }

  /**
   * Opens a fixture page in a fresh context whose built files matching `files` are answered by `answer` (a 404, a
   * dropped connection), told how many of them it has answered before: a deploy that lacks a file, or a network
   * that loses one.
   */
  async openAnswering(page: string, scope: Scope | null, files: RegExp, answer: (route: Route, answeredBefore: number) => Promise<void>, options: OpenOptions = {}): Promise<Opened> {
    const context = await this.context();
    let answered = 0;
    await context.route(files, (route) => answer(route, answered++));
    const opened = new Opened(context, await context.newPage());
    await opened.page.goto(this.pageUrl(page, scope, options));
    return opened;
  }

  /** Opens a fixture page in a fresh context; the page's console errors and uncaught exceptions are collected. */
  async open(page: string, scope: Scope | null, options: OpenOptions = {}, device: BrowserContextOptions = {}): Promise<Opened> {
    const context = await this.context(device);
    const tab = await context.newPage();
    const opened = new Opened(context, tab);
    await tab.goto(this.pageUrl(page, scope, options));
    return opened;
  }
}

export class Opened {
  readonly consoleErrors: string[] = [];
  readonly pageErrors: string[] = [];

  constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {
    page.on('console', (message) => {
      if (message.type() === 'error') this.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => this.pageErrors.push(error.message));
  }

  record(): Promise<PageRecord> {
    return this.page.evaluate(() => (window as unknown as { __e2e: PageRecord }).__e2e);
  }

  /** Resolves once `count` events of `type` (optionally for one tag) have fired. */
  async waitForEvents(type: string, count = 1, element?: string, timeout = 15_000): Promise<void> {
    await this.page.waitForFunction(
      ([t, n, el]) =>
        (window as unknown as { __e2e: PageRecord }).__e2e.events.filter((e) => e.type === t && (!el || e.detail.element === el)).length >= n,
      [type, count, element] as const,
      { timeout },
    );
  }

  /** Every element on the page, and the four inside each hub, has shown its data, and the network is quiet. */
  async waitForAllReady(): Promise<void> {
    // document.querySelectorAll, not page.$$eval: Playwright's selectors pierce shadow roots, the DOM API does not.
    const tags = await this.page.evaluate(() => [...document.querySelectorAll('body *')].map((el) => el.localName).filter((tag) => tag.startsWith('omneo-')));
    const hubs = tags.filter((tag) => tag === 'omneo-rewards').length;
    await this.waitForEvents('omneo-ready', tags.length - hubs + hubs * 4);
    await this.page.waitForLoadState('networkidle');
  }

  /** The console errors that start with `start`, once there is at least one (throws after `timeout` ms). */
  async consoleErrorsStarting(start: string, timeout = 10_000): Promise<string[]> {
    for (const deadline = Date.now() + timeout; ; await new Promise((resolve) => setTimeout(resolve, 25))) {
      const said = this.consoleErrors.filter((line) => line.startsWith(start));
      if (said.length > 0) return said;
      if (Date.now() > deadline) throw new Error(`no console error starting "${start}" in ${timeout} ms: ${this.consoleErrors.join(' | ')}`);
    }
  }

  close(): Promise<void> {
    return this.context.close();
  }
}

/** The text of every open shadow root under `selector`, whitespace collapsed. */
export async function shadowText(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (elements) => elements.map((el) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim()));
}

/** Polls `read` until it reaches `atLeast` (a request count the page is expected to make by itself). */
export async function waitForCount(read: () => Promise<number>, atLeast: number, timeoutMs = 15_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (value >= atLeast) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`count stayed at ${value}, expected ≥ ${atLeast}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * The recorder `context()` installs (window.__e2e: events, CSP violations, alert calls), for a suite that installs
 * it with another client (test/firefox/). Needs the `__name` no-op `context()` installs before it.
 */
export const PAGE_RECORDER = RECORDER;
