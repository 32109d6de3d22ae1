/**
 * The platform's own `fetch`, called the way Cloudflare Workers insist on: as a plain function (or on
 * the global object), never as a method of another object. workerd throws "Illegal invocation" when
 * `this` is anything else, so `options.fetch(url)` with the bare global in `options` fails every mint.
 * The stand-in below enforces that rule on Node, for the default fetch and for a bare global passed
 * in the configuration.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createMockOmneo, inProcessFetch } from '../../server/mock-omneo/index.js';
import { createProxy, signAssertion, signedAssertionAdapter, type ProxyConfig } from '../../server/proxy/index.js';
import { sessionLookupAdapter } from '../../server/proxy/examples/session-lookup.js';
import { AVA_PROFILE_ID, AVA_SHOPIFY_ID, decodePayload } from './helpers.js';

const ADMIN_TOKEN = 'workers-admin-token-0123456789';
const SECRET = 'workers-assertion-secret-0123456789abcdef0123';
const ID_API = 'https://api.demo.getomneo.test/id/api/v1';

const realFetch = globalThis.fetch;
let calls: string[] = [];

/** Like workerd's fetch: usable as `fetch(…)` or `globalThis.fetch(…)`, and nothing else. */
function workersLikeFetch(upstream: typeof fetch, whoAmI?: typeof fetch): typeof fetch {
  return function fetch(this: unknown, input: RequestInfo | URL, init?: RequestInit) {
    if (this !== undefined && this !== globalThis) throw new TypeError('Illegal invocation');
    const url = new Request(input, init).url;
    calls.push(url);
    return url.startsWith('https://www.example.com/') && whoAmI ? whoAmI(input, init) : upstream(input, init);
  } as typeof fetch;
}

function config(extra: Partial<ProxyConfig> = {}): ProxyConfig {
  return {
    idApiBase: ID_API,
    adminApiBase: 'https://api.demo.getomneo.test/api/v3',
    adminToken: ADMIN_TOKEN,
    identity: [signedAssertionAdapter({ secret: SECRET })],
    idHandle: 'shopify',
    passThrough: true,
    rateLimits: false,
    ...extra,
  };
}

const cookie = async () => `omneo_identity=${await signAssertion(SECRET, AVA_SHOPIFY_ID, Math.floor(Date.now() / 1000) + 120)}`;

async function exercise(proxy: ReturnType<typeof createProxy>) {
  const token = await proxy.fetch(new Request('https://proxy.example/omneo/token', { method: 'POST', headers: { Cookie: await cookie() } }));
  assert.equal(token.status, 200, await token.clone().text());
  assert.equal(decodePayload(((await token.json()) as { token: string }).token).pid, AVA_PROFILE_ID);
  const tiers = await proxy.fetch(new Request('https://proxy.example/omneo/tiers'));
  assert.equal(tiers.status, 200, await tiers.clone().text());
  const balances = await proxy.fetch(new Request('https://proxy.example/omneo/api/me/balances', { headers: { Cookie: await cookie() } }));
  assert.equal(balances.status, 200, await balances.clone().text());
}

describe("proxy on a runtime whose fetch must not be called as a method (Cloudflare Workers' Illegal invocation)", () => {
  let mockFetch: typeof fetch;
  beforeEach(() => {
    calls = [];
    mockFetch = inProcessFetch(createMockOmneo({ adminToken: ADMIN_TOKEN }).app);
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('mints, reads the tier ladder and passes through with the default (global) fetch', async () => {
    globalThis.fetch = workersLikeFetch(mockFetch);
    await exercise(createProxy(config()));
    assert.ok(calls.some((url) => url.endsWith('/auth/token')) && calls.some((url) => url.includes('/tiers/definitions')), calls.join(', '));
  });

  it('also with the bare global passed as `fetch` in the configuration', async () => {
    const bare = workersLikeFetch(mockFetch);
    await exercise(createProxy(config({ fetch: bare })));
    assert.ok(calls.length >= 3, calls.join(', '));
  });

  it("the session-lookup example calls the who-am-I endpoint with the default fetch", async () => {
    globalThis.fetch = workersLikeFetch(mockFetch, async () => Response.json({ customerId: AVA_SHOPIFY_ID }));
    const adapter = sessionLookupAdapter({ whoAmIUrl: 'https://www.example.com/whoami', cookieNames: ['dwsid'], idHandle: 'shopify', proxyKey: 'k' });
    const proxy = createProxy(config({ identity: [adapter] }));
    const res = await proxy.fetch(new Request('https://proxy.example/omneo/token', { method: 'POST', headers: { Cookie: 'dwsid=s1' } }));
    assert.equal(res.status, 200, await res.clone().text());
    assert.ok(calls[0]?.startsWith('https://www.example.com/whoami'));
  });
});
