/**
 * In-browser figures for pages served from the build (bench/serve.ts), in Debian's Chromium via
 * playwright-core: JavaScript bytes and requests per page, time from navigation to loyalty data on screen
 * (cold, and from the cross-page cache on the next page of the visit), cumulative layout shift, JS heap,
 * wishlist render times, and main-thread cost (long tasks) with the CPU slowed as on a mid-range phone. Every API
 * answer (token mint included) is delayed by a fixed mock latency, so the figures measure our request chain, not
 * the loopback network.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createBuildServer, createSlowConnectFront, type BuildServer } from './serve.js';

export const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';
const CHROME_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** Ava's Shopify customer id: with the `customer` hint, the next page paints from the cache before the token arrives. */
const AVA_CUSTOMER = '7321987654321';
export const KNOWN_TAGS = ['omneo-points-balance', 'omneo-tier-progress', 'omneo-reward-wallet', 'omneo-wishlist', 'omneo-wishlist-button', 'omneo-rewards'];

export interface PageSpec {
  name: string;
  page: string;
  /** Tags the page needs; the page is reported as not built yet when the bundle lacks one. */
  needs: string[];
  /** Tags on the page that are measured when built; the result lists those that were not. */
  optional?: string[];
}

export const PAGES: PageSpec[] = [
  { name: 'header badge', page: 'badge.html', needs: ['omneo-points-balance'] },
  { name: 'product page (badge + wishlist button)', page: 'product.html', needs: ['omneo-points-balance', 'omneo-wishlist-button'] },
  { name: 'category page (badge + 48 hearts)', page: 'category.html', needs: ['omneo-points-balance', 'omneo-wishlist-button'] },
  { name: 'account page with the hub', page: 'account.html', needs: ['omneo-points-balance', 'omneo-rewards'] },
  {
    name: 'account page, elements side by side',
    page: 'account-elements.html',
    needs: ['omneo-points-balance', 'omneo-tier-progress', 'omneo-reward-wallet'],
    optional: ['omneo-wishlist'],
  },
];

export interface PageRun {
  /** Compressed bytes of JavaScript from /dist, as transferred. */
  jsBytes: number;
  /** The same JavaScript, decoded. */
  jsDecodedBytes: number;
  jsRequests: number;
  /** Token + API requests. */
  apiRequests: number;
  /** GET /profiles/me/lists among them: however many hearts a page has, one. */
  listsRequests: number;
  /** Every request the page made, the document included. */
  requests: number;
  /** ms from navigation start to the last omneo-ready (all loyalty data on screen), first page of the visit. */
  coldDataMs: number;
  /** The same on the next page of the visit: JS from the HTTP cache, data from the cross-page cache. */
  cachedDataMs: number;
  cls: number;
  /** ms from navigation start to the last widget JavaScript file, and to the token response (cold). */
  jsLoadedMs: number;
  tokenMs: number;
  /** JS heap used after a forced GC, bytes; and the same page without the widgets. */
  heapBytes: number;
  heapWithoutWidgetsBytes: number;
}

export type PageResult =
  | { name: string; page: string; status: 'measured'; runs: PageRun[]; median: PageRun; layoutShiftSources: string[]; notBuiltYet: string[] } | { name: string; page: string; status: 'not built yet'; missing: string[] };

export interface WishlistRun {
  /** ms from inserting the element (code already loaded) to its items on screen: fetch + parse + render. */
  defaultPageSizeMs: number;
  /** The same with every item rendered at once (page-size = item count). */
  allRowsMs: number;
  rowsRenderedByDefault: number;
  heapBytes: number;
}

/** Chromium's CPU slowdown for the main-thread figures: 4× is what Lighthouse and DevTools use for a mid-range phone. */
export const CPU_SLOWDOWN = 4;

export interface ThrottledSpec extends PageSpec {
  /** Ava's wishlist replaced by a synthetic one of this many items. */
  wishlistItems?: number;
}

export const THROTTLED_PAGES: ThrottledSpec[] = [
  { name: 'header badge', page: 'badge.html', needs: ['omneo-points-balance'] },
  { name: 'category page (badge + 48 hearts)', page: 'category.html', needs: ['omneo-points-balance', 'omneo-wishlist-button'] },
  { name: 'account page with the hub', page: 'account.html', needs: ['omneo-points-balance', 'omneo-rewards'] },
  { name: 'wishlist page, 200 items (badge + wishlist)', page: 'wishlist.html', needs: ['omneo-points-balance', 'omneo-wishlist'], wishlistItems: 200 },
];

export interface ThrottledRun {
  /** ms from navigation start to the last omneo-ready, first page of the visit and the next one (cross-page cache). */
  coldDataMs: number;
  cachedDataMs: number;
  /** Long tasks (over 50 ms) from navigation until the data is on screen and the network is quiet: their sum and the longest. */
  coldLongTaskMs: number;
  coldLongestTaskMs: number;
  cachedLongTaskMs: number;
  cachedLongestTaskMs: number;
  /** The same page without the widgets, cold: the theme's own long tasks, for comparison (first run only; 0 after). */
  withoutWidgetsLongTaskMs: number;
}

export type ThrottledResult =
  | { name: string; page: string; status: 'measured'; cpuSlowdown: number; runs: ThrottledRun[]; median: ThrottledRun; slowestColdLongTasks: { start: number; duration: number }[] }
  | { name: string; page: string; status: 'not built yet'; missing: string[] };

export interface ApiOriginRun {
  /** ms from navigation start to the badge's data on screen, first page of the visit. */
  withPreconnectMs: number;
  /** The same with the `<link rel="preconnect">` the widgets add turned into a plain link (the control). */
  withoutPreconnectMs: number;
}

export interface ApiOriginResult {
  page: string;
  connectMs: number;
  runs: ApiOriginRun[];
  median: ApiOriginRun;
}

/** The control for ApiOriginResult: `link.rel = 'preconnect'` does nothing, so the browser opens no connection early. */
const WITHOUT_PRECONNECT = () => {
  const rel = Object.getOwnPropertyDescriptor(HTMLLinkElement.prototype, 'rel')!;
  Object.defineProperty(HTMLLinkElement.prototype, 'rel', {
    ...rel,
    set(value: string) {
      if (value !== 'preconnect') rel.set!.call(this, value);
    },
  });
};

/**
 * Where the widgets' API calls go in PreflightResult: Omneo's own origin answering preflights with
 * `Access-Control-Max-Age: 7200` (Chromium's ceiling) or with none (5 s); the same with each preflight answered at
 * once (the control: what the preflights' round trips cost, the connections being the same); or the proxy's
 * pass-through route on the shop's own origin (no preflight).
 */
export const API_ROUTES = ['Omneo, Max-Age 7200', 'Omneo, no Max-Age', 'Omneo, preflights free (control)', 'pass-through'] as const;
export type ApiRoute = (typeof API_ROUTES)[number];

export const PREFLIGHT_PAGES: PageSpec[] = [
  { name: 'header badge', page: 'badge.html', needs: ['omneo-points-balance'] },
  { name: 'account page with the hub', page: 'account.html', needs: ['omneo-points-balance', 'omneo-rewards'] },
];

export interface PreflightRun {
  /** OPTIONS requests the server received for this page load. */
  coldPreflights: number;
  /** ms from navigation to the last omneo-ready (the next page's: from the cross-page cache). */
  coldDataMs: number;
  /** ms from navigation to the last API answer (the next page's: its data revalidated). */
  coldAnsweredMs: number;
  nextPreflights: number;
  nextDataMs: number;
  nextAnsweredMs: number;
  /**
   * The last API answer after the token and the widgets' code were both in (the later of the two): the API's part
   * alone, where preflights sit, and steadier than times from navigation on a busy machine. (A pass-through scope's
   * token route answers the next page from the proxy's token cache, the others mint each time: a mock latency more
   * before their token.)
   */
  coldAnsweredAfterTokenMs: number;
  nextAnsweredAfterTokenMs: number;
}

export type PreflightResult =
  | { name: string; page: string; route: ApiRoute; status: 'measured'; runs: PreflightRun[]; median: PreflightRun }
  | { name: string; page: string; route: ApiRoute; status: 'not built yet'; missing: string[] };

export type WishlistResult = { items: number; status: 'measured'; runs: WishlistRun[]; median: WishlistRun } | { items: number; status: 'not built yet' };

const OBSERVER = () => {
  const state = { cls: 0, shifted: [] as string[], ready: [] as { element: string; at: number }[], longTasks: [] as { start: number; duration: number }[] };
  // Registered before any of the page's scripts run, so no task is missed (long tasks are not buffered everywhere).
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) state.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask' });
  Object.defineProperty(window, '__bench', { value: state });
  type LayoutShift = PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node?: Node | null }[] };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as LayoutShift[]) {
      if (entry.hadRecentInput) continue;
      state.cls += entry.value;
      // What moved, so a shift can be traced to the element that caused it.
      for (const source of entry.sources ?? []) {
        const node = source.node;
        const name = node instanceof Element ? node.localName + (node.className && typeof node.className === 'string' ? `.${node.className.split(' ')[0]}` : '') : node?.nodeName ?? '?';
        if (!state.shifted.includes(name)) state.shifted.push(name);
      }
    }
  }).observe({ type: 'layout-shift', buffered: true });
  document.addEventListener('omneo-ready', (event) => {
    const detail = (event as CustomEvent<{ element?: unknown }>).detail;
    state.ready.push({ element: String(detail?.element ?? (event.target as Element).localName), at: event.timeStamp });
  });
};

interface BenchState {
  cls: number;
  shifted: string[];
  ready: { element: string; at: number }[];
  longTasks: { start: number; duration: number }[];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function medianOf<T extends object>(runs: T[]): T {
  const keys = Object.keys(runs[0]!) as (keyof T)[];
  return Object.fromEntries(keys.map((key) => [key, median(runs.map((run) => run[key] as number))])) as T;
}

export class BrowserBench {
  private constructor(
    readonly server: BuildServer,
    readonly browser: Browser,
    readonly latencyMs: number,
  ) {}

  static async start(latencyMs: number): Promise<BrowserBench> {
    const server = await createBuildServer();
    const browser = await chromium.launch({ executablePath: CHROME_PATH, args: CHROME_ARGS, headless: true });
    return new BrowserBench(server, browser, latencyMs);
  }

  async stop(): Promise<void> {
    await this.browser.close();
    await this.server.close();
  }

  get origin(): string {
    return this.server.origin;
  }

  /**
   * A fresh mock with every request delayed by the fixed latency, CORS preflights included (a page whose API is on
   * another origin pays one before each request: a round trip like the request's); `extra` rules match first.
   * `passThroughOnly`: the proxy's production pass-through configuration (pages with `api: 'passthrough'`).
   */
  async scope(extra: object[] = [], latencyMs = this.latencyMs, options: { passThroughOnly?: boolean } = {}): Promise<string> {
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${this.origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!response.ok) throw new Error(`POST ${path} → ${response.status}: ${await response.text()}`);
      return response.json() as Promise<{ scope: string }>;
    };
    const { scope } = await post('/__scopes', options);
    const rules = [...extra, ...(latencyMs > 0 ? [{ method: 'OPTIONS', latencyMs, times: null }, { latencyMs, times: null }] : [])];
    if (rules.length) await post(`/__scopes/${scope}/faults`, rules);
    return scope;
  }

  /** A bench page for Ava with the `customer` hint, unless `query` says otherwise (`customer: null` drops the hint). */
  url(page: string, scope: string, query: Record<string, string | null> = {}): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({ scope, persona: 'ava', customer: AVA_CUSTOMER, ...query })) if (value !== null) params.set(key, value);
    return `${this.origin}/bench/${page}?${params}`;
  }

  private async context(): Promise<BrowserContext> {
    const context = await this.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript({ content: "Object.defineProperty(window, '__name', { value: (fn) => fn })" });
    await context.addInitScript(OBSERVER);
    return context;
  }

  /** The tags the built bundle can show. */
  async builtTags(): Promise<string[]> {
    const context = await this.context();
    const page = await context.newPage();
    await page.goto(this.url('late.html', await this.scope()));
    await page.waitForFunction(() => Boolean(window.OmneoWidgets));
    const tags = await page.evaluate(async (known) => {
      const api = window.OmneoWidgets as unknown as { tags?: readonly string[] };
      if (api.tags) return [...api.tags];
      return known.filter((tag) => customElements.get(tag));
    }, KNOWN_TAGS);
    await context.close();
    return tags;
  }

  private async heapUsed(page: Page): Promise<number> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    await cdp.detach();
    return usedSize;
  }

  /**
   * Waits for every element on the page to show its data (each of the built tags' elements in the document has
   * sent omneo-ready: 48 hearts are not ready when the first is) and the network to go quiet, then reads the state.
   */
  private async settle(page: Page, built: string[]): Promise<BenchState> {
    await page.waitForFunction(
      (tags) => {
        const { ready } = (window as unknown as { __bench: BenchState }).__bench;
        return ready.length > 0 && ready.length >= document.querySelectorAll(tags.join(',')).length;
      },
      built,
      { timeout: 30_000 },
    );
    await page.waitForLoadState('networkidle');
    return page.evaluate(() => (window as unknown as { __bench: BenchState }).__bench);
  }

  async measurePage(spec: PageSpec, runs: number, built: string[]): Promise<PageResult> {
    const missing = spec.needs.filter((tag) => !built.includes(tag));
    if (missing.length) return { name: spec.name, page: spec.page, status: 'not built yet', missing };
    const results: PageRun[] = [];
    const shiftSources = new Set<string>();
    for (let run = 0; run < runs; run += 1) {
      const scope = await this.scope();
      const context = await this.context();
      const page = await context.newPage();
      await page.goto(this.url(spec.page, scope));
      const cold = await this.settle(page, built);
      const resources = await page.evaluate(() =>
        (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((entry) => ({
          path: new URL(entry.name).pathname,
          encoded: entry.encodedBodySize,
          decoded: entry.decodedBodySize,
          end: entry.responseEnd,
        })),
      );
      const js = resources.filter((r) => r.path.startsWith('/dist/') && r.path.endsWith('.js'));
      const api = resources.filter((r) => r.path.startsWith('/__scopes/'));
      const heapBytes = await this.heapUsed(page);

      // The next page of the same visit.
      await page.goto(this.url(spec.page, scope));
      const cached = await this.settle(page, built);
      await context.close();
      cold.shifted.concat(cached.shifted).forEach((name) => shiftSources.add(name));

      // The same page without the widgets, in its own context (and so its own renderer and heap).
      const plainContext = await this.context();
      const plain = await plainContext.newPage();
      await plain.goto(this.url(spec.page, scope, { widgets: 'off' }));
      await plain.waitForLoadState('networkidle');
      const heapWithoutWidgetsBytes = await this.heapUsed(plain);
      await plainContext.close();

      results.push({
        jsBytes: js.reduce((sum, r) => sum + r.encoded, 0),
        jsDecodedBytes: js.reduce((sum, r) => sum + r.decoded, 0),
        jsRequests: js.length,
        apiRequests: api.length,
        listsRequests: api.filter((r) => r.path.endsWith('/profiles/me/lists')).length,
        requests: resources.length + 1,
        coldDataMs: Math.max(...cold.ready.map((r) => r.at)),
        cachedDataMs: Math.max(...cached.ready.map((r) => r.at)),
        cls: Math.max(cold.cls, cached.cls),
        jsLoadedMs: Math.max(...js.map((r) => r.end)),
        tokenMs: Math.max(0, ...api.filter((r) => r.path.endsWith('/omneo/token')).map((r) => r.end)),
        heapBytes,
        heapWithoutWidgetsBytes,
      });
    }
    return {
      name: spec.name,
      page: spec.page,
      status: 'measured',
      runs: results,
      median: medianOf(results),
      layoutShiftSources: [...shiftSources],
      notBuiltYet: (spec.optional ?? []).filter((tag) => !built.includes(tag)),
    };
  }

  /**
   * The header badge with the ID API on its own origin, where each new connection costs `connectMs` (DNS, TCP and TLS on
   * a phone network; bench/serve.ts createSlowConnectFront), cold: with the widgets' preconnect and without it. Every
   * token and API answer keeps the bench's fixed latency.
   */
  async measureApiOrigin(runs: number, connectMs: number): Promise<ApiOriginResult> {
    const front = await createSlowConnectFront(this.server, connectMs);
    const results: ApiOriginRun[] = [];
    try {
      const coldDataMs = async (preconnect: boolean) => {
        // A profile of its own, as a shopper's browser has: Chromium ignores preconnects in the off-the-record
        // contexts that browser.newContext() makes (its network prediction is off there). A new one per run: cold.
        const profile = mkdtempSync(join(tmpdir(), 'omneo-bench-profile-'));
        const context = await chromium.launchPersistentContext(profile, { executablePath: CHROME_PATH, args: CHROME_ARGS, headless: true, viewport: { width: 1280, height: 900 } });
        try {
          await context.addInitScript({ content: "Object.defineProperty(window, '__name', { value: (fn) => fn })" });
          await context.addInitScript(OBSERVER);
          if (!preconnect) await context.addInitScript(WITHOUT_PRECONNECT);
          const page = await context.newPage();
          await page.goto(this.url('badge.html', await this.scope(), { 'api-origin': front.origin }));
          const state = await this.settle(page, ['omneo-points-balance']);
          return Math.max(...state.ready.map((r) => r.at));
        } finally {
          await context.close();
          rmSync(profile, { recursive: true, force: true });
        }
      };
      for (let run = 0; run < runs; run += 1) {
        // Alternated, so that a machine getting busier does not favour either side.
        const [first, second] = run % 2 ? [false, true] : [true, false];
        const a = await coldDataMs(first);
        const b = await coldDataMs(second);
        results.push(first ? { withPreconnectMs: a, withoutPreconnectMs: b } : { withPreconnectMs: b, withoutPreconnectMs: a });
      }
    } finally {
      await front.close();
    }
    return { page: 'badge.html', connectMs, runs: results, median: medianOf(results) };
  }

  /**
   * What CORS preflights cost a page whose ID API is on its own origin (each new connection to it `connectMs`, the
   * widgets' preconnect working): a shopper's first page and, after `dwellMs` on it (longer than the 5 s a browser
   * keeps a preflight without Max-Age), the next. Every preflight is a round trip with the fixed latency, as a real
   * one is. Against the proxy's pass-through route on the shop's own origin, which needs no preflight. Preflights are
   * counted where they arrive, at the server. A profile of its own per run: the preconnect works, nothing is warm.
   */
  async measurePreflights(spec: PageSpec, runs: number, connectMs: number, dwellMs: number, built: string[]): Promise<PreflightResult[]> {
    const missing = spec.needs.filter((tag) => !built.includes(tag));
    if (missing.length) return API_ROUTES.map((route) => ({ name: spec.name, page: spec.page, route, status: 'not built yet', missing }));
    const front = await createSlowConnectFront(this.server, connectMs);
    const preflights = new Map<string, number>();
    const countPreflight = (request: IncomingMessage) => {
      const scope = /^\/__scopes\/([^/]+)\//.exec(request.url ?? '')?.[1];
      if (request.method === 'OPTIONS' && scope) preflights.set(scope, (preflights.get(scope) ?? 0) + 1);
    };
    const measure = async (route: ApiRoute): Promise<PreflightRun> => {
      const passThrough = route === 'pass-through';
      const preflightRule = {
        'Omneo, Max-Age 7200': [{ method: 'OPTIONS', latencyMs: this.latencyMs, headers: { 'Access-Control-Max-Age': '7200' }, times: null }],
        'Omneo, preflights free (control)': [{ method: 'OPTIONS', times: null }],
      }[route as string] ?? [];
      const scope = await this.scope(preflightRule, this.latencyMs, { passThroughOnly: passThrough });
      const url = this.url(spec.page, scope, passThrough ? { api: 'passthrough' } : { 'api-origin': front.origin });
      const profile = mkdtempSync(join(tmpdir(), 'omneo-bench-profile-'));
      const context = await chromium.launchPersistentContext(profile, { executablePath: CHROME_PATH, args: CHROME_ARGS, headless: true, viewport: { width: 1280, height: 900 } });
      try {
        await context.addInitScript({ content: "Object.defineProperty(window, '__name', { value: (fn) => fn })" });
        await context.addInitScript(OBSERVER);
        const page = await context.newPage();
        const load = async () => {
          const before = preflights.get(scope) ?? 0;
          await page.goto(url);
          const state = await this.settle(page, built);
          const [answeredMs, readyToCallMs] = await page.evaluate(() => {
            const ends = (test: (path: string) => boolean) =>
              (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((entry) => test(new URL(entry.name).pathname)).map((entry) => entry.responseEnd);
            const answered = Math.max(0, ...ends((path) => path.includes('/profiles/me')));
            const tokenAndCode = Math.max(0, ...ends((path) => path.endsWith('/omneo/token') || (path.startsWith('/dist/') && path.endsWith('.js'))));
            return [answered, tokenAndCode];
          });
          return { preflights: (preflights.get(scope) ?? 0) - before, dataMs: Math.max(...state.ready.map((r) => r.at)), answeredMs, readyToCallMs: readyToCallMs! };
        };
        // The shopper's browser is running and she is on the shop: a page of it without the widgets first (its
        // stylesheet cached, nothing of ours), so that cold is the widgets' first page, not Chromium's start-up.
        await page.goto(this.url(spec.page, scope, { widgets: 'off' }));
        await page.waitForLoadState('networkidle');
        const cold = await load();
        await page.waitForTimeout(dwellMs);
        const next = await load();
        return {
          coldPreflights: cold.preflights,
          coldDataMs: cold.dataMs,
          coldAnsweredMs: cold.answeredMs,
          nextPreflights: next.preflights,
          nextDataMs: next.dataMs,
          nextAnsweredMs: next.answeredMs,
          coldAnsweredAfterTokenMs: cold.answeredMs - cold.readyToCallMs,
          nextAnsweredAfterTokenMs: next.answeredMs - next.readyToCallMs,
        };
      } finally {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      }
    };
    const runsOf = new Map<ApiRoute, PreflightRun[]>(API_ROUTES.map((route) => [route, []]));
    this.server.server.on('request', countPreflight);
    // Node closes an idle connection after 5 s, so the next page would pay new connections to the API's origin that
    // a load balancer (60 s idle, AWS's) or nginx (75 s) would have kept; Chromium keeps a used one 5 min.
    const { keepAliveTimeout } = this.server.server;
    this.server.server.keepAliveTimeout = 65_000;
    try {
      for (let run = 0; run < runs; run += 1) {
        // Interleaved, each run starting with another route, so that a machine getting busier favours none.
        const order = API_ROUTES.map((_, i) => API_ROUTES[(i + run) % API_ROUTES.length]!);
        for (const route of order) runsOf.get(route)!.push(await measure(route));
      }
    } finally {
      this.server.server.off('request', countPreflight);
      this.server.server.keepAliveTimeout = keepAliveTimeout;
      await front.close();
    }
    return API_ROUTES.map((route) => {
      const measured = runsOf.get(route)!;
      return { name: spec.name, page: spec.page, route, status: 'measured', runs: measured, median: medianOf(measured) };
    });
  }

  async measureWishlist(items: number, runs: number, built: string[]): Promise<WishlistResult> {
    if (!built.includes('omneo-wishlist')) return { items, status: 'not built yet' };
    const results: WishlistRun[] = [];
    for (let run = 0; run < runs; run += 1) {
      const render = async (pageSize: number | null) => {
        const scope = await this.wishlistScope(items);
        const context = await this.context();
        const page = await context.newPage();
        await page.goto(this.url('late.html', scope, { customer: null }));
        await page.waitForFunction(() => Boolean(window.OmneoWidgets));
        const timing = await page.evaluate(async (size) => {
          const api = window.OmneoWidgets as unknown as { load?: (...tags: string[]) => Promise<void> };
          await api.load?.('omneo-wishlist');
          await customElements.whenDefined('omneo-wishlist');
          const state = (window as unknown as { __bench: BenchState }).__bench;
          const element = document.createElement('omneo-wishlist');
          if (size !== null) element.setAttribute('page-size', String(size));
          const started = performance.now();
          document.getElementById('slot')!.append(element);
          await new Promise<void>((resolve) => {
            const check = () => (state.ready.some((r) => r.element === 'omneo-wishlist') ? resolve() : requestAnimationFrame(check));
            check();
          });
          // Data is in the DOM; the next frame has painted it.
          await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
          return { ms: performance.now() - started, rows: element.shadowRoot?.querySelectorAll('[part~=item]').length ?? 0 };
        }, pageSize);
        const heapBytes = await this.heapUsed(page);
        await context.close();
        return { ...timing, heapBytes };
      };
      const byDefault = await render(null);
      const all = await render(items);
      if (all.rows !== items) throw new Error(`expected ${items} wishlist rows with page-size=${items}, saw ${all.rows}`);
      results.push({ defaultPageSizeMs: byDefault.ms, allRowsMs: all.ms, rowsRenderedByDefault: byDefault.rows, heapBytes: all.heapBytes });
    }
    return { items, status: 'measured', runs: results, median: medianOf(results) };
  }

  /**
   * Main-thread cost with the CPU slowed CPU_SLOWDOWN times (CDP Emulation.setCPUThrottlingRate, as DevTools and
   * Lighthouse do): the long tasks from navigation until every element shows its data, cold and on the next page
   * of the visit, and when the data was on screen. The network keeps the bench's fixed mock latency.
   */
  async measureThrottled(spec: ThrottledSpec, runs: number, built: string[]): Promise<ThrottledResult> {
    const missing = spec.needs.filter((tag) => !built.includes(tag));
    if (missing.length) return { name: spec.name, page: spec.page, status: 'not built yet', missing };
    const sum = (tasks: BenchState['longTasks']) => tasks.reduce((total, task) => total + task.duration, 0);
    const longest = (tasks: BenchState['longTasks']) => Math.max(0, ...tasks.map((task) => task.duration));
    const results: ThrottledRun[] = [];
    let slowestColdTasks: BenchState['longTasks'] = [];
    for (let run = 0; run < runs; run += 1) {
      const scope = spec.wishlistItems ? await this.wishlistScope(spec.wishlistItems, this.latencyMs) : await this.scope();
      const context = await this.context();
      const page = await this.throttledPage(context);
      await page.goto(this.url(spec.page, scope));
      const cold = await this.settle(page, built);
      await page.goto(this.url(spec.page, scope));
      const cached = await this.settle(page, built);
      await context.close();

      // Once per page: the theme alone has had no long task, or one just over 50 ms, and each run costs a second.
      let plainTasks: BenchState['longTasks'] = [];
      if (run === 0) {
        const plainContext = await this.context();
        const plain = await this.throttledPage(plainContext);
        await plain.goto(this.url(spec.page, scope, { widgets: 'off' }));
        await plain.waitForLoadState('networkidle');
        plainTasks = await plain.evaluate(() => (window as unknown as { __bench: BenchState }).__bench.longTasks);
        await plainContext.close();
      }

      if (sum(cold.longTasks) >= Math.max(0, ...results.map((r) => r.coldLongTaskMs))) slowestColdTasks = cold.longTasks;
      results.push({
        coldDataMs: Math.max(...cold.ready.map((r) => r.at)),
        cachedDataMs: Math.max(...cached.ready.map((r) => r.at)),
        coldLongTaskMs: sum(cold.longTasks),
        coldLongestTaskMs: longest(cold.longTasks),
        cachedLongTaskMs: sum(cached.longTasks),
        cachedLongestTaskMs: longest(cached.longTasks),
        withoutWidgetsLongTaskMs: sum(plainTasks),
      });
    }
    const median = { ...medianOf(results), withoutWidgetsLongTaskMs: results[0]!.withoutWidgetsLongTaskMs };
    return { name: spec.name, page: spec.page, status: 'measured', cpuSlowdown: CPU_SLOWDOWN, runs: results, median, slowestColdLongTasks: slowestColdTasks };
  }

  /** A page whose renderer runs CPU_SLOWDOWN times slower; the setting stays with the page across its navigations. */
  private async throttledPage(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    return page;
  }

  /**
   * The list is served as the mock's answer to GET /profiles/me/lists, the same synthetic shape for every size,
   * so that sizes compare (the seeded 200-item persona, olivia, would add the mock's own date shifting).
   * Render time alone is about our code: no added latency by default.
   */
  private wishlistScope(items: number, latencyMs = 0): Promise<string> {
    const rules = [{ method: 'GET', path: '^/profiles/me/lists$', status: 200, body: { data: [syntheticWishlist(items)] }, latencyMs, times: null }];
    return this.scope(rules, latencyMs);
  }
}

/** A wishlist shaped like omneo-api.md §2.8, quirks included (numbers as strings, relative image URLs). */
export function syntheticWishlist(count: number): object {
  const colours = ['Sand', 'Navy', 'Sage', 'Black', 'White', 'Rust'];
  const sizes = ['XS', 'S', 'M', 'L', 'XL'];
  const items = Array.from({ length: count }, (_, i) => {
    const colour = colours[i % colours.length]!;
    const size = sizes[i % sizes.length]!;
    const sku = `BENCH-${String(i).padStart(4, '0')}-${colour.toUpperCase()}-${size}`;
    return {
      id: 900000 + i,
      product_list_id: 7001,
      quantity: i % 3 ? 1 : '1',
      position: i,
      status: null,
      meta: i % 4 ? null : { source: 'pdp' },
      created_at: '2025-11-02 08:44:10',
      product_variant: {
        id: 500000 + i,
        sku,
        external_id: String(44556600000 + i),
        barcode: null,
        title: `Benchmark Item ${i} - ${colour} / ${size}`,
        price: i % 2 ? (49 + (i % 50)).toFixed(2) : 49 + (i % 50),
        price_discounted: i % 5 ? null : '39.00',
        web_url: `https://shop.example.com.au/products/bench-${i}`,
        images: i % 7 ? [{ url: `/products/bench-${i}.jpg`, sort_order: 1 }] : [],
        options: [{ name: 'Colour', value: colour }, { name: 'Size', value: size }],
      },
      product: { id: 300000 + i, title: `Benchmark Item ${i}`, handle: `bench-${i}`, brand: i % 3 ? 'Harbour & Co' : null, currency: 'AUD' },
    };
  });
  return {
    id: 7001,
    name: 'Wishlist',
    handle: 'wishlist',
    description: null,
    is_shared: false,
    shares: [],
    tags: [],
    definition: { id: 1, name: 'Wishlist', handle: 'wishlist', type: 'wishlist', allow_quantity: false, allow_share: true },
    items,
  };
}
