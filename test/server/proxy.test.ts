import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMockOmneo, inProcessFetch } from '../../server/mock-omneo/index.js';
import {
  createProxy,
  proxyConfigFromEnv,
  ProxyEnvError,
  signAssertion,
  signedAssertionAdapter,
  type IdentityAdapter,
  type ProxyConfig,
} from '../../server/proxy/index.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ENV_VARIABLES } from '../../server/proxy/env.js';
import { hmacKey, hmacSha256Hex } from '../../server/proxy/encoding.js';
import { AVA_PROFILE_ID, AVA_SHOPIFY_ID, call, decodePayload, manualClock } from './helpers.js';
import { readmeSection, REPO_ROOT } from './readme-blocks.js';
import { serve } from '@hono/node-server';
import { freePort } from './proxy-process.js';

// Distinctive values, so a leak into a log line or a response is easy to spot.
const ADMIN_TOKEN = 'ADMIN-TOKEN-sk_live_9f8e7d6c5b4a39281706';
const SECRET = 'ASSERTION-SECRET-0123456789abcdef0123456789abcdef';
const UPSTREAM_DETAIL = 'UPSTREAM-INTERNAL-DETAIL stack trace at Omneo\\Http';

function setup(overrides: Partial<ProxyConfig> = {}) {
  const clock = manualClock();
  const mock = createMockOmneo({ adminToken: ADMIN_TOKEN, now: clock.now });
  const logs: Array<Record<string, unknown>> = [];
  const upstreamCalls: Array<{ url: string; body: unknown; authorization: string | null }> = [];
  const mockFetch = inProcessFetch(mock.app);
  const spyFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    upstreamCalls.push({ url: request.url, body: await request.clone().json(), authorization: request.headers.get('authorization') });
    return mockFetch(request);
  };
  const proxy = createProxy({
    idApiBase: 'https://api.demo.getomneo.test/id/api/v1/',
    adminToken: ADMIN_TOKEN,
    identity: [signedAssertionAdapter({ secret: SECRET, now: clock.nowMs })],
    idHandle: 'shopify',
    fetch: spyFetch,
    logger: (entry) => logs.push(entry),
    now: clock.nowMs,
    ...overrides,
  });
  const responses: Array<{ text: string; headers: string }> = [];
  const request = async (options: { cookie?: string; method?: string } = {}) => {
    const res = await call(proxy, '/omneo/token', {
      method: options.method ?? 'POST',
      headers: options.cookie === undefined ? {} : { Cookie: options.cookie },
    });
    responses.push({ text: res.text, headers: JSON.stringify([...res.headers]) });
    return res;
  };
  const nowS = () => Math.floor(clock.nowMs() / 1000);
  const assertion = (customerId = AVA_SHOPIFY_ID, exp = nowS() + 300, secret = SECRET) => signAssertion(secret, customerId, exp);
  return { mock, clock, proxy, logs, upstreamCalls, request, responses, assertion, nowS };
}

/**
 * Neither secret nor the upstream body may appear in any log line or response; `secrets` (tokens,
 * assertions) may appear only in the body of a successful token response, never in a log line.
 */
function assertNoLeaks(env: ReturnType<typeof setup>, secrets: string[] = []) {
  const always = [ADMIN_TOKEN, SECRET, UPSTREAM_DETAIL];
  for (const entry of env.logs) {
    const line = JSON.stringify(entry);
    for (const secret of [...always, ...secrets]) assert.ok(!line.includes(secret), `log line leaks ${secret.slice(0, 12)}…: ${line}`);
  }
  for (const response of env.responses) {
    const isTokenResponse = response.text.startsWith('{"token"');
    for (const secret of isTokenResponse ? always : [...always, ...secrets]) {
      assert.ok(!(response.text + response.headers).includes(secret), `response leaks ${secret.slice(0, 12)}…`);
    }
  }
}

describe('proxy: minting for a verified customer', () => {
  it('exchanges a valid assertion for a token for that customer', async () => {
    const env = setup();
    const res = await env.request({ cookie: `other=1; omneo_identity=${await env.assertion()}` });
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.json).sort(), ['exp', 'token']);
    assert.equal(decodePayload(res.json.token).pid, AVA_PROFILE_ID);
    assert.equal(res.json.exp, decodePayload(res.json.token).exp);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('vary'), 'Cookie, Origin');
    assert.equal(env.upstreamCalls.length, 1);
    assert.equal(env.upstreamCalls[0]!.url, 'https://api.demo.getomneo.test/id/api/v1/auth/token');
    assert.deepEqual(env.upstreamCalls[0]!.body, { id: AVA_SHOPIFY_ID, id_handle: 'shopify' });
    assert.equal(env.upstreamCalls[0]!.authorization, `Bearer ${ADMIN_TOKEN}`);
    assert.deepEqual(
      env.logs.map(({ outcome, customerId }) => ({ outcome, customerId })),
      [{ outcome: 'minted', customerId: AVA_SHOPIFY_ID }],
    );
    assertNoLeaks(env, [res.json.token]);
    assert.ok(!JSON.stringify(env.logs).includes(res.json.token), 'the token is never logged');
  });

  it('answers GET as well', async () => {
    const env = setup();
    const res = await env.request({ method: 'GET', cookie: `omneo_identity=${await env.assertion()}` });
    assert.equal(res.status, 200);
    assert.equal(decodePayload(res.json.token).pid, AVA_PROFILE_ID);
  });

  it('mints with {id} alone when no idHandle is configured', async () => {
    const env = setup({ idHandle: undefined });
    const res = await env.request({ cookie: `omneo_identity=${await env.assertion(AVA_PROFILE_ID)}` });
    assert.equal(res.status, 200);
    assert.deepEqual(env.upstreamCalls[0]!.body, { id: AVA_PROFILE_ID });
  });
});

/** `payload` with its HMAC, as a storefront back end would sign it (signAssertion encodes the id itself: valid UTF-8). */
async function signedPayload(payload: string): Promise<string> {
  return `${payload}.${await hmacSha256Hex(await hmacKey(SECRET), payload)}`;
}

describe('proxy: refusing without a verified session', () => {
  it('401 without calling Omneo for missing, forged, tampered, expired, far-future or malformed assertions', async () => {
    const env = setup();
    const valid = await env.assertion();
    const [v, id, exp, sig] = valid.split('.') as [string, string, string, string];
    const otherId = btoa('7321987650011').replace(/=+$/, '');
    const cases: Array<[string, string | undefined]> = [
      ['no cookie header', undefined],
      ['other cookies only', 'session=abc; theme=dark'],
      ['empty cookie', 'omneo_identity='],
      ['forged with another secret', `omneo_identity=${await env.assertion(AVA_SHOPIFY_ID, env.nowS() + 300, 'another-secret-another-secret-xx')}`],
      ['customer id swapped', `omneo_identity=${v}.${otherId}.${exp}.${sig}`],
      ['exp extended', `omneo_identity=${v}.${id}.${Number(exp) + 60}.${sig}`],
      ['expired', `omneo_identity=${await env.assertion(AVA_SHOPIFY_ID, env.nowS() - 1)}`],
      ['expiring now', `omneo_identity=${await env.assertion(AVA_SHOPIFY_ID, env.nowS())}`],
      ['too far in the future', `omneo_identity=${await env.assertion(AVA_SHOPIFY_ID, env.nowS() + 300 + 61)}`],
      ['bare customer id', `omneo_identity=${AVA_SHOPIFY_ID}`],
      ['wrong version', `omneo_identity=v2.${id}.${exp}.${sig}`],
      ['uppercase hex', `omneo_identity=${v}.${id}.${exp}.${sig.toUpperCase()}`],
      ['short signature', `omneo_identity=${v}.${id}.${exp}.${sig.slice(0, 40)}`],
      ['missing part', `omneo_identity=${v}.${id}.${sig}`],
      ['garbage', 'omneo_identity=%3Cscript%3E'],
      // Signed, but not an id the proxy mints for: one longer than 256 characters, one with a control character.
      ['customer id of 257 characters', `omneo_identity=${await env.assertion('7'.repeat(257))}`],
      ['customer id with a newline', `omneo_identity=${await env.assertion(`${AVA_SHOPIFY_ID}\nadmin`)}`],
      // Signed with the right secret, but the id is not base64url of UTF-8: a back end that signed an id's Latin-1
      // bytes ("é": 0xE9), or cut the base64 short. Refused as malformed, never a 500.
      ['signed id that is not UTF-8', `omneo_identity=${await signedPayload(`v1.6Q.${env.nowS() + 300}`)}`],
      ['signed id that is not base64', `omneo_identity=${await signedPayload(`v1.QUJDR.${env.nowS() + 300}`)}`],
      // Only the cookie of exactly that name: another cookie's name merely ending in it is not the assertion.
      ['valid assertion under another cookie name', `x_omneo_identity=${valid}`],
    ];
    for (const [name, cookie] of cases) {
      const res = await env.request({ cookie });
      assert.equal(res.status, 401, name);
      assert.deepEqual(res.json, { message: 'No signed-in customer.' }, name);
      assert.equal(res.headers.get('cache-control'), 'no-store', name);
    }
    assert.equal(env.upstreamCalls.length, 0, 'Omneo was never asked to mint');
    assert.equal(env.logs.filter((l) => l.outcome === 'no-session').length, 4);
    assert.deepEqual(
      [...new Set(env.logs.filter((l) => l.outcome === 'refused').map((l) => l.reason))].sort(),
      ['bad-signature', 'exp-too-far', 'expired', 'malformed'],
    );
    // A refused assertion's (attacker-chosen) customer id is not logged.
    assert.ok(env.logs.every((l) => l.outcome !== 'refused' || l.customerId === undefined));
    assertNoLeaks(env, [valid, sig]);
  });

  it('finds the assertion among the other cookies, a valueless one (a cookie set without a name) included', async () => {
    const env = setup();
    const valid = await env.assertion();
    // "omneo_identityx" alone is a cookie with an empty name and that value (document.cookie = 'omneo_identityx'):
    // not the assertion, and not a reason to miss the real one after it.
    for (const cookie of [`omneo_identityx; omneo_identity=${valid}`, `theme=dark;  omneo_identity=${valid} ;flag`, `omneo_identity=${valid}; omneo_identity=stale`]) {
      const res = await env.request({ cookie });
      assert.equal(res.status, 200, `${cookie.slice(0, 30)}…: ${res.text}`);
    }
  });

  it('accepts an assertion up to maxAge + 60 s skew ahead', async () => {
    const env = setup();
    const res = await env.request({ cookie: `omneo_identity=${await env.assertion(AVA_SHOPIFY_ID, env.nowS() + 360)}` });
    assert.equal(res.status, 200);
  });

  it('tries adapters in order: the first non-null answer decides', async () => {
    const calls: string[] = [];
    const adapter = (name: string, answer: Awaited<ReturnType<IdentityAdapter['verify']>>): IdentityAdapter => ({
      name,
      async verify() {
        calls.push(name);
        return answer;
      },
    });
    const env = setup({ identity: [adapter('none', null), adapter('refuses', { refuse: 'nope' }), adapter('never', { customerId: AVA_SHOPIFY_ID })] });
    const res = await env.request();
    assert.equal(res.status, 401);
    assert.deepEqual(calls, ['none', 'refuses']);
    assert.equal(env.logs[0]!.adapter, 'refuses');
    const thrower: IdentityAdapter = { name: 'broken', verify: () => Promise.reject(new Error(SECRET)) };
    const broken = setup({ identity: [thrower] });
    const failed = await broken.request();
    assert.equal(failed.status, 500);
    assertNoLeaks(broken);
  });
});

describe('proxy: upstream failures', () => {
  it('maps an unknown customer (404 or 422) to 503 + Retry-After: 5', async () => {
    const env = setup();
    const res = await env.request({ cookie: `omneo_identity=${await env.assertion('7321980000000')}` });
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('retry-after'), '5');
    assert.equal(res.headers.get('cache-control'), 'no-store');
    env.mock.faults.add({ path: '/auth/token', status: 422, body: { message: UPSTREAM_DETAIL } });
    const unprocessable = await env.request({ cookie: `omneo_identity=${await env.assertion()}` });
    assert.equal(unprocessable.status, 503);
    assert.equal(env.logs.at(-1)!.outcome, 'unknown-customer');
    assertNoLeaks(env);
  });

  it('maps an upstream 500 to 502 with our own message, never the upstream body', async () => {
    const env = setup();
    env.mock.faults.add({ path: '/auth/token', status: 500, body: { message: UPSTREAM_DETAIL, token: 'error' } });
    const res = await env.request({ cookie: `omneo_identity=${await env.assertion()}` });
    assert.equal(res.status, 502);
    assert.deepEqual(res.json, { message: 'The loyalty service is unavailable.' });
    assert.equal(env.logs.at(-1)!.outcome, 'upstream-error');
    assert.equal(env.logs.at(-1)!.upstreamStatus, 500);
    assertNoLeaks(env);
  });

  it('times out a slow upstream and answers 502', async () => {
    const env = setup({ upstreamTimeoutMs: 100 });
    env.mock.faults.add({ path: '/auth/token', latencyMs: 5000 });
    const started = performance.now();
    const res = await env.request({ cookie: `omneo_identity=${await env.assertion()}` });
    assert.equal(res.status, 502);
    assert.ok(performance.now() - started < 2000);
    assert.equal(env.logs.at(-1)!.outcome, 'upstream-timeout');
  });

  it('gives Omneo 5 s by default (README: Decisions, Upstream), then answers 502 upstream-timeout', async () => {
    // The test above sets its own timeout; this is the one a deployment gets, from the configuration alone.
    const env = setup();
    env.mock.faults.add({ path: '/auth/token', latencyMs: 7000 });
    const started = performance.now();
    const res = await env.request({ cookie: `omneo_identity=${await env.assertion()}` });
    const waited = performance.now() - started;
    assert.equal(res.status, 502);
    assert.equal(env.logs.at(-1)!.outcome, 'upstream-timeout');
    assert.ok(waited >= 4900 && waited < 6500, `answered after ${Math.round(waited)} ms, not at 5 s`);
  });

  it('times out a mint answer that stalls after its headers, and logs it as a timeout, not as invalid JSON', async () => {
    // Omneo (or a balancer in front of it) sent 200 and its headers, then nothing: the operator's log must say Omneo
    // was slow, not that it sent malformed JSON. Over a real socket with the runtime's fetch, which fails the body
    // read when the timeout fires (the in-process fetch would end it early instead).
    let port = 0;
    const env = setup({
      // Long enough for the headers to arrive on a busy machine (the stall, not the connection, must meet it).
      upstreamTimeoutMs: 1000,
      adminApiBase: 'https://api.demo.getomneo.test/api/v3',
      fetch: (input, init) => fetch(String(input).replace('https://api.demo.getomneo.test', `http://127.0.0.1:${port}`), init),
    });
    port = await freePort();
    const server = serve({ fetch: env.mock.app.fetch, port, hostname: '127.0.0.1' });
    try {
      env.mock.faults.add({ path: '/auth/token', stallBodyMs: 5000 });
      const started = performance.now();
      const res = await env.request({ cookie: `omneo_identity=${await env.assertion()}` });
      assert.equal(res.status, 502);
      assert.ok(performance.now() - started < 4000);
      assert.equal(env.logs.at(-1)!.outcome, 'upstream-timeout', JSON.stringify(env.logs.at(-1)));
      assert.equal(env.logs.at(-1)!.upstreamStatus, 200);

      // The tier ladder, the same way.
      env.mock.faults.add({ path: '/tiers/definitions', stallBodyMs: 5000 });
      assert.equal((await call(env.proxy, '/omneo/tiers', { method: 'GET' })).status, 502);
      assert.equal(env.logs.at(-1)!.problem, 'timeout', JSON.stringify(env.logs.at(-1)));
    } finally {
      server.close();
    }
  });

  it('answers 502 when Omneo is unreachable, answers malformed JSON, or no usable token', async () => {
    const unreachable = setup({ fetch: () => Promise.reject(new TypeError(`fetch failed ${ADMIN_TOKEN}`)) });
    assert.equal((await unreachable.request({ cookie: `omneo_identity=${await unreachable.assertion()}` })).status, 502);
    assert.equal(unreachable.logs.at(-1)!.outcome, 'upstream-unreachable');
    assertNoLeaks(unreachable);

    const malformed = setup();
    malformed.mock.faults.add({ path: '/auth/token', malformed: true });
    assert.equal((await malformed.request({ cookie: `omneo_identity=${await malformed.assertion()}` })).status, 502);

    for (const body of [{ data: { token: 'error', exp: 1 } }, { data: {} }, { token: '' }]) {
      const env = setup({ fetch: async () => Response.json(body) });
      const res = await env.request({ cookie: `omneo_identity=${await env.assertion()}` });
      assert.equal(res.status, 502, JSON.stringify(body));
      assert.ok(!res.text.includes('error"'), 'never a placeholder token');
    }
  });

  it('answers 502 no-token, not a 500, when the mint answer is JSON but not an object (null, a string)', async () => {
    // A balancer or a misrouted path answering 200 with `null` or a bare string: no token in it, said as such.
    for (const text of ['null', '"ok"', '0']) {
      const env = setup({ fetch: async () => new Response(text, { headers: { 'Content-Type': 'application/json' } }) });
      const res = await env.request({ cookie: `omneo_identity=${await env.assertion()}` });
      assert.equal(res.status, 502, text);
      assert.deepEqual(res.json, { message: 'The loyalty service is unavailable.' });
      assert.deepEqual([env.logs.at(-1)!.outcome, env.logs.at(-1)!.problem], ['upstream-bad-response', 'no-token'], text);
    }
  });

  it('never hands out an anonymous token', async () => {
    const mock = createMockOmneo({ adminToken: ADMIN_TOKEN });
    const anonymous = await mock.mintToken(null);
    const env = setup({ fetch: async () => Response.json({ data: { token: anonymous, exp: 9999999999 } }) });
    const res = await env.request({ cookie: `omneo_identity=${await env.assertion()}` });
    assert.equal(res.status, 502);
  });
});

describe('proxy: exp handling', () => {
  const jwt = (claims: Record<string, unknown>) =>
    `eyJhbGciOiJIUzI1NiJ9.${btoa(JSON.stringify(claims)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}.c2ln`;

  it('reads exp from the JWT when the mint response has none, and treats > 1e12 as ms', async () => {
    const env = setup();
    const expS = env.nowS() + 900;
    const cases: Array<[unknown, number]> = [
      [{ data: { token: jwt({ pid: AVA_PROFILE_ID, exp: expS }) } }, expS],
      [{ data: { token: jwt({ pid: AVA_PROFILE_ID, exp: expS * 1000 }) } }, expS],
      [{ data: { token: jwt({ pid: AVA_PROFILE_ID }), exp: expS * 1000 } }, expS],
      [{ data: { token: jwt({ pid: AVA_PROFILE_ID }), exp: String(expS) } }, expS],
      [{ token: jwt({ pid: AVA_PROFILE_ID }), exp: expS }, expS],
    ];
    for (const [body, expected] of cases) {
      const e = setup({ fetch: async () => Response.json(body), now: env.clock.nowMs });
      const res = await e.request({ cookie: `omneo_identity=${await e.assertion()}` });
      assert.equal(res.status, 200, JSON.stringify(body));
      assert.equal(res.json.exp, expected);
    }
    const noExp = setup({ fetch: async () => Response.json({ data: { token: jwt({ pid: AVA_PROFILE_ID }) } }) });
    assert.equal((await noExp.request({ cookie: `omneo_identity=${await noExp.assertion()}` })).status, 502);
    assert.equal(noExp.logs.at(-1)!.problem, 'no-exp');
  });

  it('never hands out a token Omneo minted already expired, on its own clock or by its exp', async () => {
    const env = setup();
    const past = env.nowS() - 5;
    // Expired by its exp; and one whose exp is ahead of our clock but behind Omneo's (its Date header 10 minutes ahead).
    const answers: Array<[unknown, Record<string, string>]> = [
      [{ data: { token: jwt({ pid: AVA_PROFILE_ID, exp: past }) } }, {}],
      [{ data: { token: jwt({ pid: AVA_PROFILE_ID }), exp: env.nowS() + 300 } }, { Date: new Date(env.clock.nowMs() + 600_000).toUTCString() }],
    ];
    for (const [body, headers] of answers) {
      const e = setup({ fetch: async () => Response.json(body, { headers }), now: env.clock.nowMs });
      const res = await e.request({ cookie: `omneo_identity=${await e.assertion()}` });
      assert.equal(res.status, 502, JSON.stringify(body));
      assert.equal(res.json.token, undefined);
      assert.deepEqual([e.logs.at(-1)!.outcome, e.logs.at(-1)!.problem], ['upstream-bad-response', 'expired-token']);
    }
  });
});

describe('proxy: signAssertion and env config', () => {
  it('signs v1.<b64url id>.<exp>.<hex hmac>', async () => {
    const value = await signAssertion(SECRET, 'customer/42+', 1800000000);
    assert.match(value, /^v1\.[A-Za-z0-9_-]+\.1800000000\.[0-9a-f]{64}$/);
    assert.equal(atob(value.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')), 'customer/42+');
    await assert.rejects(() => signAssertion(SECRET, '', 1800000000));
    // A back end passing Date.now() / 1000 + 300 (a fraction) or no time at all: an error at its own call, not an
    // assertion the proxy then refuses as malformed for every shopper.
    for (const exp of [1800000000.5, 0, -1, Number.NaN]) {
      await assert.rejects(() => signAssertion(SECRET, 'customer-42', exp), { name: 'TypeError', message: 'expSeconds must be a unix time in seconds' }, String(exp));
    }
    // An entry file reading an unset variable builds no adapter, instead of one that verifies against an empty key.
    assert.throws(() => signedAssertionAdapter({ secret: '' }), { name: 'TypeError', message: 'signedAssertionAdapter needs a secret' });
    assert.throws(() => signedAssertionAdapter({ secret: undefined as unknown as string }), /needs a secret/);
  });

  it('refuses to start without the required variables, naming them', () => {
    assert.throws(() => proxyConfigFromEnv({}), (error: unknown) => {
      assert.ok(error instanceof ProxyEnvError);
      assert.deepEqual(error.variables, ['OMNEO_ID_API', 'OMNEO_ADMIN_TOKEN', 'SHOPIFY_API_SECRET']);
      return true;
    });
    const base = { OMNEO_ID_API: 'https://api.demo.getomneo.com/id/api/v1', OMNEO_ADMIN_TOKEN: ADMIN_TOKEN, OMNEO_ASSERTION_SECRET: SECRET };
    assert.throws(() => proxyConfigFromEnv({ ...base, OMNEO_ADMIN_TOKEN: ' ' }), /OMNEO_ADMIN_TOKEN: is not set/);
    assert.throws(() => proxyConfigFromEnv({ ...base, OMNEO_ASSERTION_SECRET: 'short' }), /at least 32/);
    assert.throws(() => proxyConfigFromEnv({ ...base, OMNEO_ID_API: 'http://api.example.com' }), /https/);
    try {
      proxyConfigFromEnv({ ...base, OMNEO_ASSERTION_SECRET: 'short' });
    } catch (error) {
      assert.ok(!String(error).includes('short'), 'values are never echoed');
    }
    const config = proxyConfigFromEnv({ ...base, OMNEO_ID_HANDLE: 'shopify', PORT: '9000' });
    assert.equal(config.idHandle, 'shopify');
    assert.equal(config.port, 9000);
    assert.equal(config.identity[0]!.name, 'signed-assertion');
  });

  it("the README's Configuration table names exactly the variables the proxy reads, with their defaults and limits", async () => {
    const table = readmeSection('### Configuration', '## Token-exchange proxy');
    const rows = [...table.matchAll(/^\| ((?:`[A-Z0-9_]+`(?:, )?)+) \|[^|]*\| (.*) \|$/gm)].map((row) => ({
      names: [...row[1]!.matchAll(/`([A-Z0-9_]+)`/g)].map((name) => name[1]!),
      meaning: row[2]!,
    }));
    // HOST is the Node entry's alone (node-server.ts), beside PORT.
    assert.match(readFileSync(path.join(REPO_ROOT, 'server/proxy/node-server.ts'), 'utf8'), /process\.env\.HOST \?\? '0\.0\.0\.0'/);
    assert.deepEqual(rows.flatMap((row) => row.names).sort(), [...ENV_VARIABLES, 'HOST'].sort());

    const base = { OMNEO_TENANT: 'demo', OMNEO_ADMIN_TOKEN: ADMIN_TOKEN, OMNEO_ASSERTION_SECRET: SECRET };
    const config = proxyConfigFromEnv(base);
    const rateLimits = config.rateLimits || undefined;
    /** What each variable with a default comes to when it is unset. */
    const defaults: Record<string, unknown> = {
      RATE_LIMIT_PER_IP: rateLimits?.perIp,
      RATE_LIMIT_TOKEN_PER_CUSTOMER: rateLimits?.tokenPerCustomer,
      RATE_LIMIT_API_PER_CUSTOMER: rateLimits?.apiPerCustomer,
      TIERS_CACHE_SECONDS: config.tiersCacheSeconds,
      TRUSTED_PROXY_HOPS: config.trustedProxyHops,
      PORT: config.port,
      OMNEO_TOKEN_CACHE: config.tokenCache ? 'on' : 'off',
      OMNEO_PASS_THROUGH: config.passThrough ? 'on' : 'off',
      KEEP_ALIVE_TIMEOUT_SECONDS: config.keepAliveTimeoutSeconds,
      SHUTDOWN_DRAIN_SECONDS: config.shutdownDrainSeconds,
    };
    const documentedDefault = (variable: string) => {
      const row = rows.find((each) => each.names[0] === variable);
      assert.ok(row, `the README has no row for ${variable}`);
      const documented = /default `?([0-9]+|on|off)`?|`(on|off)` \(default\)/.exec(row.meaning);
      assert.ok(documented, `the README gives no default for ${variable}: ${row.meaning}`);
      return documented[1] ?? documented[2];
    };
    for (const [variable, value] of Object.entries(defaults)) assert.equal(String(value), documentedDefault(variable), `${variable}: the README's default`);
    // OMNEO_ASSERTION_MAX_AGE lives in the adapter it configures: an assertion expiring the README's default (plus the
    // 60 s of clock skew) ahead is taken, one a second further is not; and the cookie is read by its default name.
    const maxAge = Number(documentedDefault('OMNEO_ASSERTION_MAX_AGE'));
    const [adapter] = config.identity;
    const nowS = Math.floor(Date.now() / 1000);
    const cookieRow = rows.find((each) => each.names[0] === 'OMNEO_ASSERTION_COOKIE')!;
    const cookieName = /default `([A-Za-z0-9_-]+)`/.exec(cookieRow.meaning)?.[1];
    assert.equal(cookieName, 'omneo_identity', cookieRow.meaning);
    const withAssertion = async (exp: number) =>
      adapter!.verify(new Request('https://proxy.example/omneo/token', { method: 'POST', headers: { Cookie: `${cookieName}=${await signAssertion(SECRET, 'customer-42', exp)}` } }));
    // A second of margin: the clock may tick between signing and verifying.
    assert.deepEqual(await withAssertion(nowS + maxAge + 59), { customerId: 'customer-42', secret: 'current' }, 'OMNEO_ASSERTION_MAX_AGE: the README\'s default');
    assert.deepEqual(await withAssertion(nowS + maxAge + 62), { refuse: 'exp-too-far' }, 'OMNEO_ASSERTION_MAX_AGE: the README\'s default');
    // "(max N)": N is accepted, N + 1 refused, naming the variable.
    let limits = 0;
    for (const row of rows) {
      const max = /\(max ([0-9]+)\)/.exec(row.meaning)?.[1];
      if (!max) continue;
      limits += 1;
      const variable = row.names[0]!;
      assert.doesNotThrow(() => proxyConfigFromEnv({ ...base, [variable]: max }), `${variable}=${max}`);
      assert.throws(() => proxyConfigFromEnv({ ...base, [variable]: String(Number(max) + 1) }), (error: unknown) => error instanceof ProxyEnvError && error.variables.includes(variable));
    }
    assert.ok(limits >= 1, 'the README gives no "(max N)" any more: check what this test reads');
  });
});
