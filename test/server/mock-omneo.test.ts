import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createMockOmneo, faultRuleFromJson, inProcessFetch, MOCK_ADMIN_TOKEN, MOCK_JWT_SECRET, PERSONAS, type MockOmneo } from '../../server/mock-omneo/index.js';
import { base64UrlEncodeBytes, base64UrlEncodeText, hmacKey } from '../../server/shared/encoding.js';
import { createOmneoClient, type OmneoClient } from '../../src/api/client.js';
import { getPointsExpiringBy } from '../../src/api/resources.js';
import { pointsExpiringSoon } from '../../src/api/rules.js';
import { createTokenProvider } from '../../src/api/token-provider.js';
import { AVA_PROFILE_ID, AVA_SHOPIFY_ID, call, decodePayload, manualClock } from './helpers.js';
import { ensureNodeRelease, NODE_RELEASES, NODE_RELEASES_SKIP } from './node-versions.js';
import { REPO_ROOT } from './readme-blocks.js';

const API = '/id/api/v1';
const admin = { Authorization: `Bearer ${MOCK_ADMIN_TOKEN}` };

function setup(options: Parameters<typeof createMockOmneo>[0] = {}) {
  const clock = manualClock();
  const mock = createMockOmneo({ now: clock.now, ...options });
  return { mock, clock };
}

async function tokenFor(mock: MockOmneo, body: unknown) {
  const res = await call(mock.app, `${API}/auth/token`, { body, headers: admin });
  assert.equal(res.status, 200, res.text);
  return res.json.data.token as string;
}

describe('mock Omneo: minting', () => {
  it('requires the admin token', async () => {
    const { mock } = setup();
    const attempts: Array<Record<string, string>> = [{}, { Authorization: 'Bearer wrong' }, { Authorization: MOCK_ADMIN_TOKEN }];
    for (const headers of attempts) {
      const res = await call(mock.app, `${API}/auth/token`, { body: { id: AVA_PROFILE_ID }, headers });
      assert.equal(res.status, 401);
      assert.deepEqual(res.json, { message: 'Unauthenticated.' });
    }
  });

  it('mints a signed JWT by profile id, with pid, iat and a 15-minute exp', async () => {
    const { mock, clock } = setup();
    const res = await call(mock.app, `${API}/auth/token`, { body: { id: AVA_PROFILE_ID }, headers: admin });
    assert.equal(res.status, 200);
    const { token, exp } = res.json.data;
    assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    const claims = decodePayload(token);
    assert.equal(claims.pid, AVA_PROFILE_ID);
    assert.equal(claims.iat, clock.nowMs() / 1000);
    assert.equal(claims.exp, clock.nowMs() / 1000 + 900);
    assert.equal(exp, claims.exp);
  });

  it('mints by platform customer id and identity handle', async () => {
    const { mock } = setup();
    const token = await tokenFor(mock, { id: AVA_SHOPIFY_ID, id_handle: 'shopify' });
    assert.equal(decodePayload(token).pid, AVA_PROFILE_ID);
    for (const info of PERSONAS) {
      const t = await tokenFor(mock, { id: info.shopifyCustomerId, id_handle: 'shopify' });
      assert.equal(decodePayload(t).pid, info.profileId);
    }
  });

  it('answers 404 for an unknown customer or a handle that does not match', async () => {
    const { mock } = setup();
    for (const body of [{ id: '999' }, { id: '999', id_handle: 'shopify' }, { id: AVA_SHOPIFY_ID }, { id: AVA_SHOPIFY_ID, id_handle: 'magento_id' }]) {
      const res = await call(mock.app, `${API}/auth/token`, { body, headers: admin });
      assert.equal(res.status, 404, JSON.stringify(body));
      assert.deepEqual(res.json, { message: 'Profile not found.' });
    }
  });

  it('mints an anonymous token (pid "null") for an empty or absent id; /profiles/me is then 404', async () => {
    const { mock } = setup();
    for (const body of [{}, { id: '' }, { id: null }, { id: '', id_handle: 'shopify' }]) {
      const token = await tokenFor(mock, body);
      assert.equal(decodePayload(token).pid, 'null');
      const me = await call(mock.app, `${API}/profiles/me`, { token });
      assert.equal(me.status, 404);
    }
  });

  it('honours tokenTtlSeconds', async () => {
    const { mock, clock } = setup({ tokenTtlSeconds: 60 });
    const token = await tokenFor(mock, { id: AVA_PROFILE_ID });
    assert.equal(decodePayload(token).exp, clock.nowMs() / 1000 + 60);
  });
});

describe('mock Omneo: authentication of /profiles/me', () => {
  it('binds me to the token pid', async () => {
    const { mock } = setup();
    const ava = await call(mock.app, `${API}/profiles/me`, { token: await mock.mintToken('ava') });
    assert.equal(ava.json.data.id, AVA_PROFILE_ID);
    assert.equal(ava.json.data.full_name, 'Ava Nguyen');
    const zoe = await call(mock.app, `${API}/profiles/me/balances`, { token: await mock.mintToken('zoe') });
    assert.equal(zoe.json.data.currency, 'AUD');
    assert.equal(zoe.json.data.point_balance, 0);
  });

  it('answers 401 with the Omneo body for a missing, malformed, forged or expired token', async () => {
    const { mock, clock } = setup();
    const other = createMockOmneo({ jwtSecret: 'another-key', now: clock.now });
    const valid = await mock.mintToken('ava');
    const [header, , signature] = valid.split('.');
    const tamperedPayload = btoa(JSON.stringify({ pid: PERSONAS[1]!.profileId, exp: 9999999999, iat: 1 })).replace(/=+$/, '');
    const cases: Array<[string, Record<string, string>]> = [
      ['missing', {}],
      ['not bearer', { Authorization: `Basic ${valid}` }],
      ['garbage', { Authorization: 'Bearer not-a-jwt' }],
      ['two parts', { Authorization: 'Bearer abc.def' }],
      ['forged key', { Authorization: `Bearer ${await other.mintToken('ava')}` }],
      ['tampered payload', { Authorization: `Bearer ${header}.${tamperedPayload}.${signature}` }],
      ['admin token', { Authorization: `Bearer ${MOCK_ADMIN_TOKEN}` }],
    ];
    for (const [name, headers] of cases) {
      const res = await call(mock.app, `${API}/profiles/me/balances`, { headers });
      assert.equal(res.status, 401, name);
      assert.deepEqual(res.json, { message: 'Unauthenticated.' }, name);
    }
    assert.equal((await call(mock.app, `${API}/profiles/me`, { token: valid })).status, 200);
    clock.advance(15 * 60 * 1000);
    const expired = await call(mock.app, `${API}/profiles/me`, { token: valid });
    assert.equal(expired.status, 401);
    assert.deepEqual(expired.json, { message: 'Unauthenticated.' });
  });
});

describe('mock Omneo: tokens signed with its key but not its kind', () => {
  /** A token signed with the mock's own key over whatever header and payload the test writes. */
  async function signed(header: unknown, payload: unknown, encode = (value: unknown) => base64UrlEncodeText(JSON.stringify(value))) {
    const input = `${encode(header)}.${encode(payload)}`;
    const signature = await crypto.subtle.sign('HMAC', await hmacKey(MOCK_JWT_SECRET), new TextEncoder().encode(input));
    return `${input}.${base64UrlEncodeBytes(new Uint8Array(signature))}`;
  }

  it('refuses a validly signed token with another alg, without a pid or exp, or that is not base64 JSON', async () => {
    const { mock, clock } = setup();
    const exp = clock.nowMs() / 1000 + 600;
    assert.equal((await call(mock.app, `${API}/profiles/me`, { token: await signed({ alg: 'HS256', typ: 'JWT' }, { pid: AVA_PROFILE_ID, exp }) })).status, 200, 'the helper signs as the mock does');
    const cases: Array<[string, string]> = [
      ['alg none', await signed({ alg: 'none' }, { pid: AVA_PROFILE_ID, exp })],
      ['alg HS512', await signed({ alg: 'HS512', typ: 'JWT' }, { pid: AVA_PROFILE_ID, exp })],
      ['no pid', await signed({ alg: 'HS256' }, { sub: AVA_PROFILE_ID, exp })],
      ['numeric pid', await signed({ alg: 'HS256' }, { pid: 5, exp })],
      ['no exp', await signed({ alg: 'HS256' }, { pid: AVA_PROFILE_ID })],
      ['header not JSON', await signed('x', { pid: AVA_PROFILE_ID, exp }, (value) => (typeof value === 'string' ? base64UrlEncodeText('{alg') : base64UrlEncodeText(JSON.stringify(value))))],
    ];
    for (const [name, token] of cases) {
      const res = await call(mock.app, `${API}/profiles/me`, { token });
      assert.equal(res.status, 401, name);
      assert.deepEqual(res.json, { message: 'Unauthenticated.' }, name);
    }
  });
});

describe('mock Omneo: Ava as omneo-api.md describes her', () => {
  it('balances: 35 rewards + 1,250 points ($12.50) = $47.50, quirks intact', async () => {
    const { mock } = setup();
    const res = await call(mock.app, `${API}/profiles/me/balances`, { token: await mock.mintToken('ava') });
    const data = res.json.data;
    assert.equal(data.reward_balance, '35.00');
    assert.equal(data.point_balance, 1250);
    assert.equal(data.point_balance_dollars, '12.50');
    assert.equal(data.combined_balance_dollars, 47.5);
    assert.deepEqual(Object.keys(data.currency).sort(), ['created_at', 'from', 'id', 'is_system', 'rate', 'to', 'updated_at']);
    assert.equal(data.currency.from, 'AUD');
  });

  it('tiers: Silver, 1,100 of 1,500 (73%), 400 to Gold, maintain 350 of 400', async () => {
    const { mock } = setup();
    const { json } = await call(mock.app, `${API}/profiles/me/tiers`, { token: await mock.mintToken('ava') });
    const tp = json.data;
    assert.ok(!Array.isArray(tp));
    assert.equal(tp.current_tier.name, 'Silver');
    assert.equal(tp.next_tier.name, 'Gold');
    assert.equal(Math.floor((100 * Number(tp.next_progress)) / Number(tp.next_tier.value_min)), 73);
    assert.equal(tp.next_remain, 400);
    assert.equal(Number(tp.current_progress) + Number(tp.current_credit), 350);
    assert.equal(tp.current_tier.value_maintain, '400');
    assert.equal(tp.anniversary_at, '2026-03-14 00:00:00');
  });

  it('rewards, benefits, points, lists and transactions carry the documented quirks', async () => {
    const { mock } = setup();
    const token = await mock.mintToken('ava');
    const rewards = (await call(mock.app, `${API}/profiles/me/rewards`, { token })).json;
    assert.deepEqual(rewards.data.map((r: { id: number }) => r.id), [55102, 54877, 53120, 51004]);
    assert.equal(rewards.data[1].is_expired, '0');
    assert.deepEqual(rewards.data[1].meta, []);
    assert.equal(rewards.data[0].definition.image_url, '/storage/rewards/birthday.png');
    assert.match(rewards.data[0].definition.long_description, /<strong>\$20<\/strong>/);
    assert.match(rewards.data[0].created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const benefits = (await call(mock.app, `${API}/profiles/me/benefits`, { token })).json;
    assert.equal(benefits.data[0].redeem_code_online, 'BDAY-7Q4K-2M');
    assert.equal(benefits.data[0].redeem_code_pos, '');
    assert.equal(benefits.data[1].is_redeemable, 1);
    const one = (await call(mock.app, `${API}/profiles/me/benefits/7790`, { token })).json;
    assert.equal(one.data.definition.allow_user_redeem, false);
    const points = (await call(mock.app, `${API}/profiles/me/points`, { token })).json;
    assert.deepEqual(points.data.map((p: { value_remaining: unknown }) => p.value_remaining), ['450', 800, 200]);
    assert.equal(typeof points.data[1].rate, 'object');
    const lists = (await call(mock.app, `${API}/profiles/me/lists`, { token })).json;
    assert.equal(lists.links, undefined);
    assert.equal(lists.meta, undefined);
    assert.deepEqual(lists.data[0].items.map((i: { id: number; product_variant: { sku: string } }) => [i.id, i.product_variant.sku]), [
      [88310, 'LS-SAND-M'],
      [88342, 'KN-NAVY-S'],
    ]);
    const transactions = (await call(mock.app, `${API}/profiles/me/transactions`, { token })).json;
    assert.equal(transactions.data[0].id, 771203);
    assert.equal(transactions.meta.total, 3);
    assert.equal((await call(mock.app, `${API}/profiles/me/transactions/771203`, { token })).json.data.total, '149.90');
    assert.equal((await call(mock.app, `${API}/profiles/me/rewards/55102`, { token })).json.data.value_remaining, '20.00');
    assert.equal((await call(mock.app, `${API}/profiles/me/rewards/1`, { token })).status, 404);
  });
});

describe('mock Omneo: other personas', () => {
  it('zoe has nothing: zero balances, empty collections, no lists, floor tier', async () => {
    const { mock } = setup();
    const token = await mock.mintToken('zoe');
    for (const path of ['rewards', 'benefits', 'points', 'transactions']) {
      const res = await call(mock.app, `${API}/profiles/me/${path}`, { token });
      assert.deepEqual(res.json.data, [], path);
      assert.equal(res.json.meta.total, 0);
    }
    assert.deepEqual((await call(mock.app, `${API}/profiles/me/lists`, { token })).json, { data: [] });
    const tiers = (await call(mock.app, `${API}/profiles/me/tiers`, { token })).json.data;
    assert.equal(tiers.is_floor, true);
    assert.equal(tiers.current_tier.handle, 'member');
    assert.equal(tiers.prev_tier, null);
  });

  it('liam is close to Platinum; grace is at the top', async () => {
    const { mock } = setup();
    const liam = (await call(mock.app, `${API}/profiles/me/tiers`, { token: await mock.mintToken('liam') })).json.data;
    assert.equal(liam.next_tier.name, 'Platinum');
    assert.equal(Number(liam.next_progress), 2850);
    assert.equal(Number(liam.next_remain), 150);
    const grace = (await call(mock.app, `${API}/profiles/me/tiers`, { token: await mock.mintToken('grace') })).json.data;
    assert.equal(grace.current_tier.name, 'Platinum');
    assert.equal(grace.next_tier, null);
    assert.equal(grace.next_remain, null);
    assert.equal(grace.next_progress, 3420);
  });

  it('mallory carries markup and javascript: URLs', async () => {
    const { mock } = setup();
    const token = await mock.mintToken('mallory');
    const profile = (await call(mock.app, `${API}/profiles/me`, { token })).text;
    assert.ok(profile.includes('<img src=x onerror=alert(1)>'));
    assert.ok(profile.includes('<script>alert(1)</script>'));
    const rewards = (await call(mock.app, `${API}/profiles/me/rewards`, { token })).json.data;
    assert.equal(rewards[0].definition.image_url, 'javascript:alert(1)');
    const lists = (await call(mock.app, `${API}/profiles/me/lists`, { token })).json.data;
    assert.equal(lists[0].items[0].product_variant.web_url, 'javascript:alert(1)');
  });

  it('olivia has a 200-item wishlist besides another list', async () => {
    const { mock } = setup();
    const lists = (await call(mock.app, `${API}/profiles/me/lists`, { token: await mock.mintToken('olivia') })).json.data;
    const wishlist = lists.find((l: { handle: string }) => l.handle === 'wishlist');
    assert.equal(wishlist.items.length, 200);
    assert.equal(new Set(wishlist.items.map((i: { product_variant: { sku: string } }) => i.product_variant.sku)).size, 200);
    assert.ok(lists.some((l: { handle: string }) => l.handle === 'gift-ideas'));
  });
});

describe('mock Omneo: pagination, filters, sort', () => {
  it('honours page[size] and page[number] with links and meta (default 15)', async () => {
    const { mock } = setup();
    const token = await mock.mintToken('ava');
    const first = (await call(mock.app, `${API}/profiles/me/rewards?page%5Bsize%5D=3`, { token })).json;
    assert.equal(first.data.length, 3);
    assert.deepEqual({ ...first.meta, links: undefined, path: undefined }, { current_page: 1, from: 1, last_page: 2, links: undefined, path: undefined, per_page: 3, to: 3, total: 4 });
    assert.ok(first.links.next.includes('page%5Bnumber%5D=2'));
    assert.equal(first.links.prev, null);
    const second = (await call(mock.app, `${API}/profiles/me/rewards?page[size]=3&page[number]=2`, { token })).json;
    assert.deepEqual(second.data.map((r: { id: number }) => r.id), [51004]);
    assert.equal(second.links.next, null);
    const defaults = (await call(mock.app, `${API}/profiles/me/rewards`, { token })).json;
    assert.equal(defaults.meta.per_page, 15);
    const beyond = (await call(mock.app, `${API}/profiles/me/rewards?page[number]=9`, { token })).json;
    assert.deepEqual(beyond.data, []);
  });

  it('points: sort=expires_at and filter[expires_at][lte] select the points expiring soon', async () => {
    const { mock } = setup();
    const token = await mock.mintToken('ava');
    const q = new URLSearchParams({ sort: 'expires_at', 'filter[expires_at][lte]': '2025-12-26 01:00:00', 'page[size]': '100' });
    const soon = (await call(mock.app, `${API}/profiles/me/points?${q}`, { token })).json;
    assert.deepEqual(soon.data.map((p: { id: number }) => p.id), [90211]);
    const sorted = (await call(mock.app, `${API}/profiles/me/points?sort=-expires_at`, { token })).json;
    assert.deepEqual(sorted.data.map((p: { id: number }) => p.id), [90587, 90211, 91002]);
  });
});

/** The real client against the mock, in process, as `persona`, on the mock's clock. */
async function clientAs(mock: MockOmneo, persona: 'ava', clock: ReturnType<typeof manualClock>): Promise<OmneoClient> {
  const token = await mock.mintToken(persona);
  const tokens = createTokenProvider({ source: async () => ({ token, exp: clock.nowMs() / 1000 + 900 }), now: clock.nowMs });
  return createOmneoClient({ apiBase: `http://omneo.test${API}`, tokens, fetch: inProcessFetch(mock.app), retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0 } });
}

describe('the data layer against the mock: long histories', () => {
  it("finds the points expiring soon behind years of expired ledger entries (the ledger keeps them, §2.3)", async () => {
    const { mock, clock } = setup();
    // A long-standing member: one point instance per transaction item, 600 of them already past their expiry,
    // some with value left (expired unspent), listed before the live ones by sort=expires_at.
    const day = 86_400_000;
    for (let i = 0; i < 600; i += 1) {
      const expired = new Date(Date.parse('2025-11-20T12:59:59Z') - i * day).toISOString().slice(0, 19).replace('T', ' ');
      mock.state.ava.points.push({ id: 10_000 + i, value_initial: 10, value_remaining: i % 2 ? 10 : 0, issued_at: '2022-01-01 00:00:00', accrued_at: '2022-01-31 00:00:00',
        expires_at: expired, status: i % 3 ? 'active' : 'expired', source_type: 'transaction_item', rate: 1, description: null, meta: null, definition: null });
    }
    const now = clock.now();
    const client = await clientAs(mock, 'ava', clock);
    const ledger = await getPointsExpiringBy(client, new Date(now.getTime() + 30 * day), undefined, now);
    assert.equal(ledger.truncated, false);
    const soon = pointsExpiringSoon(ledger.items, now, 30, 'Australia/Sydney');
    assert.deepEqual({ total: soon.total, dates: soon.groups.map((group) => group.date) }, { total: 450, dates: ['2025-12-15'] });
  });
});

describe('the data layer against the mock: requests a browser can reuse', () => {
  it('asks for the points expiring soon with the same URL all hour: a CORS preflight is cached per URL, and a timestamp to the second made one for every request', async () => {
    const { mock, clock } = setup();
    const client = await clientAs(mock, 'ava', clock);
    const searches: string[] = [];
    for (const at of ['2025-11-20T10:00:00Z', '2025-11-20T10:05:17Z', '2025-11-20T10:59:59Z', '2025-11-20T11:00:00Z']) {
      const now = new Date(at);
      mock.requests.length = 0;
      const ledger = await getPointsExpiringBy(client, new Date(now.getTime() + 30 * 86_400_000), undefined, now);
      // The bounds are widened, never narrowed: what expires within 30 days of now is all there.
      assert.equal(pointsExpiringSoon(ledger.items, now, 30, 'Australia/Sydney').total, 450, at);
      searches.push(mock.requests.find((request) => request.path === '/profiles/me/points')!.search);
    }
    assert.equal(new Set(searches.slice(0, 3)).size, 1, searches.join('\n'));
    assert.notEqual(searches[3], searches[0]);
  });
});

describe('mock Omneo: dates follow the clock', () => {
  it('shifts every seeded date by (clock − seed now), keeping each style', async () => {
    const { mock } = setup({ now: () => new Date('2025-12-06T01:00:00Z') });
    const token = await mock.mintToken('ava');
    const reward = (await call(mock.app, `${API}/profiles/me/rewards/55102`, { token })).json.data;
    assert.equal(reward.expires_at, '2025-12-18 12:59:59');
    assert.equal(reward.created_at, '2025-11-18T13:00:02.000000Z');
    const tx = (await call(mock.app, `${API}/profiles/me/transactions/768840`, { token })).json.data;
    assert.equal(tx.transacted_at, '2025-08-25T06:12:33.000000Z');
    // The filter value is in the shifted frame, so the same relative query still finds 90211.
    const soon = (await call(mock.app, `${API}/profiles/me/points?filter[expires_at][lte]=2026-01-05%2001:00:00`, { token })).json;
    assert.deepEqual(soon.data.map((p: { id: number }) => p.id), [90211]);
  });

  it("keeps *_local_at the wall time of its *_at in the record's timezone when the shift crosses a DST change", async () => {
    // Seeded in Sydney's summer (UTC+11). Shifted into its winter (UTC+10) by the same milliseconds as *_at,
    // expires_local_at read an hour later than expires_at does in Sydney.
    const { mock } = setup({ now: () => new Date('2026-06-01T01:00:00Z') });
    const wallTime = (utc: string, timeZone: string) =>
      new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
        .format(new Date(utc.endsWith('Z') ? utc : `${utc.replace(' ', 'T')}Z`));
    const locals: string[][] = [];
    for (const persona of ['ava', 'liam'] as const) {
      const rewards = (await call(mock.app, `${API}/profiles/me/rewards`, { token: await mock.mintToken(persona) })).json.data as Record<string, string>[];
      for (const reward of rewards) {
        for (const field of ['issued', 'expires']) {
          if (reward[`${field}_local_at`]) locals.push([reward[`${field}_at`]!, reward[`${field}_local_at`]!, reward.timezone!]);
        }
      }
    }
    assert.equal(locals.length, 5); // Ava's 55102 and 54877 (issued and expires), Liam's 56010 (expires, ISO form)
    for (const [utc, local, zone] of locals) assert.equal(local, wallTime(utc!, zone!), `${utc} in ${zone}`);
    // At the seed's own now, as seeded.
    mock.setNow(new Date('2025-11-26T01:00:00Z'));
    const seeded = (await call(mock.app, `${API}/profiles/me/rewards/55102`, { token: await mock.mintToken('ava') })).json.data;
    assert.equal(seeded.expires_local_at, '2025-12-08 23:59:59');
  });

  it('setNow re-anchors the data', async () => {
    const { mock } = setup({ now: () => new Date('2030-01-01T00:00:00Z') });
    mock.setNow(new Date('2025-11-26T01:00:00Z'));
    const token = await mock.mintToken('ava');
    const reward = (await call(mock.app, `${API}/profiles/me/rewards/55102`, { token })).json.data;
    assert.equal(reward.expires_at, '2025-12-08 12:59:59');
  });
});

describe('mock Omneo: quirks switch', () => {
  it("'strings' stringifies every number and writes booleans as \"1\"/\"0\"", async () => {
    const { mock } = setup({ quirks: 'strings' });
    const token = await mock.mintToken('ava');
    const balances = (await call(mock.app, `${API}/profiles/me/balances`, { token })).json.data;
    assert.equal(balances.point_balance, '1250');
    assert.equal(balances.combined_balance_dollars, '47.5');
    assert.equal(balances.currency.is_system, '1');
    const reward = (await call(mock.app, `${API}/profiles/me/rewards/53120`, { token })).json.data;
    assert.equal(reward.is_expired, '0');
    assert.equal(reward.value_remaining, '0');
    const walk = (value: unknown): void => {
      assert.notEqual(typeof value, 'number');
      assert.notEqual(typeof value, 'boolean');
      if (value && typeof value === 'object') Object.values(value).forEach(walk);
    };
    walk((await call(mock.app, `${API}/profiles/me/tiers`, { token })).json.data);
  });

  it("'plain' writes clean numbers and booleans", async () => {
    const { mock } = setup({ quirks: 'plain' });
    const token = await mock.mintToken('ava');
    const balances = (await call(mock.app, `${API}/profiles/me/balances`, { token })).json.data;
    assert.equal(balances.reward_balance, 35);
    assert.equal(balances.point_balance_dollars, 12.5);
    const reward = (await call(mock.app, `${API}/profiles/me/rewards/54877`, { token })).json.data;
    assert.equal(reward.is_expired, false);
    assert.equal(reward.is_active, true);
    assert.equal(reward.value_remaining, 15);
    const profile = (await call(mock.app, `${API}/profiles/me`, { token })).json.data;
    assert.equal(profile.external_id, AVA_SHOPIFY_ID, 'ids stay strings');
  });
});

describe('mock Omneo: mutations', () => {
  it('redeems a benefit and decrements redemptions_remaining; then 422', async () => {
    const { mock } = setup();
    const token = await mock.mintToken('ava');
    const res = await call(mock.app, `${API}/profiles/me/benefits/7781/redeem`, { body: { count: 1 }, token });
    assert.equal(res.status, 200);
    assert.equal(res.json.data.type, 'benefit');
    assert.equal(res.json.data.profile_id, AVA_PROFILE_ID);
    assert.deepEqual(res.json.data.items[0].type_attributes, { id: 7781, redemptions_remaining: '0' });
    const after = (await call(mock.app, `${API}/profiles/me/benefits/7781`, { token })).json.data;
    assert.equal(after.redemptions_remaining, '0');
    assert.equal(after.is_redeemable, false);
    const again = await call(mock.app, `${API}/profiles/me/benefits/7781/redeem`, { method: 'POST', token });
    assert.equal(again.status, 422);
    assert.equal(again.json.message, 'The given data was invalid.');
    assert.ok(Array.isArray(again.json.errors.benefit));
  });

  it('refuses a benefit the shopper may not redeem (403), an expired one (422), an unknown one (404)', async () => {
    const { mock } = setup();
    const ava = await mock.mintToken('ava');
    const forbidden = await call(mock.app, `${API}/profiles/me/benefits/7790/redeem`, { method: 'POST', token: ava });
    assert.equal(forbidden.status, 403);
    assert.deepEqual(forbidden.json, { message: 'This action is unauthorized.' });
    const grace = await mock.mintToken('grace');
    const expired = await call(mock.app, `${API}/profiles/me/benefits/7903/redeem`, { method: 'POST', token: grace });
    assert.equal(expired.status, 422);
    assert.equal((await call(mock.app, `${API}/profiles/me/benefits/1/redeem`, { method: 'POST', token: ava })).status, 404);
    const tooMany = await call(mock.app, `${API}/profiles/me/benefits/7901/redeem`, { body: { count: 3 }, token: grace });
    assert.equal(tooMany.status, 422);
    assert.ok(tooMany.json.errors.count);
  });

  it('benefit expiry follows the clock', async () => {
    const { mock, clock } = setup();
    const token = await mock.mintToken('ava', { ttlSeconds: 365 * 86400 });
    clock.advance(20 * 86400 * 1000); // 7781 expires 2025-12-14 12:59:59
    const res = await call(mock.app, `${API}/profiles/me/benefits/7781/redeem`, { method: 'POST', token });
    assert.equal(res.status, 422);
    assert.deepEqual(res.json.errors, { benefit: ['This benefit has expired.'] });
  });

  it('redeems balance: 422 above the combined balance, else updates balances (§2.10)', async () => {
    const { mock } = setup();
    const token = await mock.mintToken('ava');
    const over = await call(mock.app, `${API}/profiles/me/redeem`, { body: { amount: 60 }, token });
    assert.equal(over.status, 422);
    assert.deepEqual(over.json, { message: 'The given data was invalid.', errors: { amount: ['The amount may not be greater than 47.5.'] } });
    for (const body of [{}, { amount: 'x' }, { amount: 0 }]) {
      assert.equal((await call(mock.app, `${API}/profiles/me/redeem`, { body, token })).status, 422, JSON.stringify(body));
    }
    const ok = await call(mock.app, `${API}/profiles/me/redeem`, { body: { amount: 10 }, token });
    assert.equal(ok.status, 200);
    assert.equal(ok.json.data.total, '10.00');
    assert.deepEqual(ok.json.data.balances, { reward_balance: 25, point_balance: 1250, point_balance_dollars: 12.5, benefit_balance: 0, combined_balance_dollars: 37.5 });
    const balances = (await call(mock.app, `${API}/profiles/me/balances`, { token })).json.data;
    assert.equal(balances.reward_balance, '25.00');
    assert.equal(balances.combined_balance_dollars, 37.5);
    // Rewards are spent nearest expiry first: the birthday reward (55102) went from 20 to 10.
    assert.equal((await call(mock.app, `${API}/profiles/me/rewards/55102`, { token })).json.data.value_remaining, '10.00');
    const rest = await call(mock.app, `${API}/profiles/me/redeem`, { body: { amount: 30 }, token });
    assert.equal(rest.json.data.balances.point_balance, 750);
    assert.equal(rest.json.data.balances.combined_balance_dollars, 7.5);
  });

  it('creates lists, adds and removes wishlist items; GETs reflect them', async () => {
    const { mock } = setup();
    const token = await mock.mintToken('zoe');
    const noName = await call(mock.app, `${API}/profiles/me/lists`, { body: { handle: 'wishlist' }, token });
    assert.equal(noName.status, 422);
    assert.ok(noName.json.errors.name);
    const created = await call(mock.app, `${API}/profiles/me/lists`, { body: { name: 'Wishlist', handle: 'wishlist' }, token });
    assert.equal(created.status, 201);
    const listId = created.json.data.id;
    assert.equal(created.json.data.handle, 'wishlist');
    assert.deepEqual(created.json.data.items, []);

    const missing = await call(mock.app, `${API}/profiles/me/lists/${listId}/items`, { body: { quantity: 1 }, token });
    assert.equal(missing.status, 422);
    assert.ok(missing.json.errors.product_variant_sku);
    assert.equal((await call(mock.app, `${API}/profiles/me/lists/${listId}/items`, { body: { product_variant_sku: '  ' }, token })).status, 422);

    const added = await call(mock.app, `${API}/profiles/me/lists/${listId}/items`, { body: { product_variant_sku: 'LS-SAND-L', quantity: 1 }, token });
    assert.equal(added.status, 201);
    assert.equal(added.json.data.product_variant.title, 'Linen Relaxed Shirt - Sand / L');
    assert.deepEqual(added.json.data.product_variant.options, [{ name: 'Colour', value: 'Sand' }, { name: 'Size', value: 'L' }]);
    const unknown = await call(mock.app, `${API}/profiles/me/lists/${listId}/items`, { body: { product_variant_sku: 'NOPE-1', quantity: 1 }, token });
    assert.equal(unknown.status, 201);
    assert.equal(unknown.json.data.product_variant.sku, 'NOPE-1');

    const items = (await call(mock.app, `${API}/profiles/me/lists/${listId}/items`, { token })).json.data;
    assert.deepEqual(items.map((i: { product_variant: { sku: string } }) => i.product_variant.sku), ['LS-SAND-L', 'NOPE-1']);
    const byHandle = (await call(mock.app, `${API}/profiles/me/lists/wishlist`, { token })).json.data;
    assert.equal(byHandle.id, listId);

    const removed = await call(mock.app, `${API}/profiles/me/lists/${listId}/items/${added.json.data.id}`, { method: 'DELETE', token });
    assert.equal(removed.status, 204);
    assert.equal(removed.text, '');
    const list = (await call(mock.app, `${API}/profiles/me/lists/${listId}`, { token })).json.data;
    assert.deepEqual(list.items.map((i: { product_variant: { sku: string } }) => i.product_variant.sku), ['NOPE-1']);
    assert.equal((await call(mock.app, `${API}/profiles/me/lists/${listId}/items/1`, { method: 'DELETE', token })).status, 404);
    assert.equal((await call(mock.app, `${API}/profiles/me/lists/424242`, { token })).status, 404);
  });

  it('mutations stay within their persona and reset() restores the seed', async () => {
    const { mock } = setup();
    const ava = await mock.mintToken('ava');
    await call(mock.app, `${API}/profiles/me/lists/6021/items/88310`, { method: 'DELETE', token: ava });
    assert.equal((await call(mock.app, `${API}/profiles/me/lists/6021/items/88310`, { method: 'DELETE', token: await mock.mintToken('liam') })).status, 404);
    assert.equal(mock.state.ava.lists[0]!.items.length, 1);
    mock.reset();
    assert.equal(mock.state.ava.lists[0]!.items.length, 2);
    assert.equal(mock.requests.length, 0);
  });
});

describe('mock Omneo: fault injection', () => {
  it('status faults apply `times` times, then the real handler answers', async () => {
    const { mock } = setup();
    const token = await mock.mintToken('ava');
    mock.faults.add({ path: '/profiles/me/balances', status: 500, times: 2 });
    assert.equal((await call(mock.app, `${API}/profiles/me/balances`, { token })).status, 500);
    const second = await call(mock.app, `${API}/profiles/me/balances`, { token });
    assert.equal(second.status, 500);
    assert.deepEqual(second.json, { message: 'Server Error' });
    assert.equal((await call(mock.app, `${API}/profiles/me/balances`, { token })).status, 200);
    assert.equal((await call(mock.app, `${API}/profiles/me/tiers`, { token })).status, 200);
  });

  it('matches method and regex paths, supports custom bodies, Infinity and clear()', async () => {
    const { mock } = setup();
    const token = await mock.mintToken('ava');
    mock.faults.add({ method: 'post', path: '^/profiles/me/lists/\\d+/items$', status: 503, body: { message: 'down' }, times: Infinity });
    assert.equal((await call(mock.app, `${API}/profiles/me/lists/6021/items`, { token })).status, 200);
    for (let i = 0; i < 3; i++) {
      const res = await call(mock.app, `${API}/profiles/me/lists/6021/items`, { body: { product_variant_sku: 'X' }, token });
      assert.equal(res.status, 503);
      assert.deepEqual(res.json, { message: 'down' });
    }
    mock.faults.clear();
    assert.equal((await call(mock.app, `${API}/profiles/me/lists/6021/items`, { body: { product_variant_sku: 'X' }, token })).status, 201);
  });

  it('afterProcessing carries the write out, then answers the faulted status (a lost answer)', async () => {
    const { mock } = setup();
    const token = await mock.mintToken('ava');
    const before = mock.state.ava.lists[0]!.items.length;
    mock.faults.add({ method: 'POST', path: 'items', status: 502, afterProcessing: true });
    const lost = await call(mock.app, `${API}/profiles/me/lists/6021/items`, { body: { product_variant_sku: 'LOST-1' }, token });
    assert.equal(lost.status, 502);
    assert.equal(mock.state.ava.lists[0]!.items.length, before + 1);
    mock.faults.add({ method: 'POST', path: 'items', status: 502 });
    assert.equal((await call(mock.app, `${API}/profiles/me/lists/6021/items`, { body: { product_variant_sku: 'LOST-2' }, token })).status, 502);
    assert.equal(mock.state.ava.lists[0]!.items.length, before + 1, 'without afterProcessing nothing is written');
  });

  it('malformed answers 200 with invalid JSON', async () => {
    const { mock } = setup();
    mock.faults.add({ path: 'rewards', malformed: true });
    const res = await call(mock.app, `${API}/profiles/me/rewards`, { token: await mock.mintToken('ava') });
    assert.equal(res.status, 200);
    assert.throws(() => JSON.parse(res.text));
  });

  it('expireToken answers 401 Unauthenticated once, even with a valid token', async () => {
    const { mock } = setup();
    const token = await mock.mintToken('ava');
    mock.faults.add({ path: '/profiles/me', expireToken: true });
    const res = await call(mock.app, `${API}/profiles/me`, { token });
    assert.equal(res.status, 401);
    assert.deepEqual(res.json, { message: 'Unauthenticated.' });
    assert.equal((await call(mock.app, `${API}/profiles/me`, { token })).status, 200);
  });

  it('retryAfter sets Retry-After; latency delays the answer; setLatency delays every request', async () => {
    const { mock } = setup();
    const token = await mock.mintToken('ava');
    mock.faults.add({ status: 429, retryAfter: 7 });
    const throttled = await call(mock.app, `${API}/profiles/me`, { token });
    assert.equal(throttled.status, 429);
    assert.equal(throttled.headers.get('retry-after'), '7');
    mock.faults.add({ path: 'tiers', latencyMs: 80 });
    let started = performance.now();
    const slow = await call(mock.app, `${API}/profiles/me/tiers`, { token });
    assert.equal(slow.status, 200);
    assert.ok(performance.now() - started >= 70);
    mock.faults.setLatency(60);
    started = performance.now();
    await call(mock.app, `${API}/profiles/me/balances`, { token });
    assert.ok(performance.now() - started >= 50);
  });

  it('faults also apply to minting', async () => {
    const { mock } = setup();
    mock.faults.add({ path: '/auth/token', status: 502 });
    assert.equal((await call(mock.app, `${API}/auth/token`, { body: { id: AVA_PROFILE_ID }, headers: admin })).status, 502);
  });
});

describe('mock Omneo: request log, CORS, admin routes', () => {
  it('logs method, path after /id/api/v1 and query', async () => {
    const { mock } = setup();
    const token = await mock.mintToken('ava');
    await call(mock.app, `${API}/profiles/me/balances`, { token });
    await call(mock.app, `${API}/profiles/me/points?sort=expires_at`, { token });
    assert.deepEqual(
      mock.requests.map(({ method, path, search }) => [method, path, search]),
      [
        ['GET', '/profiles/me/balances', ''],
        ['GET', '/profiles/me/points', '?sort=expires_at'],
      ],
    );
  });

  it('answers CORS preflights for any origin, without credentials', async () => {
    const { mock } = setup();
    const res = await mock.app.fetch(
      new Request(`http://test.local${API}/profiles/me/balances`, {
        method: 'OPTIONS',
        headers: { Origin: 'https://shop.example.com', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
      }),
    );
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.match(res.headers.get('access-control-allow-headers') ?? '', /Authorization/i);
    assert.equal(res.headers.get('access-control-allow-credentials'), null);
    const get = await mock.app.fetch(new Request(`http://test.local${API}/profiles/me`, { headers: { Origin: 'https://shop.example.com' } }));
    assert.equal(get.headers.get('access-control-allow-origin'), '*');
    assert.equal(mock.requests.length, 1, 'preflights are not logged');
  });

  const preflight = (mock: MockOmneo, path = '/profiles/me/balances') =>
    mock.app.fetch(
      new Request(`http://test.local${API}${path}`, {
        method: 'OPTIONS',
        headers: { Origin: 'https://shop.example.com', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
      }),
    );

  it('sends no Access-Control-Max-Age unless told to (Omneo sends none that anyone has seen), and the one it is given', async () => {
    assert.equal((await preflight(setup().mock)).headers.get('access-control-max-age'), null);
    const { mock } = setup({ corsMaxAgeSeconds: 7200 });
    assert.equal((await preflight(mock)).headers.get('access-control-max-age'), '7200');
    assert.equal(mock.options.corsMaxAgeSeconds, 7200);
  });

  it('delays a preflight by the fixed latency, as a real round trip is', async () => {
    const { mock } = setup();
    mock.faults.setLatency(60);
    const started = performance.now();
    assert.equal((await preflight(mock)).status, 204);
    assert.ok(performance.now() - started >= 50, `${performance.now() - started} ms`);
  });

  it('applies a rule to preflights only when its method is OPTIONS: latency, a refusal without CORS headers, headers set or removed', async () => {
    const { mock } = setup({ corsMaxAgeSeconds: 600 });
    // A rule for any method is the actual request's: a preflight neither takes it nor is slowed by it.
    mock.faults.add({ path: 'balances', latencyMs: 300 });
    let started = performance.now();
    await preflight(mock);
    assert.ok(performance.now() - started < 250, 'a method-less rule slowed the preflight');
    assert.equal(mock.faults.list().length, 1, 'the preflight took the GET rule');
    mock.faults.clear();

    mock.faults.add({ method: 'OPTIONS', latencyMs: 60, headers: { 'Access-Control-Max-Age': null, 'X-Seen': 'yes' }, times: 2 });
    started = performance.now();
    const slow = await preflight(mock);
    assert.ok(performance.now() - started >= 50);
    assert.equal(slow.status, 204);
    assert.equal(slow.headers.get('access-control-allow-origin'), '*');
    assert.equal(slow.headers.get('access-control-max-age'), null, 'null removes the header');
    assert.equal(slow.headers.get('x-seen'), 'yes');
    assert.equal((await preflight(mock, '/profiles/me')).headers.get('x-seen'), 'yes');
    assert.equal((await preflight(mock)).headers.get('access-control-max-age'), '600', 'the rule was used up');

    mock.faults.add({ method: 'OPTIONS', path: 'rewards', status: 403 });
    const refused = await preflight(mock, '/profiles/me/rewards');
    assert.equal(refused.status, 403);
    assert.equal(refused.headers.get('access-control-allow-origin'), null, 'an origin the API refuses');
    assert.equal(mock.requests.length, 0, 'preflights are not logged');
  });

  it('reads a rule whose header is null (removed) from JSON', () => {
    assert.deepEqual(faultRuleFromJson({ method: 'OPTIONS', headers: { 'Access-Control-Max-Age': null, 'X-A': 'b', 'X-C': 3 } }).headers, {
      'Access-Control-Max-Age': null,
      'X-A': 'b',
    });
  });

  it('serves the admin tier ladder with internal fields, admin token only', async () => {
    const { mock } = setup();
    assert.equal((await call(mock.app, '/api/v3/tiers/definitions')).status, 401);
    assert.equal((await call(mock.app, '/api/v3/tiers/definitions', { token: await mock.mintToken('ava') })).status, 401);
    const res = await call(mock.app, '/api/v3/tiers/definitions', { headers: admin });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json.data.map((t: { handle: string }) => t.handle), ['member', 'silver', 'gold', 'platinum']);
    assert.ok(res.json.data.every((t: { internal_notes?: string }) => typeof t.internal_notes === 'string'));
    assert.equal(res.json.data[3].value_min, '3000');
  });
});

describe('mock Omneo: what tests rely on beyond the happy path', () => {
  it('stallBodyMs: the status, headers and first bytes at once, then the rest of the same body after the stall', async () => {
    const { mock } = setup();
    const token = await mock.mintToken('ava');
    const whole = (await call(mock.app, `${API}/profiles/me/balances`, { token })).text;
    mock.faults.add({ path: 'balances', stallBodyMs: 300 });
    const started = performance.now();
    const response = await mock.app.fetch(new Request(`http://test.local${API}/profiles/me/balances`, { headers: { Authorization: `Bearer ${token}` } }));
    assert.equal(response.status, 200);
    assert.ok(performance.now() - started < 250, 'the headers came at once');
    const reader = response.body!.getReader();
    const first = await reader.read();
    assert.ok(first.value!.length > 0 && first.value!.length < whole.length);
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value);
    assert.ok(performance.now() - started >= 280, 'the rest waited for the stall');
    assert.equal(new TextDecoder().decode(first.value) + rest, whole);
  });

  it('answers a status fault with no body for 204, a string body as it is, and matches a RegExp or a string that is not a valid pattern', async () => {
    const { mock } = setup();
    const token = await mock.mintToken('ava');
    mock.faults.add({ method: 'DELETE', path: /\/items\/\d+$/, status: 204 });
    const gone = await call(mock.app, `${API}/profiles/me/lists/6021/items/1`, { method: 'DELETE', token });
    assert.equal(gone.status, 204, 'the RegExp matched: the real handler would answer 404');
    assert.equal(gone.text, '');
    mock.faults.add({ path: 'tiers', status: 502, body: '<html>Bad gateway</html>' });
    const html = await call(mock.app, `${API}/profiles/me/tiers`, { token });
    assert.equal(html.status, 502);
    assert.equal(html.text, '<html>Bad gateway</html>');
    // "(" alone is no pattern: the rule matches paths containing it, and nothing else.
    mock.faults.add(faultRuleFromJson({ path: 'balances(', status: 500 }));
    assert.equal((await call(mock.app, `${API}/profiles/me/balances`, { token })).status, 200);
    assert.equal(mock.faults.list().length, 1);
    mock.faults.add({ method: 'OPTIONS', path: 'rewards', status: 403, body: { message: 'Origin not allowed.' } });
    const refused = await mock.app.fetch(new Request(`http://test.local${API}/profiles/me/rewards`, { method: 'OPTIONS', headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'GET' } }));
    assert.equal(refused.status, 403);
    assert.deepEqual(await refused.json(), { message: 'Origin not allowed.' });
  });

  it('reads JSON fault rules: times "Infinity" or negative = every request; stallBodyMs 0 and a non-true afterProcessing are ignored', () => {
    assert.equal(faultRuleFromJson({ times: 'Infinity' }).times, Infinity);
    assert.equal(faultRuleFromJson({ times: -1 }).times, Infinity);
    assert.equal(faultRuleFromJson({ times: 3 }).times, 3);
    assert.deepEqual(faultRuleFromJson({ stallBodyMs: 0, afterProcessing: 'yes' }), {});
    assert.deepEqual(faultRuleFromJson({ status: 503, afterProcessing: true }), { status: 503, afterProcessing: true });
    assert.throws(() => faultRuleFromJson({ status: 199 }), TypeError);
    assert.throws(() => faultRuleFromJson([]), TypeError);
  });

  it('wishlist writes: a SKU already saved comes back as the item it is (200), a list made with items, a name without letters, a list deleted', async () => {
    const { mock } = setup();
    const token = await mock.mintToken('ava');
    const items = `${API}/profiles/me/lists/6021/items`;
    const again = await call(mock.app, items, { body: { product_variant_sku: 'LS-SAND-M', quantity: 1 }, token });
    assert.equal(again.status, 200);
    assert.equal(again.json.data.id, 88310);
    assert.equal((await call(mock.app, items, { token })).json.data.length, 2, 'no duplicate');
    assert.equal((await call(mock.app, `${items}/88342`, { token })).json.data.product_variant.sku, 'KN-NAVY-S');
    assert.equal((await call(mock.app, `${items}/1`, { token })).status, 404);
    for (const quantity of [0, 1.5, 'two']) assert.equal((await call(mock.app, items, { body: { product_variant_sku: 'TS-WHITE-M', quantity }, token })).status, 422, String(quantity));
    assert.equal((await call(mock.app, `${API}/profiles/me/lists/424242/items`, { body: { product_variant_sku: 'TS-WHITE-M' }, token })).status, 404);

    const made = await call(mock.app, `${API}/profiles/me/lists`, {
      body: { name: '收藏', description: 'Gifts', items: [{ product_variant_sku: 'JN-INDIGO-30', quantity: 2 }, { product_variant_sku: ' ' }, null, { quantity: 1 }] },
      token,
    });
    assert.equal(made.status, 201);
    assert.equal(made.json.data.handle, 'list');
    assert.equal(made.json.data.description, 'Gifts');
    assert.deepEqual(made.json.data.items.map((item: { quantity: number; product_variant: { sku: string } }) => [item.product_variant.sku, item.quantity]), [['JN-INDIGO-30', 2]]);
    assert.equal(made.json.data.definition.type, 'list');
    const list = `${API}/profiles/me/lists/${made.json.data.id}`;
    assert.equal((await call(mock.app, list, { method: 'DELETE', token })).status, 204);
    assert.equal((await call(mock.app, list, { token })).status, 404);
    assert.equal((await call(mock.app, list, { method: 'DELETE', token })).status, 404);
    assert.equal((await call(mock.app, `${list}/items`, { token })).status, 404);
  });

  it('answers 400 Malformed JSON to a body that is not a JSON object, and 422 to a mint id that is neither string nor number', async () => {
    const { mock } = setup();
    const token = await mock.mintToken('ava');
    for (const [path, body] of [
      ['/profiles/me/lists', '{"name": '],
      ['/profiles/me/lists', '["Wishlist"]'],
      ['/profiles/me/lists/6021/items', 'null'],
      ['/profiles/me/redeem', '"10"'],
      ['/profiles/me/benefits/7781/redeem', '{count: 1}'],
    ] as const) {
      const res = await call(mock.app, `${API}${path}`, { body, token });
      assert.equal(res.status, 400, `${path} ${body}`);
      assert.deepEqual(res.json, { message: 'Malformed JSON.' });
    }
    assert.equal((await call(mock.app, `${API}/auth/token`, { body: '{"id": ', headers: admin })).status, 400);
    const object = await call(mock.app, `${API}/auth/token`, { body: { id: { uuid: AVA_PROFILE_ID } }, headers: admin });
    assert.equal(object.status, 422);
    assert.ok(object.json.errors.id);
    assert.equal((await call(mock.app, `${API}/profiles/me/benefits/7790/redeem`, { body: { count: 0 }, token })).status, 403, 'allow_user_redeem false comes first');
    const count = await call(mock.app, `${API}/profiles/me/benefits/7781/redeem`, { body: { count: 0 }, token });
    assert.equal(count.status, 422);
    assert.ok(count.json.errors.count);
  });

  it('filters booleans and numbers however Omneo wrote them, and sorts numbers as numbers and strings with nulls last', async () => {
    const { mock } = setup();
    const token = await mock.mintToken('ava');
    const ids = async (path: string) => ((await call(mock.app, `${API}/profiles/me/${path}`, { token })).json.data as { id: number }[]).map((row) => row.id);
    // is_expired is seeded as false, "0" and true: all read as booleans.
    assert.deepEqual(await ids('rewards?filter[is_expired]=0'), [55102, 54877, 53120]);
    assert.deepEqual(await ids('rewards?filter[is_expired]=true'), [51004]);
    // value_remaining: "20.00", "15.00", 0, "10.00".
    assert.deepEqual(await ids('rewards?filter[value_remaining][gt]=10'), [55102, 54877]);
    assert.deepEqual(await ids('rewards?filter[value_remaining][gte]=10'), [55102, 54877, 51004]);
    assert.deepEqual(await ids('rewards?filter[value_remaining][lt]=15'), [53120, 51004]);
    assert.deepEqual(await ids('rewards?filter[value_remaining][in]=0,15.00'), [54877, 53120]);
    assert.deepEqual(await ids('rewards?sort=value_remaining'), [53120, 51004, 54877, 55102]);
    assert.deepEqual(await ids('rewards?sort=-value_remaining,id'), [55102, 54877, 51004, 53120]);
    assert.deepEqual(await ids('rewards?filter[no_such_field]=1'), [55102, 54877, 53120, 51004], 'unknown filters are ignored');
    // status: null, "complete", "refunded".
    assert.deepEqual(await ids('transactions?sort=status'), [768840, 760115, 771203]);
    assert.deepEqual(await ids('transactions?sort=-status'), [760115, 768840, 771203]);
    assert.deepEqual(await ids('transactions?filter[status]=complete'), [768840]);
    assert.deepEqual(await ids('transactions?filter[status][ne]=complete'), [771203, 760115]);
    assert.deepEqual(await ids('points?filter[rate]=1'), [90211]);
    // A date filter may be a date alone (midnight UTC) or ISO with a zone, as well as Omneo's own form.
    assert.deepEqual(await ids('points?filter[expires_at][lte]=2025-12-16'), [90211]);
    assert.deepEqual(await ids('points?filter[expires_at][lte]=2025-12-15'), []);
    assert.deepEqual(await ids('points?filter[expires_at][gt]=2025-12-15T23:59:59%2B11:00'), [90587]);
  });

  it('setNow takes a clock function; inProcessFetch rejects as fetch does when the signal is or gets aborted', async () => {
    const { mock } = setup();
    let now = Date.parse('2025-11-26T01:00:00Z');
    mock.setNow(() => new Date(now));
    now += 60_000;
    assert.equal(mock.now().toISOString(), '2025-11-26T01:01:00.000Z');
    const omneo = inProcessFetch(mock.app);
    await assert.rejects(omneo(`http://x${API}/profiles/me`, { signal: AbortSignal.abort() }), { name: 'AbortError' });
    mock.faults.add({ path: '/profiles/me', latencyMs: 5000 });
    const hangUp = new AbortController();
    const pending = omneo(`http://x${API}/profiles/me`, { signal: hangUp.signal });
    setTimeout(() => hangUp.abort(), 50);
    await assert.rejects(pending, { name: 'AbortError' });
  });
});

describe('mock Omneo over HTTP: a client that leaves before its request is read', () => {
  // Run in a child on each Node release. A mock that answers slowly from the outside (a fetch wrapper that waits
  // before calling it, as proxy-node.test.ts's slow Omneo does) reads the body of a request whose client may have
  // gone: from Node 24 on, that read fails with `aborted`, which the mock printed as a handler error with a stack
  // trace in the test output. Earlier releases had the body buffered and said nothing.
  const script = `
    import { connect } from 'node:net';
    import { serve } from '@hono/node-server';
    import { createMockOmneo, MOCK_ADMIN_TOKEN } from ${JSON.stringify(pathToFileURL(path.join(REPO_ROOT, 'server/mock-omneo/index.ts')).href)};
    const mock = createMockOmneo();
    const slow = async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return mock.app.fetch(request);
    };
    const server = serve({ fetch: slow, port: 0, hostname: '127.0.0.1' }, ({ port }) => {
      const body = JSON.stringify({ id: ${JSON.stringify(AVA_SHOPIFY_ID)}, id_handle: 'shopify' });
      const socket = connect(port, '127.0.0.1', () => {
        socket.write('POST /id/api/v1/auth/token HTTP/1.1\\r\\nHost: mock\\r\\nAuthorization: Bearer ' + MOCK_ADMIN_TOKEN +
          '\\r\\nContent-Type: application/json\\r\\nContent-Length: ' + body.length + '\\r\\n\\r\\n' + body);
        setTimeout(() => socket.destroy(), 50);
      });
      setTimeout(() => {
        console.log('requests seen: ' + mock.requests.length);
        server.close();
      }, 1000);
    });`;
  const runtimes = [
    { label: `${process.version.slice(1)} (the one running the tests)`, binary: () => process.execPath, skip: false as string | false },
    ...NODE_RELEASES.map((release) => ({ label: release.version, binary: () => ensureNodeRelease(release), skip: NODE_RELEASES_SKIP })),
  ];
  for (const runtime of runtimes) {
    it(`is no handler error, on Node ${runtime.label}`, { skip: runtime.skip }, () => {
      const run = spawnSync(runtime.binary(), ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 30_000 });
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout.trim(), 'requests seen: 1', 'the request reached the mock');
      assert.doesNotMatch(run.stderr, /handler error/);
    });
  }
});
