/**
 * BigCommerce: the proxy with the Current Customer verifier (server/proxy/bigcommerce.ts) as
 * its custom verify hook, in front of the mock Omneo. It mints for a JWT BigCommerce would sign for this app
 * and store, and refuses every other: forged, tampered, expired, issued in the future, for another app or
 * store, of another kind, malformed. The snippet that fetches the JWT in the browser is run in Chromium by
 * packaging.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { currentCustomerAdapter, currentCustomerVerifier, verifyCurrentCustomerJwt } from '../../server/proxy/bigcommerce.js';
import { createMockOmneo, inProcessFetch } from '../../server/mock-omneo/index.js';
import { fetchHandlerFromEnv, proxyConfigFromEnv, ProxyEnvError } from '../../server/proxy/index.js';
import { AVA_PROFILE_ID, decodePayload } from './helpers.js';
import {
  AVA_BC_ID,
  BC_CLIENT_ID,
  BC_CLIENT_SECRET,
  BC_STORE_HASH,
  OTHER_APP_SECRET,
  REPO_ROOT,
  b64json,
  b64url,
  currentCustomerPayload,
  encoder,
  signHs256,
  signParts,
} from './integration-helpers.js';
import { ADMIN_TOKEN, STOREFRONT, harness, type Harness } from './proxy-harness.js';
import { startProxyProcess } from './proxy-process.js';

function bigCommerceHarness() {
  let h: Harness | undefined;
  h = harness({
    identity: [
      currentCustomerAdapter({
        clientId: BC_CLIENT_ID,
        clientSecret: BC_CLIENT_SECRET,
        storeHash: BC_STORE_HASH,
        idHandle: 'bigcommerce',
        now: () => h!.clock.nowMs(),
      }),
    ],
  });
  // Ava's profile also carries her BigCommerce customer id, as a BigCommerce tenant's profiles would.
  (h.mock.state.ava.profile.identities as unknown[]).push({ id: 901, handle: 'bigcommerce', identifier: String(AVA_BC_ID), is_primary: false, is_active: '1' });
  const token = (jwt: string) => h!.send('/omneo/token', { headers: { Authorization: `Bearer ${jwt}` } });
  const refusal = () => h!.logs.at(-1)?.reason;
  return { h, token, refusal };
}

describe('BigCommerce Current Customer JWT through the proxy', () => {
  it('mints for a JWT signed for this app and store, by the bigcommerce identity handle, and leaks nothing', async () => {
    const { h, token } = bigCommerceHarness();
    const jwt = await signHs256(BC_CLIENT_SECRET, currentCustomerPayload(h.nowS() - 5));
    const res = await token(jwt);
    assert.equal(res.status, 200, res.text);
    assert.equal(decodePayload(res.json.token).pid, AVA_PROFILE_ID);
    assert.deepEqual(JSON.parse(h.upstream[0]!.body), { id: String(AVA_BC_ID), id_handle: 'bigcommerce' });
    assert.equal(h.logs.at(-1)!.adapter, 'bigcommerce-current-customer');
    h.assertNoLeaks([jwt, BC_CLIENT_SECRET]);
  });

  it('accepts a numeric-string customer id', async () => {
    const { h, token } = bigCommerceHarness();
    const jwt = await signHs256(BC_CLIENT_SECRET, currentCustomerPayload(h.nowS(), {}, String(AVA_BC_ID)));
    assert.equal((await token(jwt)).status, 200);
  });

  it('refuses to be created without the store hash: BigCommerce signs for any store that asks with our public client id', () => {
    // What the store hash stops: an attacker's trial store, a customer there with Ava's id, our client id in
    // /customer/current.jwt. BigCommerce signs that JWT with our app's secret.
    for (const storeHash of [undefined, '', '  ', 'stores/abc123', 'https://api.bigcommerce.com/stores/abc123/', ['abc123', 'zzz999'], 123]) {
      const options = { clientId: BC_CLIENT_ID, clientSecret: BC_CLIENT_SECRET, storeHash } as unknown as Parameters<typeof currentCustomerAdapter>[0];
      assert.throws(() => currentCustomerAdapter(options), /storeHash/, `storeHash ${JSON.stringify(storeHash)}`);
      assert.throws(() => currentCustomerVerifier(options), /storeHash/, `storeHash ${JSON.stringify(storeHash)}`);
    }
  });

  it('tolerates a minute of clock difference either way', async () => {
    const { h, token } = bigCommerceHarness();
    assert.equal((await token(await signHs256(BC_CLIENT_SECRET, currentCustomerPayload(h.nowS() + 50)))).status, 200);
    assert.equal((await token(await signHs256(BC_CLIENT_SECRET, currentCustomerPayload(h.nowS() - 170)))).status, 200);
  });

  it('accepts a JWT for 2 minutes after BigCommerce issued it (plus the minute of skew), not for its 15-minute life', async () => {
    // The snippet asks the store for a fresh JWT before every token request, so a JWT older than that is a replay.
    const { h, token, refusal } = bigCommerceHarness();
    assert.equal((await token(await signHs256(BC_CLIENT_SECRET, currentCustomerPayload(h.nowS() - 100)))).status, 200);
    assert.equal((await token(await signHs256(BC_CLIENT_SECRET, currentCustomerPayload(h.nowS() - 180)))).status, 200);
    const upstream = h.upstream.length;
    const res = await token(await signHs256(BC_CLIENT_SECRET, currentCustomerPayload(h.nowS() - 181)));
    assert.equal(res.status, 401);
    assert.equal(refusal(), 'too-old');
    assert.equal(h.upstream.length, upstream);
  });

  const refusals: Array<[string, string, (now: number) => Promise<string>]> = [
    ['forged: signed with another secret', 'bad-signature', (now) => signHs256(OTHER_APP_SECRET, currentCustomerPayload(now))],
    [
      'tampered: another customer id under the original signature',
      'bad-signature',
      async (now) => {
        const [header, , signature] = (await signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now))).split('.');
        return `${header}.${b64json(currentCustomerPayload(now, {}, 1))}.${signature}`;
      },
    ],
    ['alg none, no signature', 'unsupported-algorithm', async (now) => `${b64json({ alg: 'none' })}.${b64json(currentCustomerPayload(now))}.AA`],
    ['alg HS512', 'unsupported-algorithm', (now) => signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now), { alg: 'HS512' })],
    ['expired', 'expired', (now) => signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now - 1000))],
    ['expired exactly the clock skew (60 s) ago', 'expired', (now) => signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now - 100, { exp: now - 60 }))],
    ['issued in the future', 'not-yet-valid', (now) => signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now + 600))],
    ['a lifetime of a day', 'lifetime-too-long', (now) => signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now, { exp: now + 86_400 }))],
    ['a lifetime of 901 s (BigCommerce issues 900)', 'lifetime-too-long', (now) => signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now, { exp: now + 901 }))],
    ['issued 181 s ago (a captured JWT replayed)', 'too-old', (now) => signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now - 181))],
    ['no iss', 'wrong-token-kind', (now) => signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now, { iss: undefined }))],
    ['no operation', 'wrong-token-kind', (now) => signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now, { operation: undefined }))],
    ['another issuer', 'wrong-token-kind', (now) => signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now, { iss: 'bc/other' }))],
    ['no exp', 'malformed', (now) => signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now, { exp: undefined }))],
    ['for another app (aud), signed with this secret', 'wrong-app', (now) => signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now, { aud: 'someone-else' }))],
    ['application_id of another app', 'wrong-app', (now) => signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now, { application_id: 'someone-else' }))],
    ['for another store', 'wrong-store', (now) => signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now, { store_hash: 'zzz999', sub: 'zzz999' }))],
    ['sub disagreeing with store_hash', 'wrong-store', (now) => signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now, { sub: 'zzz999' }))],
    ['store_hash disagreeing with sub', 'wrong-store', (now) => signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now, { store_hash: 'zzz999' }))],
    ['no store_hash', 'wrong-store', (now) => signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now, { store_hash: undefined }))],
    ['no sub', 'wrong-store', (now) => signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now, { sub: undefined }))],
    ['store_hash in another case', 'wrong-store', (now) => signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now, { store_hash: 'ABC123', sub: 'ABC123' }))],
    ['another kind of BigCommerce JWT', 'wrong-token-kind', (now) => signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now, { operation: 'app_load' }))],
    ['no customer', 'no-customer', (now) => signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now, { customer: undefined }))],
    ['customer id 0', 'no-customer', (now) => signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now, {}, 0))],
    ['customer id with letters', 'no-customer', (now) => signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now, {}, '12ab'))],
    ['customer id "0" as a string', 'no-customer', (now) => signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now, {}, '0'))],
    ['customer id with a leading zero ("0927": another id than 927)', 'no-customer', (now) => signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now, {}, '0927'))],
    ['customer id a float', 'no-customer', (now) => signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now, {}, 49.27))],
    ['two parts', 'malformed', async () => `${b64json({ alg: 'HS256' })}.${b64json({})}`],
    ['not base64url', 'malformed', async () => 'a+b.c/d.e=f'],
    // A signature of 4n+1 characters is no base64 at all (a cut one): refused before any HMAC, never a 500.
    ['a signature that is not base64 (cut to 4n+1 characters)', 'malformed', async (now) => `${(await signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now))).slice(0, -38)}`],
    ['a correctly signed payload that is not JSON', 'malformed', () => signParts(BC_CLIENT_SECRET, b64json({ alg: 'HS256' }), b64url(encoder.encode('not json')))],
    ['a correctly signed payload that is a JSON array', 'malformed', () => signParts(BC_CLIENT_SECRET, b64json({ alg: 'HS256' }), b64json([1]))],
    ['8 KB long', 'malformed', async () => `${'a'.repeat(8000)}.b.c`],
    ['correctly signed but over 4 KB', 'malformed', (now) => signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now, { padding: 'x'.repeat(3200) }))],
  ];
  for (const [name, reason, make] of refusals) {
    it(`refuses a JWT: ${name} (401, nothing sent to Omneo)`, async () => {
      const { h, token, refusal } = bigCommerceHarness();
      const res = await token(await make(h.nowS()));
      assert.equal(res.status, 401, res.text);
      assert.equal(refusal(), reason);
      assert.equal(h.upstream.length, 0);
    });
  }

  it('answers 401 with no Authorization (a guest: the snippet never calls then), and refuses other schemes', async () => {
    const { h, refusal } = bigCommerceHarness();
    assert.equal((await h.send('/omneo/token')).status, 401);
    assert.equal(h.logs.at(-1)!.outcome, 'no-session');
    const jwt = await signHs256(BC_CLIENT_SECRET, currentCustomerPayload(h.nowS()));
    assert.equal((await h.send('/omneo/token', { headers: { Authorization: `Basic ${jwt}` } })).status, 401);
    assert.equal(refusal(), 'malformed');
    assert.equal(h.upstream.length, 0);
  });

  it('lets the storefront origin send Authorization cross-origin (preflight), and refuses other origins', async () => {
    const { h } = bigCommerceHarness();
    const preflight = await h.send('/omneo/token', {
      method: 'OPTIONS',
      headers: { 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), STOREFRONT);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /authorization/i);
    const jwt = await signHs256(BC_CLIENT_SECRET, currentCustomerPayload(h.nowS()));
    const elsewhere = await h.send('/omneo/token', { origin: 'https://evil.example', headers: { Authorization: `Bearer ${jwt}` } });
    assert.equal(elsewhere.status, 403);
    assert.equal(h.upstream.length, 0);
  });

  it('a custom entry (README: "your own entry file") with the adapter and no other identity configured', async () => {
    const mock = createMockOmneo({ adminToken: ADMIN_TOKEN });
    (mock.state.ava.profile.identities as unknown[]).push({ id: 901, handle: 'bigcommerce', identifier: String(AVA_BC_ID), is_primary: false, is_active: '1' });
    const handler = fetchHandlerFromEnv(
      { OMNEO_TENANT: 'demo', OMNEO_ADMIN_TOKEN: ADMIN_TOKEN, OMNEO_ID_HANDLE: 'bigcommerce', ALLOWED_ORIGINS: STOREFRONT },
      { identity: [currentCustomerAdapter({ clientId: BC_CLIENT_ID, clientSecret: BC_CLIENT_SECRET, storeHash: BC_STORE_HASH })], fetch: inProcessFetch(mock.app) },
    );
    const jwt = await signHs256(BC_CLIENT_SECRET, currentCustomerPayload(Math.floor(Date.now() / 1000)));
    const res = await handler(new Request('https://loyalty.example-store.com/omneo/token', { method: 'POST', headers: { Origin: STOREFRONT, Authorization: `Bearer ${jwt}` } }));
    assert.equal(res.status, 200);
    assert.equal(decodePayload(((await res.json()) as { token: string }).token).pid, AVA_PROFILE_ID);
  });
});

describe('BigCommerce from the environment (README: BIGCOMMERCE_CLIENT_ID, BIGCOMMERCE_CLIENT_SECRET, BIGCOMMERCE_STORE_HASH)', () => {
  const base = { OMNEO_TENANT: 'demo', OMNEO_ADMIN_TOKEN: ADMIN_TOKEN, ALLOWED_ORIGINS: STOREFRONT };
  const bigCommerce = { BIGCOMMERCE_CLIENT_ID: BC_CLIENT_ID, BIGCOMMERCE_CLIENT_SECRET: BC_CLIENT_SECRET, BIGCOMMERCE_STORE_HASH: BC_STORE_HASH };
  const refusal = (env: Record<string, string>) => {
    try {
      proxyConfigFromEnv(env);
    } catch (error) {
      assert.ok(error instanceof ProxyEnvError, String(error));
      assert.ok(!error.message.includes(BC_CLIENT_SECRET), 'the secret is not echoed');
      return error;
    }
    return assert.fail('the configuration was accepted');
  };

  it('refuses the configuration without the store hash, naming BIGCOMMERCE_STORE_HASH', () => {
    const error = refusal({ ...base, BIGCOMMERCE_CLIENT_ID: BC_CLIENT_ID, BIGCOMMERCE_CLIENT_SECRET: BC_CLIENT_SECRET });
    assert.deepEqual(error.variables, ['BIGCOMMERCE_STORE_HASH']);
    assert.match(error.message, /BIGCOMMERCE_STORE_HASH: is not set[^\n]*any BigCommerce store/);
  });

  it('refuses pass-through with the BigCommerce adapter alone (its JWT goes to the token route only), naming OMNEO_PASS_THROUGH', () => {
    const error = refusal({ ...base, ...bigCommerce, OMNEO_PASS_THROUGH: 'on' });
    assert.deepEqual(error.variables, ['OMNEO_PASS_THROUGH']);
    assert.match(error.message, /OMNEO_PASS_THROUGH: cannot work with the BigCommerce adapter alone/);
    // Beside an adapter that carries the session on every call, pass-through is that adapter's to serve.
    assert.doesNotThrow(() => proxyConfigFromEnv({ ...base, ...bigCommerce, OMNEO_PASS_THROUGH: 'on', OMNEO_ASSERTION_SECRET: 'a-different-assertion-secret-0123456789abcdef' }));
  });

  it('refuses a store hash that is not one (a URL, a list), and a client id or secret missing', () => {
    for (const hash of ['stores/abc123', 'https://api.bigcommerce.com/stores/abc123/', 'abc123,zzz999']) {
      assert.deepEqual(refusal({ ...base, ...bigCommerce, BIGCOMMERCE_STORE_HASH: hash }).variables, ['BIGCOMMERCE_STORE_HASH']);
    }
    assert.deepEqual(refusal({ ...base, BIGCOMMERCE_STORE_HASH: BC_STORE_HASH }).variables, ['BIGCOMMERCE_CLIENT_ID', 'BIGCOMMERCE_CLIENT_SECRET']);
    assert.deepEqual(refusal({ ...base, ...bigCommerce, OMNEO_ASSERTION_SECRET: BC_CLIENT_SECRET.padEnd(32, '0'), BIGCOMMERCE_CLIENT_SECRET: BC_CLIENT_SECRET.padEnd(32, '0') }).variables, [
      'BIGCOMMERCE_CLIENT_SECRET',
    ]);
  });

  it('the Node entry (npm run proxy) refuses to start without BIGCOMMERCE_STORE_HASH, naming it', async () => {
    const run = startProxyProcess(['--import', 'tsx', 'server/proxy/node.ts'], { ...base, BIGCOMMERCE_CLIENT_ID: BC_CLIENT_ID, BIGCOMMERCE_CLIENT_SECRET: BC_CLIENT_SECRET }, REPO_ROOT);
    assert.equal(await run.exit, 1);
    assert.match(run.stderr(), /^Refusing to start:\n {2}- BIGCOMMERCE_STORE_HASH: is not set/);
    assert.ok(!run.stderr().includes(BC_CLIENT_SECRET), 'the secret is not echoed');
  });

  it('with all three (and nothing else), mints for this store\'s shopper by the bigcommerce handle and refuses another store\'s JWT', async () => {
    const mock = createMockOmneo({ adminToken: ADMIN_TOKEN });
    (mock.state.ava.profile.identities as unknown[]).push({ id: 901, handle: 'bigcommerce', identifier: String(AVA_BC_ID), is_primary: false, is_active: '1' });
    const upstream: string[] = [];
    const mockFetch = inProcessFetch(mock.app);
    const logs: Array<Record<string, unknown>> = [];
    const handler = fetchHandlerFromEnv(
      { ...base, ...bigCommerce },
      { fetch: async (input, init) => (upstream.push(new Request(input, init).url), mockFetch(input, init)), logger: (entry) => logs.push(entry), rateLimits: false },
    );
    const send = (jwt: string) =>
      handler(new Request('https://loyalty.example-store.com/omneo/token', { method: 'POST', headers: { Origin: STOREFRONT, Authorization: `Bearer ${jwt}` } }));
    const now = Math.floor(Date.now() / 1000);
    // The attacker's trial store: a customer there with Ava's id, our client id, signed by BigCommerce with our secret.
    const foreign = await send(await signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now, { store_hash: 'evil99', sub: 'evil99' })));
    assert.equal(foreign.status, 401);
    assert.deepEqual([upstream, logs.at(-1)?.reason], [[], 'wrong-store']);
    const ours = await send(await signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now)));
    assert.equal(ours.status, 200);
    assert.equal(decodePayload(((await ours.json()) as { token: string }).token).pid, AVA_PROFILE_ID);
    assert.equal(logs.at(-1)?.adapter, 'bigcommerce-current-customer');
  });
});

describe('BigCommerce Current Customer verifier on its own', () => {
  it('needs the client id, the secret and the store hash', () => {
    assert.throws(() => currentCustomerVerifier({ clientId: '', clientSecret: BC_CLIENT_SECRET, storeHash: BC_STORE_HASH }), TypeError);
    assert.throws(() => currentCustomerVerifier({ clientId: BC_CLIENT_ID, clientSecret: '', storeHash: BC_STORE_HASH }), TypeError);
    assert.throws(() => currentCustomerVerifier({ clientId: BC_CLIENT_ID, clientSecret: BC_CLIENT_SECRET, storeHash: '' }), TypeError);
  });

  it('accepts an audience list that names the app, and a JWT without application_id', async () => {
    const now = 1_764_118_800;
    const options = { clientId: BC_CLIENT_ID, clientSecret: BC_CLIENT_SECRET, storeHash: BC_STORE_HASH, now: () => now * 1000 };
    const minimal = { customer: { id: 7 }, iss: 'bc/apps', operation: 'current_customer', iat: now, exp: now + 900, aud: [BC_CLIENT_ID, 'x'], store_hash: BC_STORE_HASH, sub: BC_STORE_HASH };
    assert.deepEqual(await verifyCurrentCustomerJwt(await signHs256(BC_CLIENT_SECRET, minimal), options), { customerId: '7', secret: 'current' });
  });

  it('the replay window and the longest lifetime are options (defaults 120 s and 900 s)', async () => {
    const now = 1_764_118_800;
    const options = { clientId: BC_CLIENT_ID, clientSecret: BC_CLIENT_SECRET, storeHash: BC_STORE_HASH, now: () => now * 1000 };
    const old = await signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now - 300));
    assert.deepEqual(await verifyCurrentCustomerJwt(old, options), { refuse: 'too-old' });
    assert.deepEqual(await verifyCurrentCustomerJwt(old, { ...options, maxAgeSeconds: 240 }), { customerId: String(AVA_BC_ID), secret: 'current' });
    // exp passed by less than the skew: accepted when the window allows that old a JWT.
    const nearlyExpired = await signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now - 940));
    assert.deepEqual(await verifyCurrentCustomerJwt(nearlyExpired, { ...options, maxAgeSeconds: 900 }), { customerId: String(AVA_BC_ID), secret: 'current' });
    const long = await signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now, { exp: now + 1800 }));
    assert.deepEqual(await verifyCurrentCustomerJwt(long, options), { refuse: 'lifetime-too-long' });
    assert.deepEqual(await verifyCurrentCustomerJwt(long, { ...options, maxLifetimeSeconds: 1800 }), { customerId: String(AVA_BC_ID), secret: 'current' });
  });

  it('returns the id without a handle (the proxy default handle applies) unless an idHandle is given, and which secret verified it', async () => {
    const now = 1_764_118_800;
    const jwt = await signHs256(BC_CLIENT_SECRET, currentCustomerPayload(now));
    const request = new Request('https://p.example/omneo/token', { method: 'POST', headers: { Authorization: `Bearer ${jwt}` } });
    const plain = currentCustomerVerifier({ clientId: BC_CLIENT_ID, clientSecret: BC_CLIENT_SECRET, storeHash: BC_STORE_HASH, now: () => now * 1000 });
    assert.deepEqual(await plain(request), { customerId: String(AVA_BC_ID), secret: 'current' });
    const handled = currentCustomerVerifier({ clientId: BC_CLIENT_ID, clientSecret: BC_CLIENT_SECRET, storeHash: BC_STORE_HASH, idHandle: 'bigcommerce', now: () => now * 1000 });
    assert.deepEqual(await handled(request), { customerId: String(AVA_BC_ID), idHandle: 'bigcommerce', secret: 'current' });
  });

  it('runs on WebCrypto alone: the module imports no Node built-in', async () => {
    const { readFileSync } = await import('node:fs');
    const source = readFileSync(new URL('../../server/proxy/bigcommerce.ts', import.meta.url), 'utf8');
    assert.doesNotMatch(source, /from ['"](node:|crypto['"]|buffer['"])/);
    assert.doesNotMatch(source, /\bBuffer\b/);
  });

  it("the Script Manager snippet's comment sends the developer to the verifier's real file and names the CSP directives", async () => {
    const { existsSync, readFileSync } = await import('node:fs');
    const comment = /^<!--([\s\S]*?)-->/.exec(readFileSync(new URL('../../integrations/bigcommerce/script-manager.html', import.meta.url), 'utf8'))?.[1] ?? '';
    const named = [...comment.matchAll(/\b(?:server|integrations)\/[\w./-]+\.ts\b/g)].map((match) => match[0]);
    assert.ok(named.includes('server/proxy/bigcommerce.ts'), `the comment names ${named.join(', ') || 'no file'}`);
    for (const file of named) assert.ok(existsSync(new URL(`../../${file}`, import.meta.url)), `${file} does not exist`);
    // A CSP of the merchant's own: every directive the widgets need (Any page), images included.
    for (const directive of ['script-src', 'connect-src', 'img-src']) assert.ok(comment.includes(directive), directive);
  });
});
