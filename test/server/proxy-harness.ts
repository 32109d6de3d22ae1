/**
 * A production-configured proxy in front of the real mock Omneo, for the proxy tests: every call the
 * proxy makes upstream goes through a counting spy, every log line is kept, and every response is
 * recorded so a test can prove nothing secret ever left.
 */
import assert from 'node:assert/strict';
import { createMockOmneo, inProcessFetch } from '../../server/mock-omneo/index.js';
import {
  createProxy,
  memoryStore,
  shopifyAppProxyAdapter,
  signAssertion,
  signedAssertionAdapter,
  signShopifyProxyQuery,
  type ProxyConfig,
} from '../../server/proxy/index.js';
import { manualClock } from './helpers.js';

// Distinctive values, so a leak into a log line or a response is easy to spot.
export const ADMIN_TOKEN = 'ADMIN-TOKEN-sk_live_9f8e7d6c5b4a39281706';
export const ASSERTION_SECRET = 'ASSERTION-SECRET-0123456789abcdef0123456789abcdef';
export const SHOPIFY_SECRET = 'shpss_SHOPIFY-SECRET-00112233445566778899aabb';
export const SHOP = 'harbour-co.myshopify.com';
export const STOREFRONT = 'https://www.harbour.example';
export const PROXY_ORIGIN = 'https://loyalty-proxy.harbour.example';
export const ID_API = 'https://api.demo.getomneo.test/id/api/v1';
export const ADMIN_API = 'https://api.demo.getomneo.test/api/v3';
export const ZOE_SHOPIFY_ID = '7321987650011';
export const ZOE_PROFILE_ID = '0b7e2c41-3d5a-4f8e-9c61-7a2d4e8b1f03';

export interface UpstreamCall {
  method: string;
  url: string;
  path: string;
  body: string;
  authorization: string | null;
  /** The fetch's redirect mode: 'manual' on every call, so no token is carried to where a redirect points. */
  redirect: RequestRedirect;
}

export interface Sent {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: BodyInit;
  cookie?: string;
  origin?: string | null;
  ip?: string;
}

export interface HarnessOptions {
  /** The default memory store's capacity per kind (tests of its bounds use a small one). */
  storeMaxEntries?: number;
}

export function harness(overrides: Partial<ProxyConfig> = {}, options: HarnessOptions = {}) {
  const clock = manualClock();
  const mock = createMockOmneo({ adminToken: ADMIN_TOKEN, now: clock.now });
  const upstream: UpstreamCall[] = [];
  const logs: Array<Record<string, unknown>> = [];
  const responses: Array<{ status: number; text: string; headers: string }> = [];
  const mockFetch = inProcessFetch(mock.app);
  const spy: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    upstream.push({
      method: request.method,
      url: request.url,
      path: url.pathname,
      body: request.body ? await request.clone().text() : '',
      authorization: request.headers.get('authorization'),
      redirect: request.redirect,
    });
    return mockFetch(request);
  };
  const store = overrides.store ?? memoryStore({ now: clock.nowMs, maxEntries: options.storeMaxEntries });
  const config: ProxyConfig = {
    idApiBase: ID_API,
    adminApiBase: ADMIN_API,
    adminToken: ADMIN_TOKEN,
    identity: [
      shopifyAppProxyAdapter({ secret: SHOPIFY_SECRET, shops: [SHOP], now: clock.nowMs }),
      signedAssertionAdapter({ secret: ASSERTION_SECRET, now: clock.nowMs }),
    ],
    idHandle: 'shopify',
    allowedOrigins: [STOREFRONT],
    passThrough: true,
    store,
    fetch: spy,
    logger: (entry) => logs.push(entry),
    now: clock.nowMs,
    clientIp: (request) => request.headers.get('x-test-ip') ?? '203.0.113.7',
    ...overrides,
  };
  const proxy = createProxy(config);
  const nowS = () => Math.floor(clock.nowMs() / 1000);

  async function send(path: string, options: SendOptions = {}): Promise<Sent> {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    if (options.cookie !== undefined) headers.Cookie = options.cookie;
    if (options.origin !== null) headers.Origin = options.origin ?? STOREFRONT;
    if (options.ip) headers['X-Test-IP'] = options.ip;
    const init: RequestInit & { duplex?: 'half' } = { method: options.method ?? 'POST', headers, body: options.body };
    if (options.body instanceof ReadableStream) init.duplex = 'half';
    const response = await proxy.fetch(new Request(`${PROXY_ORIGIN}${path}`, init));
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    responses.push({ status: response.status, text, headers: JSON.stringify([...response.headers]) });
    return { status: response.status, headers: response.headers, text, json };
  }

  /** A valid signed-assertion cookie for a customer (Ava by default). */
  async function assertionCookie(customerId = '7321987654321', exp = nowS() + 300, secret = ASSERTION_SECRET) {
    return `omneo_identity=${await signAssertion(secret, customerId, exp)}`;
  }

  /** A query string as Shopify's app proxy would append it, signed. */
  async function shopifyQuery(
    options: { customer?: string; timestamp?: number; shop?: string; secret?: string; extra?: Record<string, string> } = {},
  ): Promise<string> {
    const query = await signShopifyProxyQuery(options.secret ?? SHOPIFY_SECRET, {
      ...options.extra,
      shop: options.shop ?? SHOP,
      logged_in_customer_id: options.customer ?? '7321987654321',
      path_prefix: '/apps/omneo',
      timestamp: String(options.timestamp ?? nowS()),
    });
    return query.toString();
  }

  /**
   * No log line holds a secret, a token passed in `tokens` or anything JWT-shaped; no response holds a secret, and only a
   * token answer (a body starting `{"token"`, whatever its route or status) holds a JWT.
   */
  function assertNoLeaks(tokens: string[] = []) {
    const secrets = [ADMIN_TOKEN, ASSERTION_SECRET, SHOPIFY_SECRET];
    for (const entry of logs) {
      const line = JSON.stringify(entry);
      for (const secret of [...secrets, ...tokens]) assert.ok(!line.includes(secret), `log line leaks ${secret.slice(0, 12)}…: ${line}`);
      assert.doesNotMatch(line, /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}/, `log line holds a JWT: ${line}`);
    }
    for (const response of responses) {
      for (const secret of secrets) assert.ok(!(response.text + response.headers).includes(secret), `response leaks ${secret.slice(0, 12)}…`);
      if (!response.text.startsWith('{"token"')) {
        assert.doesNotMatch(response.text + response.headers, /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\./, 'a token outside a token response');
      }
    }
  }

  return { proxy, mock, clock, upstream, logs, responses, store, config, send, nowS, assertionCookie, shopifyQuery, assertNoLeaks };
}

export type Harness = ReturnType<typeof harness>;
