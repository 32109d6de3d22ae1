/**
 * What the proxy does for legitimate traffic: each identity adapter, the token cache, the tier
 * ladder, pass-through reads and writes, CORS for configured origins, headers and logs.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import {
  currentCustomerAdapter,
  customAdapter,
  memoryStore,
  shopifyAppProxyAdapter,
  shopifySignatureMessage,
  signAssertion,
  signedAssertionAdapter,
  signShopifyProxyQuery,
  verifyAssertion,
  verifyCurrentCustomerJwt,
  type FetchHandler,
  type ProxyStore,
} from '../../server/proxy/index.js';
import { hmacKey, hmacSha256Hex } from '../../server/proxy/encoding.js';
import { LISTING_PARAM_NAME, SHOPIFY_PROXY_PARAMS } from '../../server/proxy/query-names.js';
import { inProcessFetch } from '../../server/mock-omneo/index.js';
import { AVA_PROFILE_ID, AVA_SHOPIFY_ID, call, decodePayload } from './helpers.js';
import { freePort } from './proxy-process.js';
import { ADMIN_TOKEN, ASSERTION_SECRET, ID_API, PROXY_ORIGIN, SHOP, SHOPIFY_SECRET, STOREFRONT, ZOE_SHOPIFY_ID, harness, type Harness, type Sent } from './proxy-harness.js';
import { AVA_BC_ID, BC_CLIENT_ID, BC_CLIENT_SECRET, BC_STORE_HASH, currentCustomerPayload, signHs256 } from './integration-helpers.js';

/** A store that remembers every value written, to inspect what would sit in Redis. */
function recordingStore(now: () => number): ProxyStore & { written: Map<string, string>; hits: Array<{ key: string; windowMs: number }> } {
  const inner = memoryStore({ now });
  const written = new Map<string, string>();
  const hits: Array<{ key: string; windowMs: number }> = [];
  return {
    ...inner,
    kind: 'recording',
    async set(key, value, ttlMs) {
      written.set(key, value);
      return inner.set(key, value, ttlMs);
    },
    async hit(key, windowMs) {
      hits.push({ key, windowMs });
      return inner.hit(key, windowMs);
    },
    written,
    hits,
  };
}

describe('proxy: Shopify app-proxy adapter', () => {
  it("matches Shopify's documented signature example", async () => {
    // shopify.dev, "Authenticate app proxies": shared secret "hush".
    const query = new URLSearchParams(
      'extra=1&extra=2&shop=shop-name.myshopify.com&logged_in_customer_id=1&path_prefix=%2Fapps%2Fawesome_reviews&timestamp=1317327555',
    );
    const message = shopifySignatureMessage(query);
    assert.equal(message, 'extra=1,2logged_in_customer_id=1path_prefix=/apps/awesome_reviewsshop=shop-name.myshopify.comtimestamp=1317327555');
    assert.equal(await hmacSha256Hex(await hmacKey('hush'), message), '4c68c8624d737112c91818c11017d24d334b524cb5c2b8ba08daa056f7395ddb');
    const signed = await signShopifyProxyQuery('hush', Object.fromEntries([...query].filter(([k]) => k !== 'extra')));
    assert.match(signed.get('signature')!, /^[0-9a-f]{64}$/);
  });

  it('mints with id_handle shopify for the signed customer, over GET as Shopify forwards it', async () => {
    const h = harness();
    const res = await h.send(`/omneo/token?${await h.shopifyQuery()}`, { method: 'GET', origin: null });
    assert.equal(res.status, 200, res.text);
    assert.equal(decodePayload(res.json.token).pid, AVA_PROFILE_ID);
    assert.deepEqual(JSON.parse(h.upstream[0]!.body), { id: AVA_SHOPIFY_ID, id_handle: 'shopify' });
    assert.equal(h.logs.at(-1)!.adapter, 'shopify-app-proxy');
  });

  it('answers 204 without minting when Shopify says nobody is signed in', async () => {
    const h = harness();
    const res = await h.send(`/omneo/token?${await h.shopifyQuery({ customer: '' })}`, { method: 'GET', origin: null });
    assert.equal(res.status, 204);
    assert.equal(res.text, '');
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(h.upstream.length, 0);
    // A signed-out shopper has no profile to pass through to.
    const api = await h.send(`/omneo/api/me/balances?${await h.shopifyQuery({ customer: '' })}`, { method: 'GET', origin: null });
    assert.equal(api.status, 401);
  });

  it("passes the widget's listing parameters through, signed with Shopify's, and forwards only those", async () => {
    const h = harness();
    const listing = { 'page[size]': '100', sort: 'expires_at', 'filter[expires_at][lte]': '2025-12-26 01:00:00', 'tags[]': 'vip' };
    const res = await h.send(`/omneo/api/me/points?${await h.shopifyQuery({ extra: listing, timestamp: h.nowS() })}`, { method: 'GET', origin: null });
    assert.equal(res.status, 200, res.text);
    const forwarded = h.upstream.find((u) => u.path === '/id/api/v1/profiles/me/points')!;
    assert.deepEqual([...new URL(forwarded.url).searchParams.keys()].sort(), Object.keys(listing).sort());
    const locale = await signShopifyProxyQuery(SHOPIFY_SECRET, { shop: SHOP, logged_in_customer_id: AVA_SHOPIFY_ID, path_prefix: '/fr/apps/omneo', timestamp: String(h.nowS()) });
    assert.equal((await h.send(`/omneo/token?${locale}`, { method: 'GET', origin: null })).status, 200, 'a locale path_prefix');
  });

  // tags[] is the one parameter that may repeat, and each repeat was forwarded: 10,000 of them (128 KB, where a
  // runtime takes a URL that long) became a 169 KB upstream URL, after a mint, for Omneo to refuse or time out on.
  it('forwards up to 50 tags[] and refuses more with a 400 naming it, before any mint or call', async () => {
    const h = harness();
    const cookie = await h.assertionCookie();
    const tags = (n: number) => Array.from({ length: n }, (_, i) => `tags[]=t${i}`).join('&');
    const fifty = await h.send(`/omneo/api/me/rewards?${tags(50)}`, { method: 'GET', cookie });
    assert.equal(fifty.status, 200, fifty.text);
    assert.equal(new URL(h.upstream.at(-1)!.url).searchParams.getAll('tags[]').length, 50);
    const before = h.upstream.length;
    for (const n of [51, 10_000]) {
      const started = performance.now();
      const res = await h.send(`/omneo/api/me/rewards?${tags(n)}`, { method: 'GET', cookie });
      assert.equal(res.status, 400, `${n} tags: ${res.text}`);
      assert.deepEqual(res.json, { message: 'Query parameter "tags[]" is repeated more than 50 times.' });
      // 10,000 tags are read in about 20 ms (the 51st refuses); the bound is 10× that, far below a forwarded call.
      assert.ok(performance.now() - started < 1000, `${n} tags took ${performance.now() - started} ms`);
    }
    assert.equal(h.upstream.length, before, 'nothing minted or forwarded');
  });

  it('refuses a validly signed query with any other parameter, an "=" in a value, or an odd path_prefix', async () => {
    const h = harness();
    const cases: Array<[Record<string, string | string[]>, string]> = [
      [{ extra: '1' }, 'unexpected-parameter'],
      [{ 'Shop': SHOP }, 'unexpected-parameter'],
      [{ '': 'x' }, 'unexpected-parameter'],
      [{ 'page[size]': '5=5' }, 'ambiguous-parameter'],
      [{ path_prefix: '/apps/omneo?x' }, 'malformed-path-prefix'],
      [{ path_prefix: 'apps/omneo' }, 'malformed-path-prefix'],
      [{ path_prefix: '' }, 'malformed-path-prefix'],
      // Identity values once each, of their strict shapes: a second customer id is never picked over Shopify's.
      [{ logged_in_customer_id: [ZOE_SHOPIFY_ID, AVA_SHOPIFY_ID] }, 'malformed-customer'],
      [{ logged_in_customer_id: `${AVA_SHOPIFY_ID}m` }, 'malformed-customer'],
      [{ timestamp: `${h.nowS()}.0` }, 'malformed-timestamp'],
      [{ timestamp: [String(h.nowS()), String(h.nowS())] }, 'malformed-timestamp'],
      [{ shop: [SHOP, SHOP] }, 'unknown-shop'],
    ];
    for (const [over, reason] of cases) {
      const params = { shop: SHOP, logged_in_customer_id: AVA_SHOPIFY_ID, path_prefix: '/apps/omneo', timestamp: String(h.nowS()), ...over };
      const res = await h.send(`/omneo/token?${await signShopifyProxyQuery(SHOPIFY_SECRET, params)}`, { method: 'GET', origin: null });
      assert.equal(res.status, 401, JSON.stringify(over));
      assert.equal(h.logs.at(-1)!.reason, reason, JSON.stringify(over));
    }
    const noPrefix = await signShopifyProxyQuery(SHOPIFY_SECRET, { shop: SHOP, logged_in_customer_id: AVA_SHOPIFY_ID, timestamp: String(h.nowS()) });
    assert.equal((await h.send(`/omneo/token?${noPrefix}`, { method: 'GET', origin: null })).status, 401);
    assert.equal(h.logs.at(-1)!.reason, 'malformed-path-prefix');
    assert.equal(h.upstream.length, 0);
  });

  it('accepts a timestamp up to 300 s old or ahead, and no further', async () => {
    const h = harness();
    for (const [offset, status] of [[-300, 200], [300, 200], [-301, 401], [301, 401]] as const) {
      const res = await h.send(`/omneo/token?${await h.shopifyQuery({ customer: AVA_SHOPIFY_ID, timestamp: h.nowS() + offset })}`, { method: 'GET', origin: null });
      assert.equal(res.status, status, `timestamp ${offset} s from now`);
    }
    assert.equal(h.logs.at(-1)!.reason, 'stale-timestamp');
  });

  it('refuses to start with a shop that is not exactly a *.myshopify.com domain', () => {
    for (const shop of ['harbour-co.myshopify.com.evil.example', 'harbour-co.myshopify.com/x', 'harbour-co.example', '']) {
      assert.throws(() => shopifyAppProxyAdapter({ secret: SHOPIFY_SECRET, shops: [shop] }), /myshopify\.com/, shop);
    }
    assert.doesNotThrow(() => shopifyAppProxyAdapter({ secret: SHOPIFY_SECRET, shops: ['https://Harbour-Co.myshopify.com/'] }));
    // No shop at all (an entry file that reads an empty list): every request would be refused as another shop's.
    assert.throws(() => shopifyAppProxyAdapter({ secret: SHOPIFY_SECRET, shops: [] }), /needs shops as \*\.myshopify\.com domains/);
    assert.throws(() => shopifyAppProxyAdapter({ secret: '', shops: [SHOP] }), /needs the app secret/);
  });

  it('allows no parameter name that is a proper suffix of another, so a signed string reads one way', () => {
    // A filter field holds no bracket: filter[page[size] would end with page[size], filter[tags[] with tags[].
    for (const name of ['filter[page[size]', 'filter[tags[]', 'filter[a]b]', 'filter[x][eq][eq]', 'filter[]', 'tags[][]']) assert.ok(!LISTING_PARAM_NAME.test(name), name);
    // The property shopify.ts's note relies on, over the fixed names and a spread of filter names.
    const fixed = [...SHOPIFY_PROXY_PARAMS.filter((n) => n !== 'signature'), 'sort', 'include', 'tags[]', 'page[size]', 'page[number]'];
    const fields = ['a', 'b', 'ba', 'sort', 'include', 'tags', 'page', 'size', 'shop', 'timestamp', 'id', 'customer_id', 'expires_at', 'eq', 'in', 'filter'];
    const filters = fields.flatMap((f) => [`filter[${f}]`, ...['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in'].map((op) => `filter[${f}][${op}]`)]);
    const names = [...fixed, ...filters];
    for (const name of names) assert.ok(fixed.slice(0, 4).includes(name) || LISTING_PARAM_NAME.test(name), name);
    for (const a of names) for (const b of names) if (a !== b) assert.ok(!a.endsWith(b), `${b} ends ${a}`);
  });

  it("reads what Shopify signed for Ava, whatever she added, as Ava's or not at all (brute force of shopify.ts's note)", async () => {
    // Every way of cutting the signed string at its "=" signs into allowed names and values that
    // re-signs to the same string: the adapter itself decides each, and whatever it accepts must be
    // Shopify's own customer. A query of allowed names only has exactly one such reading.
    const h = harness();
    const adapter = shopifyAppProxyAdapter({ secret: SHOPIFY_SECRET, shops: [SHOP], now: h.clock.nowMs });
    const allowed = (name: string) => (SHOPIFY_PROXY_PARAMS as readonly string[]).includes(name) || LISTING_PARAM_NAME.test(name);
    function readings(message: string): Array<Array<[string, string]>> {
      const parts = message.split('=');
      if (parts.length < 2 || !allowed(parts[0]!)) return [];
      let partial: Array<Array<[string, string]>> = [[[parts[0]!, '']]];
      for (const part of parts.slice(1, -1)) {
        const next: Array<Array<[string, string]>> = [];
        for (let cut = 0; cut <= part.length; cut++) {
          if (!allowed(part.slice(cut))) continue;
          for (const reading of partial) {
            const done = reading.slice(0, -1);
            next.push([...done, [reading.at(-1)![0], part.slice(0, cut)], [part.slice(cut), '']]);
          }
        }
        partial = next;
      }
      return partial.map((reading) => [...reading.slice(0, -1), [reading.at(-1)![0], parts.at(-1)!]]);
    }
    const ts = String(h.nowS());
    const attackerChosen: Array<Record<string, string>> = [
      {},
      { 'page[size]': '5', sort: 'x', 'tags[]': 'a' },
      { a: 'b', alogged_in_customer_id: `${ZOE_SHOPIFY_ID}m`, b: 'xn' },
      { a: 'x', m: `ylogged_in_customer_id=${ZOE_SHOPIFY_ID}` },
      { [`logged_in_customer_id=${ZOE_SHOPIFY_ID}path_prefix`]: 'x' },
      { include: 'x', sort: `ylogged_in_customer_id=${ZOE_SHOPIFY_ID}` },
      { include: `${ZOE_SHOPIFY_ID}`, sort: `logged_in_customer_id=${ZOE_SHOPIFY_ID}` },
      { 'filter[x]': `1logged_in_customer_id=${ZOE_SHOPIFY_ID}`, 'filter[y]': `shop=${SHOP}` },
      { kshop: `x`, timestamp0: `1`, 'logged_in_customer_id ': ZOE_SHOPIFY_ID },
      // Re-read as logged_in_customer_id=<Ava>m&page[size]=5: only the digits-only id rule refuses it.
      { 'mpage[size]': '5' },
    ];
    let accepted = 0;
    for (const customer of [AVA_SHOPIFY_ID, '']) {
      for (const extra of attackerChosen) {
        const original = await signShopifyProxyQuery(SHOPIFY_SECRET, { ...extra, shop: SHOP, logged_in_customer_id: customer, path_prefix: '/apps/omneo', timestamp: ts });
        const message = shopifySignatureMessage(original);
        // Readings that re-sign to the same string (sorted, names not repeated).
        const valid = readings(message).filter((reading) => shopifySignatureMessage(new URLSearchParams(reading)) === message);
        if (Object.entries(extra).every(([name, value]) => allowed(name) && !value.includes('='))) assert.equal(valid.length, 1, `${JSON.stringify(extra)} reads one way`);
        for (const reading of valid) {
          const query = new URLSearchParams(reading);
          query.append('signature', original.get('signature')!);
          const result = await adapter.verify(new Request(`${PROXY_ORIGIN}/omneo/token?${query}`));
          if (result && 'customerId' in result) {
            accepted += 1;
            assert.equal(result.customerId, customer, `${JSON.stringify(extra)} read as ${query}`);
          } else if (result && 'signedOut' in result) {
            assert.equal(customer, '', `${JSON.stringify(extra)} read as a guest: ${query}`);
          }
        }
      }
    }
    assert.ok(accepted >= 2, 'the plain queries themselves are accepted');
  });

  it('accepts the storefront origin derived from the configured shop', async () => {
    const { proxyConfigFromEnv } = await import('../../server/proxy/index.js');
    const config = proxyConfigFromEnv({
      OMNEO_TENANT: 'demo',
      OMNEO_ADMIN_TOKEN: ADMIN_TOKEN,
      SHOPIFY_API_SECRET: 'shpss_0123456789abcdef0123456789abcdef',
      SHOPIFY_SHOPS: SHOP,
      ALLOWED_ORIGINS: STOREFRONT,
    });
    assert.deepEqual(config.allowedOrigins, [STOREFRONT, `https://${SHOP}`]);
    assert.equal(config.identity[0]!.name, 'shopify-app-proxy');
  });
});

describe('proxy: custom verify(request) adapter', () => {
  const sessions = new Map([['sess-ava', AVA_SHOPIFY_ID]]);
  const sfcc = customAdapter({
    name: 'sfcc-session',
    async verify(request) {
      const sid = /(?:^|;\s*)sid=([^;]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
      if (!sid) return null;
      const customer = sessions.get(sid);
      return customer ? { customerId: customer, idHandle: 'shopify' } : { refuse: 'unknown-session' };
    },
  });

  it('mints for the customer its back end vouches for, and refuses what it refuses', async () => {
    const h = harness({ identity: [sfcc], idHandle: undefined });
    const ok = await h.send('/omneo/token', { cookie: 'sid=sess-ava' });
    assert.equal(ok.status, 200);
    assert.deepEqual(JSON.parse(h.upstream[0]!.body), { id: AVA_SHOPIFY_ID, id_handle: 'shopify' });
    assert.equal((await h.send('/omneo/token', { cookie: 'sid=forged' })).status, 401);
    assert.equal(h.logs.at(-1)!.reason, 'unknown-session');
    assert.equal((await h.send('/omneo/token')).status, 401);
    assert.equal(h.upstream.length, 1);
  });

  it('refuses implausible ids and turns a throwing hook into a 500 that leaks nothing', async () => {
    for (const id of ['', ' 42', 'a\nb', 'x'.repeat(257)]) {
      // As a bare string, and as {customerId} (the form that also names an identity handle).
      for (const verify of [() => id, () => ({ customerId: id, idHandle: 'shopify' })]) {
        const h = harness({ identity: [customAdapter({ name: 'weird', verify })] });
        const res = await h.send('/omneo/token');
        assert.equal(res.status, 401, JSON.stringify(id));
        assert.equal(h.logs.at(-1)!.reason, 'implausible-customer-id', JSON.stringify(id));
        assert.equal(h.upstream.length, 0);
      }
    }
    const h = harness({ identity: [customAdapter({ name: 'broken', verify: () => Promise.reject(new Error(`db down ${ADMIN_TOKEN}`)) })] });
    const res = await h.send('/omneo/token');
    assert.equal(res.status, 500);
    assert.deepEqual(res.json, { message: 'The token service failed.' });
    h.assertNoLeaks();
  });

  it('refuses to be built without a name or a verify function, so an entry file fails at start, not per shopper', () => {
    const verify = () => null;
    for (const options of [{ name: '', verify }, { name: 'sfcc-session' }, { name: 'sfcc-session', verify: 'cookie' }]) {
      assert.throws(() => customAdapter(options as Parameters<typeof customAdapter>[0]), /customAdapter needs a name and a verify\(request\) function/, JSON.stringify(options));
    }
  });

  it("passes on its answer's identity handle (null: by Omneo profile id), which secret verified, and a refusal without a reason", async () => {
    const answers: Array<Awaited<ReturnType<Parameters<typeof customAdapter>[0]['verify']>>> = [];
    const h = harness({ identity: [customAdapter({ name: 'headless', verify: () => answers.shift() })] });
    // The harness configures idHandle "shopify"; an answer's own handle wins, null meaning "an Omneo profile id".
    answers.push({ customerId: AVA_PROFILE_ID, idHandle: null, secret: 'previous' });
    assert.equal((await h.send('/omneo/token')).status, 200);
    assert.deepEqual(JSON.parse(h.upstream.at(-1)!.body), { id: AVA_PROFILE_ID });
    assert.equal(h.logs.at(-1)!.secret, 'previous', 'the log says a rotation is not over');
    answers.push({ customerId: AVA_SHOPIFY_ID, secret: 'made-up' as 'current' });
    assert.equal((await h.send('/omneo/token')).status, 200);
    assert.deepEqual(JSON.parse(h.upstream.at(-1)!.body), { id: AVA_SHOPIFY_ID, id_handle: 'shopify' });
    assert.equal(h.logs.at(-1)!.secret, undefined, 'only current or previous is logged');
    answers.push({ refuse: '' });
    assert.equal((await h.send('/omneo/token')).status, 401);
    assert.deepEqual([h.logs.at(-1)!.outcome, h.logs.at(-1)!.reason], ['refused', 'refused']);
  });
});

describe('proxy: a previous secret, while a rotation is under way', () => {
  // Distinctive, so a leak is easy to spot. The harness's own secrets are the current ones.
  const OLD_ASSERTION_SECRET = 'OLD-ASSERTION-SECRET-fedcba9876543210fedcba98';
  const OLD_SHOPIFY_SECRET = 'shpss_OLD-SHOPIFY-SECRET-ffeeddccbbaa99887766';
  const OLD_BC_CLIENT_SECRET = 'OLD-BC-CLIENT-SECRET-0f1e2d3c4b5a69788796';
  const adapters = (now: () => number, previous: boolean) => ({
    shopify: shopifyAppProxyAdapter({ secret: SHOPIFY_SECRET, ...(previous ? { previousSecret: OLD_SHOPIFY_SECRET } : {}), shops: [SHOP], now }),
    assertion: signedAssertionAdapter({ secret: ASSERTION_SECRET, ...(previous ? { previousSecret: OLD_ASSERTION_SECRET } : {}), now }),
    bigCommerce: currentCustomerAdapter({
      clientId: BC_CLIENT_ID,
      clientSecret: BC_CLIENT_SECRET,
      ...(previous ? { previousClientSecret: OLD_BC_CLIENT_SECRET } : {}),
      storeHash: BC_STORE_HASH,
      idHandle: 'bigcommerce',
      now,
    }),
  });
  /** Two proxies in front of their own mock: one with the previous secret configured, one after it was removed. */
  function rotation(adapter: 'shopify' | 'assertion' | 'bigCommerce') {
    return [true, false].map((previous) => {
      let h: Harness | undefined;
      h = harness({ identity: [adapters(() => h!.clock.nowMs(), previous)[adapter]] });
      // Ava's profile also carries her BigCommerce customer id, as a BigCommerce tenant's profiles do.
      (h.mock.state.ava.profile.identities as unknown[]).push({ id: 901, handle: 'bigcommerce', identifier: String(AVA_BC_ID), is_primary: false, is_active: '1' });
      return h;
    }) as [Harness, Harness];
  }
  const noOldSecretLeaked = (h: Harness) => {
    const all = JSON.stringify([h.logs, h.responses]);
    for (const secret of [OLD_ASSERTION_SECRET, OLD_SHOPIFY_SECRET, OLD_BC_CLIENT_SECRET, BC_CLIENT_SECRET]) assert.ok(!all.includes(secret), `${secret.slice(0, 12)}… leaked`);
    h.assertNoLeaks();
  };

  it('signed assertion: accepts what the previous secret signed while it is configured, logging secret "previous"; refuses it once removed', async () => {
    const [rotating, done] = rotation('assertion');
    const old = await rotating.assertionCookie(AVA_SHOPIFY_ID, rotating.nowS() + 300, OLD_ASSERTION_SECRET);
    const res = await rotating.send('/omneo/token', { cookie: old });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual([rotating.logs.at(-1)!.adapter, rotating.logs.at(-1)!.secret], ['signed-assertion', 'previous']);
    assert.equal((await rotating.send('/omneo/token', { cookie: await rotating.assertionCookie() })).status, 200);
    assert.equal(rotating.logs.at(-1)!.secret, 'current');
    // Pass-through calls are authorised by the same check.
    assert.equal((await rotating.send('/omneo/api/me/balances', { method: 'GET', cookie: old })).status, 200);
    assert.equal(rotating.logs.at(-1)!.secret, 'previous');

    const refused = await done.send('/omneo/token', { cookie: await done.assertionCookie(AVA_SHOPIFY_ID, done.nowS() + 300, OLD_ASSERTION_SECRET) });
    assert.equal(refused.status, 401);
    assert.deepEqual([done.logs.at(-1)!.reason, done.logs.at(-1)!.secret], ['bad-signature', undefined]);
    assert.equal(done.upstream.length, 0);
    assert.equal((await done.send('/omneo/token', { cookie: await done.assertionCookie() })).status, 200);
    assert.equal(done.logs.at(-1)!.secret, 'current');
    for (const h of [rotating, done]) noOldSecretLeaked(h);
  });

  it('Shopify app proxy: accepts a query signed with the previous secret while it is configured (a guest\'s too); refuses it once removed', async () => {
    const [rotating, done] = rotation('shopify');
    const res = await rotating.send(`/omneo/token?${await rotating.shopifyQuery({ secret: OLD_SHOPIFY_SECRET })}`, { method: 'GET', origin: null });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual([rotating.logs.at(-1)!.adapter, rotating.logs.at(-1)!.secret], ['shopify-app-proxy', 'previous']);
    const guest = await rotating.send(`/omneo/token?${await rotating.shopifyQuery({ secret: OLD_SHOPIFY_SECRET, customer: '' })}`, { method: 'GET', origin: null });
    assert.equal(guest.status, 204);
    assert.deepEqual([rotating.logs.at(-1)!.outcome, rotating.logs.at(-1)!.secret], ['signed-out', 'previous']);
    assert.equal((await rotating.send(`/omneo/token?${await rotating.shopifyQuery()}`, { method: 'GET', origin: null })).status, 200);
    assert.equal(rotating.logs.at(-1)!.secret, 'current');

    const refused = await done.send(`/omneo/token?${await done.shopifyQuery({ secret: OLD_SHOPIFY_SECRET })}`, { method: 'GET', origin: null });
    assert.equal(refused.status, 401);
    assert.equal(done.logs.at(-1)!.reason, 'bad-signature');
    assert.equal(done.upstream.length, 0);
    for (const h of [rotating, done]) noOldSecretLeaked(h);
  });

  it('BigCommerce Current Customer JWT: accepts one signed with the previous client secret while it is configured; refuses it once removed', async () => {
    const [rotating, done] = rotation('bigCommerce');
    const token = async (h: Harness, secret: string) =>
      h.send('/omneo/token', { headers: { Authorization: `Bearer ${await signHs256(secret, currentCustomerPayload(h.nowS(), {}, AVA_BC_ID))}` } });
    const res = await token(rotating, OLD_BC_CLIENT_SECRET);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual([rotating.logs.at(-1)!.adapter, rotating.logs.at(-1)!.secret], ['bigcommerce-current-customer', 'previous']);
    assert.equal((await token(rotating, BC_CLIENT_SECRET)).status, 200);
    assert.equal(rotating.logs.at(-1)!.secret, 'current');

    assert.equal((await token(done, OLD_BC_CLIENT_SECRET)).status, 401);
    assert.equal(done.logs.at(-1)!.reason, 'bad-signature');
    assert.equal(done.upstream.length, 0);
    for (const h of [rotating, done]) noOldSecretLeaked(h);
  });

  it('verifyAssertion and verifyCurrentCustomerJwt, for back ends of their own, take the previous secret too', async () => {
    const exp = Math.floor(Date.now() / 1000) + 120;
    const old = await signAssertion(OLD_ASSERTION_SECRET, AVA_SHOPIFY_ID, exp);
    assert.deepEqual(await verifyAssertion(old, { secret: ASSERTION_SECRET, previousSecret: OLD_ASSERTION_SECRET, maxAgeSeconds: 300 }), {
      customerId: AVA_SHOPIFY_ID,
      secret: 'previous',
    });
    assert.deepEqual(await verifyAssertion(old, { secret: ASSERTION_SECRET, maxAgeSeconds: 300 }), { refuse: 'bad-signature' });
    const jwt = await signHs256(OLD_BC_CLIENT_SECRET, currentCustomerPayload(Math.floor(Date.now() / 1000), {}, AVA_BC_ID));
    const options = { clientId: BC_CLIENT_ID, clientSecret: BC_CLIENT_SECRET, storeHash: BC_STORE_HASH };
    assert.deepEqual(await verifyCurrentCustomerJwt(jwt, { ...options, previousClientSecret: OLD_BC_CLIENT_SECRET }), { customerId: String(AVA_BC_ID), secret: 'previous' });
    assert.deepEqual(await verifyCurrentCustomerJwt(jwt, options), { refuse: 'bad-signature' });
  });
});

describe('proxy: minted-token cache', () => {
  it("relays Omneo's Retry-After when it throttles minting, as pass-through does, so widgets wait instead of retrying at once", async () => {
    // Every mint goes out under the one admin token: at a sale's peak Omneo may throttle it for all shoppers,
    // and each widget's own backoff (under a second) would only add to the load Omneo asked to shed.
    const h = harness();
    for (const status of [429, 503]) {
      h.mock.faults.add({ path: '/auth/token', status, retryAfter: 12, times: 1 });
      const res = await h.send('/omneo/token', { cookie: await h.assertionCookie() });
      assert.equal(res.status, 502, `Omneo ${status}`);
      assert.equal(res.headers.get('retry-after'), '12', `Omneo ${status}`);
      assert.equal(h.logs.at(-1)!.upstreamStatus, status);
    }
    h.mock.faults.add({ path: '/auth/token', status: 500, times: 1 });
    assert.equal((await h.send('/omneo/token', { cookie: await h.assertionCookie() })).headers.get('retry-after'), null);
    h.assertNoLeaks();
  });

  it('reuses a token per customer until 120 s before exp, then mints again', async () => {
    const h = harness();
    const cookie = async () => h.assertionCookie();
    const first = await h.send('/omneo/token', { cookie: await cookie() });
    const second = await h.send('/omneo/token', { cookie: await cookie() });
    assert.equal(second.json.token, first.json.token);
    assert.equal(h.upstream.length, 1);
    assert.deepEqual(h.logs.map((l) => l.cached), [false, true]);
    // The mock's tokens live 900 s: at 779 s 121 s remain (cached); at 781 s 119 s remain (fresh mint).
    h.clock.advance(779_000);
    assert.equal((await h.send('/omneo/token', { cookie: await cookie() })).json.token, first.json.token);
    h.clock.advance(2_000);
    const renewed = await h.send('/omneo/token', { cookie: await cookie() });
    assert.notEqual(renewed.json.token, first.json.token);
    assert.equal(h.upstream.length, 2);
    // Another customer never gets Ava's cached token.
    const zoe = await h.send('/omneo/token', { cookie: await h.assertionCookie(ZOE_SHOPIFY_ID) });
    assert.notEqual(decodePayload(zoe.json.token).pid, AVA_PROFILE_ID);
  });

  it("judges a cached token's life on Omneo's clock: a proxy clock 5 minutes slow never hands out a token Omneo has expired", async () => {
    // Within Shopify's 300 s window, so the app proxy still accepts every request; the token cache must not
    // assume its clock is Omneo's. (Before, for 3 minutes of every token's life it handed out one Omneo refused,
    // and the widget's re-mint after that 401 got the same token again.)
    const slowMs = 5 * 60_000;
    let h!: Harness;
    const slowNow = () => h.clock.nowMs() - slowMs;
    // Without pass-through, so the browser holds the Omneo token itself.
    h = harness({ now: slowNow, store: memoryStore({ now: slowNow }), passThrough: false });
    const cookie = async () => h.assertionCookie();
    const first = await h.send('/omneo/token', { cookie: await cookie() });
    assert.equal(first.status, 200);
    // Omneo's tokens live 900 s. At 660 s 240 s remain, more than the 120 s a cached token must have: cached.
    h.clock.advance(660_000);
    assert.equal((await h.send('/omneo/token', { cookie: await cookie() })).json.token, first.json.token);
    // At 960 s it expired a minute ago on Omneo's clock (660 s on the proxy's, where 240 s would remain): a new
    // token, which Omneo accepts.
    h.clock.advance(300_000);
    const renewed = await h.send('/omneo/token', { cookie: await cookie() });
    const balances = await call(h.mock.app, '/id/api/v1/profiles/me/balances', { token: renewed.json.token });
    assert.equal(balances.status, 200, 'Omneo accepts the token handed out');
    assert.deepEqual(h.logs.map((l) => l.cached), [false, true, false]);
  });

  it('shares one mint between concurrent requests for the same customer', async () => {
    const h = harness();
    h.mock.faults.add({ path: '/auth/token', latencyMs: 50 });
    const cookie = await h.assertionCookie();
    const results = await Promise.all(Array.from({ length: 8 }, () => h.send('/omneo/token', { cookie })));
    assert.deepEqual([...new Set(results.map((r) => r.status))], [200]);
    assert.equal(new Set(results.map((r) => r.json.token)).size, 1);
    assert.equal(h.upstream.length, 1);
  });

  it('stores tokens encrypted under an HMAC of the customer id; a value moved to another key is useless', async () => {
    const clock = { now: () => Date.parse('2025-11-26T01:00:00Z') };
    const store = recordingStore(clock.now);
    const h = harness({ store });
    const ava = await h.send('/omneo/token', { cookie: await h.assertionCookie() });
    const zoe = await h.send('/omneo/token', { cookie: await h.assertionCookie(ZOE_SHOPIFY_ID) });
    const tokenEntries = [...store.written].filter(([key]) => key.startsWith('tok:'));
    assert.equal(tokenEntries.length, 2);
    // Every part of either token (header, claims, signature; tens of characters each), not a short prefix such as
    // "eyJ", which a random ciphertext holds by chance about once in 250 runs.
    const tokenParts = [ava.json.token, zoe.json.token].flatMap((token: string) => token.split('.'));
    for (const [key, value] of tokenEntries) {
      assert.ok(!key.includes(AVA_SHOPIFY_ID) && !key.includes(ZOE_SHOPIFY_ID), 'no customer id in a key');
      for (const part of tokenParts) assert.ok(!value.includes(part), 'no token in clear');
    }
    // An attacker with write access to the store copies Zoe's entry over Ava's key.
    const [[avaKey], [, zoeValue]] = tokenEntries as [[string, string], [string, string]];
    await store.set(avaKey, zoeValue, 60_000);
    const after = await h.send('/omneo/token', { cookie: await h.assertionCookie() });
    assert.equal(decodePayload(after.json.token).pid, AVA_PROFILE_ID, 'a misplaced entry fails to decrypt and Ava gets a fresh token of her own');
    assert.equal(h.upstream.length, 3);
  });

  it('reads an entry a proxy wrote before the skew was stored as skew 0, and one of another shape as a miss (a rolling deploy on one Redis)', async () => {
    // Written as mint.ts writes it: AES-GCM under the key HKDF derives from the admin token, the entry's key as
    // associated data. A proxy from before 6346113 wrote {token, exp}; a future one may write another shape.
    const store = recordingStore(() => Date.parse('2025-11-26T01:00:00Z'));
    // Without pass-through the token route hands out the cached Omneo token itself, not a stand-in for it.
    const h = harness({ store, passThrough: false });
    const first = await h.send('/omneo/token', { cookie: await h.assertionCookie() });
    const [key] = [...store.written.keys()].filter((k) => k.startsWith('tok:'));
    const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(ADMIN_TOKEN), 'HKDF', false, ['deriveKey']);
    const aes = await crypto.subtle.deriveKey(
      { name: 'HKDF', hash: 'SHA-256', salt: new TextEncoder().encode('omneo-proxy/token-cache/v1'), info: new TextEncoder().encode('encrypt') },
      base,
      { name: 'AES-GCM', length: 256 },
      false,
      ['encrypt'],
    );
    const entry = async (value: unknown) => {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const cipher = new Uint8Array(
        await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(key!) }, aes, new TextEncoder().encode(JSON.stringify(value))),
      );
      return btoa(String.fromCharCode(...iv, ...cipher)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    };
    const exp = decodePayload(first.json.token).exp as number;
    await store.set(key!, await entry({ token: first.json.token, exp }), 60_000);
    const old = await h.send('/omneo/token', { cookie: await h.assertionCookie() });
    assert.deepEqual([old.json.token, h.logs.at(-1)!.cached, h.upstream.length], [first.json.token, true, 1], 'served from the older entry');
    for (const value of [{ token: 42, exp }, { token: first.json.token, exp: String(exp) }, { token: first.json.token }]) {
      await store.set(key!, await entry(value), 60_000);
      const res = await h.send('/omneo/token', { cookie: await h.assertionCookie() });
      assert.equal(res.status, 200, JSON.stringify(value));
      assert.equal(typeof res.json.token, 'string');
      assert.equal(h.logs.at(-1)!.cached, false, `${JSON.stringify(value)}: a miss, minted afresh`);
    }
  });

  it('does not cache a token minted with less life than the renewal margin, and mints each time instead', async () => {
    // Omneo configured with short tokens (60 s, under the proxy's 120 s margin): a cached copy could never be handed out.
    const store = recordingStore(() => Date.parse('2025-11-26T01:00:00Z'));
    let h: Harness | undefined;
    h = harness({ store, fetch: async () => Response.json({ data: { token: await h!.mock.mintToken('ava', { ttlSeconds: 60 }) } }) });
    for (let i = 0; i < 2; i++) {
      const res: Sent = await h.send('/omneo/token', { cookie: await h.assertionCookie() });
      assert.equal(res.status, 200, res.text);
      assert.equal(h.logs.at(-1)!.cached, false);
    }
    assert.deepEqual([...store.written.keys()].filter((k) => k.startsWith('tok:')), [], 'nothing written to the store');
  });

  it('keys rate-limit counters by HMACs (no client IP or customer id in the store), each for one 60 s window', async () => {
    // README Privacy, Proxy: "Its store holds no id or address in clear: rate-limit counters are keyed by HMACs
    // and live one 60 s window".
    const store = recordingStore(() => Date.parse('2025-11-26T01:00:00Z'));
    const h = harness({ store });
    const ip = '198.51.100.23';
    const cookie = await h.assertionCookie();
    assert.equal((await h.send('/omneo/token', { cookie, ip })).status, 200);
    assert.equal((await h.send('/omneo/api/me/balances', { method: 'GET', cookie, ip })).status, 200);
    const counted = (prefix: RegExp) => store.hits.filter(({ key }) => prefix.test(key));
    assert.ok(counted(/^rl:token:/).length === 1 && counted(/^rl:api:/).length === 1, `a token and an API counter: ${JSON.stringify(store.hits)}`);
    assert.ok(store.hits.length >= 3, 'and the per-IP counter');
    for (const { key, windowMs } of store.hits) {
      assert.equal(windowMs, 60_000, key);
      for (const secret of [ip, '198.51.100', AVA_SHOPIFY_ID, AVA_PROFILE_ID]) assert.ok(!key.includes(secret), `${key} holds ${secret}`);
      assert.match(key, /[0-9a-f]{32}$/, 'ends in an HMAC');
    }
    for (const [key, value] of store.written) {
      for (const secret of [ip, AVA_SHOPIFY_ID, AVA_PROFILE_ID]) assert.ok(!key.includes(secret) && !value.includes(secret), `${key} holds ${secret}`);
    }
  });

  it('can be switched off', async () => {
    const h = harness({ tokenCache: false });
    const cookie = await h.assertionCookie();
    await h.send('/omneo/token', { cookie });
    await h.send('/omneo/token', { cookie });
    assert.equal(h.upstream.length, 2);
  });
});

describe('proxy: GET /omneo/tiers', () => {
  it('returns the public ladder sorted by value_min, without internal fields, cached for an hour', async () => {
    const h = harness();
    const res = await h.send('/omneo/tiers', { method: 'GET' });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json.data.map((t: { handle: string }) => t.handle), ['member', 'silver', 'gold', 'platinum']);
    assert.ok(!res.text.includes('internal_notes') && !res.text.includes('J. Smith'), 'internal notes never leave');
    assert.ok(res.json.data.every((t: Record<string, unknown>) => !('created_at' in t)));
    assert.equal(res.headers.get('cache-control'), 'public, max-age=3600');
    // Public and the same for every shopper: varying on Cookie would keep one copy per shopper in a shared cache.
    assert.equal(res.headers.get('vary'), 'Origin');
    assert.equal(res.headers.get('access-control-allow-origin'), STOREFRONT);
    assert.equal(h.upstream[0]!.authorization, `Bearer ${ADMIN_TOKEN}`);
    assert.equal(new URL(h.upstream[0]!.url).pathname, '/api/v3/tiers/definitions');
    h.clock.advance(30 * 60 * 1000);
    await h.send('/omneo/tiers', { method: 'GET' });
    assert.equal(h.upstream.length, 1, 'served from cache');
    h.assertNoLeaks();
  });

  it('follows every page of a paginated ladder', async () => {
    const pages = [
      { data: [{ id: 3, name: 'Gold', handle: 'gold', value_min: '1500' }], meta: { current_page: 1, last_page: 2 } },
      { data: [{ id: 1, name: 'Member', handle: 'member', value_min: 0, internal_notes: 'x' }], meta: { current_page: 2, last_page: 2 } },
    ];
    let calls = 0;
    const h = harness({ fetch: async () => Response.json(pages[calls++]) });
    const res = await h.send('/omneo/tiers', { method: 'GET' });
    assert.deepEqual(res.json.data, [
      { id: 1, name: 'Member', handle: 'member', value_min: 0 },
      { id: 3, name: 'Gold', handle: 'gold', value_min: '1500' },
    ]);
    assert.equal(calls, 2);
  });

  // Every /omneo/tiers request re-reads the cached ladder and writes it out again: with all of an oversized answer
  // kept (100,000 tiers in one page, the page[size] ignored) that was 386 ms of CPU per request, and 2.4 s for the
  // first. The widget shows the lowest 100 (src/api/tier-ladder.ts); the proxy keeps no more.
  it('keeps the 100 lowest tiers of an oversized answer, each perk as plain text', async () => {
    const ladder = Array.from({ length: 10_000 }, (_, i) => ({ id: i + 1, name: `T${i}`, handle: `t${i}`, value_min: 10_000 - i, short_description: '<p>Perk &amp; more</p>' }));
    const h = harness({ fetch: async () => Response.json({ data: ladder }) });
    const res = await h.send('/omneo/tiers', { method: 'GET' });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(
      res.json.data.map((t: { value_min: number }) => t.value_min),
      Array.from({ length: 100 }, (_, i) => i + 1),
    );
    assert.ok(res.json.data.every((t: { short_description: string }) => t.short_description === 'Perk & more'));
    assert.equal(h.logs.at(-1)!.tiers, 100);
    // The operator hears that tiers were left out, once per read from Omneo (not on each request the cache serves).
    assert.equal((await h.send('/omneo/tiers', { method: 'GET' })).status, 200);
    assert.deepEqual(
      h.logs.filter((line) => line.outcome === 'ladder-cut'),
      [{ event: 'omneo.tiers', outcome: 'ladder-cut', tiers: 100, received: 10_000 }],
    );
  });

  it('says nothing of a cut when the answer holds 100 tiers and entries that are not tiers: none was left out', async () => {
    const ladder = [
      ...Array.from({ length: 100 }, (_, i) => ({ id: i + 1, name: `T${i}`, handle: `t${i}`, value_min: i })),
      ...Array.from({ length: 5 }, () => 'not a tier'),
    ];
    const h = harness({ fetch: async () => Response.json({ data: ladder }) });
    const res = await h.send('/omneo/tiers', { method: 'GET' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.data.length, 100);
    assert.deepEqual(h.logs.filter((line) => line.outcome === 'ladder-cut'), []);
  });

  it('reads a tier without value_min as the widget does, 0 (the base tier): kept first when the ladder is cut, not cut as the highest', async () => {
    const ladder = [
      ...Array.from({ length: 100 }, (_, i) => ({ id: i + 2, name: `T${i}`, handle: `t${i}`, value_min: i + 1 })),
      { id: 1, name: 'Member', handle: 'member' },
    ];
    const h = harness({ fetch: async () => Response.json({ data: ladder }) });
    const res = await h.send('/omneo/tiers', { method: 'GET' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.data.length, 100);
    assert.equal(res.json.data[0].name, 'Member');
    assert.equal(res.json.data.at(-1).value_min, 99, 'the highest, 100, is the one left out');
  });

  it("sends each tier's perk (short_description, the line the tier card shows) as plain text: a WYSIWYG editor's markup and entities never reach the card", async () => {
    const ladder = [
      { id: 2, name: 'Silver', handle: 'silver', value_min: 500, short_description: '<p>Free express <strong>shipping</strong> &amp; returns</p>', long_description: '<p>Kept as sent</p>' },
      { id: 3, name: 'Gold', handle: 'gold', value_min: 1500, short_description: '&Eacute;dition limit&eacute;e' },
      { id: 1, name: 'Member', handle: 'member', value_min: 0, short_description: null },
    ];
    const h = harness({ fetch: async () => Response.json({ data: ladder }) });
    const res = await h.send('/omneo/tiers', { method: 'GET' });
    assert.deepEqual(res.json.data.map((t: { short_description: unknown }) => t.short_description), [null, 'Free express shipping & returns', 'Édition limitée']);
    assert.equal(res.json.data[1].long_description, '<p>Kept as sent</p>', 'the HTML fields a storefront may render as HTML itself stay');
  });

  it('stops at a repeated page: an endpoint that reads only the plain page= answers page 1 to every page[number]', async () => {
    const gold = { id: 3, name: 'Gold', handle: 'gold', value_min: '1500' };
    let calls = 0;
    const h = harness({ fetch: async () => (calls++, Response.json({ data: [gold], meta: { current_page: 1, last_page: 3 } })) });
    const res = await h.send('/omneo/tiers', { method: 'GET' });
    assert.deepEqual(res.json.data, [gold], 'each tier once');
    assert.equal(calls, 2, 'the second answer was page 1 again: no third request');
  });

  it('serves a stale ladder when Omneo fails, and 502 when it has none', async () => {
    const h = harness();
    assert.equal((await h.send('/omneo/tiers', { method: 'GET' })).status, 200);
    h.clock.advance(2 * 3600 * 1000);
    h.mock.faults.add({ path: '/api/v3/tiers/definitions', status: 500, body: { message: 'SQLSTATE secret detail' } });
    const stale = await h.send('/omneo/tiers', { method: 'GET' });
    assert.equal(stale.status, 200);
    assert.equal(stale.headers.get('cache-control'), 'public, max-age=60');
    assert.equal(h.logs.at(-1)!.outcome, 'served-stale');
    const empty = harness();
    empty.mock.faults.add({ path: '/api/v3/tiers/definitions', status: 500, body: { message: 'SQLSTATE secret detail' } });
    const failed = await empty.send('/omneo/tiers', { method: 'GET' });
    assert.equal(failed.status, 502);
    assert.ok(!failed.text.includes('SQLSTATE'));
    assert.equal((await harness({ adminApiBase: undefined }).send('/omneo/tiers', { method: 'GET' })).status, 404);
  });

  it("answers 502 naming the problem when Omneo's tier list is not JSON, is JSON null, or carries no data array", async () => {
    // A maintenance page, a balancer's empty answer, an error envelope sent with 200: the card says the ladder is
    // unavailable (502, our message) and the log says which, never a 500.
    const answers: Array<[Parameters<Harness['mock']['faults']['add']>[0], string]> = [
      [{ malformed: true }, 'invalid-json'],
      [{ status: 200, body: null }, 'no-data'],
      [{ status: 200, body: { message: 'Server Error' } }, 'no-data'],
      [{ status: 200, body: { data: { id: 1 } } }, 'no-data'],
    ];
    for (const [fault, problem] of answers) {
      const h = harness();
      h.mock.faults.add({ path: '/api/v3/tiers/definitions', ...fault });
      const res = await h.send('/omneo/tiers', { method: 'GET' });
      assert.equal(res.status, 502, JSON.stringify(fault));
      assert.deepEqual(res.json, { message: 'The loyalty service is unavailable.' });
      assert.deepEqual([h.logs.at(-1)!.outcome, h.logs.at(-1)!.problem], ['upstream-error', problem], JSON.stringify(fault));
    }
  });

  it('names an admin token Omneo refuses (expired, revoked, without the scope) in the log, for the token and the ladder', async () => {
    const h = harness({ adminToken: 'an-admin-token-omneo-has-revoked' });
    const token = await h.send('/omneo/token', { cookie: await h.assertionCookie() });
    assert.equal(token.status, 502);
    assert.deepEqual(token.json, { message: 'The loyalty service is unavailable.' });
    assert.equal(h.logs.at(-1)!.outcome, 'admin-token-refused');
    assert.equal(h.logs.at(-1)!.upstreamStatus, 401);
    const ladder = await h.send('/omneo/tiers', { method: 'GET' });
    assert.equal(ladder.status, 502);
    assert.equal(h.logs.at(-1)!.outcome, 'admin-token-refused');
    assert.equal(h.logs.at(-1)!.upstreamStatus, 401);
    // Missing the scope: Omneo's 403 is named the same way.
    const unscoped = harness();
    unscoped.mock.faults.add({ path: '/auth/token', status: 403, body: { message: 'This action is unauthorized.' } });
    assert.equal((await unscoped.send('/omneo/token', { cookie: await unscoped.assertionCookie() })).status, 502);
    assert.equal(unscoped.logs.at(-1)!.outcome, 'admin-token-refused');
    assert.equal(unscoped.logs.at(-1)!.upstreamStatus, 403);
  });
});

describe('proxy: pass-through /omneo/api/me/...', () => {
  it('forwards the reads the elements need, under both /me and /profiles/me, with a server-held token', async () => {
    const h = harness();
    const cookie = await h.assertionCookie();
    const paths = [
      '/omneo/api/me',
      '/omneo/api/profiles/me/balances',
      '/omneo/api/me/points?sort=expires_at&filter%5Bexpires_at%5D%5Blte%5D=2025-12-26%2001:00:00&page%5Bsize%5D=100',
      '/omneo/api/me/rewards?page[size]=2&page[number]=1',
      '/omneo/api/me/rewards/55102',
      '/omneo/api/me/benefits',
      '/omneo/api/me/tiers',
      '/omneo/api/me/lists',
      '/omneo/api/me/lists/6021/items',
      '/omneo/api/me/transactions',
    ];
    for (const path of paths) {
      const res = await h.send(path, { method: 'GET', cookie, headers: { Authorization: 'Bearer whatever-the-browser-holds' } });
      assert.equal(res.status, 200, `${path}: ${res.text}`);
      assert.ok(res.json.data !== undefined, path);
      assert.equal(res.headers.get('cache-control'), 'no-store');
    }
    const forwarded = h.upstream.filter((u) => u.path !== '/id/api/v1/auth/token');
    assert.equal(forwarded.length, paths.length);
    assert.equal(h.upstream.length - forwarded.length, 1, 'one mint serves every call');
    assert.ok(forwarded.every((u) => u.authorization !== 'Bearer whatever-the-browser-holds'), 'the browser Authorization is never forwarded');
    assert.equal(new URL(forwarded[2]!.url).search, '?sort=expires_at&filter%5Bexpires_at%5D%5Blte%5D=2025-12-26+01%3A00%3A00&page%5Bsize%5D=100');
    const me = await h.send('/omneo/api/me', { method: 'GET', cookie });
    assert.equal(me.json.data.id, AVA_PROFILE_ID);
  });

  it("relays Omneo's answers decoded when its edge gzips them: no Content-Encoding or stale Content-Length reaches the browser", async () => {
    // The runtime's own fetch over a real socket, as in production: it asks for compression and decodes the body,
    // but leaves the upstream's Content-Encoding and Content-Length on the Response it hands back.
    const { createServer } = await import('node:http');
    const { gzipSync } = await import('node:zlib');
    const port = await freePort();
    let h!: Harness;
    const edge = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const answer = await h.mock.app.fetch(
        new Request(`http://127.0.0.1:${port}${req.url}`, { method: req.method, headers: req.headers as Record<string, string>, body: chunks.length ? Buffer.concat(chunks) : undefined }),
      );
      const body = Buffer.from(await answer.arrayBuffer());
      assert.match(String(req.headers['accept-encoding']), /gzip/, 'the runtime asks for compression');
      const encoded = gzipSync(body);
      res.writeHead(answer.status, { ...Object.fromEntries(answer.headers), 'content-encoding': 'gzip', 'content-length': String(encoded.length) });
      res.end(encoded);
    });
    await new Promise<void>((resolve) => edge.listen(port, '127.0.0.1', resolve));
    try {
      h = harness({ idApiBase: `http://127.0.0.1:${port}/id/api/v1`, fetch: undefined });
      const cookie = await h.assertionCookie();
      for (const path of ['/omneo/api/me/balances', '/omneo/api/me/lists/6021/items']) {
        const res = await h.send(path, { method: 'GET', cookie });
        assert.equal(res.status, 200, `${path}: ${res.text}`);
        assert.ok(res.json.data !== undefined, path);
        assert.equal(res.headers.get('content-encoding'), null, path);
        assert.equal(res.headers.get('content-length') ?? String(Buffer.byteLength(res.text)), String(Buffer.byteLength(res.text)), path);
        assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8', path);
      }
      // A 4xx with Omneo's validation hints, compressed too.
      const refused = await h.send('/omneo/api/me/lists/6021/items', { cookie, headers: { 'Content-Type': 'application/json' }, body: '{}' });
      assert.equal(refused.status, 422, refused.text);
      assert.equal(refused.headers.get('content-encoding'), null);
      assert.ok(refused.json.message, refused.text);
    } finally {
      edge.close();
    }
  });

  it('forwards a JSON body nested 32 levels deep, and refuses one of 33', async () => {
    const h = harness();
    const cookie = await h.assertionCookie();
    const nested = (levels: number) => `{"product_variant_sku":"LS-SAND-L","meta":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`;
    const send = (levels: number) =>
      h.send('/omneo/api/me/lists/6021/items', { method: 'POST', cookie, headers: { 'Content-Type': 'application/json' }, body: nested(levels) });
    assert.notEqual((await send(32)).status, 400);
    const refused = await send(33);
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.json, { message: 'The request body must be a JSON object.' });
  });

  it('refuses a write body that is not JSON, not UTF-8 or not an object with 400 bad-json, before asking Omneo', async () => {
    const h = harness();
    const cookie = await h.assertionCookie();
    const bodies: Array<[string, BodyInit]> = [
      ['cut off', '{"product_variant_sku":"LS-SAND-L"'],
      ['a form body', 'product_variant_sku=LS-SAND-L'],
      // {"product_variant_sku":"<0xff>"}: a Latin-1 byte, not UTF-8 (the decoder is fatal, never a replacement character).
      ['not UTF-8', new Uint8Array([...new TextEncoder().encode('{"product_variant_sku":"'), 0xff, ...new TextEncoder().encode('"}')])],
      ['null', 'null'],
      ['a string', '"LS-SAND-L"'],
    ];
    for (const [what, body] of bodies) {
      const res = await h.send('/omneo/api/me/lists/6021/items', { cookie, headers: { 'Content-Type': 'application/json' }, body });
      assert.equal(res.status, 400, `${what}: ${res.text}`);
      assert.deepEqual(res.json, { message: 'The request body must be a JSON object.' }, what);
      assert.equal(h.logs.at(-1)!.outcome, 'bad-json', what);
    }
    assert.equal(h.upstream.length, 0, 'neither a mint nor a call to Omneo');
  });

  it('answers 502 naming the cause when the pass-through call cannot reach Omneo or times out, and tries it once', async () => {
    // Mints go to the mock; the pass-through call itself to a port nothing listens on (the real fetch), or to a mock that
    // stalls past the timeout: a tenant's ID API down or slow while the mint endpoint answered.
    const port = await freePort();
    let mockFetch: typeof fetch | undefined;
    const tried: string[] = [];
    const h = harness({
      fetch: (input, init) => {
        const url = new Request(input, init).url;
        tried.push(new URL(url).pathname);
        if (!url.includes('/profiles/me')) return mockFetch!(input, init);
        return fetch(`http://127.0.0.1:${port}${new URL(url).pathname}`, { method: init?.method, signal: init?.signal ?? null, redirect: 'manual' });
      },
    });
    mockFetch = inProcessFetch(h.mock.app);
    const unreachable = await h.send('/omneo/api/me/balances', { method: 'GET', cookie: await h.assertionCookie() });
    assert.equal(unreachable.status, 502, unreachable.text);
    assert.deepEqual(unreachable.json, { message: 'The loyalty service is unavailable.' });
    assert.deepEqual([h.logs.at(-1)!.outcome, h.logs.at(-1)!.error, h.logs.at(-1)!.cause], ['upstream-unreachable', 'TypeError', 'ECONNREFUSED']);
    assert.deepEqual(tried, ['/id/api/v1/auth/token', '/id/api/v1/profiles/me/balances'], 'one mint, one attempt: no retry of a call that may not have been made');

    const slow = harness({ upstreamTimeoutMs: 100 });
    slow.mock.faults.add({ path: '/profiles/me/balances', latencyMs: 3000 });
    const started = performance.now();
    const timedOut = await slow.send('/omneo/api/me/balances', { method: 'GET', cookie: await slow.assertionCookie() });
    assert.equal(timedOut.status, 502, timedOut.text);
    assert.ok(performance.now() - started < 2000, 'answered at the timeout, not after Omneo');
    assert.deepEqual([slow.logs.at(-1)!.outcome, slow.logs.at(-1)!.error], ['upstream-timeout', 'TimeoutError']);
    h.assertNoLeaks();
    slow.assertNoLeaks();
  });

  it('serves HEAD wherever GET is served, forwarded to Omneo as a GET', async () => {
    const h = harness();
    const res = await h.send('/omneo/api/me/balances', { method: 'HEAD', cookie: await h.assertionCookie() });
    assert.equal(res.status, 200);
    assert.equal(res.text, '');
    const forwarded = h.upstream.filter((u) => u.path !== '/id/api/v1/auth/token');
    assert.deepEqual(forwarded.map((u) => [u.method, u.path]), [['GET', '/id/api/v1/profiles/me/balances']]);
  });

  it('refuses page parameters that are not a positive whole number of at most 4 digits, before asking Omneo', async () => {
    const h = harness();
    const cookie = await h.assertionCookie();
    for (const value of ['0', '05', '-1', '1e3', '1.5', '10000', ' 5', '']) {
      for (const name of ['page[size]', 'page[number]']) {
        const res = await h.send(`/omneo/api/me/points?${new URLSearchParams({ [name]: value })}`, { method: 'GET', cookie });
        assert.equal(res.status, 400, `${name}=${value}`);
        assert.deepEqual(res.json, { message: `Query parameter "${name}" must be a positive whole number.` });
      }
    }
    assert.equal(h.upstream.length, 0);
    assert.equal((await h.send('/omneo/api/me/points?page[size]=9999&page[number]=1', { method: 'GET', cookie })).status, 200);
  });

  it('forwards the wishlist and benefit writes, with JSON bodies re-serialised', async () => {
    const h = harness();
    const cookie = await h.assertionCookie();
    const json = { 'Content-Type': 'application/json' };
    const added = await h.send('/omneo/api/me/lists/6021/items', { cookie, headers: json, body: JSON.stringify({ product_variant_sku: 'LS-SAND-L', quantity: 1 }) });
    assert.equal(added.status, 201, added.text);
    const items = await h.send('/omneo/api/me/lists/6021/items', { method: 'GET', cookie });
    const item = items.json.data.find((i: { product_variant: { sku: string } }) => i.product_variant.sku === 'LS-SAND-L');
    assert.equal((await h.send(`/omneo/api/me/lists/6021/items/${item.id}`, { method: 'DELETE', cookie, headers: json })).status, 204);
    const redeemed = await h.send('/omneo/api/me/benefits/7781/redeem', { cookie, headers: json, body: '{"count": 1}' });
    assert.equal(redeemed.status, 200, redeemed.text);
    const created = await h.send('/omneo/api/me/lists', { cookie, headers: json, body: JSON.stringify({ name: 'Gift ideas' }) });
    assert.equal(created.status, 201, created.text);
    const bad = await h.send('/omneo/api/me/lists', { cookie, headers: json, body: '[1,2]' });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.json, { message: 'The request body must be a JSON object.' });
  });

  it('needs Content-Type: application/json on every write, a bodiless DELETE included, with or without an Origin', async () => {
    const h = harness();
    const cookie = await h.assertionCookie();
    const json = { 'Content-Type': 'application/json; charset=utf-8' };
    const writes = () => h.upstream.filter((u) => u.method !== 'GET' && u.path !== '/id/api/v1/auth/token');
    // As the widget sends them (src/api/client.ts): the header on every write, with a body or without.
    assert.equal((await h.send('/omneo/api/me/lists/6021/items', { cookie, headers: json, body: '{"product_variant_sku":"LS-SAND-L","quantity":1}' })).status, 201);
    const items = (await h.send('/omneo/api/me/lists/6021/items', { method: 'GET', cookie })).json.data;
    const [first, second] = items.map((i: { id: number }) => i.id);
    assert.equal((await h.send(`/omneo/api/me/lists/6021/items/${first}`, { method: 'DELETE', cookie, headers: json })).status, 204);
    // Where no Origin arrives (same-origin behind an app proxy that drops it), the header alone does.
    assert.equal((await h.send(`/omneo/api/me/lists/6021/items/${second}`, { method: 'DELETE', cookie, origin: null, headers: json })).status, 204);
    const redeemed = await h.send('/omneo/api/me/benefits/7781/redeem', { cookie, origin: null, headers: json });
    assert.equal(redeemed.status, 200, 'a bodiless POST with the header is forwarded, without a body');
    assert.deepEqual(writes().map((u) => [u.method, u.body]), [
      ['POST', '{"product_variant_sku":"LS-SAND-L","quantity":1}'],
      ['DELETE', ''],
      ['DELETE', ''],
      ['POST', ''],
    ]);
    // Anything else is what a cross-site form or no-cors fetch could send.
    for (const [method, headers, origin] of [
      ['POST', {}, undefined],
      ['POST', { 'Content-Type': 'text/plain' }, null],
      ['POST', { 'Content-Type': 'multipart/form-data; boundary=x' }, undefined],
      ['DELETE', {}, null],
      // An allowlisted Origin is no longer enough on its own: one rule for every write.
      ['DELETE', {}, undefined],
      ['DELETE', { 'Content-Type': 'application/x-www-form-urlencoded' }, undefined],
    ] as Array<[string, Record<string, string>, string | null | undefined]>) {
      const path = method === 'POST' ? '/omneo/api/me/benefits/7781/redeem' : '/omneo/api/me/lists/6021/items/88310';
      const res = await h.send(path, { method, cookie, headers, origin });
      assert.equal(res.status, 415, `${method} ${JSON.stringify(headers)} origin=${origin}`);
      assert.equal(h.logs.at(-1)!.outcome, 'unsupported-media-type');
    }
    assert.equal(writes().length, 4);
  });

  it('passes 4xx answers (validation hints) through, but never an upstream 5xx body', async () => {
    const h = harness();
    const cookie = await h.assertionCookie();
    h.mock.faults.add({ path: '/profiles/me/lists/6021/items', method: 'POST', status: 422, body: { message: 'The given data was invalid.', errors: { sku: ['Unknown SKU.'] } } });
    const invalid = await h.send('/omneo/api/me/lists/6021/items', { cookie, headers: { 'Content-Type': 'application/json' }, body: '{"product_variant_sku":"NOPE"}' });
    assert.equal(invalid.status, 422);
    assert.deepEqual(invalid.json.errors, { sku: ['Unknown SKU.'] });
    h.mock.faults.add({ path: '/profiles/me/balances', status: 500, body: { message: 'SQLSTATE[42S22] secret column' } });
    const failed = await h.send('/omneo/api/me/balances', { method: 'GET', cookie });
    assert.equal(failed.status, 502);
    assert.ok(!failed.text.includes('SQLSTATE'));
    h.mock.faults.add({ path: '/profiles/me/points', status: 429, retryAfter: 7 });
    const throttled = await h.send('/omneo/api/me/points', { method: 'GET', cookie });
    assert.equal(throttled.status, 429);
    assert.equal(throttled.headers.get('retry-after'), '7');
  });

  it('re-mints once when Omneo rejects the cached token, evicting it', async () => {
    const h = harness();
    const cookie = await h.assertionCookie();
    const token = (await h.send('/omneo/token', { cookie })).json.token;
    h.mock.faults.add({ path: '/profiles/me/balances', expireToken: true });
    const res = await h.send('/omneo/api/me/balances', { method: 'GET', cookie });
    assert.equal(res.status, 200);
    const mints = h.upstream.filter((u) => u.path === '/id/api/v1/auth/token');
    assert.equal(mints.length, 2);
    assert.notEqual((await h.send('/omneo/token', { cookie })).json.token, token, 'the rejected token left the cache');
  });

  it('a 401 that Omneo repeats after the re-mint is our own 502, never forwarded (README: Pass-through mode)', async () => {
    // The one re-mint is the proxy's to make; a second refusal is Omneo's trouble, not the shopper's session (which the
    // proxy has verified), so the widget must not read it as "signed out", nor see Omneo's body.
    const h = harness();
    const cookie = await h.assertionCookie();
    h.mock.faults.add({ path: '/profiles/me/balances', status: 401, body: { message: 'Unauthenticated.' }, times: 2 });
    const res = await h.send('/omneo/api/me/balances', { method: 'GET', cookie });
    assert.equal(res.status, 502, res.text);
    assert.deepEqual(res.json, { message: 'The loyalty service is unavailable.' });
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const calls = h.upstream.map((u) => u.path);
    assert.deepEqual(calls, ['/id/api/v1/auth/token', '/id/api/v1/profiles/me/balances', '/id/api/v1/auth/token', '/id/api/v1/profiles/me/balances'], 'one re-mint, one replay');
    assert.deepEqual([h.logs.at(-1)!.outcome, h.logs.at(-1)!.upstreamStatus], ['upstream-error', 401]);
    h.assertNoLeaks();
  });

  it("answers the mint's own failure on a pass-through call (a customer not yet in Omneo, a revoked admin token), calling nothing else", async () => {
    const h = harness();
    const unknown = await h.send('/omneo/api/me/balances', { method: 'GET', cookie: await h.assertionCookie('7321980000000') });
    assert.equal(unknown.status, 503, unknown.text);
    assert.equal(unknown.headers.get('retry-after'), '5');
    assert.equal(h.logs.at(-1)!.outcome, 'unknown-customer');
    const revoked = harness({ adminToken: 'an-admin-token-omneo-has-revoked' });
    const refused = await revoked.send('/omneo/api/me/balances', { method: 'GET', cookie: await revoked.assertionCookie() });
    assert.equal(refused.status, 502, refused.text);
    assert.deepEqual(refused.json, { message: 'The loyalty service is unavailable.' });
    assert.equal(revoked.logs.at(-1)!.outcome, 'admin-token-refused');
    for (const x of [h, revoked]) assert.deepEqual(x.upstream.map((u) => u.path), ['/id/api/v1/auth/token'], 'the mint only: no call with no token');
    h.assertNoLeaks();
    revoked.assertNoLeaks();
  });

  it('limits pass-through per customer for a back end that names her by Omneo profile id (idHandle null) too', async () => {
    const h = harness({
      identity: [customAdapter({ name: 'headless', verify: () => ({ customerId: AVA_PROFILE_ID, idHandle: null }) })],
      rateLimits: { apiPerCustomer: 2 },
    });
    for (let i = 0; i < 2; i++) assert.equal((await h.send('/omneo/api/me/balances', { method: 'GET', ip: `192.0.2.${i}` })).status, 200);
    assert.deepEqual(JSON.parse(h.upstream.find((u) => u.path === '/id/api/v1/auth/token')!.body), { id: AVA_PROFILE_ID });
    const before = h.upstream.length;
    const third = await h.send('/omneo/api/me/balances', { method: 'GET', ip: '192.0.2.9' });
    assert.equal(third.status, 429, third.text);
    assert.ok(Number(third.headers.get('retry-after')) > 0);
    assert.deepEqual([h.logs.at(-1)!.outcome, h.logs.at(-1)!.limit], ['rate-limited', 'customer']);
    assert.equal(h.upstream.length, before, 'nothing sent to Omneo');
  });

  it("refuses a body whose declared Content-Length is over the limit or not a plain number, before reading it (413, nothing sent)", async () => {
    // Node's parser refuses such a header itself; an edge runtime or a balancer in front may hand it on. Over the
    // limit, the body is not read at all; not digits ("1e3", "+5", "-1", "0x10", 16 digits), it is not guessed at.
    const h = harness();
    const cookie = await h.assertionCookie();
    const cases: Array<[string, string, string]> = [
      ['/omneo/token', '1025', ''],
      ['/omneo/api/me/lists', String(16 * 1024 + 1), '{"name":"Gifts"}'],
      ...['1e3', '+5', '-1', '0x10', '1234567890123456', '5.0'].map((length): [string, string, string] => ['/omneo/token', length, '']),
      ...['1e3', '+16'].map((length): [string, string, string] => ['/omneo/api/me/lists', length, '{"name":"Gifts"}']),
    ];
    for (const [path, length, body] of cases) {
      const res = await h.send(path, { cookie, body, headers: { 'Content-Type': 'application/json', 'Content-Length': length } });
      assert.equal(res.status, 413, `${path} Content-Length: ${length}`);
      assert.equal(h.logs.at(-1)!.outcome, 'body-too-large');
    }
    assert.equal(h.upstream.length, 0);
    // The same requests with their true length go through.
    const body = '{"name":"Gifts"}';
    assert.equal((await h.send('/omneo/token', { cookie, headers: { 'Content-Length': '0' } })).status, 200);
    const list = await h.send('/omneo/api/me/lists', { cookie, body, headers: { 'Content-Type': 'application/json', 'Content-Length': String(body.length) } });
    assert.ok(list.status < 300, list.text);
  });

  it('allows balance spend, profile edit and delete only when switched on', async () => {
    const h = harness({ passThrough: { extras: ['balance-redeem'] } });
    const cookie = await h.assertionCookie();
    const spent = await h.send('/omneo/api/me/redeem', { cookie, headers: { 'Content-Type': 'application/json' }, body: '{"amount": 10}' });
    assert.equal(spent.status, 200, spent.text);
    assert.equal((await h.send('/omneo/api/me', { method: 'DELETE', cookie })).status, 405);
    const off = harness({ passThrough: false });
    const res = await off.send('/omneo/api/me/balances', { method: 'GET', cookie: await off.assertionCookie() });
    assert.equal(res.status, 404);
    assert.equal(off.upstream.length, 0);
  });
});

describe('proxy: pass-through mode keeps the Omneo token on the server', () => {
  /** What Omneo itself answers when the browser calls it with what the token route gave it. */
  async function omneoAccepts(h: Harness, token: string): Promise<number> {
    const res = await h.mock.app.request(`${ID_API}/profiles/me/balances`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
    await res.body?.cancel();
    return res.status;
  }

  it('answers the token route with a stand-in Omneo refuses, carrying the same pid and exp, while pass-through works', async () => {
    const h = harness();
    const cookie = await h.assertionCookie();
    const res = await h.send('/omneo/token', { cookie });
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.json).sort(), ['exp', 'token']);
    const claims = decodePayload(res.json.token);
    assert.equal(claims.pid, AVA_PROFILE_ID);
    assert.equal(claims.exp, res.json.exp);
    assert.equal(claims.use, 'pass-through');
    // The mint's iat too: the widget checks the device clock against the token's lifetime (exp - iat).
    const minted = await (await h.config.fetch!(`${ID_API}/auth/token`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: AVA_SHOPIFY_ID, id_handle: 'shopify' }),
    })).json() as { data: { token: string } };
    assert.equal(claims.iat, decodePayload(minted.data.token).iat);
    assert.equal(typeof claims.iat, 'number');
    h.upstream.length = 0;
    assert.equal(await omneoAccepts(h, res.json.token), 401);
    // The server-held token behind it is a real one: the pass-through call needs no further mint.
    const balances = await h.send('/omneo/api/me/balances', { method: 'GET', cookie, headers: { Authorization: `Bearer ${res.json.token}` } });
    assert.equal(balances.status, 200);
    assert.equal(h.upstream.filter((u) => u.path.endsWith('/auth/token')).length, 0, 'served by the cached token');
    // Same cached Omneo token, same stand-in; a guest still gets 401.
    assert.equal((await h.send('/omneo/token', { cookie })).json.token, res.json.token);
    assert.equal((await h.send('/omneo/token', {})).status, 401);
  });

  it('hands out the Omneo token without pass-through, or with handOutOmneoTokens (one proxy for both modes)', async () => {
    for (const passThrough of [false, { handOutOmneoTokens: true }] as const) {
      const h = harness({ passThrough });
      const res = await h.send('/omneo/token', { cookie: await h.assertionCookie() });
      assert.equal(res.status, 200);
      assert.equal(await omneoAccepts(h, res.json.token), 200, JSON.stringify(passThrough));
      assert.equal(h.logs.at(-1)!.handedOut, undefined);
    }
  });
});

describe('proxy: requests from other sites without an Origin', () => {
  it('refuses Sec-Fetch-Site: cross-site or same-site without an Origin on every route, before any limit or identity; allows the rest', async () => {
    const h = harness({ rateLimits: { perIp: 4 } });
    const cookie = await h.assertionCookie();
    for (const path of ['/omneo/token', '/omneo/tiers', '/omneo/api/me/balances']) {
      for (let i = 0; i < 4; i++) {
        const site = i % 2 ? 'same-site' : 'cross-site';
        const res = await h.send(path, { method: 'GET', cookie, origin: null, headers: { 'Sec-Fetch-Site': site } });
        assert.equal(res.status, 403, `${path} ${site}`);
        assert.deepEqual(res.json, { message: 'This origin is not allowed.' });
      }
    }
    assert.equal(h.upstream.length, 0);
    // None of the 12 counted against this IP's limit of 4.
    const allowed: Array<[Record<string, string>, string | null | undefined]> = [
      [{ 'Sec-Fetch-Site': 'cross-site' }, undefined], // the storefront, allowlisted, on another site: CORS
      [{ 'Sec-Fetch-Site': 'same-site' }, undefined], // the storefront beside the proxy on a sibling subdomain: CORS
      [{ 'Sec-Fetch-Site': 'same-origin' }, null], // the Shopify app proxy's path, or a one-domain deploy
      [{}, null], // a server, or an old browser
    ];
    for (const [headers, origin] of allowed) {
      const res = await h.send('/omneo/token', { cookie, origin, headers });
      assert.equal(res.status, 200, `${JSON.stringify(headers)} origin=${origin}`);
    }
  });
});

describe('proxy: CORS, headers, logs', () => {
  it('answers a preflight from a configured origin with exact, credentialed CORS headers', async () => {
    const h = harness();
    const res = await h.send('/omneo/token', { method: 'OPTIONS', headers: { 'Access-Control-Request-Method': 'POST' } });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), STOREFRONT);
    assert.equal(res.headers.get('access-control-allow-credentials'), 'true');
    assert.equal(res.headers.get('access-control-allow-methods'), 'GET, POST');
    // Cached for 10 minutes, so the widget's calls do not each cost a preflight.
    assert.equal(res.headers.get('access-control-max-age'), '600');
    assert.match(res.headers.get('vary') ?? '', /Origin/);
    // Retry-After for the widget's backoff, Date for its token renewal on the issuer's clock (not a safelisted header).
    assert.equal(res.headers.get('access-control-expose-headers'), 'Retry-After, Date');
    const api = await h.send('/omneo/api/me/lists/6021/items/1', { method: 'OPTIONS', headers: { 'Access-Control-Request-Method': 'DELETE' } });
    assert.equal(api.headers.get('access-control-allow-methods'), 'GET, HEAD, DELETE');
    assert.equal(h.upstream.length, 0);
  });

  it("lets through the trace headers a storefront's browser monitoring adds to the calls it traces, and nothing else", async () => {
    // Datadog RUM (allowedTracingUrls), New Relic and Sentry add these to every call to a URL they trace, such as
    // loyalty.acme.example under a /.*\.acme\.example/ rule: a preflight refusing them fails every widget call.
    const h = harness();
    const asked = 'accept, authorization, content-type, traceparent, tracestate, x-datadog-trace-id, x-datadog-parent-id, x-datadog-origin, x-datadog-sampling-priority, newrelic, sentry-trace, baggage';
    const res = await h.send('/omneo/api/me/lists/6021/items', {
      method: 'OPTIONS',
      headers: { 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': asked.toUpperCase() },
    });
    assert.equal(res.status, 204);
    const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/\s*,\s*/);
    for (const name of asked.split(', ')) assert.ok(allowed.includes(name), `${name} in ${allowed.join(', ')}`);
    assert.match(res.headers.get('vary') ?? '', /Access-Control-Request-Headers/);
    // Anything else stays refused: a method override, a header of the page's own invention.
    const other = await h.send('/omneo/token', {
      method: 'OPTIONS',
      headers: { 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'x-http-method-override,x-customer-id,x-not-traceparent,x-b3' },
    });
    assert.equal(other.headers.get('access-control-allow-headers'), 'Authorization, Content-Type, Accept');
    // The traced call itself: answered, and its traceparent ties it to the proxy's log line.
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const traced = await h.send('/omneo/token', { cookie: await h.assertionCookie(), headers: { traceparent, 'x-datadog-trace-id': '123' } });
    assert.equal(traced.status, 200);
    assert.equal(h.logs.at(-1)!.trace, traceparent);
  });

  it('answers OPTIONS with the methods of that path only, and 404 where no method is served (scanners, preflights)', async () => {
    // A scan that finds DELETE advertised on /balances reports it to the merchant as enabled; a preflight it passes
    // only leads to a 405.
    const h = harness();
    const preflight = { method: 'OPTIONS', headers: { 'Access-Control-Request-Method': 'POST' } };
    const methodsAt = async (path: string, proxy = h) => {
      const res = await proxy.send(path, preflight);
      return [res.status, res.headers.get('allow'), res.headers.get('access-control-allow-methods')];
    };
    // HEAD is served wherever GET is, and named beside it.
    assert.deepEqual(await methodsAt('/omneo/api/me/balances'), [204, 'GET, HEAD, OPTIONS', 'GET, HEAD']);
    assert.deepEqual(await methodsAt('/omneo/api/profiles/me/lists/wishlist/items'), [204, 'GET, HEAD, POST, OPTIONS', 'GET, HEAD, POST']);
    assert.deepEqual(await methodsAt('/omneo/api/me/benefits/12/redeem'), [204, 'POST, OPTIONS', 'POST']);
    assert.deepEqual(await methodsAt('/omneo/token'), [204, 'GET, POST, OPTIONS', 'GET, POST']);
    // Paths that answer every method 404 answer OPTIONS 404 too: an extra left off, a path outside the allowlist,
    // pass-through off, the tier ladder not configured.
    for (const path of ['/omneo/api/me/purge', '/omneo/api/me/balances/x/y/z/w', '/omneo/api/customers/42', '/omneo/api']) {
      const res = await h.send(path, preflight);
      assert.equal(res.status, 404, path);
      assert.equal(res.headers.get('access-control-allow-methods'), null, path);
    }
    assert.equal((await methodsAt('/omneo/api/me', harness({ passThrough: false })))[0], 404);
    assert.deepEqual(await methodsAt('/omneo/tiers'), [204, 'GET, HEAD, OPTIONS', 'GET, HEAD']);
    const tiersOff = harness({ adminApiBase: undefined });
    assert.equal((await methodsAt('/omneo/tiers', tiersOff))[0], 404);
    assert.equal(tiersOff.logs.at(-1)!.outcome, 'not-configured');
    const extras = harness({ passThrough: { extras: ['profile-delete', 'profile-update'] } });
    assert.deepEqual(await methodsAt('/omneo/api/me', extras), [204, 'GET, HEAD, PUT, DELETE, OPTIONS', 'GET, HEAD, PUT, DELETE']);
    assert.deepEqual(await methodsAt('/omneo/api/me/purge', extras), [204, 'DELETE, OPTIONS', 'DELETE']);
    assert.equal(h.upstream.length, 0);
  });

  it('needs no CORS for same-origin calls (Shopify app proxy, one-domain deploys)', async () => {
    const h = harness();
    const res = await h.send('/omneo/token', { cookie: await h.assertionCookie(), origin: PROXY_ORIGIN });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), null);
  });

  it('sets the security headers and logs one structured line per request, without tokens', async () => {
    const h = harness();
    const res = await h.send('/omneo/token', { cookie: await h.assertionCookie() });
    for (const [name, value] of [
      ['cache-control', 'no-store'],
      ['vary', 'Cookie, Origin'],
      ['x-content-type-options', 'nosniff'],
      ['referrer-policy', 'no-referrer'],
      ['x-frame-options', 'DENY'],
      ['cross-origin-resource-policy', 'same-origin'],
    ]) {
      assert.equal(res.headers.get(name!), value, name);
    }
    assert.match(res.headers.get('content-security-policy')!, /default-src 'none'; frame-ancestors 'none'/);
    const line = h.logs.at(-1)!;
    assert.deepEqual(
      Object.keys(line).sort(),
      ['adapter', 'cached', 'customerId', 'durationMs', 'event', 'exp', 'handedOut', 'ip', 'method', 'outcome', 'requestId', 'secret', 'status'].sort(),
    );
    // Which of the adapter's secrets verified the session (never the secret): "previous" while a rotation is under way.
    assert.equal(line.secret, 'current');
    assert.equal(line.handedOut, 'stand-in');
    assert.equal(line.event, 'omneo.token');
    h.assertNoLeaks([res.json.token]);
  });

  it('carries HSTS and the whole CSP on refusals too, no WWW-Authenticate on a 401, and answers HEAD on the token route 405 without minting (README: Decisions, Responses)', async () => {
    const h = harness();
    const answers = [
      await h.send('/omneo/token', { cookie: await h.assertionCookie() }),
      await h.send('/omneo/token', {}),
      await h.send('/omneo/api/me/purge', { method: 'DELETE', cookie: await h.assertionCookie(), headers: { 'Content-Type': 'application/json' } }),
      await h.send('/omneo/tiers', { method: 'GET' }),
    ];
    assert.deepEqual(answers.map((res) => res.status), [200, 401, 404, 200]);
    for (const res of answers) {
      assert.equal(res.headers.get('strict-transport-security'), 'max-age=31536000', String(res.status));
      assert.equal(res.headers.get('content-security-policy'), "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'", String(res.status));
    }
    // The missing credential is the storefront's session, which no HTTP authentication scheme asks for: a Basic
    // challenge would open the browser's password dialog.
    assert.equal(answers[1]!.headers.get('www-authenticate'), null);
    // GET mints here, so HEAD is no read to answer as GET.
    const mintsBefore = h.upstream.filter((u) => u.path === '/id/api/v1/auth/token').length;
    const head = await h.send('/omneo/token', { method: 'HEAD', cookie: await h.assertionCookie() });
    assert.equal(head.status, 405);
    assert.equal(head.headers.get('allow'), 'GET, POST, OPTIONS');
    assert.equal(h.upstream.filter((u) => u.path === '/id/api/v1/auth/token').length, mintsBefore, 'HEAD minted');
    assert.equal(h.logs.at(-1)!.outcome, 'method-not-allowed');
  });

  it("ties each answer to its log line: X-Request-Id on every answer, the balancer's own id and trace header adopted when they are safe to log", async () => {
    const h = harness();
    const cookie = await h.assertionCookie();
    // A request id of our own, answered and logged.
    const own = await h.send('/omneo/token', { cookie });
    assert.match(own.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(h.logs.at(-1)!.requestId, own.headers.get('x-request-id'));
    // nginx's $request_id (or Heroku's, Render's) and a W3C trace context: the operator's 502 in the balancer's log
    // finds this line.
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const adopted = await h.send('/omneo/token', { cookie, headers: { 'X-Request-Id': 'a2f1c0de9b8e4f7a', traceparent } });
    assert.equal(adopted.headers.get('x-request-id'), 'a2f1c0de9b8e4f7a');
    assert.deepEqual([h.logs.at(-1)!.requestId, h.logs.at(-1)!.trace], ['a2f1c0de9b8e4f7a', traceparent]);
    const amazon = await h.send('/omneo/tiers', { method: 'GET', headers: { 'X-Amzn-Trace-Id': 'Root=1-67891233-abcdef012345678912345678' } });
    assert.equal(h.logs.at(-1)!.trace, 'Root=1-67891233-abcdef012345678912345678');
    assert.equal(amazon.headers.get('x-request-id'), h.logs.at(-1)!.requestId);
    // What a client could make of a log line (a forged field, a line break, a flood): never adopted.
    for (const hostile of ['x" ,"customerId":"victim', 'a b', 'x'.repeat(200), 'tab\there']) {
      const refused = await h.send('/omneo/token', { cookie, headers: { 'X-Request-Id': hostile, traceparent: hostile } });
      assert.match(refused.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/, hostile);
      assert.equal(h.logs.at(-1)!.trace, undefined, hostile);
    }
    // A token pasted into a header that is logged as it came (a client's bug, a probe) is blanked in the log line.
    const jwtLike = 'eyJhbGciOiJIUzI1NiJ9.eyJwaWQiOiJhdmEifQ.c2lnbmF0dXJl';
    await h.send('/omneo/token', { cookie, headers: { 'X-Request-Id': jwtLike, traceparent: jwtLike } });
    assert.deepEqual([h.logs.at(-1)!.requestId, h.logs.at(-1)!.trace], ['[redacted]', '[redacted]']);
    assert.ok(!JSON.stringify(h.logs).includes(jwtLike));
    // Refusals and pass-through answers carry it too.
    const refusedOrigin = await h.send('/omneo/token', { origin: 'https://evil.example' });
    assert.equal(refusedOrigin.status, 403);
    assert.equal(refusedOrigin.headers.get('x-request-id'), h.logs.at(-1)!.requestId);
  });

  it('answers an unexpected failure with its own 500, headers and one log line, never a stack', async () => {
    const printed: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void printed.push(args);
    try {
      // A failure inside a request (here: reading the body throws).
      const h = harness();
      const request = new Request(`${PROXY_ORIGIN}/omneo/api/me/lists`, {
        method: 'POST',
        headers: { Origin: STOREFRONT, 'Content-Type': 'application/json', Cookie: await h.assertionCookie() },
        body: '{"name":"x"}',
      });
      Object.defineProperty(request, 'body', { get: () => { throw new TypeError('boom at /srv/proxy.ts:1'); } });
      const inside = await h.proxy.fetch(request);
      // A failure before the request is under way (here: a custom clientIp hook throws): Hono's onError.
      const hooked = harness({ clientIp: () => { throw new RangeError('hook failed'); } });
      const outside = await hooked.proxy.fetch(new Request(`${PROXY_ORIGIN}/omneo/token`, { method: 'POST' }));
      for (const [res, logs, error, cors] of [[inside, h.logs, 'TypeError', STOREFRONT], [outside, hooked.logs, 'RangeError', null]] as const) {
        assert.equal(res.status, 500);
        assert.deepEqual(await res.json(), { message: 'The token service failed.' });
        assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
        assert.equal(res.headers.get('cache-control'), 'no-store');
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
        assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
        assert.equal(res.headers.get('access-control-allow-origin'), cors);
        assert.equal(logs.length, 1);
        assert.equal(logs[0]!.outcome, 'internal-error');
        assert.equal(logs[0]!.status, 500);
        assert.equal(logs[0]!.error, error);
        assert.ok(!JSON.stringify(logs).includes('boom') && !JSON.stringify(logs).includes('hook failed') && !JSON.stringify(logs).includes(' at '), 'no message or stack');
      }
      assert.equal(h.upstream.length + hooked.upstream.length, 0);
      assert.deepEqual(printed, [], 'nothing printed to stderr');
    } finally {
      console.error = original;
    }
  });

  it('goes on answering when its log sink throws (a closed log pipe, a full disk): the shopper still gets her token', async () => {
    let calls = 0;
    const h = harness({
      logger: () => {
        calls += 1;
        throw new Error('EPIPE: the log pipe is closed');
      },
    });
    const cookie = await h.assertionCookie();
    const token = await h.send('/omneo/token', { cookie });
    assert.equal(token.status, 200, token.text);
    assert.equal(typeof token.json.token, 'string');
    assert.equal((await h.send('/omneo/api/me/balances', { method: 'GET', cookie })).status, 200);
    assert.equal((await h.send('/omneo/token')).status, 401, 'a refusal too is answered as itself, not as a 500');
    assert.ok(calls >= 3, 'each request still tried to log its line');
  });

  it('answers 502 when the upstream body breaks off mid-read', async () => {
    const broken: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (request.url.endsWith('/auth/token')) return Response.json({ data: { token: `eyJhbGciOiJIUzI1NiJ9.${btoa(JSON.stringify({ pid: AVA_PROFILE_ID, exp: 1764122400 })).replace(/=+$/, '')}.sig`, exp: 1764122400 } });
      const body = new ReadableStream({ pull: (controller) => controller.error(new TypeError('socket hang up')) });
      return new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } });
    };
    const h = harness({ fetch: broken });
    const res = await h.send('/omneo/api/me/balances', { method: 'GET', cookie: await h.assertionCookie() });
    assert.equal(res.status, 502, res.text);
    assert.equal(h.logs.at(-1)!.outcome, 'upstream-error');
    assert.equal(h.logs.at(-1)!.error, 'TypeError');
  });

  it('skips the per-IP limit when no client address is known, instead of pooling every shopper', async () => {
    const h = harness({ clientIp: () => undefined, rateLimits: { perIp: 1 } });
    for (let i = 0; i < 3; i++) assert.equal((await h.send('/omneo/tiers', { method: 'GET' })).status, 200);
    assert.equal(h.logs.at(-1)!.ip, 'unknown');
  });

  it('reads the client IP from X-Forwarded-For only through the configured number of trusted hops', async () => {
    const h = harness({ clientIp: undefined, trustedProxyHops: 1, rateLimits: { perIp: 2 } });
    const spoof = (fake: string) => ({ 'X-Forwarded-For': `${fake}, 198.51.100.9` });
    assert.equal((await h.send('/omneo/tiers', { method: 'GET', headers: spoof('1.1.1.1') })).status, 200);
    assert.equal((await h.send('/omneo/tiers', { method: 'GET', headers: spoof('2.2.2.2') })).status, 200);
    // The attacker rotates the left-most (spoofable) entry; the hop our load balancer appended stays the same.
    assert.equal((await h.send('/omneo/tiers', { method: 'GET', headers: spoof('3.3.3.3') })).status, 429);
    assert.equal(h.logs.at(-1)!.ip, '198.51.100.9');
  });

  it("counts the socket's address when a request comes without the X-Forwarded-For entries the trusted hops would add", async () => {
    // Trusted hops configured, but the request reached the Node server directly (a health check, a port left open, a
    // balancer bypassed) with no X-Forwarded-For, or with fewer entries than the hops: the connecting address is
    // all that is known, never a 500.
    const h = harness({ clientIp: undefined, trustedProxyHops: 2, rateLimits: { perIp: 1 } });
    const fromSocket = (remoteAddress: string, headers: Record<string, string> = {}) =>
      h.proxy.fetch(new Request(`${PROXY_ORIGIN}/omneo/tiers`, { headers: { Origin: STOREFRONT, ...headers } }), { incoming: { socket: { remoteAddress } } });
    assert.equal((await fromSocket('198.51.100.7')).status, 200);
    assert.equal(h.logs.at(-1)!.ip, '198.51.100.7');
    assert.equal((await fromSocket('198.51.100.7', { 'X-Forwarded-For': '203.0.113.50' })).status, 429, 'one entry for two hops: the socket again');
    assert.equal(h.logs.at(-1)!.ip, '198.51.100.7');
    assert.equal((await fromSocket('198.51.100.8', { 'X-Forwarded-For': ' , ' })).status, 200);
    assert.equal(h.logs.at(-1)!.ip, '198.51.100.8');
  });

  it("behind Google Cloud's load balancer, which appends two entries (the client's, then its own forwarding rule's), counts 2 hops", async () => {
    // `X-Forwarded-For: <anything the client sent>, <client>, <the balancer's external IP>` (README: Deploy on Node).
    const gcp = (client: string) => ({ 'X-Forwarded-For': `9.9.9.9, ${client}, 34.111.0.1` });
    const two = harness({ clientIp: undefined, trustedProxyHops: 2, rateLimits: { perIp: 1 } });
    assert.equal((await two.send('/omneo/tiers', { method: 'GET', headers: gcp('198.51.100.1') })).status, 200);
    assert.equal((await two.send('/omneo/tiers', { method: 'GET', headers: gcp('198.51.100.2') })).status, 200, 'two shoppers, two buckets');
    assert.equal(two.logs.at(-1)!.ip, '198.51.100.2');
    // Counted as 1 hop, every shopper would be the balancer's address: one bucket for the whole store.
    const one = harness({ clientIp: undefined, trustedProxyHops: 1, rateLimits: { perIp: 1 } });
    assert.equal((await one.send('/omneo/tiers', { method: 'GET', headers: gcp('198.51.100.1') })).status, 200);
    assert.equal((await one.send('/omneo/tiers', { method: 'GET', headers: gcp('198.51.100.2') })).status, 429);
  });
});

describe('proxy: logs tell an operator why Omneo could not be reached', () => {
  it('names the system error behind a failed connection (ECONNREFUSED), not only "TypeError"', async () => {
    // The real fetch to a port nothing listens on: what a wrong OMNEO_ID_API host or an Omneo outage looks like.
    const port = await freePort();
    const h = harness({
      idApiBase: `http://127.0.0.1:${port}/id/api/v1`,
      adminApiBase: `http://127.0.0.1:${port}/api/v3`,
      fetch: (input, init) => fetch(input, init),
    });
    assert.equal((await h.send('/omneo/token', { cookie: await h.assertionCookie() })).status, 502);
    assert.deepEqual([h.logs.at(-1)!.outcome, h.logs.at(-1)!.error, h.logs.at(-1)!.cause], ['upstream-unreachable', 'TypeError', 'ECONNREFUSED']);
    assert.equal((await h.send('/omneo/tiers', { method: 'GET' })).status, 502);
    assert.deepEqual([h.logs.at(-1)!.problem, h.logs.at(-1)!.cause], ['unreachable', 'ECONNREFUSED']);
    h.assertNoLeaks();
  });
});

describe('proxy: the README worked example (session lookup)', () => {
  it('forwards only the named session cookie to the who-am-I endpoint and mints for its answer', async () => {
    const { sessionLookupAdapter } = await import('../../server/proxy/examples/session-lookup.js');
    const seen: Array<{ cookie: string | null; key: string | null }> = [];
    const whoAmI: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      seen.push({ cookie: request.headers.get('cookie'), key: request.headers.get('x-omneo-proxy-key') });
      const sid = /dwsid=([^;]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
      if (sid === 'ava-session') return Response.json({ customerId: AVA_SHOPIFY_ID });
      if (sid === 'broken') return new Response('oops', { status: 500 });
      return new Response(null, { status: 401 });
    };
    const adapter = sessionLookupAdapter({ whoAmIUrl: 'https://www.example.com/whoami', cookieNames: ['dwsid'], idHandle: 'shopify', proxyKey: 'k', fetch: whoAmI });
    const h = harness({ identity: [adapter] });
    const ok = await h.send('/omneo/token', { cookie: 'dwsid=ava-session; tracking=abc; omneo_identity=zzz' });
    assert.equal(ok.status, 200);
    assert.equal(decodePayload(ok.json.token).pid, AVA_PROFILE_ID);
    assert.deepEqual(seen[0], { cookie: 'dwsid=ava-session', key: 'k' });
    assert.equal((await h.send('/omneo/token', { cookie: 'dwsid=stranger' })).status, 401);
    assert.equal((await h.send('/omneo/token', { cookie: 'other=1' })).status, 401);
    assert.equal(seen.length, 2, 'no session cookie, no lookup');
    assert.equal((await h.send('/omneo/token', { cookie: 'dwsid=broken' })).status, 500);
  });

  it('refuses to be built without a proxy key, naming the option', async () => {
    const { sessionLookupAdapter } = await import('../../server/proxy/examples/session-lookup.js');
    for (const proxyKey of [undefined, '', '   ']) {
      assert.throws(
        () => sessionLookupAdapter({ whoAmIUrl: 'https://www.example.com/whoami', cookieNames: ['dwsid'], proxyKey: proxyKey as string }),
        (error: unknown) => error instanceof TypeError && /proxyKey/.test(error.message),
        JSON.stringify(proxyKey),
      );
    }
  });

  it('a key the storefront refuses (403) is a 500 with a "proxy key refused" log line, not a guest', async () => {
    const { sessionLookupAdapter } = await import('../../server/proxy/examples/session-lookup.js');
    const lines: Array<Record<string, unknown>> = [];
    const storefront: typeof fetch = async () => Response.json({ customerId: null }, { status: 403 });
    const adapter = sessionLookupAdapter({
      whoAmIUrl: 'https://www.example.com/whoami',
      cookieNames: ['dwsid'],
      proxyKey: 'stale-key-0123456789',
      fetch: storefront,
      logger: (entry) => lines.push(entry),
    });
    const h = harness({ identity: [adapter] });
    const res = await h.send('/omneo/token', { cookie: 'dwsid=ava-session' });
    assert.equal(res.status, 500, res.text);
    assert.equal(h.logs.at(-1)!.outcome, 'adapter-error');
    assert.equal(h.upstream.length, 0, 'nothing is minted');
    assert.equal(lines.length, 1);
    assert.match(String(lines[0]!.message), /proxy key refused/);
    assert.doesNotMatch(JSON.stringify([lines, h.logs]), /stale-key/, 'the key itself is never logged');
  });

  it('the README example fails at start-up, naming WHOAMI_KEY, when it is unset', async () => {
    const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const example = /```ts\n(\/\/ proxy\.ts[\s\S]*?sessionLookupAdapter[\s\S]*?)```/.exec(readme)?.[1];
    assert.ok(example, 'the worked example is in the README');
    const dir = mkdtempSync(path.join(tmpdir(), 'omneo-readme-example-'));
    try {
      const file = path.join(dir, 'proxy.mts'); // .mts: the temp dir has no package.json saying "type": "module"
      writeFileSync(file, example.replaceAll("'./server/", `'${pathToFileURL(path.join(REPO_ROOT, 'server')).href}/`));
      const env: NodeJS.ProcessEnv = { ...process.env, OMNEO_TENANT: 'example', OMNEO_ADMIN_TOKEN: 'x'.repeat(40), PORT: '9181', HOST: '127.0.0.1' };
      delete env.WHOAMI_KEY;
      const run = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 20_000 });
      assert.notEqual(run.status, 0, `it started without WHOAMI_KEY: ${run.stdout}`);
      assert.match(run.stderr, /WHOAMI_KEY/);
      assert.doesNotMatch(run.stdout, /listening/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('proxy: Fetch handler for serverless and edge runtimes', () => {
  it('builds from an env object, serves requests, and refuses REDIS_URL without a store', async () => {
    const { fetchHandlerFromEnv, ProxyEnvError, signAssertion } = await import('../../server/proxy/index.js');
    const { createMockOmneo, inProcessFetch } = await import('../../server/mock-omneo/index.js');
    const mock = createMockOmneo({ adminToken: ADMIN_TOKEN });
    const env = {
      OMNEO_TENANT: 'demo',
      OMNEO_ADMIN_TOKEN: ADMIN_TOKEN,
      OMNEO_ASSERTION_SECRET: 'edge-assertion-secret-0123456789abcdef0123',
      OMNEO_ID_HANDLE: 'shopify',
      ALLOWED_ORIGINS: STOREFRONT,
    };
    const handler = fetchHandlerFromEnv(env, { fetch: inProcessFetch(mock.app) });
    const cookie = `omneo_identity=${await signAssertion(env.OMNEO_ASSERTION_SECRET, AVA_SHOPIFY_ID, Math.floor(Date.now() / 1000) + 60)}`;
    const res = await handler(new Request('https://edge.example/omneo/token', { method: 'POST', headers: { Cookie: cookie, Origin: STOREFRONT } }));
    assert.equal(res.status, 200);
    assert.equal(decodePayload(((await res.json()) as { token: string }).token).pid, AVA_PROFILE_ID);
    assert.throws(() => fetchHandlerFromEnv({ ...env, REDIS_URL: 'redis://127.0.0.1:6390' }), (error: unknown) => {
      assert.ok(error instanceof ProxyEnvError);
      assert.deepEqual(error.variables, ['REDIS_URL']);
      return true;
    });
    const withStore = fetchHandlerFromEnv({ ...env, REDIS_URL: 'redis://127.0.0.1:6390' }, { store: memoryStore() });
    assert.equal(typeof withStore, 'function');
  });

  it('without a clientIp hook, skips the per-IP limit (never one bucket for every shopper) and says so once at start-up (README: Deploy on serverless)', async () => {
    const { fetchHandlerFromEnv } = await import('../../server/proxy/index.js');
    const { createMockOmneo, inProcessFetch } = await import('../../server/mock-omneo/index.js');
    const env = { OMNEO_TENANT: 'demo', OMNEO_ADMIN_TOKEN: ADMIN_TOKEN, OMNEO_ASSERTION_SECRET: 'edge-assertion-secret-0123456789abcdef0123', RATE_LIMIT_PER_IP: '2' };
    const fetch = inProcessFetch(createMockOmneo({ adminToken: ADMIN_TOKEN }).app);
    const warned: string[] = [];
    const warn = console.warn;
    console.warn = (line: string) => warned.push(line);
    let unhooked: FetchHandler, hooked: FetchHandler, off: FetchHandler;
    try {
      unhooked = fetchHandlerFromEnv(env, { fetch, logger: () => undefined });
      const unhookedWarnings = warned.splice(0);
      assert.deepEqual(unhookedWarnings.filter((line) => /no clientIp hook/.test(line)).length, 1, unhookedWarnings.join('\n'));
      assert.match(unhookedWarnings.find((line) => /no clientIp hook/.test(line))!, /^omneo proxy warning: no clientIp hook: per-IP limits \(RATE_LIMIT_PER_IP\) are off/);
      hooked = fetchHandlerFromEnv(env, { fetch, logger: () => undefined, clientIp: () => '203.0.113.9' });
      off = fetchHandlerFromEnv({ ...env, RATE_LIMIT_PER_IP: '0' }, { fetch, logger: () => undefined });
      assert.deepEqual(warned.filter((line) => /no clientIp hook/.test(line)), [], 'with a hook, or with the limit off, nothing to say');
    } finally {
      console.warn = warn;
    }
    const ladder = (handler: FetchHandler) => handler(new Request('https://edge.example/omneo/tiers')).then((res) => res.status);
    const statuses = async (handler: FetchHandler) => [await ladder(handler), await ladder(handler), await ladder(handler)];
    assert.deepEqual(await statuses(unhooked), [200, 200, 200], 'no address: the limit is not applied');
    assert.deepEqual(await statuses(hooked), [200, 200, 429], "the platform's address: counted");
    assert.deepEqual(await statuses(off), [200, 200, 200]);
  });
});

describe('proxy: configuration mistakes, one message per variable', () => {
  it('names each mistake and never echoes a secret', async () => {
    const { proxyConfigFromEnv, ProxyEnvError } = await import('../../server/proxy/index.js');
    const base = { OMNEO_TENANT: 'demo', OMNEO_ADMIN_TOKEN: ADMIN_TOKEN, OMNEO_ASSERTION_SECRET: 'a-perfectly-fine-secret-0123456789abcdef' };
    const cases: Array<[Record<string, string>, string, RegExp]> = [
      [{ OMNEO_TENANT: 'Not A Tenant' }, 'OMNEO_TENANT', /tenant slug/],
      [{ OMNEO_ID_API: 'https://api.other.getomneo.com/id/api/v1' }, 'OMNEO_ID_API', /names tenant "other" but OMNEO_TENANT is "demo"/],
      [{ OMNEO_ID_API: 'https://user:pw@api.demo.getomneo.com/id/api/v1' }, 'OMNEO_ID_API', /without credentials/],
      // The scheme left off: read as a URL, it would not parse; refused by name rather than failing later at the first mint.
      [{ OMNEO_ID_API: 'api.demo.getomneo.com/id/api/v1' }, 'OMNEO_ID_API', /OMNEO_ID_API: is not a URL\./],
      [{ OMNEO_ASSERTION_COOKIE: 'omneo identity' }, 'OMNEO_ASSERTION_COOKIE', /must be a cookie name/],
      // Assertion settings without the assertion secret (another adapter on): the storefront's cookie would be ignored.
      [
        { OMNEO_ASSERTION_SECRET: '', SHOPIFY_API_SECRET: 'shpss_0123456789abcdef0123456789abcdef', SHOPIFY_SHOPS: SHOP, OMNEO_ASSERTION_MAX_AGE: '120' },
        'OMNEO_ASSERTION_SECRET',
        /is not set, but OMNEO_ASSERTION_COOKIE or OMNEO_ASSERTION_MAX_AGE is/,
      ],
      [{ SHOPIFY_SHOPS: SHOP }, 'SHOPIFY_SHOPS', /is set but SHOPIFY_API_SECRET is not/],
      [{ OMNEO_TOKEN_CACHE: 'disabled' }, 'OMNEO_TOKEN_CACHE', /on or off/],
      // The scheme left off an origin: not a URL at all, named like any other entry that is not an origin.
      [{ ALLOWED_ORIGINS: 'https://www.harbour.example,www.harbour.example' }, 'ALLOWED_ORIGINS', /"www\.harbour\.example" is not an origin/],
      [{ OMNEO_ADMIN_API: 'http://api.demo.getomneo.com/api/v3' }, 'OMNEO_ADMIN_API', /https/],
      [{ OMNEO_ADMIN_TOKEN: 'Bearer abc' }, 'OMNEO_ADMIN_TOKEN', /whitespace/],
      // Pasted from a chat or a document (typographic quotes), or from docker's --env-file, which keeps quotes: the proxy
      // started, and every mint failed, logged as upstream-unreachable (fetch refuses the header) or as a 401.
      [{ OMNEO_ADMIN_TOKEN: `\u201c${ADMIN_TOKEN}\u201d` }, 'OMNEO_ADMIN_TOKEN', /quote/],
      [{ OMNEO_ADMIN_TOKEN: `"${ADMIN_TOKEN}"` }, 'OMNEO_ADMIN_TOKEN', /quote/],
      [{ OMNEO_ID_HANDLE: 'shop ify' }, 'OMNEO_ID_HANDLE', /identity handle/],
      [{ SHOPIFY_API_SECRET: 'shpss_0123456789abcdef0123456789abcdef' }, 'SHOPIFY_SHOPS', /is not set/],
      [{ SHOPIFY_API_SECRET: 'shpss_0123456789abcdef0123456789abcdef', SHOPIFY_SHOPS: 'harbour.com' }, 'SHOPIFY_SHOPS', /myshopify/],
      [{ SHOPIFY_API_SECRET: 'short-secret', SHOPIFY_SHOPS: SHOP }, 'SHOPIFY_API_SECRET', /too short/],
      // One character short of a Shopify client secret's 32: the adapter would refuse every signed request.
      [{ SHOPIFY_API_SECRET: 'shpss_0123456789abcdef012345678', SHOPIFY_SHOPS: SHOP }, 'SHOPIFY_API_SECRET', /too short/],
      [{ SHOPIFY_API_SECRET: 'a-perfectly-fine-secret-0123456789abcdef', SHOPIFY_SHOPS: SHOP }, 'OMNEO_ASSERTION_SECRET', /must differ/],
      [{ ALLOWED_ORIGINS: 'https://www.harbour.example/shop' }, 'ALLOWED_ORIGINS', /not an origin/],
      [{ ALLOWED_ORIGINS: 'http://www.harbour.example' }, 'ALLOWED_ORIGINS', /https/],
      [{ ALLOWED_ORIGINS: 'null' }, 'ALLOWED_ORIGINS', /exact origins/],
      [{ OMNEO_PASS_THROUGH: 'maybe' }, 'OMNEO_PASS_THROUGH', /on or off/],
      [{ OMNEO_PASS_THROUGH_EXTRAS: 'balance-redeem' }, 'OMNEO_PASS_THROUGH_EXTRAS', /OMNEO_PASS_THROUGH is off/],
      [{ OMNEO_PASS_THROUGH: 'on', OMNEO_PASS_THROUGH_EXTRAS: 'everything' }, 'OMNEO_PASS_THROUGH_EXTRAS', /not one of/],
      [{ RATE_LIMIT_PER_IP: '-1' }, 'RATE_LIMIT_PER_IP', /whole number/],
      [{ TRUSTED_PROXY_HOPS: '11' }, 'TRUSTED_PROXY_HOPS', /0 to 10/],
      [{ REDIS_URL: 'http://127.0.0.1:6390' }, 'REDIS_URL', /redis:\/\//],
      [{ PORT: '70000' }, 'PORT', /port number/],
      [{ PORT: '0' }, 'PORT', /port number/],
      [{ KEEP_ALIVE_TIMEOUT_SECONDS: '0' }, 'KEEP_ALIVE_TIMEOUT_SECONDS', /1 to 3600/],
      [{ KEEP_ALIVE_TIMEOUT_SECONDS: '65s' }, 'KEEP_ALIVE_TIMEOUT_SECONDS', /1 to 3600/],
      [{ SHUTDOWN_DRAIN_SECONDS: '600' }, 'SHUTDOWN_DRAIN_SECONDS', /0 to 120/],
      [{ OMNEO_ASSERTION_MAX_AGE: '86400' }, 'OMNEO_ASSERTION_MAX_AGE', /0 to 3600/],
    ];
    for (const [overrides, variable, message] of cases) {
      assert.throws(() => proxyConfigFromEnv({ ...base, ...overrides }), (error: unknown) => {
        assert.ok(error instanceof ProxyEnvError, variable);
        assert.deepEqual(error.variables, [variable], `${JSON.stringify(overrides)} → ${error.message}`);
        assert.match(error.message, message);
        assert.ok(!error.message.includes(ADMIN_TOKEN) && !error.message.includes('perfectly-fine'), 'no secret in the message');
        return true;
      });
    }
    const good = proxyConfigFromEnv({ ...base, OMNEO_PASS_THROUGH: 'on', OMNEO_PASS_THROUGH_EXTRAS: 'balance-redeem', RATE_LIMIT_PER_IP: '0' });
    assert.equal(good.idApiBase, 'https://api.demo.getomneo.com/id/api/v1');
    assert.equal(good.adminApiBase, 'https://api.demo.getomneo.com/api/v3');
    assert.deepEqual(good.passThrough, { extras: ['balance-redeem'] });
    assert.equal((good.rateLimits as { perIp: number }).perIp, 0);
    assert.equal(good.tokenCache, true, 'the token cache is on unless OMNEO_TOKEN_CACHE turns it off');
    for (const off of ['off', 'OFF', 'false', '0', 'no']) assert.equal(proxyConfigFromEnv({ ...base, OMNEO_TOKEN_CACHE: off }).tokenCache, false, off);
    // The cookie it reads and the longest lifetime it accepts are the ones configured.
    const [named] = proxyConfigFromEnv({ ...base, OMNEO_ASSERTION_COOKIE: 'shop_identity', OMNEO_ASSERTION_MAX_AGE: '120' }).identity;
    const withCookie = (cookie: string) => new Request(`${PROXY_ORIGIN}/omneo/token`, { method: 'POST', headers: { cookie } });
    const nowS = Math.floor(Date.now() / 1000);
    const soon = await signAssertion(base.OMNEO_ASSERTION_SECRET, 'customer-42', nowS + 120);
    assert.deepEqual(await named!.verify(withCookie(`shop_identity=${soon}`)), { customerId: 'customer-42', secret: 'current' });
    assert.equal(await named!.verify(withCookie(`omneo_identity=${soon}`)), null, 'the default cookie name is not read');
    const later = await signAssertion(base.OMNEO_ASSERTION_SECRET, 'customer-42', nowS + 300);
    assert.deepEqual(await named!.verify(withCookie(`shop_identity=${later}`)), { refuse: 'exp-too-far' }, 'beyond 120 s (and 60 s of skew)');
    assert.deepEqual(good.warnings, []);
    // Each of the README's prefixes (Deploy on Node: OMNEO_, SHOPIFY_, BIGCOMMERCE_, RATE_LIMIT_); nothing else.
    const typo = proxyConfigFromEnv({ ...base, OMNEO_ADMN_TOKEN: 'x', RATE_LIMIT_PER_CUSTOMER: '5', SHOPIFY_SHOP: 'x', BIGCOMMERCE_STOREHASH: 'x', HOME: '/root' });
    assert.deepEqual(typo.warnings, [
      'OMNEO_ADMN_TOKEN is set but this proxy does not read it (a typo?).',
      'RATE_LIMIT_PER_CUSTOMER is set but this proxy does not read it (a typo?).',
      'SHOPIFY_SHOP is set but this proxy does not read it (a typo?).',
      'BIGCOMMERCE_STOREHASH is set but this proxy does not read it (a typo?).',
    ]);
  });
});

describe('proxy: rotating a secret from the environment (*_PREVIOUS variables)', () => {
  const NEW_ASSERTION = 'NEW-ASSERTION-SECRET-0123456789abcdef01234567';
  const OLD_ASSERTION = 'OLD-ASSERTION-SECRET-fedcba9876543210fedcba98';
  const OLD_SHOPIFY = 'shpss_OLD-SHOPIFY-SECRET-ffeeddccbbaa99887766';
  const OLD_BC = 'OLD-BC-CLIENT-SECRET-0f1e2d3c4b5a69788796';
  const base = { OMNEO_TENANT: 'demo', OMNEO_ADMIN_TOKEN: ADMIN_TOKEN, ALLOWED_ORIGINS: STOREFRONT, RATE_LIMIT_PER_IP: '0' };
  const shopify = { SHOPIFY_API_SECRET: SHOPIFY_SECRET, SHOPIFY_SHOPS: SHOP };
  const bigCommerce = { BIGCOMMERCE_CLIENT_ID: BC_CLIENT_ID, BIGCOMMERCE_CLIENT_SECRET: BC_CLIENT_SECRET, BIGCOMMERCE_STORE_HASH: BC_STORE_HASH };
  const realNow = () => Math.floor(Date.now() / 1000);

  /** The proxy `npm run proxy` builds from these variables (its adapters on the real clock), in front of the mock. */
  async function fromEnv(env: Record<string, string>) {
    const { proxyConfigFromEnv } = await import('../../server/proxy/index.js');
    const { port: _port, keepAliveTimeoutSeconds: _keepAlive, shutdownDrainSeconds: _drain, warnings, redisUrl: _redis, ...config } = proxyConfigFromEnv({ ...base, ...env });
    const h = harness({ ...config, idApiBase: ID_API, adminApiBase: undefined });
    (h.mock.state.ava.profile.identities as unknown[]).push({ id: 901, handle: 'bigcommerce', identifier: String(AVA_BC_ID), is_primary: false, is_active: '1' });
    return Object.assign(h, { warnings });
  }
  const assertionCookie = async (secret: string) => `omneo_identity=${await signAssertion(secret, AVA_SHOPIFY_ID, realNow() + 120)}`;
  const shopifyQuery = async (secret: string) =>
    (await signShopifyProxyQuery(secret, { shop: SHOP, logged_in_customer_id: AVA_SHOPIFY_ID, path_prefix: '/apps/omneo', timestamp: String(realNow()) })).toString();
  const bigCommerceJwt = async (secret: string) => signHs256(secret, currentCustomerPayload(realNow(), {}, AVA_BC_ID));

  /** Each adapter: what its previous secret signs, how the storefront sends it, the variables before and after. */
  const adapters: Array<{ variable: string; rotating: Record<string, string>; send: (h: Harness, secret: string) => Promise<Sent>; old: string; current: string }> = [
    {
      variable: 'OMNEO_ASSERTION_SECRET_PREVIOUS',
      rotating: { OMNEO_ASSERTION_SECRET: NEW_ASSERTION, OMNEO_ASSERTION_SECRET_PREVIOUS: OLD_ASSERTION, OMNEO_ID_HANDLE: 'shopify' },
      send: async (h: Harness, secret: string) => h.send('/omneo/token', { cookie: await assertionCookie(secret) }),
      old: OLD_ASSERTION,
      current: NEW_ASSERTION,
    },
    {
      variable: 'SHOPIFY_API_SECRET_PREVIOUS',
      rotating: { ...shopify, SHOPIFY_API_SECRET_PREVIOUS: OLD_SHOPIFY },
      send: async (h: Harness, secret: string) => h.send(`/omneo/token?${await shopifyQuery(secret)}`, { method: 'GET', origin: null }),
      old: OLD_SHOPIFY,
      current: SHOPIFY_SECRET,
    },
    {
      variable: 'BIGCOMMERCE_CLIENT_SECRET_PREVIOUS',
      rotating: { ...bigCommerce, BIGCOMMERCE_CLIENT_SECRET_PREVIOUS: OLD_BC },
      send: async (h: Harness, secret: string) => h.send('/omneo/token', { headers: { Authorization: `Bearer ${await bigCommerceJwt(secret)}` } }),
      old: OLD_BC,
      current: BC_CLIENT_SECRET,
    },
  ];

  for (const adapter of adapters) {
    it(`${adapter.variable}: accepted while set (logged secret "previous", one start-up warning), refused once unset`, async () => {
      const rotating = await fromEnv(adapter.rotating);
      const res = await adapter.send(rotating, adapter.old);
      assert.equal(res.status, 200, res.text);
      assert.deepEqual([rotating.logs.at(-1)!.outcome, rotating.logs.at(-1)!.secret], ['minted', 'previous']);
      assert.equal((await adapter.send(rotating, adapter.current)).status, 200);
      assert.equal(rotating.logs.at(-1)!.secret, 'current');
      const about = rotating.warnings.filter((warning) => warning.includes(adapter.variable));
      assert.equal(about.length, 1, rotating.warnings.join('\n'));
      assert.match(about[0]!, /accepted/);
      assert.match(about[0]!, /remove it once the logs show no "secret":"previous"/);

      const { [adapter.variable]: _removed, ...after } = adapter.rotating;
      const done = await fromEnv(after);
      const refused = await adapter.send(done, adapter.old);
      assert.equal(refused.status, 401);
      assert.equal(done.logs.at(-1)!.reason, 'bad-signature');
      assert.equal(done.upstream.length, 0, 'nothing reached Omneo');
      assert.ok(!done.warnings.some((warning) => /_PREVIOUS/.test(warning)), 'no warning once it is removed');
      for (const h of [rotating, done]) {
        const all = JSON.stringify([h.logs, h.responses, h.warnings]);
        assert.ok(!all.includes(adapter.old) && !all.includes(adapter.current), 'no secret in a log line, response or warning');
      }
    });
  }

  it('refuses to start, naming the variable, on a previous secret without its current one, equal to it, too weak, or serving another signer', async () => {
    const { proxyConfigFromEnv, ProxyEnvError } = await import('../../server/proxy/index.js');
    const assertion = { OMNEO_ASSERTION_SECRET: NEW_ASSERTION };
    const cases: Array<[Record<string, string>, string, RegExp]> = [
      [{ ...shopify, OMNEO_ASSERTION_SECRET_PREVIOUS: OLD_ASSERTION }, 'OMNEO_ASSERTION_SECRET_PREVIOUS', /OMNEO_ASSERTION_SECRET is not/],
      [{ ...assertion, SHOPIFY_API_SECRET_PREVIOUS: OLD_SHOPIFY }, 'SHOPIFY_API_SECRET_PREVIOUS', /SHOPIFY_API_SECRET is not/],
      [{ ...assertion, BIGCOMMERCE_CLIENT_SECRET_PREVIOUS: OLD_BC }, 'BIGCOMMERCE_CLIENT_SECRET_PREVIOUS', /BIGCOMMERCE_CLIENT_SECRET is not/],
      [{ ...assertion, OMNEO_ASSERTION_SECRET_PREVIOUS: NEW_ASSERTION }, 'OMNEO_ASSERTION_SECRET_PREVIOUS', /the same as OMNEO_ASSERTION_SECRET/],
      [{ ...shopify, SHOPIFY_API_SECRET_PREVIOUS: SHOPIFY_SECRET }, 'SHOPIFY_API_SECRET_PREVIOUS', /the same as SHOPIFY_API_SECRET/],
      [{ ...bigCommerce, BIGCOMMERCE_CLIENT_SECRET_PREVIOUS: BC_CLIENT_SECRET }, 'BIGCOMMERCE_CLIENT_SECRET_PREVIOUS', /the same as BIGCOMMERCE_CLIENT_SECRET/],
      [{ ...assertion, OMNEO_ASSERTION_SECRET_PREVIOUS: 'short-old-secret' }, 'OMNEO_ASSERTION_SECRET_PREVIOUS', /at least 32/],
      [{ ...shopify, SHOPIFY_API_SECRET_PREVIOUS: 'shpss_0123456789abcdef012345678' }, 'SHOPIFY_API_SECRET_PREVIOUS', /too short/],
      // No secret, current or previous, serves two signers.
      [{ ...assertion, ...shopify, SHOPIFY_API_SECRET_PREVIOUS: NEW_ASSERTION }, 'OMNEO_ASSERTION_SECRET', /must differ from SHOPIFY_API_SECRET_PREVIOUS: one secret must not serve two signers/],
      [{ ...assertion, ...shopify, OMNEO_ASSERTION_SECRET_PREVIOUS: SHOPIFY_SECRET }, 'OMNEO_ASSERTION_SECRET_PREVIOUS', /must differ from SHOPIFY_API_SECRET: one secret/],
      [
        { ...assertion, ...shopify, SHOPIFY_API_SECRET_PREVIOUS: OLD_SHOPIFY, OMNEO_ASSERTION_SECRET_PREVIOUS: OLD_SHOPIFY },
        'OMNEO_ASSERTION_SECRET_PREVIOUS',
        /must differ from SHOPIFY_API_SECRET_PREVIOUS/,
      ],
      [{ ...assertion, ...bigCommerce, BIGCOMMERCE_CLIENT_SECRET_PREVIOUS: NEW_ASSERTION }, 'BIGCOMMERCE_CLIENT_SECRET_PREVIOUS', /must differ from OMNEO_ASSERTION_SECRET: one secret/],
      [
        { ...assertion, OMNEO_ASSERTION_SECRET_PREVIOUS: OLD_ASSERTION, ...bigCommerce, BIGCOMMERCE_CLIENT_SECRET: OLD_ASSERTION },
        'BIGCOMMERCE_CLIENT_SECRET',
        /must differ from OMNEO_ASSERTION_SECRET_PREVIOUS/,
      ],
    ];
    for (const [env, variable, message] of cases) {
      assert.throws(() => proxyConfigFromEnv({ ...base, ...env }), (error: unknown) => {
        assert.ok(error instanceof ProxyEnvError, variable);
        assert.deepEqual(error.variables, [variable], `${Object.keys(env).join(', ')} → ${error.message}`);
        assert.match(error.message, message);
        for (const secret of [NEW_ASSERTION, OLD_ASSERTION, OLD_SHOPIFY, OLD_BC, SHOPIFY_SECRET, BC_CLIENT_SECRET, 'short-old-secret']) {
          assert.ok(!error.message.includes(secret), `the message echoes ${secret.slice(0, 12)}…`);
        }
        return true;
      });
    }
  });

  it('the Fetch handler for edge runtimes reads the same variables: the previous secret accepted, logged, and warned about at start-up', async () => {
    const { fetchHandlerFromEnv } = await import('../../server/proxy/index.js');
    const { createMockOmneo, inProcessFetch } = await import('../../server/mock-omneo/index.js');
    const logs: Array<Record<string, unknown>> = [];
    const warned: string[] = [];
    const warn = console.warn;
    console.warn = (line: string) => warned.push(line);
    let handler;
    try {
      handler = fetchHandlerFromEnv(
        { ...base, OMNEO_ASSERTION_SECRET: NEW_ASSERTION, OMNEO_ASSERTION_SECRET_PREVIOUS: OLD_ASSERTION, OMNEO_ID_HANDLE: 'shopify' },
        { fetch: inProcessFetch(createMockOmneo({ adminToken: ADMIN_TOKEN }).app), logger: (entry) => logs.push(entry), clientIp: () => '203.0.113.9' },
      );
    } finally {
      console.warn = warn;
    }
    const res = await handler(new Request('https://edge.example/omneo/token', { method: 'POST', headers: { Cookie: await assertionCookie(OLD_ASSERTION), Origin: STOREFRONT } }));
    assert.equal(res.status, 200);
    assert.equal(logs.at(-1)!.secret, 'previous');
    assert.equal(warned.filter((line) => /^omneo proxy warning: OMNEO_ASSERTION_SECRET_PREVIOUS is set/.test(line)).length, 1, warned.join('\n'));
    assert.ok(!JSON.stringify([logs, warned]).includes(OLD_ASSERTION));
  });
});

describe('proxy: the tenant and hosts agree across OMNEO_TENANT, OMNEO_ID_API and OMNEO_ADMIN_API', () => {
  const secrets = { OMNEO_ADMIN_TOKEN: ADMIN_TOKEN, OMNEO_ASSERTION_SECRET: 'a-perfectly-fine-secret-0123456789abcdef' };

  it('refuses a tenant that differs between any two of them, or an ID API and admin API on different hosts, naming both variables', async () => {
    const { proxyConfigFromEnv, ProxyEnvError } = await import('../../server/proxy/index.js');
    const cases: Array<[Record<string, string>, string, RegExp]> = [
      [{ OMNEO_TENANT: 'acme', OMNEO_ADMIN_API: 'https://api.globex.getomneo.com/api/v3' }, 'OMNEO_ADMIN_API', /names tenant "globex" but OMNEO_TENANT is "acme"/],
      [{ OMNEO_TENANT: 'acme', OMNEO_ADMIN_API: 'https://globex.omneoapp.com/api/v3' }, 'OMNEO_ADMIN_API', /names tenant "globex" but OMNEO_TENANT is "acme"/],
      [
        { OMNEO_ID_API: 'https://api.acme.getomneo.com/id/api/v1', OMNEO_ADMIN_API: 'https://api.globex.getomneo.com/api/v3' },
        'OMNEO_ADMIN_API',
        /names tenant "globex" but OMNEO_ID_API names "acme"/,
      ],
      [
        { OMNEO_ID_API: 'https://loyalty-gateway.example/id/api/v1', OMNEO_ADMIN_API: 'https://other-gateway.example/api/v3' },
        'OMNEO_ADMIN_API',
        /is on host other-gateway\.example but OMNEO_ID_API is on loyalty-gateway\.example/,
      ],
      [
        { OMNEO_TENANT: 'acme', OMNEO_ID_API: 'https://loyalty-gateway.example/omneo/id' },
        'OMNEO_ADMIN_API',
        /is on host api\.acme\.getomneo\.com \(from OMNEO_TENANT\) but OMNEO_ID_API is on loyalty-gateway\.example/,
      ],
    ];
    for (const [overrides, variable, message] of cases) {
      assert.throws(() => proxyConfigFromEnv({ ...secrets, ...overrides }), (error: unknown) => {
        assert.ok(error instanceof ProxyEnvError, variable);
        assert.deepEqual(error.variables, [variable], `${JSON.stringify(overrides)} → ${error.message}`);
        assert.match(error.message, message);
        return true;
      });
    }
  });

  it("accepts an older tenant's admin host, and derives the admin API from an explicit ID API", async () => {
    const { proxyConfigFromEnv } = await import('../../server/proxy/index.js');
    const older = proxyConfigFromEnv({ ...secrets, OMNEO_TENANT: 'acme', OMNEO_ADMIN_API: 'https://acme.omneoapp.com/api/v3' });
    assert.equal(older.idApiBase, 'https://api.acme.getomneo.com/id/api/v1');
    assert.equal(older.adminApiBase, 'https://acme.omneoapp.com/api/v3');
    const local = proxyConfigFromEnv({ ...secrets, OMNEO_TENANT: 'acme', OMNEO_ID_API: 'http://127.0.0.1:8788/id/api/v1' });
    assert.equal(local.adminApiBase, 'http://127.0.0.1:8788/api/v3', 'the admin API sits beside the ID API it was given');
    // A base URL pasted with a trailing slash: the same base, so the admin API is still derived beside it.
    const slash = proxyConfigFromEnv({ ...secrets, OMNEO_TENANT: 'acme', OMNEO_ID_API: 'https://api.acme.getomneo.com/id/api/v1/' });
    assert.equal(slash.idApiBase, 'https://api.acme.getomneo.com/id/api/v1');
    assert.equal(slash.adminApiBase, 'https://api.acme.getomneo.com/api/v3');
  });

  it('warns (without refusing) about local ALLOWED_ORIGINS on a proxy that mints for a real tenant', async () => {
    const { proxyConfigFromEnv } = await import('../../server/proxy/index.js');
    const live = proxyConfigFromEnv({ ...secrets, OMNEO_TENANT: 'acme', ALLOWED_ORIGINS: 'https://www.acme.example,http://localhost:5173,http://127.0.0.1:8080' });
    assert.deepEqual(live.allowedOrigins?.sort(), ['http://127.0.0.1:8080', 'http://localhost:5173', 'https://www.acme.example']);
    assert.deepEqual(live.warnings, [
      'ALLOWED_ORIGINS lists http://localhost:5173, http://127.0.0.1:8080 (local origins) while this proxy mints for api.acme.getomneo.com: any page on a shopper\'s own machine could use her session; remove them in production.',
    ]);
    const one = proxyConfigFromEnv({ ...secrets, OMNEO_TENANT: 'acme', ALLOWED_ORIGINS: 'https://www.acme.example,http://localhost:5173' });
    assert.deepEqual(one.warnings, [
      'ALLOWED_ORIGINS lists http://localhost:5173 (local origin) while this proxy mints for api.acme.getomneo.com: any page on a shopper\'s own machine could use her session; remove it in production.',
    ]);
    const local = proxyConfigFromEnv({ ...secrets, OMNEO_ID_API: 'http://127.0.0.1:8788/id/api/v1', ALLOWED_ORIGINS: 'http://localhost:5173' });
    assert.deepEqual(local.warnings, []);
  });

  it('warns when the Shopify app-proxy adapter is on and RATE_LIMIT_PER_IP is left at its default: every app-proxy request comes from Shopify', async () => {
    const { proxyConfigFromEnv } = await import('../../server/proxy/index.js');
    const shopify = { OMNEO_TENANT: 'acme', OMNEO_ADMIN_TOKEN: ADMIN_TOKEN, SHOPIFY_API_SECRET: SHOPIFY_SECRET, SHOPIFY_SHOPS: SHOP };
    assert.deepEqual(proxyConfigFromEnv(shopify).warnings, [
      "SHOPIFY_API_SECRET is set but RATE_LIMIT_PER_IP is left at its default (300 a minute): every app-proxy request comes from Shopify's own addresses, " +
        "so that limit pools all of the store's shoppers. Set RATE_LIMIT_PER_IP to the store's peak requests per minute (or 0 for off); " +
        'the per-customer limits and the signature check still apply.',
    ]);
    for (const perIp of ['6000', '0', '300']) assert.deepEqual(proxyConfigFromEnv({ ...shopify, RATE_LIMIT_PER_IP: perIp }).warnings, [], `RATE_LIMIT_PER_IP=${perIp} is a choice`);
    assert.deepEqual(proxyConfigFromEnv({ ...secrets, OMNEO_TENANT: 'acme' }).warnings, [], 'no Shopify, no warning');
  });
});

describe('proxy: upstream redirects', () => {
  it('never follows a redirect from Omneo with a token in hand', async () => {
    const followed: string[] = [];
    const redirecting: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      followed.push(request.url);
      assert.equal(init?.redirect, 'manual', `${request.url} must not follow redirects`);
      return new Response(null, { status: 302, headers: { Location: 'https://evil.example/steal' } });
    };
    const h = harness({ fetch: redirecting });
    const cookie = await h.assertionCookie();
    assert.equal((await h.send('/omneo/token', { cookie })).status, 502);
    assert.equal((await h.send('/omneo/tiers', { method: 'GET' })).status, 502);
    assert.ok(followed.every((url) => !url.includes('evil.example')));
    const real = harness();
    real.mock.faults.add({ path: '/profiles/me/balances', status: 302, body: { location: 'https://evil.example/' } });
    const res = await real.send('/omneo/api/me/balances', { method: 'GET', cookie: await real.assertionCookie() });
    assert.equal(res.status, 502);
    // The pass-through call, made with the shopper's token, is not made to follow either.
    assert.ok(real.upstream.some((u) => u.path === '/id/api/v1/profiles/me/balances'));
    assert.deepEqual([...new Set(real.upstream.map((u) => u.redirect))], ['manual']);
  });
});
