/**
 * The attack table (README, section "Attack table"): one test per row. Each row builds a fresh
 * production-configured proxy in front of the mock Omneo, does what an attacker would, and asserts
 * the response, that the upstream spy received nothing for the attack, and that no secret or token
 * leaked into a response or a log line.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { currentCustomerAdapter } from '../../server/proxy/bigcommerce.js';
import { shopifyAppProxyAdapter, shopifySignatureMessage, signedAssertionAdapter, signShopifyProxyQuery, type ProxyConfig } from '../../server/proxy/index.js';
import { AVA_BC_ID, BC_CLIENT_ID, BC_CLIENT_SECRET, BC_STORE_HASH, currentCustomerPayload, signHs256 } from './integration-helpers.js';
import { ASSERTION_SECRET, harness, ID_API, SHOP, SHOPIFY_SECRET, ZOE_PROFILE_ID, ZOE_SHOPIFY_ID, type Harness, type HarnessOptions, type Sent } from './proxy-harness.js';
import { AVA_PROFILE_ID, AVA_SHOPIFY_ID, decodePayload } from './helpers.js';
import { readmeSection } from './readme-blocks.js';

interface Row {
  id: string;
  attack: string;
  /** Expected status of the attack request. */
  status: number;
  /** Harness options for this row (a small store, …). */
  options?: HarnessOptions;
  /** Configuration this row's proxy has besides the production defaults (another identity adapter), on the harness clock. */
  config?: (nowMs: () => number) => Partial<ProxyConfig>;
  /** Optional setup: legitimate traffic before the attack (its upstream calls are not counted). */
  before?: (h: Harness) => Promise<void>;
  run: (h: Harness) => Promise<Sent>;
  /** Extra checks on the attack's response. */
  check?: (res: Sent, h: Harness) => void | Promise<void>;
}

const signed = async (h: Harness, path: string, query: string, options: Parameters<Harness['send']>[1] = {}) =>
  h.send(`${path}?${query}`, { method: 'GET', origin: null, ...options });

/**
 * Re-cuts a query Shopify signed into other parameters: the signature stays valid because Shopify
 * signs the sorted `name=value` pieces concatenated with no separator. Asserts that it does, so each
 * such row proves the proxy refuses a query whose signature verifies.
 */
async function recut(h: Harness, shopifySigned: Record<string, string>, pieces: Array<[string, string]>): Promise<string> {
  const original = await signShopifyProxyQuery(SHOPIFY_SECRET, { shop: SHOP, path_prefix: '/apps/omneo', timestamp: String(h.nowS()), ...shopifySigned });
  const forged = new URLSearchParams(pieces);
  forged.append('signature', original.get('signature')!);
  assert.equal(shopifySignatureMessage(forged), shopifySignatureMessage(original), 'the re-cut query carries a valid signature');
  return forged.toString();
}

/** A proxy that also serves a BigCommerce store (README: BigCommerce), as production configures it. */
const bigCommerceProxy = (nowMs: () => number): Partial<ProxyConfig> => ({
  identity: [currentCustomerAdapter({ clientId: BC_CLIENT_ID, clientSecret: BC_CLIENT_SECRET, storeHash: BC_STORE_HASH, idHandle: 'bigcommerce', now: nowMs })],
});

/** The BigCommerce snippet's token request: a Current Customer JWT with this payload, signed with our app's secret. */
const bigCommerceJwtToken = (h: Harness, jwt: string) => h.send('/omneo/token', { headers: { Authorization: `Bearer ${jwt}` } });
const bigCommerceToken = async (h: Harness, payload: Record<string, unknown>) => bigCommerceJwtToken(h, await signHs256(BC_CLIENT_SECRET, payload));

/** Ava's Omneo profile also carries her BigCommerce customer id, as a BigCommerce tenant's profiles do. */
function withAvaBigCommerceId(h: Harness): Harness {
  (h.mock.state.ava.profile.identities as unknown[]).push({ id: 901, handle: 'bigcommerce', identifier: String(AVA_BC_ID), is_primary: false, is_active: '1' });
  return h;
}

/** The refusal's reason in the log, and the app's client secret in no response or log line. */
const checkBigCommerceRefusal = (reason: string) => (_res: Sent, h: Harness) => {
  assert.equal(h.logs.at(-1)!.reason, reason);
  assert.ok(!JSON.stringify([h.logs, h.responses]).includes(BC_CLIENT_SECRET), 'the client secret leaked');
};

/**
 * A proxy in the middle of rotating its secrets (README: Rotating secrets): each adapter holds a current and a
 * previous secret, and a third, retired before the previous one, must open nothing.
 */
const PREVIOUS_ASSERTION_SECRET = 'PREVIOUS-ASSERTION-SECRET-0f1e2d3c4b5a69788796a5b4';
const RETIRED_ASSERTION_SECRET = 'RETIRED-ASSERTION-SECRET-a5b4c3d2e1f00f1e2d3c4b5a6';
const PREVIOUS_SHOPIFY_SECRET = 'shpss_PREVIOUS-SHOPIFY-SECRET-8877665544332211';
const RETIRED_SHOPIFY_SECRET = 'shpss_RETIRED-SHOPIFY-SECRET-1122334455667788';
const PREVIOUS_BC_CLIENT_SECRET = 'PREVIOUS-BC-CLIENT-SECRET-99aa88bb77cc66dd';
const RETIRED_BC_CLIENT_SECRET = 'RETIRED-BC-CLIENT-SECRET-dd66cc77bb88aa99';
const rotatingProxy = (nowMs: () => number): Partial<ProxyConfig> => ({
  identity: [
    shopifyAppProxyAdapter({ secret: SHOPIFY_SECRET, previousSecret: PREVIOUS_SHOPIFY_SECRET, shops: [SHOP], now: nowMs }),
    signedAssertionAdapter({ secret: ASSERTION_SECRET, previousSecret: PREVIOUS_ASSERTION_SECRET, now: nowMs }),
  ],
});
const rotatingBigCommerceProxy = (nowMs: () => number): Partial<ProxyConfig> => ({
  identity: [
    currentCustomerAdapter({
      clientId: BC_CLIENT_ID,
      clientSecret: BC_CLIENT_SECRET,
      previousClientSecret: PREVIOUS_BC_CLIENT_SECRET,
      storeHash: BC_STORE_HASH,
      idHandle: 'bigcommerce',
      now: nowMs,
    }),
  ],
});
/** The refusal's reason in the log, and none of the rotation's secrets in a response or log line. */
const checkRotationRefusal = (_res: Sent, h: Harness) => {
  assert.equal(h.logs.at(-1)!.reason, 'bad-signature');
  const all = JSON.stringify([h.logs, h.responses]);
  for (const secret of [PREVIOUS_ASSERTION_SECRET, RETIRED_ASSERTION_SECRET, PREVIOUS_SHOPIFY_SECRET, RETIRED_SHOPIFY_SECRET, PREVIOUS_BC_CLIENT_SECRET, RETIRED_BC_CLIENT_SECRET, BC_CLIENT_SECRET]) {
    assert.ok(!all.includes(secret), `${secret.slice(0, 12)}… leaked`);
  }
};

const avaApi = async (h: Harness, path: string, options: Parameters<Harness['send']>[1] = {}) =>
  h.send(path, { method: 'GET', cookie: await h.assertionCookie(), ...options });

type WithToken = Harness & { browserToken?: string };

/** Legitimate set-up: the widget fetches Ava's token, as every page does (this mints, before the attack). */
async function holdBrowserToken(h: Harness) {
  const res = await h.send('/omneo/token', { cookie: await h.assertionCookie() });
  assert.equal(res.status, 200);
  (h as WithToken).browserToken = res.json.token;
}

/**
 * Another page's Origin-less requests carrying the shopper's cookie (<img>, no-cors GETs: 40, enough to spend her
 * limits), from another site or a sibling subdomain: each must be refused.
 */
async function imageFlood(h: Harness, secFetchSite: 'cross-site' | 'same-site'): Promise<Sent> {
  const cookie = await h.assertionCookie();
  const headers = { 'Sec-Fetch-Site': secFetchSite, 'Sec-Fetch-Mode': 'no-cors', 'Sec-Fetch-Dest': 'image' };
  let last: Sent | undefined;
  for (let i = 0; i < 40; i++) {
    last = await h.send(i % 2 ? '/omneo/token' : '/omneo/api/me/balances', { method: 'GET', cookie, origin: null, headers });
    assert.equal(last.status, 403, `request ${i}`);
  }
  return last!;
}

/**
 * The same operation sent by the shopper's own browser straight to Omneo with the token the proxy gave
 * it, bypassing the proxy's allowlist: Omneo must refuse it (the mock verifies Omneo's signature), so
 * the allowlist is a real limit on what a session can do, not only protection against other sites.
 */
async function directToOmneo(h: Harness, method: string, path: string, body?: unknown): Promise<number> {
  const res = await h.mock.app.request(`${ID_API}${path}`, {
    method,
    headers: { Authorization: `Bearer ${(h as WithToken).browserToken}`, Accept: 'application/json', 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  await res.body?.cancel();
  return res.status;
}

const rows: Row[] = [
  // ── forged, expired and replayed signatures ─────────────────────────────────────────────────
  {
    id: 'S1',
    attack: 'Shopify app-proxy query signed with another secret',
    status: 401,
    run: async (h) => signed(h, '/omneo/token', await h.shopifyQuery({ secret: 'shpss_attacker-guess-00000000000000000000000' })),
  },
  {
    id: 'S2',
    attack: 'Shopify query with logged_in_customer_id swapped after signing',
    status: 401,
    run: async (h) => signed(h, '/omneo/token', (await h.shopifyQuery()).replace(`logged_in_customer_id=${AVA_SHOPIFY_ID}`, `logged_in_customer_id=${ZOE_SHOPIFY_ID}`)),
  },
  {
    id: 'S3',
    attack: 'Shopify query whose timestamp is 301 s old (expired)',
    status: 401,
    run: async (h) => signed(h, '/omneo/token', await h.shopifyQuery({ timestamp: h.nowS() - 301 })),
  },
  {
    id: 'S4',
    attack: 'Shopify query with a timestamp 301 s in the future',
    status: 401,
    run: async (h) => signed(h, '/omneo/token', await h.shopifyQuery({ timestamp: h.nowS() + 301 })),
  },
  {
    id: 'S5',
    attack: 'A captured, valid Shopify query replayed 6 minutes later',
    status: 401,
    before: async (h) => {
      const query = await h.shopifyQuery();
      assert.equal((await signed(h, '/omneo/token', query)).status, 200);
      (h as Harness & { captured?: string }).captured = query;
      h.clock.advance(6 * 60 * 1000);
    },
    run: async (h) => signed(h, '/omneo/token', (h as Harness & { captured?: string }).captured!),
  },
  {
    id: 'S6',
    attack: 'Shopify query validly signed for a shop this proxy does not serve',
    status: 401,
    run: async (h) => signed(h, '/omneo/token', await h.shopifyQuery({ shop: 'attacker-dev-store.myshopify.com' })),
  },
  {
    id: 'S7',
    attack: 'Shopify query with two signature parameters (parameter pollution)',
    status: 401,
    run: async (h) => signed(h, '/omneo/token', `${await h.shopifyQuery()}&signature=${'0'.repeat(64)}`),
  },
  {
    id: 'S8',
    attack: 'Bare customer id, no signature (?logged_in_customer_id=…)',
    status: 401,
    run: async (h) => h.send(`/omneo/token?logged_in_customer_id=${AVA_SHOPIFY_ID}&shop=harbour-co.myshopify.com`, { method: 'GET', origin: null }),
  },
  {
    id: 'S9',
    attack: 'Signed-assertion cookie forged with another secret',
    status: 401,
    run: async (h) => h.send('/omneo/token', { cookie: await h.assertionCookie(AVA_SHOPIFY_ID, h.nowS() + 300, 'attacker-secret-attacker-secret-attacker') }),
  },
  {
    id: 'S10',
    attack: 'Signed assertion that has expired',
    status: 401,
    run: async (h) => h.send('/omneo/token', { cookie: await h.assertionCookie(AVA_SHOPIFY_ID, h.nowS() - 1) }),
  },
  {
    id: 'S11',
    attack: 'A captured, valid assertion replayed after its expiry',
    status: 401,
    before: async (h) => {
      const cookie = await h.assertionCookie();
      assert.equal((await h.send('/omneo/token', { cookie })).status, 200);
      (h as Harness & { captured?: string }).captured = cookie;
      h.clock.advance(6 * 60 * 1000);
    },
    run: async (h) => h.send('/omneo/token', { cookie: (h as Harness & { captured?: string }).captured! }),
  },
  {
    id: 'S12',
    attack: 'Assertion signed for a lifetime beyond the 300 s maximum (a "permanent" credential)',
    status: 401,
    run: async (h) => h.send('/omneo/token', { cookie: await h.assertionCookie(AVA_SHOPIFY_ID, h.nowS() + 30 * 24 * 3600) }),
  },
  {
    id: 'S13',
    attack: 'Assertion with the customer id swapped, signature kept',
    status: 401,
    run: async (h) => {
      const [name, value] = (await h.assertionCookie()).split('=') as [string, string];
      const parts = value.split('.');
      parts[1] = btoa(ZOE_SHOPIFY_ID).replace(/=+$/, '');
      return h.send('/omneo/token', { cookie: `${name}=${parts.join('.')}` });
    },
  },
  {
    id: 'S14',
    attack: 'Bare customer id as the identity cookie',
    status: 401,
    run: async (h) => h.send('/omneo/token', { cookie: `omneo_identity=${AVA_SHOPIFY_ID}` }),
  },
  {
    id: 'S15',
    attack: "Ava's Shopify-signed query re-cut into other parameters (?a=ba&logged_in_customer_id=<Zoe>&mb=x&nlogged_in_customer_id=<Ava>…)",
    status: 401,
    run: async (h) => {
      const ts = String(h.nowS());
      const shopify = [['path_prefix', '/apps/omneo'], ['shop', SHOP], ['timestamp', ts]] as Array<[string, string]>;
      // A guest's signed ?a=x&m=ylogged_in_customer_id=<Zoe>, re-cut with "=" inside a value.
      const guest = await recut(h, { a: 'x', m: `ylogged_in_customer_id=${ZOE_SHOPIFY_ID}`, logged_in_customer_id: '' }, [
        ['a', 'xlogged_in_customer_id=m=y'],
        ['logged_in_customer_id', ZOE_SHOPIFY_ID],
        ...shopify,
      ]);
      assert.equal((await signed(h, '/omneo/token', guest)).status, 401);
      // Only listing parameter names, Shopify's own pieces folded into a value.
      const folded = await recut(h, { include: 'x', sort: `ylogged_in_customer_id=${ZOE_SHOPIFY_ID}`, logged_in_customer_id: AVA_SHOPIFY_ID }, [
        ['include', `xlogged_in_customer_id=${AVA_SHOPIFY_ID}path_prefix=/apps/omneoshop=${SHOP}sort=y`],
        ['logged_in_customer_id', ZOE_SHOPIFY_ID],
        ['timestamp', ts],
      ]);
      assert.equal((await signed(h, '/omneo/api/me/balances', folded)).status, 401);
      assert.equal(h.logs.at(-1)!.reason, 'ambiguous-parameter');
      // No "=" in any name or value: the pieces' names are what give it away.
      const query = await recut(h, { a: 'b', alogged_in_customer_id: `${ZOE_SHOPIFY_ID}m`, b: 'xn', logged_in_customer_id: AVA_SHOPIFY_ID }, [
        ['a', 'ba'],
        ['logged_in_customer_id', ZOE_SHOPIFY_ID],
        ['mb', 'x'],
        ['nlogged_in_customer_id', AVA_SHOPIFY_ID],
        ...shopify,
      ]);
      return signed(h, '/omneo/token', query);
    },
    check: (_res, h) => assert.equal(h.logs.at(-1)!.reason, 'unexpected-parameter'),
  },
  {
    id: 'S16',
    attack: "Zoe's id smuggled through path_prefix of Ava's Shopify-signed query (?logged_in_customer_id=<Zoe>&path_prefix=x…)",
    status: 401,
    run: async (h) => {
      // Ava's request to /apps/omneo/…?logged_in_customer_id%3D<Zoe>path_prefix=x: Shopify signs it with her own id.
      const query = () =>
        recut(h, { [`logged_in_customer_id=${ZOE_SHOPIFY_ID}path_prefix`]: 'x', logged_in_customer_id: AVA_SHOPIFY_ID }, [
          ['logged_in_customer_id', ZOE_SHOPIFY_ID],
          ['path_prefix', `xlogged_in_customer_id=${AVA_SHOPIFY_ID}path_prefix=/apps/omneo`],
          ['shop', SHOP],
          ['timestamp', String(h.nowS())],
        ]);
      assert.equal((await signed(h, '/omneo/token', await query())).status, 401);
      return signed(h, '/omneo/api/me', await query());
    },
    check: (_res, h) => assert.equal(h.logs.at(-1)!.reason, 'ambiguous-parameter'),
  },
  {
    id: 'S17',
    attack: "A Current Customer JWT from another BigCommerce store, signed with our app's secret (a trial store, a customer there with Ava's id, our public client id)",
    status: 401,
    config: bigCommerceProxy,
    // The same JWT from our own store mints: only the store differs in the attack.
    before: async (h) => assert.equal((await bigCommerceToken(withAvaBigCommerceId(h), currentCustomerPayload(h.nowS(), {}, AVA_BC_ID))).status, 200),
    // What BigCommerce answers the attacker's store for /customer/current.jwt?app_client_id=<ours>.
    run: async (h) => bigCommerceToken(h, currentCustomerPayload(h.nowS(), { store_hash: 'evil99', sub: 'evil99' }, AVA_BC_ID)),
    check: checkBigCommerceRefusal('wrong-store'),
  },
  {
    id: 'S18',
    attack: 'A captured, valid Current Customer JWT replayed 181 s after BigCommerce issued it (its exp 12 minutes away)',
    status: 401,
    config: bigCommerceProxy,
    before: async (h) => {
      const jwt = await signHs256(BC_CLIENT_SECRET, currentCustomerPayload(h.nowS(), {}, AVA_BC_ID));
      assert.equal((await bigCommerceJwtToken(withAvaBigCommerceId(h), jwt)).status, 200);
      (h as Harness & { captured?: string }).captured = jwt;
      h.clock.advance(181 * 1000);
    },
    run: async (h) => bigCommerceJwtToken(h, (h as Harness & { captured?: string }).captured!),
    check: checkBigCommerceRefusal('too-old'),
  },
  {
    id: 'S19',
    attack: 'Mid-rotation (OMNEO_ASSERTION_SECRET_PREVIOUS set), an assertion signed with a retired secret, neither the current nor the previous one',
    status: 401,
    config: rotatingProxy,
    // The previous secret's assertion mints: only the secret differs in the attack.
    before: async (h) => assert.equal((await h.send('/omneo/token', { cookie: await h.assertionCookie(AVA_SHOPIFY_ID, h.nowS() + 300, PREVIOUS_ASSERTION_SECRET) })).status, 200),
    run: async (h) => h.send('/omneo/token', { cookie: await h.assertionCookie(AVA_SHOPIFY_ID, h.nowS() + 300, RETIRED_ASSERTION_SECRET) }),
    check: checkRotationRefusal,
  },
  {
    id: 'S20',
    attack: 'Mid-rotation (SHOPIFY_API_SECRET_PREVIOUS set), a Shopify query signed with a retired client secret, neither the current nor the previous one',
    status: 401,
    config: rotatingProxy,
    before: async (h) => assert.equal((await signed(h, '/omneo/token', await h.shopifyQuery({ secret: PREVIOUS_SHOPIFY_SECRET }))).status, 200),
    run: async (h) => signed(h, '/omneo/token', await h.shopifyQuery({ secret: RETIRED_SHOPIFY_SECRET })),
    check: checkRotationRefusal,
  },
  {
    id: 'S21',
    attack: 'Mid-rotation (BIGCOMMERCE_CLIENT_SECRET_PREVIOUS set), a Current Customer JWT signed with a retired client secret, neither the current nor the previous one',
    status: 401,
    config: rotatingBigCommerceProxy,
    before: async (h) => {
      const jwt = await signHs256(PREVIOUS_BC_CLIENT_SECRET, currentCustomerPayload(h.nowS(), {}, AVA_BC_ID));
      assert.equal((await bigCommerceJwtToken(withAvaBigCommerceId(h), jwt)).status, 200);
    },
    run: async (h) => bigCommerceJwtToken(h, await signHs256(RETIRED_BC_CLIENT_SECRET, currentCustomerPayload(h.nowS(), {}, AVA_BC_ID))),
    check: checkRotationRefusal,
  },
  // ── another customer's id ────────────────────────────────────────────────────────────────────
  {
    id: 'C1',
    attack: "No session, another customer's id in the body, query and headers",
    status: 401,
    run: async (h) =>
      h.send(`/omneo/token?id=${ZOE_SHOPIFY_ID}&customer_id=${ZOE_SHOPIFY_ID}`, {
        headers: { 'Content-Type': 'application/json', 'X-Customer-Id': ZOE_SHOPIFY_ID },
        body: JSON.stringify({ id: ZOE_SHOPIFY_ID, id_handle: 'shopify' }),
      }),
  },
  {
    id: 'C2',
    attack: "Ava's session asking for Zoe's token (id in body and query): Ava's token, nothing minted for Zoe",
    status: 200,
    run: async (h) =>
      h.send(`/omneo/token?id=${ZOE_SHOPIFY_ID}&logged_in_customer_id=${ZOE_SHOPIFY_ID}`, {
        cookie: await h.assertionCookie(),
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ id: ZOE_SHOPIFY_ID }),
      }),
    check: (res, h) => {
      assert.ok(res.json.token);
      // The one upstream call allowed here is Ava's mint; assert it precisely, then the row's generic
      // "nothing upstream for the attack" check is about Zoe.
      assert.deepEqual(h.upstream.map((u) => JSON.parse(u.body)), [{ id: AVA_SHOPIFY_ID, id_handle: 'shopify' }]);
      h.upstream.length = 0;
    },
  },
  {
    id: 'C3',
    attack: "Pass-through to another profile's path (/profiles/<Zoe's uuid>/balances)",
    status: 404,
    run: async (h) => avaApi(h, `/omneo/api/profiles/${ZOE_PROFILE_ID}/balances`),
  },
  {
    id: 'C4',
    attack: "Pass-through with another profile's id smuggled in the query (?profile_id=…)",
    status: 400,
    run: async (h) => avaApi(h, `/omneo/api/me/balances?profile_id=${ZOE_PROFILE_ID}`),
    check: (res) => assert.deepEqual(res.json, { message: 'Query parameter "profile_id" is not allowed.' }),
  },
  {
    id: 'C5',
    attack: "Pass-through with another profile's id as a listing filter (?filter[profile_id]=…, also [eq])",
    status: 400,
    run: async (h) => {
      const eq = await avaApi(h, `/omneo/api/me/points?filter%5Bprofile_id%5D%5Beq%5D=${ZOE_PROFILE_ID}`);
      assert.equal(eq.status, 400);
      return avaApi(h, `/omneo/api/me/points?filter[profile_id]=${ZOE_PROFILE_ID}`);
    },
    check: (res) => assert.deepEqual(res.json, { message: 'Query parameter "filter[profile_id]" is not allowed.' }),
  },
  {
    id: 'C6',
    attack: "Pass-through mode: the token route's answer used straight against Omneo (read the profile, spend the balance, delete it)",
    status: 200,
    before: holdBrowserToken,
    run: async (h) => h.send('/omneo/token', { cookie: await h.assertionCookie() }),
    check: async (res, h) => {
      assert.equal(res.json.token, (h as WithToken).browserToken);
      // Still what the widget needs from it: the profile to key its cache by, and when to renew.
      assert.equal(decodePayload(res.json.token).pid, AVA_PROFILE_ID);
      assert.equal(decodePayload(res.json.token).exp, res.json.exp);
      assert.equal(await directToOmneo(h, 'GET', '/profiles/me'), 401);
      assert.equal(await directToOmneo(h, 'POST', '/profiles/me/redeem', { amount: 10 }), 401);
      assert.equal(await directToOmneo(h, 'DELETE', '/profiles/me'), 401);
    },
  },
  // ── path tricks ──────────────────────────────────────────────────────────────────────────────
  {
    id: 'P1',
    attack: 'Dot segments out of /me (/omneo/api/me/lists/../../../../id/api/v1/auth/token)',
    status: 404,
    run: async (h) => avaApi(h, '/omneo/api/me/lists/../../../../id/api/v1/auth/token', { method: 'POST' }),
  },
  {
    id: 'P2',
    attack: 'Encoded slashes (/omneo/api/me/lists%2F..%2F..%2Fauth%2Ftoken)',
    status: 404,
    run: async (h) => avaApi(h, '/omneo/api/me/lists%2F..%2F..%2Fauth%2Ftoken'),
  },
  {
    id: 'P3',
    attack: 'Encoded dot segments (/omneo/api/me/%2e%2e/%2e%2e/profiles/<Zoe>)',
    status: 404,
    run: async (h) => avaApi(h, `/omneo/api/me/%2e%2e/%2e%2e/profiles/${ZOE_PROFILE_ID}`),
  },
  {
    id: 'P4',
    attack: 'Double encoding (/omneo/api/me/lists%252F..%252Fpurge)',
    status: 404,
    run: async (h) => avaApi(h, '/omneo/api/me/lists%252F..%252Fpurge'),
  },
  {
    id: 'P5',
    attack: 'Backslashes, matrix parameters and NUL (/omneo/api/me/balances;x=1, \\..\\, %00)',
    status: 404,
    run: async (h) => {
      for (const path of ['/omneo/api/me/balances;x=1', '/omneo/api/me/lists%5C..%5Cpurge', '/omneo/api/me/balances%00']) {
        const res = await avaApi(h, path);
        assert.equal(res.status, 404, path);
      }
      return avaApi(h, '/omneo/api/me/balances/');
    },
  },
  {
    id: 'P6',
    attack: "Laravel method spoofing in the query (?_method=DELETE)",
    status: 400,
    run: async (h) => avaApi(h, '/omneo/api/me?_method=DELETE'),
    check: (res) => assert.deepEqual(res.json, { message: 'Query parameter "_method" is not allowed.' }),
  },
  {
    id: 'P7',
    attack: 'Query parameter pollution (page[size]=1&page[size]=100000) and an encoded "?" in the path',
    status: 400,
    run: async (h) => {
      const encodedQuestion = await avaApi(h, '/omneo/api/me/balances%3Fpage%5Bsize%5D%3D5');
      assert.equal(encodedQuestion.status, 404);
      return avaApi(h, '/omneo/api/me/points?page[size]=1&page[size]=100');
    },
    // Refused for the repetition itself: each value alone is a valid page size.
    check: (res) => assert.deepEqual(res.json, { message: 'Query parameter "page[size]" is repeated.' }),
  },
  // ── method abuse ─────────────────────────────────────────────────────────────────────────────
  {
    id: 'M1',
    attack: 'DELETE /omneo/api/me (delete the profile)',
    status: 405,
    before: holdBrowserToken,
    run: async (h) => avaApi(h, '/omneo/api/me', { method: 'DELETE', headers: { 'Content-Type': 'application/json' } }),
    check: async (res, h) => {
      assert.equal(res.headers.get('allow'), 'GET, HEAD, OPTIONS');
      assert.equal(await directToOmneo(h, 'DELETE', '/profiles/me'), 401, "the browser's token cannot do it at Omneo either");
    },
  },
  {
    id: 'M2',
    attack: 'DELETE /omneo/api/me/purge (purge the profile)',
    status: 404,
    before: holdBrowserToken,
    run: async (h) => avaApi(h, '/omneo/api/me/purge', { method: 'DELETE', headers: { 'Content-Type': 'application/json' } }),
    check: async (_res, h) => assert.equal(await directToOmneo(h, 'DELETE', '/profiles/me/purge'), 401),
  },
  {
    id: 'M3',
    attack: 'PUT /omneo/api/me (rewrite the profile)',
    status: 405,
    before: holdBrowserToken,
    run: async (h) =>
      avaApi(h, '/omneo/api/me', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'attacker@example.com' }) }),
    check: async (_res, h) => assert.equal(await directToOmneo(h, 'PUT', '/profiles/me', { email: 'attacker@example.com' }), 401),
  },
  {
    id: 'M4',
    attack: 'POST /omneo/api/me/redeem (spend the balance)',
    status: 404,
    before: holdBrowserToken,
    run: async (h) =>
      avaApi(h, '/omneo/api/me/redeem', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ amount: 47.5 }) }),
    check: async (_res, h) => assert.equal(await directToOmneo(h, 'POST', '/profiles/me/redeem', { amount: 47.5 }), 401),
  },
  {
    id: 'M5',
    attack: 'GET with X-HTTP-Method-Override: DELETE',
    status: 400,
    run: async (h) => {
      for (const header of ['X-HTTP-Method', 'X-Method-Override']) {
        const res = await avaApi(h, '/omneo/api/me/lists/6021/items/88310', { headers: { [header]: 'DELETE' } });
        assert.deepEqual([res.status, res.json], [400, { message: `Header "${header}" is not accepted: method overrides are refused.` }]);
      }
      return avaApi(h, '/omneo/api/me/lists/6021/items/88310', { headers: { 'x-http-method-override': 'DELETE' } });
    },
    check: (res) => assert.deepEqual(res.json, { message: 'Header "X-HTTP-Method-Override" is not accepted: method overrides are refused.' }),
  },
  {
    id: 'M6',
    attack: 'PUT, PATCH and DELETE on /omneo/token; POST on /omneo/tiers',
    status: 405,
    run: async (h) => {
      const cookie = await h.assertionCookie();
      for (const method of ['PUT', 'PATCH']) assert.equal((await h.send('/omneo/token', { method, cookie })).status, 405, method);
      assert.equal((await h.send('/omneo/tiers', { method: 'POST' })).status, 405);
      return h.send('/omneo/token', { method: 'DELETE', cookie });
    },
    check: (res) => assert.equal(res.headers.get('allow'), 'GET, POST, OPTIONS'),
  },
  {
    id: 'M7',
    attack: 'Laravel method spoofing in a JSON body ({"_method": "DELETE", …} on a wishlist add)',
    status: 400,
    run: async (h) =>
      avaApi(h, '/omneo/api/me/lists/6021/items', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ _method: 'DELETE', product_variant_sku: 'LS-SAND-L' }),
      }),
    check: (res) => assert.deepEqual(res.json, { message: 'Body field "_method" is not accepted: method overrides are refused.' }),
  },
  // ── oversized bodies ─────────────────────────────────────────────────────────────────────────
  {
    id: 'B1',
    attack: 'A 64 KiB body on POST /omneo/token',
    status: 413,
    run: async (h) => h.send('/omneo/token', { cookie: await h.assertionCookie(), body: 'x'.repeat(64 * 1024) }),
  },
  {
    id: 'B2',
    attack: 'A 17 KiB JSON body on a wishlist add',
    status: 413,
    run: async (h) =>
      avaApi(h, '/omneo/api/me/lists/6021/items', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ product_variant_sku: 'LS-SAND-L', meta: { pad: 'x'.repeat(17 * 1024) } }),
      }),
  },
  {
    id: 'B3',
    attack: 'A streamed body with no Content-Length that grows past the limit',
    status: 413,
    run: async (h) => {
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= 1024 * 1024) return controller.close();
          sent += 8192;
          controller.enqueue(new TextEncoder().encode('{'.repeat(8192)));
        },
      });
      return avaApi(h, '/omneo/api/me/lists', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: stream });
    },
  },
  {
    id: 'B4',
    attack: 'A cross-site "simple" POST: JSON sent as text/plain',
    status: 415,
    run: async (h) =>
      avaApi(h, '/omneo/api/me/lists/6021/items', {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
        body: JSON.stringify({ product_variant_sku: 'LS-SAND-L' }),
      }),
  },
  {
    id: 'B5',
    attack: 'A cross-site form POST with no body and no Origin (benefit redeem as x-www-form-urlencoded; also no Content-Type at all)',
    status: 415,
    run: async (h) => {
      const noType = await avaApi(h, '/omneo/api/me/benefits/7781/redeem', { method: 'POST', origin: null });
      assert.equal(noType.status, 415);
      const deleteNoOrigin = await avaApi(h, '/omneo/api/me/lists/6021/items/88310', { method: 'DELETE', origin: null });
      assert.equal(deleteNoOrigin.status, 415);
      const deleteAsForm = await avaApi(h, '/omneo/api/me/lists/6021/items/88310', { method: 'DELETE', headers: { 'Content-Type': 'text/plain' } });
      assert.equal(deleteAsForm.status, 415);
      return avaApi(h, '/omneo/api/me/benefits/7781/redeem', {
        method: 'POST',
        origin: null,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
    },
  },
  {
    id: 'B6',
    attack: 'A 10 KB JSON body nested 5,000 levels deep (re-serialising it would overflow the stack)',
    status: 400,
    run: async (h) =>
      avaApi(h, '/omneo/api/me/lists', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: `{"name":${'['.repeat(5000)}${']'.repeat(5000)}}`,
      }),
    check: (res, h) => {
      assert.deepEqual(res.json, { message: 'The request body must be a JSON object.' });
      assert.equal(h.logs.at(-1)!.outcome, 'bad-json');
    },
  },
  {
    id: 'B7',
    attack: 'A body that trickles in and never ends (slowloris: headers, one byte, then silence), on the token route and a pass-through write',
    status: 408,
    // Production waits 10 s; a short deadline keeps the row fast.
    config: () => ({ bodyTimeoutMs: 200 }),
    run: async (h) => {
      // Each such request used to hold its socket and ~30 KB until Node's own 300 s request timeout: a few thousand
      // from a handful of addresses (each new request counts once against the per-IP limit) exhaust the memory.
      const trickle = () => {
        const state = { cancelled: false };
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{'));
          },
          cancel() {
            state.cancelled = true;
          },
        });
        return { body, state };
      };
      const answered = <T,>(request: Promise<T>) =>
        Promise.race([request, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer after 3 s: the proxy still waits for the body')), 3000))]);
      const write = trickle();
      const api = await answered(avaApi(h, '/omneo/api/me/lists', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: write.body }));
      assert.equal(api.status, 408, 'the pass-through write');
      assert.ok(write.state.cancelled, 'the pass-through body is released');
      const token = trickle();
      const res = await answered(h.send('/omneo/token', { cookie: await h.assertionCookie(), headers: { 'Content-Type': 'application/json' }, body: token.body }));
      assert.ok(token.state.cancelled, 'the token body is released');
      return res;
    },
    check: (res, h) => {
      assert.deepEqual(res.json, { message: 'The request body took too long.' });
      assert.deepEqual(h.logs.map((l) => l.outcome).filter((o) => o === 'body-timeout'), ['body-timeout', 'body-timeout']);
    },
  },
  // ── unknown origins ──────────────────────────────────────────────────────────────────────────
  {
    id: 'O1',
    attack: 'A token request with a valid session from an unknown origin',
    status: 403,
    run: async (h) => h.send('/omneo/token', { cookie: await h.assertionCookie(), origin: 'https://evil.example' }),
    check: (res) => assert.equal(res.headers.get('access-control-allow-origin'), null),
  },
  {
    id: 'O2',
    attack: 'Look-alike origins: suffix, scheme downgrade, port, and "null"',
    status: 403,
    run: async (h) => {
      const cookie = await h.assertionCookie();
      for (const origin of ['https://www.harbour.example.evil.com', 'http://www.harbour.example', 'https://www.harbour.example:8443']) {
        const res = await h.send('/omneo/token', { cookie, origin });
        assert.equal(res.status, 403, origin);
        assert.equal(res.headers.get('access-control-allow-origin'), null, origin);
      }
      return h.send('/omneo/token', { cookie, origin: 'null' });
    },
  },
  {
    id: 'O3',
    attack: 'A CORS preflight from an unknown origin for a wishlist write',
    status: 403,
    run: async (h) =>
      h.send('/omneo/api/me/lists/6021/items', {
        method: 'OPTIONS',
        origin: 'https://evil.example',
        headers: { 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
      }),
    check: (res) => {
      assert.equal(res.headers.get('access-control-allow-origin'), null);
      assert.equal(res.headers.get('access-control-allow-methods'), null);
    },
  },
  {
    id: 'O4',
    attack: 'A cross-site wishlist write from an unknown origin with the shopper cookie (CSRF)',
    status: 403,
    run: async (h) =>
      avaApi(h, '/omneo/api/me/lists/6021/items', {
        method: 'POST',
        origin: 'https://evil.example',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ product_variant_sku: 'LS-SAND-L' }),
      }),
  },
  {
    id: 'O5',
    attack: "A cross-site page's Origin-less requests with the shopper's cookie (<img>, no-cors GET; Sec-Fetch-Site: cross-site), 40 of them to spend her limits",
    status: 403,
    before: holdBrowserToken,
    run: (h) => imageFlood(h, 'cross-site'),
    check: async (res, h) => {
      assert.equal(res.headers.get('access-control-allow-origin'), null);
      assert.equal(h.logs.at(-1)!.outcome, 'cross-site-without-origin');
      assert.equal(h.logs.at(-1)!.customerId, undefined, 'refused before identity');
      // Her widget is unaffected: nothing above counted against her (token from the cache, nothing upstream).
      assert.equal((await h.send('/omneo/token', { cookie: await h.assertionCookie() })).status, 200);
    },
  },
  {
    id: 'O6',
    attack:
      "A sibling subdomain's page (a help-centre post, a blog) with Origin-less requests carrying the shopper's cookie (<img>, no-cors GET; Sec-Fetch-Site: same-site), 40 of them to spend her limits",
    status: 403,
    before: holdBrowserToken,
    // The recommended layout (proxy on loyalty.<shop>, SameSite=Lax cookie on the shop's domain) sends her cookie
    // on these: Lax keeps it off other sites' requests, not off another subdomain's.
    run: (h) => imageFlood(h, 'same-site'),
    check: async (res, h) => {
      assert.equal(res.headers.get('access-control-allow-origin'), null);
      assert.equal(h.logs.at(-1)!.outcome, 'cross-site-without-origin');
      assert.equal(h.logs.at(-1)!.customerId, undefined, 'refused before identity');
      // Her widget (CORS from the storefront, so with an Origin) is unaffected.
      assert.equal((await h.send('/omneo/token', { cookie: await h.assertionCookie(), headers: { 'Sec-Fetch-Site': 'same-site' } })).status, 200);
    },
  },
  // ── floods ───────────────────────────────────────────────────────────────────────────────────
  {
    id: 'F1',
    attack: 'One IP floods the token route with forged cookies: request 301 in a minute',
    status: 429,
    before: async (h) => {
      for (let i = 0; i < 300; i++) assert.equal((await h.send('/omneo/token', { cookie: 'omneo_identity=v1.x.1.00' })).status, 401);
    },
    run: async (h) => h.send('/omneo/token', { cookie: await h.assertionCookie() }),
    check: (res) => assert.ok(Number(res.headers.get('retry-after')) > 0),
  },
  {
    id: 'F2',
    attack: "One customer's session used from many IPs: token request 31 in a minute",
    status: 429,
    before: async (h) => {
      const cookie = await h.assertionCookie();
      for (let i = 0; i < 30; i++) assert.equal((await h.send('/omneo/token', { cookie, ip: `198.51.100.${i}` })).status, 200);
      // 30 token responses, one mint: the rest came from the per-customer cache.
      assert.equal(h.upstream.length, 1);
    },
    run: async (h) => h.send('/omneo/token', { cookie: await h.assertionCookie(), ip: '198.51.100.200' }),
    check: async (res, h) => {
      assert.ok(Number(res.headers.get('retry-after')) > 0);
      // The limit is hers alone: another shopper signing in on the same store still gets a token.
      assert.equal((await h.send('/omneo/token', { cookie: await h.assertionCookie(ZOE_SHOPIFY_ID), ip: '198.51.100.201' })).status, 200);
      h.upstream.length = 0; // her mint, not the attack's
    },
  },
  {
    id: 'F3',
    attack: "Pass-through flood for one customer: request 301 in a minute",
    status: 429,
    before: async (h) => {
      const cookie = await h.assertionCookie();
      for (let i = 0; i < 300; i++) assert.equal((await h.send('/omneo/api/me/balances', { method: 'GET', cookie, ip: `192.0.2.${i % 250}` })).status, 200);
    },
    run: async (h) => avaApi(h, '/omneo/api/me/balances', { ip: '192.0.2.251' }),
    // Hers alone: another shopper's widget on the same store still loads.
    check: async (_res, h) => {
      const zoe = await h.send('/omneo/api/me/balances', { method: 'GET', cookie: await h.assertionCookie(ZOE_SHOPIFY_ID), ip: '192.0.2.252' });
      assert.equal(zoe.status, 200, zoe.text);
      h.upstream.length = 0; // her mint and read, not the attack's
    },
  },
  {
    id: 'F4',
    attack: 'One IPv6 /64 floods the token route, a new address per request: request 301 in a minute',
    status: 429,
    before: async (h) => {
      for (let i = 0; i < 300; i++) {
        assert.equal((await h.send('/omneo/token', { cookie: 'omneo_identity=v1.x.1.00', ip: `2001:db8:1:2::${(i + 1).toString(16)}` })).status, 401);
      }
    },
    run: async (h) => h.send('/omneo/token', { cookie: await h.assertionCookie(), ip: '2001:db8:1:2:ffff:ffff:ffff:ffff' }),
    check: (res) => assert.ok(Number(res.headers.get('retry-after')) > 0),
  },
  {
    id: 'F5',
    attack: "A flood of new IPs to evict a customer's counter from the store (capacity 1,000): token request 31 after 2,000 other IPs",
    status: 429,
    options: { storeMaxEntries: 1000 },
    before: async (h) => {
      const cookie = await h.assertionCookie();
      for (let i = 0; i < 30; i++) assert.equal((await h.send('/omneo/token', { cookie, ip: `198.51.100.${i}` })).status, 200);
      for (let i = 0; i < 2000; i++) {
        await h.proxy.fetch(new Request('https://loyalty-proxy.harbour.example/omneo/token', { method: 'POST', headers: { 'X-Test-IP': `10.0.${i >> 8}.${i & 255}` } }));
      }
    },
    run: async (h) => h.send('/omneo/token', { cookie: await h.assertionCookie(), ip: '198.51.100.200' }),
    check: (res) => assert.ok(Number(res.headers.get('retry-after')) > 0),
  },
];

let passed = 0;
/** Each row's refusal message, for the README's answers. */
const answered = new Map<string, string>();

describe(`proxy attack table (${rows.length} rows)`, () => {
  after(() => {
    console.log(`attack table: ${passed}/${rows.length} rows passed`);
  });

  for (const row of rows) {
    it(`${row.id}: ${row.attack} → ${row.status}`, async () => {
      let h: Harness | undefined;
      h = harness(row.config?.(() => h!.clock.nowMs()) ?? {}, row.options);
      await row.before?.(h);
      const before = h.upstream.length;
      const res = await row.run(h);
      assert.equal(res.status, row.status, `${row.id}: ${res.text}`);
      await row.check?.(res, h);
      assert.deepEqual(h.upstream.slice(row.id === 'C2' ? 0 : before), [], `${row.id}: nothing may reach Omneo`);
      // Every refusal is our own short JSON message, uncached, with the security headers.
      if (res.status >= 400) {
        assert.equal(typeof res.json?.message, 'string');
        assert.deepEqual(Object.keys(res.json), ['message']);
        answered.set(row.id, res.json.message);
      }
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      h.assertNoLeaks(res.json?.token ? [res.json.token] : []);
      passed += 1;
    });
  }

  it("the README's table has exactly these rows, each with its status and, where it quotes one, the refusal's message", () => {
    const table = [...readmeSection('### Attack table').matchAll(/^\| ([A-Z][0-9]+) \| .* \| ([0-9]{3})\b(.*) \|$/gm)];
    assert.deepEqual(
      table.map((match) => `${match[1]} ${match[2]}`),
      rows.map((row) => `${row.id} ${row.status}`),
    );
    // "401 No signed-in customer.": a sentence after the status is the message a client reads.
    for (const [, id, , rest] of table) {
      const quoted = /^ ([A-Z][^;+]*\.)$/.exec(rest!)?.[1];
      if (quoted && answered.has(id!)) assert.equal(answered.get(id!), quoted, `${id}: the README's answer`);
    }
  });
});
