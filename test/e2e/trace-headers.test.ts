/**
 * Troubleshooting's row for a storefront's browser monitoring (Datadog RUM, Sentry, New Relic): it wraps
 * `window.fetch` and adds its trace headers to the calls it traces, the widgets' calls to Omneo among them, and
 * Omneo's CORS (the mock's: `Authorization`, `Content-Type`, `Accept`) refuses the preflight. The widgets call the
 * global `fetch` when they call (src/api/client.ts), so a wrapper installed before their script and one a tag
 * manager installs after it both catch their calls. Such calls never reach the ID API (the browser stops at the
 * preflight, which the mock does not log): the scope's request log holds only the token request, though the page
 * made every call. The fixes the row gives: the proxy's pass-through API base (here a proxy on a host of its own,
 * whose CORS allows trace headers; on the shop's own origin there is no preflight at all), or the monitoring's
 * tracing list limited to other hosts.
 *
 * No E2E.openWithConfig here: a context with a route has its CORS preflights answered by Playwright (see there).
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { createSlowConnectFront } from '../../bench/serve.js';
import { nodeListener } from '../../server/dev/app.js';
import { createMockOmneo, inProcessFetch, MOCK_ADMIN_TOKEN, personaInfo } from '../../server/mock-omneo/index.js';
import { createProxy } from '../../server/proxy/index.js';
import { E2E, Opened, type PageRecord } from './harness.js';

type Front = Awaited<ReturnType<typeof createSlowConnectFront>>;

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const CARD = 'main omneo-points-balance';
const BADGE = 'header omneo-points-balance';
const BALANCES = '/profiles/me/balances';

interface Traced {
  __traced: string[];
  __tracingInstalledAfterWidgets: boolean;
}

/**
 * What a monitoring tool does to `window.fetch`: every call it traces (all of them, or those to `only`'s origins,
 * as Datadog's `allowedTracingUrls` or Sentry's `tracePropagationTargets` limit it) gets a `traceparent`. It
 * records the URLs it traced, and whether the widgets' script had run when it was installed.
 */
const TRACING = ({ only, traceparent }: { only: string[] | null; traceparent: string }) => {
  const w = window as unknown as Traced;
  w.__traced = [];
  w.__tracingInstalledAfterWidgets = 'OmneoWidgets' in window;
  const original = window.fetch;
  window.fetch = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (only && !only.includes(url.origin)) return original.call(this, input, init);
    w.__traced.push(url.href);
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    headers.set('traceparent', traceparent);
    return original.call(this, input, { ...init, headers });
  } as typeof fetch;
};

const traced = (page: Page) => page.evaluate(() => (window as unknown as Traced).__traced);

/** Every request the page sent (preflights are not requests here), with the `traceparent` it carried. */
function sentRequests(page: Page) {
  const sent: { url: string; traceparent: string | undefined }[] = [];
  page.on('request', (request) => void request.allHeaders().then((headers) => sent.push({ url: request.url(), traceparent: headers.traceparent })));
  return sent;
}

describe('trace headers added by a storefront’s browser monitoring (Troubleshooting), against the built CDN bundle', () => {
  let e2e: E2E;
  /** The scoped mock ID API on another origin, as Omneo's is for a storefront. */
  let api: Front;
  /**
   * A pass-through proxy on a host of its own, in front of a mock of its own, for a storefront page on another origin
   * (allowed by the proxy) that loads the built files from the e2e server, as from a CDN.
   */
  let proxy: { origin: string; log: Record<string, unknown>[]; upstream: { path: string; traceparent: string | null }[] };
  let storefront: { origin: string };
  const servers: Server[] = [];

  async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
    const server = createServer(handler);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  before(async () => {
    e2e = await E2E.start();
    api = await createSlowConnectFront(e2e.server, 0);

    // The fixture page as bench/serve.ts renders it (the script from the e2e server: `cdn-origin`), with the
    // pass-through configuration in its omneo-config block. Served, not fulfilled by a Playwright route as
    // E2E.openWithConfig does: while a context has a route, Playwright answers every CORS preflight itself,
    // allowing whatever was asked, and Chromium treats a fulfilled page's calls to loopback as from the public
    // internet (Local Network Access), so neither the proxy's CORS nor its refusal would be what the page met.
    storefront = {
      origin: await listen(async (req, res) => {
        if (req.url === '/favicon.ico') return void res.writeHead(204).end();
        if (!req.url?.startsWith('/e2e/points.html')) return void res.writeHead(404).end();
        const rendered = await (await fetch(`${e2e.pageUrl('points.html', null)}&cdn-origin=${encodeURIComponent(e2e.origin)}`)).text();
        const config = JSON.stringify({ tokenEndpoint: `${proxy.origin}/omneo/token`, apiBase: `${proxy.origin}/omneo/api`, locale: 'en-AU' });
        const html = rendered
          .replace(/(<script type="application\/json" id="omneo-config">)[\s\S]*?(<\/script>)/, (_, open: string, close: string) => `${open}${config}${close}`)
          .replaceAll('"/e2e/', `"${e2e.origin}/e2e/`);
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(html);
      }),
    };

    const mock = createMockOmneo();
    const direct = inProcessFetch(mock.app);
    const log: Record<string, unknown>[] = [];
    const upstream: { path: string; traceparent: string | null }[] = [];
    const app = createProxy({
      idApiBase: 'http://omneo.internal/id/api/v1',
      adminApiBase: 'http://omneo.internal/api/v3',
      adminToken: MOCK_ADMIN_TOKEN,
      identity: [{ name: 'ava', verify: async () => ({ customerId: personaInfo('ava')!.shopifyCustomerId }) }],
      idHandle: 'shopify',
      allowedOrigins: [storefront.origin],
      passThrough: true,
      rateLimits: false,
      logger: (entry) => log.push(entry),
      // What reaches Omneo, with the trace header it carried (none should: the proxy forwards no browser header).
      fetch: (input, init) => {
        const request = new Request(input, init);
        upstream.push({ path: new URL(request.url).pathname, traceparent: request.headers.get('traceparent') });
        return direct(request);
      },
    });
    proxy = { origin: await listen(nodeListener(app)), log, upstream };
  });

  after(async () => {
    await api?.close();
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
    await e2e?.stop();
  });

  async function errorEvents(opened: Opened) {
    return (await opened.record()).events.filter((e) => e.type === 'omneo-error').map((e) => e.detail) as PageRecord['events'][number]['detail'][];
  }

  /** Both elements show their error state and the console carries Chromium's CORS line naming `traceparent`. */
  async function assertRefusedForTraceparent(opened: Opened, apiOrigin: string) {
    const { page } = opened;
    const alert = page.locator(`${CARD} [part~=error][role=alert]`);
    await alert.waitFor();
    await page.locator(`${BADGE} [role=alert]`).waitFor();
    assert.match((await alert.textContent()) ?? '', /We couldn't load/);
    const cors = await opened.consoleErrorsStarting(`Access to fetch at '${apiOrigin}/`);
    for (const line of cors) {
      assert.match(
        line,
        /has been blocked by CORS policy: Request header field traceparent is not allowed by Access-Control-Allow-Headers in preflight response\.$/,
      );
    }
    assert.ok(cors.some((line) => line.includes(BALANCES)), cors.join('\n'));
    const errors = await errorEvents(opened);
    assert.ok(errors.length > 0 && errors.every((d) => d.kind === 'network'), JSON.stringify(errors));
  }

  it('a wrapper installed before the widgets’ script adds traceparent to their calls to Omneo: the preflight is refused and every element shows its error', async () => {
    const scope = await e2e.scope();
    const context = await e2e.context();
    await context.addInitScript(TRACING, { only: null, traceparent: TRACEPARENT });
    const opened = new Opened(context, await context.newPage());
    try {
      const sent = sentRequests(opened.page);
      await opened.page.goto(`${e2e.pageUrl('points.html', scope)}&api-origin=${encodeURIComponent(api.origin)}`);
      await assertRefusedForTraceparent(opened, api.origin);
      // The wrapper saw the widgets' calls: the token request and the calls to the ID API.
      const urls = await traced(opened.page);
      assert.ok(urls.some((u) => u.endsWith('/omneo/token')), urls.join('\n'));
      assert.ok(urls.some((u) => u.startsWith(`${api.origin}/`) && u.includes(BALANCES)), urls.join('\n'));
      const toApi = sent.filter((s) => s.url.startsWith(`${api.origin}/`));
      assert.ok(toApi.length > 0 && toApi.every((s) => s.traceparent === TRACEPARENT), JSON.stringify(toApi));
      // None of them reached the ID API: the browser stopped at the preflight (which the mock does not log).
      assert.deepEqual(await scope.requests(), [{ method: 'POST', path: '/omneo/token', search: '' }]);
    } finally {
      await opened.close();
    }
  });

  it('so does a wrapper a tag manager installs after the widgets’ script has loaded, before their calls to Omneo', async () => {
    const scope = await e2e.scope();
    // A slow mint keeps the widgets' calls to Omneo waiting for their token while the tag manager's script runs.
    await scope.addFaults({ path: '^/auth/token$', latencyMs: 2000, times: null });
    const context = await e2e.context();
    const opened = new Opened(context, await context.newPage());
    try {
      const sent = sentRequests(opened.page);
      await opened.page.goto(`${e2e.pageUrl('points.html', scope)}&api-origin=${encodeURIComponent(api.origin)}`);
      await opened.page.waitForFunction(() => 'OmneoWidgets' in window && document.readyState === 'complete');
      await opened.page.evaluate(TRACING, { only: null, traceparent: TRACEPARENT });
      await assertRefusedForTraceparent(opened, api.origin);
      assert.equal(await opened.page.evaluate(() => (window as unknown as Traced).__tracingInstalledAfterWidgets), true);
      const urls = await traced(opened.page);
      // The token request was already on its way (the loader starts it at once); the calls to Omneo went through the wrapper.
      assert.ok(!urls.some((u) => u.endsWith('/omneo/token')), urls.join('\n'));
      assert.ok(urls.some((u) => u.startsWith(`${api.origin}/`) && u.includes(BALANCES)), urls.join('\n'));
      assert.equal(sent.find((s) => s.url.endsWith('/omneo/token'))?.traceparent, undefined);
      const toApi = sent.filter((s) => s.url.startsWith(`${api.origin}/`));
      assert.ok(toApi.length > 0 && toApi.every((s) => s.traceparent === TRACEPARENT), JSON.stringify(toApi));
    } finally {
      await opened.close();
    }
  });

  it('with the API base on the proxy’s pass-through route, whose CORS allows trace headers, every element loads; the proxy logs the trace and Omneo never sees it', async () => {
    const context = await e2e.context();
    await context.addInitScript(TRACING, { only: null, traceparent: TRACEPARENT });
    const opened = new Opened(context, await context.newPage());
    const sent = sentRequests(opened.page);
    await opened.page.goto(`${storefront.origin}/e2e/points.html`);
    try {
      await opened.waitForAllReady();
      assert.equal((await opened.page.locator(`${CARD} [part=points]`).textContent())?.trim(), '1,250 points');
      assert.deepEqual(await errorEvents(opened), []);
      assert.deepEqual(opened.consoleErrors, []);
      const toProxy = sent.filter((s) => s.url.startsWith(`${proxy.origin}/omneo/api/`));
      assert.ok(toProxy.length > 0 && toProxy.every((s) => s.traceparent === TRACEPARENT), JSON.stringify(sent));
      // The calls were preflighted (the page is on another origin) and the proxy allowed what they asked for; it
      // received the header (each call's log line carries it) and did not pass it on.
      const calls = proxy.log.filter((l) => l.event === 'omneo.api');
      assert.ok(calls.some((l) => l.method === 'OPTIONS' && l.outcome === 'preflight' && l.status === 204), JSON.stringify(calls));
      const forwarded = calls.filter((l) => l.method !== 'OPTIONS');
      assert.ok(forwarded.some((l) => l.upstreamPath === BALANCES), JSON.stringify(calls));
      assert.ok(forwarded.every((l) => l.trace === TRACEPARENT && l.status === 200 && l.outcome === 'forwarded'), JSON.stringify(forwarded));
      assert.ok(proxy.upstream.some((u) => u.path.endsWith(BALANCES)), JSON.stringify(proxy.upstream));
      assert.deepEqual(proxy.upstream.filter((u) => u.traceparent !== null), []);
    } finally {
      await opened.close();
    }
  });

  it('with the wrapper limited to other hosts (Omneo’s left out of the tracing list), every element loads', async () => {
    const scope = await e2e.scope();
    const context = await e2e.context();
    // As `allowedTracingUrls: [location.origin]`: the shop's own calls (the token route here) are traced.
    await context.addInitScript(TRACING, { only: [e2e.origin], traceparent: TRACEPARENT });
    const opened = new Opened(context, await context.newPage());
    try {
      const sent = sentRequests(opened.page);
      await opened.page.goto(`${e2e.pageUrl('points.html', scope)}&api-origin=${encodeURIComponent(api.origin)}`);
      await opened.waitForAllReady();
      assert.equal((await opened.page.locator(`${CARD} [part=points]`).textContent())?.trim(), '1,250 points');
      assert.deepEqual(await errorEvents(opened), []);
      assert.deepEqual(opened.consoleErrors, []);
      assert.equal(sent.find((s) => s.url.endsWith('/omneo/token'))?.traceparent, TRACEPARENT, 'the wrapper was on');
      const toApi = sent.filter((s) => s.url.startsWith(`${api.origin}/`));
      assert.ok(toApi.length > 0 && toApi.every((s) => s.traceparent === undefined), JSON.stringify(toApi));
      assert.equal(await scope.count(BALANCES), 1);
    } finally {
      await opened.close();
    }
  });
});
