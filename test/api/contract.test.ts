/**
 * Contract tests: every schema against every persona's payloads from the mock Omneo, in each of its quirk
 * modes (as seeded, everything stringified, clean JSON), plus quirk variants the mock does not produce.
 */
import { expect } from '@open-wc/testing';
import * as z from 'zod/mini';
import { createOmneoClient, type OmneoClient } from '../../src/api/client.js';
import { OmneoParseError } from '../../src/api/errors.js';
import {
  fetchAllPages,
  getBalances,
  getBenefits,
  getList,
  getLists,
  getPointsExpiringBy,
  getProfile,
  getRewards,
  getTierProgress,
  getTransactions,
  addListItem,
  postBenefitRedemption,
  removeListItem,
} from '../../src/api/resources.js';
import { page, single } from '../../src/api/schemas/envelope.js';
import { CrossPageCache } from '../../src/api/cache.js';
import { wishlistFor } from '../../src/api/mutations.js';
import { listsResource } from '../../src/api/resources.js';
import { findItemBySku } from '../../src/api/rules.js';
import { OmneoStore } from '../../src/api/store.js';
import { until } from '../helpers/page.js';
import { parseOmneoTimestamp } from '../../src/api/schemas/primitives.js';
import { Balances, Benefit, List, PointInstance, Profile, Redemption, Reward, TierDefinition, TierProgress, Transaction } from '../../src/api/schemas/resources.js';
import { createTokenProvider, endpointTokenSource } from '../../src/api/token-provider.js';
import { newScope } from '../helpers/scope.js';
import { disposeStoresAfterEach } from '../helpers/stores.js';
import { longWishlist } from '../helpers/long-wishlist.js';

const PERSONAS = ['ava', 'zoe', 'liam', 'grace', 'mallory', 'olivia', 'noor'];
const QUIRK_MODES = ['default', 'strings', 'plain'];

/** Runs `work` with console.warn collected into `warnings`. */
async function withWarnings<T>(warnings: string[], work: () => Promise<T>): Promise<T> {
  const original = console.warn;
  console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
  try {
    return await work();
  } finally {
    console.warn = original;
  }
}

function clientFor(apiBase: string, tokenEndpoint: string): OmneoClient {
  const tokens = createTokenProvider({ source: endpointTokenSource(tokenEndpoint) });
  return createOmneoClient({ apiBase: new URL(apiBase, location.href).href, tokens });
}

describe('contract: every resource of every persona parses, in every quirk mode', () => {
  for (const quirks of QUIRK_MODES) {
    it(`quirks: ${quirks}`, async () => {
      const scope = await newScope({ quirks });
      for (const persona of PERSONAS) {
        const client = clientFor(scope.apiBase, scope.tokenEndpoint(persona));
        const where = `${persona} (${quirks})`;
        const profile = await getProfile(client);
        expect(profile.id, where).to.be.a('string');
        const balances = await getBalances(client);
        expect(Number.isFinite(balances.point_balance), where).to.equal(true);
        const tiers = await getTierProgress(client);
        expect(tiers.next_progress, where).to.be.a('number');
        for (const list of [await getRewards(client), await getBenefits(client), await getPointsExpiringBy(client, new Date(Date.now() + 30 * 86_400_000))]) {
          expect(list.dropped, where).to.deep.equal([]);
          expect(list.truncated, where).to.equal(false);
        }
        for (const list of await getLists(client)) expect(list.droppedItems, where).to.deep.equal([]);
        const transactions = await getTransactions(client);
        expect(transactions.dropped, where).to.deep.equal([]);
      }
    });
  }

  it("reads Ava's figures exactly as omneo-api.md gives them", async () => {
    const scope = await newScope();
    const client = clientFor(scope.apiBase, scope.tokenEndpoint('ava'));
    const profile = await getProfile(client);
    expect(profile).to.deep.include({ id: '5f0c9a2e-7b1d-4c6e-9a3f-2d8e1b6c4a70', first_name: 'Ava', tier_handle: 'silver' });
    expect(profile.currency).to.deep.equal({ base: 'AUD', localised: 'AUD' });
    const rewards = await getRewards(client);
    expect(rewards.items.map((reward) => reward.id)).to.have.members(['55102', '54877', '53120', '51004']);
    const partlyUsed = rewards.items.find((reward) => reward.id === '54877')!;
    expect(partlyUsed).to.deep.include({ value_initial: 25, value_remaining: 15, is_expired: false, is_active: true });
    const benefits = await getBenefits(client);
    const birthday = benefits.items.find((benefit) => benefit.id === '7781')!;
    expect(birthday.redeem_code_online).to.equal('BDAY-7Q4K-2M');
    expect(birthday.redeem_code_pos).to.equal(null); // "" means absent
    const [wishlist] = await getLists(client);
    expect(wishlist!.items.map((item) => item.product_variant!.sku)).to.deep.equal(['LS-SAND-M', 'KN-NAVY-S']);
    expect(wishlist!.items[1]!.product_variant!.price_discounted).to.equal(69);
  });

  it('getList (omneo-widgets/api) reads one list by id, and refuses an id that would step out of the list\'s path', async () => {
    const scope = await newScope();
    const client = clientFor(scope.apiBase, scope.tokenEndpoint('ava'));
    const [wishlist] = await getLists(client);
    await scope.clearRequests();
    const one = await getList(client, wishlist!.id);
    expect(one.id).to.equal(wishlist!.id);
    expect(one.items.map((item) => item.product_variant!.sku)).to.deep.equal(['LS-SAND-M', 'KN-NAVY-S']);
    expect((await scope.requests()).map((request) => `${request.method} ${request.path}`)).to.include(`GET /profiles/me/lists/${wishlist!.id}`);
    for (const id of ['', '.', '..']) expect(() => getList(client, id), JSON.stringify(id)).to.throw(TypeError, /is not an id/);
    // A list id that is not Ava's: Omneo's 404, typed.
    const missing = await getList(client, '999999').catch((error: unknown) => error);
    expect((missing as { status?: number }).status).to.equal(404);
  });

  it('pages through a 200-item collection with page[size] and meta', async () => {
    const scope = await newScope();
    const client = clientFor(scope.apiBase, scope.tokenEndpoint('olivia'));
    const [wishlist] = (await getLists(client)).filter((list) => list.handle === 'wishlist');
    expect(wishlist!.items).to.have.length(200);
    // Transactions are paginated by the mock: ask for pages of 1 and make sure we follow meta to the end.
    const all = await fetchAllPages(client, 'profiles/me/transactions', z.object({ id: z.unknown() }), { size: 1, maxPages: 50 });
    const counted = await getTransactions(client, { size: 100 });
    expect(all.items.length).to.equal(counted.items.length);
  });

  it('stops, without repeating it, when a list answers page 1 again for page[number]=2 (an endpoint reading only `page=`)', async () => {
    const scope = await newScope();
    const client = clientFor(scope.apiBase, scope.tokenEndpoint('ava'));
    // Laravel's plain paginator reads `?page=N`; `page[number]=2` reaches it as an array and it answers page 1.
    const reward = { value_initial: 5, value_remaining: 5, is_expired: false, is_active: true, expires_at: null };
    const firstPage = { data: Array.from({ length: 15 }, (_, i) => ({ ...reward, id: 100 + i })), meta: { current_page: 1, last_page: 2, per_page: 15, total: 20 } };
    await scope.addFaults({ path: '/profiles/me/rewards', status: 200, body: firstPage, times: 10 });
    const warnings: string[] = [];
    const rewards = await withWarnings(warnings, () => getRewards(client));
    expect(rewards.items.map((item) => item.id)).to.deep.equal(firstPage.data.map((item) => String(item.id)));
    expect(rewards.truncated).to.equal(true);
    expect(warnings).to.deep.equal([
      'omneo-widgets: profiles/me/rewards: page 2 was answered with page 1 (page[number] not read); the first 15 items are shown.',
    ]);
  });

  it('says so in the console when it stops at maxPages with pages left', async () => {
    const scope = await newScope();
    const client = clientFor(scope.apiBase, scope.tokenEndpoint('ava'));
    const meta = (current: number) => ({ current_page: current, last_page: 3, per_page: 1, total: 3 });
    await scope.addFaults([
      { path: '^/profiles/me/transactions$', status: 200, body: { data: [{ id: 1 }], meta: meta(1) } },
      { path: '^/profiles/me/transactions$', status: 200, body: { data: [{ id: 2 }], meta: meta(2) } },
    ]);
    const warnings: string[] = [];
    const all = await withWarnings(warnings, () => fetchAllPages(client, 'profiles/me/transactions', z.object({ id: z.unknown() }), { size: 1, maxPages: 2 }));
    expect(all.items).to.deep.equal([{ id: 1 }, { id: 2 }]);
    expect(all.truncated).to.equal(true);
    expect(warnings).to.deep.equal(['omneo-widgets: profiles/me/transactions: Omneo has more than the 2 pages read; the first 2 items are shown.']);
  });

  // The wallet renders every reward and benefit it holds: 10,000 of each in one answer (no meta, or a page[size] an
  // endpoint ignored) blocked the tab's main thread for 7.3 s; the 500 a paginated answer is cut to, about 0.2 s.
  it('keeps at most 500 rewards and benefits when one answer holds more than it asked for, and says it was cut', async () => {
    const scope = await newScope();
    const client = clientFor(scope.apiBase, scope.tokenEndpoint('ava'));
    const reward = { value_initial: 5, value_remaining: 5, is_expired: false, is_active: true, expires_at: null };
    const benefit = { is_expired: false, redemptions_remaining: 1, expires_at: null };
    await scope.addFaults([
      { path: '/profiles/me/rewards', status: 200, body: { data: Array.from({ length: 2000 }, (_, i) => ({ ...reward, id: i + 1 })) } },
      { path: '/profiles/me/benefits', status: 200, body: { data: Array.from({ length: 2000 }, (_, i) => ({ ...benefit, id: i + 1 })) } },
    ]);
    const warnings: string[] = [];
    const [rewards, benefits] = await withWarnings(warnings, () => Promise.all([getRewards(client), getBenefits(client)]));
    for (const [name, all] of [['rewards', rewards], ['benefits', benefits]] as const) {
      expect(all.items.map((item) => item.id), name).to.deep.equal(Array.from({ length: 500 }, (_, i) => String(i + 1)));
      expect(all.truncated, name).to.equal(true);
    }
    // The merchant's developer hears it, once per response, as of a dropped item: not silently fewer rows.
    expect(warnings.sort()).to.deep.equal([
      'omneo-widgets: profiles/me/benefits: the answer holds more than 500 items; the first 500 items are shown.',
      'omneo-widgets: profiles/me/rewards: the answer holds more than 500 items; the first 500 items are shown.',
    ]);
  });

  it('reads every page of the lists when Omneo paginates them (unknown, §6: the wishlist may be the 16th list)', async () => {
    const scope = await newScope();
    const client = clientFor(scope.apiBase, scope.tokenEndpoint('ava'));
    const others = Array.from({ length: 15 }, (_, i) => ({ id: 7000 + i, handle: `registry-${i}`, name: `Registry ${i}`, items: [] }));
    const wishlist = { id: 7100, handle: 'wishlist', name: 'Wishlist', items: [{ id: 1, product_variant: { sku: 'LS-SAND-M' } }] };
    await scope.addFaults([
      { path: '^/profiles/me/lists$', status: 200, body: { data: others, meta: { current_page: 1, last_page: 2, per_page: 15, total: 16 } } },
      { path: '^/profiles/me/lists$', status: 200, body: { data: [wishlist], meta: { current_page: 2, last_page: 2, per_page: 15, total: 16 } } },
    ]);
    const lists = await getLists(client);
    expect(lists.map((list) => list.handle)).to.include('wishlist');
    expect(findItemBySku(lists.find((list) => list.handle === 'wishlist')!, 'LS-SAND-M')).to.not.equal(null);
  });

  it('reads a 1,000-item wishlist in slices: a task queued when the answer arrives runs before the items are read, and a bad item among them is still dropped and reported', async () => {
    const scope = await newScope();
    await scope.addFaults({ path: '^/profiles/me/lists$', status: 200, body: { data: [longWishlist(1000, { unreadable: 637 })] } });
    const order: string[] = [];
    const tokens = createTokenProvider({ source: endpointTokenSource(scope.tokenEndpoint('ava')) });
    // The real client and mock; the fetch only queues a task in the one that receives the lists' body (where
    // the client parses it): read in one task, the items are all read before that task can run.
    const fetchWithTask: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input).includes('/profiles/me/lists')) return response;
      const text = response.text.bind(response);
      response.text = () => text().then((body) => (setTimeout(() => order.push('task queued with the body')), body));
      return response;
    };
    const client = createOmneoClient({ apiBase: new URL(scope.apiBase, location.href).href, tokens, fetch: fetchWithTask });
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    let lists;
    try {
      lists = await getLists(client);
      order.push('items read');
    } finally {
      console.warn = original;
    }
    expect(order).to.deep.equal(['task queued with the body', 'items read']);
    expect(lists[0]!.items).to.have.length(999);
    expect(lists[0]!.items.map((item) => item.id)).not.to.include(String(900000 + 637));
    expect(lists[0]!.items[998]!.product_variant!.price).to.equal(49 + (999 % 50));
    expect(lists[0]!.droppedItems).to.deep.equal([{ index: 637, field: 'product_variant.sku', reason: 'expected a sku (the product variant’s or the custom product’s)' }]);
    expect(warnings).to.deep.equal([
      'omneo-widgets: profiles/me/lists: 1 item could not be read and is not shown: data[id=7001].items[637].product_variant.sku (expected a sku (the product variant’s or the custom product’s)).',
    ]);
  });

  it("noor's wishlist holds LS-SAND-M twice (saved by other channels), and the mock's add and delete keep it that way", async () => {
    const scope = await newScope();
    const client = clientFor(scope.apiBase, scope.tokenEndpoint('noor'));
    const skus = async () => (await getLists(client)).find((list) => list.handle === 'wishlist')!.items.map((item) => `${item.id} ${item.product_variant?.sku}`);
    expect(await skus()).to.deep.equal(['89501 LS-SAND-M', '89502 KN-NAVY-S', '89503 LS-SAND-M']);
    // A third add of the sku is answered with the first item, as for any sku already there: no third copy.
    await addListItem(client, '6500', 'LS-SAND-M');
    expect(await skus()).to.deep.equal(['89501 LS-SAND-M', '89502 KN-NAVY-S', '89503 LS-SAND-M']);
    // Deleting one item leaves the other: the sku is still saved.
    await removeListItem(client, '6500', '89501');
    expect(await skus()).to.deep.equal(['89502 KN-NAVY-S', '89503 LS-SAND-M']);
  });

  it('an id that is a dot segment ("..", ".", "") is refused before anything is sent: it would climb out of the resource', async () => {
    // encodeURIComponent keeps dots, and the URL parser resolves `items/..` to the list itself: removeListItem(client,
    // list, '..') sent DELETE /profiles/me/lists/6500/ (the whole wishlist, to Laravel, which trims the slash); with
    // '..' for both, DELETE /profiles/me/ (the profile); postBenefitRedemption(client, '..') POST /profiles/me/redeem
    // (spend balance, which the data layer otherwise sends only with allowBalanceSpend). Ids from Omneo are never
    // dots; one a developer passes from elsewhere (a link's query, a data attribute) may be.
    const scope = await newScope();
    const client = clientFor(scope.apiBase, scope.tokenEndpoint('noor'));
    const skus = async () => (await getLists(client)).find((list) => list.handle === 'wishlist')?.items.map((item) => item.product_variant?.sku);
    const before = await skus();
    for (const [listId, itemId] of [['6500', '..'], ['..', '..'], ['6500', '.'], ['6500', '']]) {
      let refused: unknown = null;
      try {
        await removeListItem(client, listId!, itemId!);
      } catch (error) {
        refused = error;
      }
      expect(refused, `${listId} / ${itemId}`).to.be.instanceOf(TypeError);
    }
    let redeemRefused: unknown = null;
    try {
      await postBenefitRedemption(client, '..');
    } catch (error) {
      redeemRefused = error;
    }
    expect(redeemRefused).to.be.instanceOf(TypeError);
    expect(await skus()).to.deep.equal(before);
    // Nothing but the reads went out (the mock routes strictly, so `lists/6500/` is its 404; Laravel trims the slash).
    expect((await scope.requests()).filter((request) => request.method !== 'GET' && request.path.startsWith('/profiles/me')).map((request) => `${request.method} ${request.path}`)).to.deep.equal([]);
  });

  it("grace's top tier parses with next_tier null", async () => {
    const scope = await newScope();
    const tiers = await getTierProgress(clientFor(scope.apiBase, scope.tokenEndpoint('grace')));
    expect(tiers.next_tier).to.equal(null);
    expect(tiers.next_remain).to.equal(null);
    expect(tiers.current_tier!.name).to.equal('Platinum');
  });
});

describe('contract: quirk variants', () => {
  const disposeAfterTest = disposeStoresAfterEach();
  const parse = <S extends z.ZodMiniType>(schema: S, value: unknown) => z.safeParse(schema, value);

  it('reads both timestamp forms as instants (offset-less = UTC, ISO with microseconds)', () => {
    expect(parseOmneoTimestamp('2025-12-15 12:59:59')!.toISOString()).to.equal('2025-12-15T12:59:59.000Z');
    expect(parseOmneoTimestamp('2025-01-01T00:00:00.000000Z')!.toISOString()).to.equal('2025-01-01T00:00:00.000Z');
    expect(parseOmneoTimestamp('2025-01-01T10:00:00.123456+10:00')!.toISOString()).to.equal('2025-01-01T00:00:00.123Z');
    expect(parseOmneoTimestamp('2025-12-15 12:59:59.5')!.toISOString()).to.equal('2025-12-15T12:59:59.500Z');
    expect(parseOmneoTimestamp('2026-01-01T00:00:00.000000')!.toISOString()).to.equal('2026-01-01T00:00:00.000Z');
    expect(parseOmneoTimestamp('2025-12-15 12:59.5')).to.equal(undefined);
    expect(parseOmneoTimestamp('2025-02-31 00:00:00')).to.equal(undefined);
    expect(parseOmneoTimestamp('next tuesday')).to.equal(undefined);
  });

  it('takes a space before the offset, and rejects out-of-range parts instead of rolling them over', () => {
    expect(parseOmneoTimestamp('2025-12-15 12:59:59+10:00')!.toISOString()).to.equal('2025-12-15T02:59:59.000Z');
    expect(parseOmneoTimestamp('2025-12-15 12:59:59.123456-03:30')!.toISOString()).to.equal('2025-12-15T16:29:59.123Z');
    expect(parseOmneoTimestamp('2025-12-15T12:59:59+1000')!.toISOString()).to.equal('2025-12-15T02:59:59.000Z');
    expect(parseOmneoTimestamp('2025-12-15T12:59:59+10')!.toISOString()).to.equal('2025-12-15T02:59:59.000Z');
    expect(parseOmneoTimestamp('2025-12-15 12:59:59 +10:00')!.toISOString()).to.equal('2025-12-15T02:59:59.000Z');
    for (const outOfRange of ['2025-12-15 12:60:00', '2025-12-15 24:00:00', '2025-12-15T12:59:60Z', '2025-12-15T12:00:00+25:00', '2025-13-01 00:00:00']) {
      expect(parseOmneoTimestamp(outOfRange), outOfRange).to.equal(undefined);
    }
  });

  it('reads a year before 100 as written, not as 19xx (Date.UTC would)', () => {
    expect(parseOmneoTimestamp('0001-01-01 00:00:00')!.toISOString()).to.equal('0001-01-01T00:00:00.000Z');
    expect(parseOmneoTimestamp('0099-12-31T23:59:59Z')!.getUTCFullYear()).to.equal(99);
    expect(parseOmneoTimestamp('0004-02-29 00:00:00')!.toISOString()).to.equal('0004-02-29T00:00:00.000Z');
    expect(parseOmneoTimestamp('0001-02-29 00:00:00')).to.equal(undefined);
    expect(parseOmneoTimestamp('0050-06-01 10:00:00+10:00')!.toISOString()).to.equal('0050-06-01T00:00:00.000Z');
  });

  it('reads decimal numbers only: not hex, binary or octal literals', () => {
    const balances = (point_balance: unknown) => parse(Balances, { point_balance, point_balance_dollars: 1, reward_balance: 1, combined_balance_dollars: 1 });
    for (const [input, expected] of [[' 12.5 ', 12.5], ['1e3', 1000], ['-0.5', -0.5], ['.5', 0.5], [7, 7]] as const) {
      expect(balances(input).data?.point_balance, String(input)).to.equal(expected);
    }
    // Decimal, but past a double's range: Infinity would reach the cards (a bar's NaN %), so it is no number.
    for (const input of ['0x10', '0b11', '0o7', '1,250', '$12.50', 'Infinity', '12abc', '1e400', '-1e400']) {
      expect(balances(input).success, input).to.equal(false);
    }
  });

  // The old pattern (\d+\.?\d*) could split a run of digits between its two quantifiers in every way before
  // failing: 50,000 digits and an "x" took 2.4 s. The 1 s bound is far above the ~1 ms it takes now.
  it('refuses a long run of digits that is not a number at once (no frozen tab)', () => {
    const balances = (point_balance: unknown) => parse(Balances, { point_balance, point_balance_dollars: 1, reward_balance: 1, combined_balance_dollars: 1 });
    for (const input of ['1'.repeat(60_000) + 'x', '1.' + '1'.repeat(60_000) + 'x', '1e' + '1'.repeat(60_000) + 'x']) {
      const started = performance.now();
      expect(balances(input).success).to.equal(false);
      expect(performance.now() - started, input.slice(0, 3)).to.be.below(1000);
    }
    expect(balances('1'.repeat(300)).data?.point_balance).to.equal(Number('1'.repeat(300)));
  });

  it('reads every boolean spelling and never JS truthiness', () => {
    const base = { id: 1, value_initial: 1, value_remaining: 1, is_active: true, definition: { name: 'x' } };
    for (const [input, expected] of [[true, true], [false, false], [1, true], [0, false], ['1', true], ['0', false], ['true', true], ['false', false]] as const) {
      const result = parse(Reward, { ...base, is_expired: input });
      expect(result.success && result.data.is_expired, String(input)).to.equal(expected);
    }
    expect(parse(Reward, { ...base, is_expired: 'yes' }).success).to.equal(false);
  });

  it('reads currency as a code or an object', () => {
    const balances = { point_balance: 1, point_balance_dollars: 1, reward_balance: 1, combined_balance_dollars: 1 };
    expect(parse(Balances, { ...balances, currency: 'aud' }).data!.currency).to.deep.equal({ base: 'AUD', localised: 'AUD' });
    expect(parse(Balances, { ...balances, currency: { from: 'AUD', to: 'NZD', rate: '1.1' } }).data!.currency).to.deep.equal({ base: 'AUD', localised: 'NZD' });
    expect(parse(Balances, { ...balances }).data!.currency).to.equal(null);
    // An object with the base code only: localised values are in that currency too.
    expect(parse(Balances, { ...balances, currency: { from: 'AUD' } }).data!.currency).to.deep.equal({ base: 'AUD', localised: 'AUD' });
    expect(parse(Balances, { ...balances, currency: { code: 'nzd' } }).data!.currency).to.deep.equal({ base: 'NZD', localised: 'NZD' });
  });

  it('reads a currency that is not an ISO 4217 code as no currency, like a missing one, wherever currency is parsed', async () => {
    const balances = { point_balance: 1, point_balance_dollars: 1, reward_balance: 1, combined_balance_dollars: 1 };
    for (const invalid of ['Australian Dollar', '$', 'AU', 'A$D', 42, true, ['AUD'], { from: 'Australian Dollar', to: 'A$' }]) {
      const where = JSON.stringify(invalid);
      const read = parse(Balances, { ...balances, currency: invalid });
      expect(read.success, where).to.equal(true);
      expect(read.data!.currency, where).to.equal(null);
      expect(parse(Profile, { id: 'p', currency: invalid }).data!.currency, where).to.equal(null);
      expect(parse(Transaction, { id: 1, transacted_at: '2025-10-04 02:31:09', total: 1, currency: invalid }).data!.currency, where).to.equal(null);
      const list = parse(single(List), { data: { id: 1, items: [{ id: 1, product: { title: 'A', currency: invalid }, product_variant: { sku: 'A' } }] } });
      expect(list.data!.items[0]!.product!.currency, where).to.equal(null);
    }
    // An object keeps whichever of its codes is one.
    expect(parse(Balances, { ...balances, currency: { from: 'Australian Dollar', to: 'nzd' } }).data!.currency).to.deep.equal({ base: 'NZD', localised: 'NZD' });
    // Through the client, from the mock: the badge's one request parses.
    const scope = await newScope();
    await scope.addFaults({ path: '/profiles/me/balances', status: 200, body: { data: { ...balances, point_balance: '1250', currency: 'Australian Dollar' } } });
    const read = await getBalances(clientFor(scope.apiBase, scope.tokenEndpoint('ava')));
    expect(read).to.deep.include({ point_balance: 1250, currency: null });
  });

  it('a currency object without a usable code is no currency (the display falls back), not a failed response', async () => {
    const balances = { point_balance: 1, point_balance_dollars: 1, reward_balance: 1, combined_balance_dollars: 1 };
    for (const empty of [{}, { from: '', to: '' }, { id: 1, from: null, to: null, rate: '1' }]) {
      const result = parse(Balances, { ...balances, currency: empty });
      expect(result.success, JSON.stringify(empty)).to.equal(true);
      expect(result.data!.currency).to.equal(null);
    }
    expect(parse(Balances, { ...balances, currency: { from: null, to: 'nzd' } }).data!.currency).to.deep.equal({ base: 'NZD', localised: 'NZD' });
    // And through the client, from the mock.
    const scope = await newScope();
    await scope.addFaults({ path: '/profiles/me/balances', status: 200, body: { data: { ...balances, point_balance: '1250', currency: { from: '', to: '' } } } });
    const read = await getBalances(clientFor(scope.apiBase, scope.tokenEndpoint('ava')));
    expect(read).to.deep.include({ point_balance: 1250, currency: null });
  });

  it('keeps a product’s or transaction’s currency in either form as a code, instead of dropping the item', () => {
    const list = parse(single(List), {
      data: {
        id: 1,
        handle: 'wishlist',
        items: [
          { id: 1, product: { title: 'A', currency: { from: 'AUD', to: 'NZD' } }, product_variant: { sku: 'A' } },
          { id: 2, product: { title: 'B', currency: 'aud' }, product_variant: { sku: 'B' } },
          { id: 3, product: { title: 'C', currency: { from: '', to: '' } }, product_variant: { sku: 'C' } },
        ],
      },
    });
    expect(list.data!.droppedItems).to.deep.equal([]);
    expect(list.data!.items.map((item) => item.product!.currency)).to.deep.equal(['AUD', 'AUD', null]);
    const transaction = parse(Transaction, { id: 1, transacted_at: '2025-10-04 02:31:09', total: '12.50', currency: { from: 'AUD', to: 'AUD' } });
    expect(transaction.data!.currency).to.equal('AUD');
    expect(parse(Transaction, { id: 2, transacted_at: '2025-10-04 02:31:09', total: 1, currency: 'NZD' }).data!.currency).to.equal('NZD');
  });

  it('keeps a reward or benefit whose definition has no name, with "" for the element’s own title', () => {
    const reward = { id: 1, value_initial: '10', value_remaining: '10', is_expired: 'false', is_active: '1' };
    for (const name of [null, undefined, '', '  ']) {
      const result = parse(Reward, { ...reward, definition: { name, handle: 'h' } });
      expect(result.success, String(name)).to.equal(true);
      expect(result.data!.definition.name).to.equal('');
    }
    const benefit = parse(Benefit, { id: 1, is_expired: 0, is_redeemable: 1, definition: { name: null, redeem_code_online: 'X' } });
    expect(benefit.data!.definition).to.deep.include({ name: '', redeem_code_online: 'X' });
    // A page of rewards keeps the nameless one.
    const rewards = parse(page(Reward), { data: [{ ...reward, definition: { name: 'Birthday' } }, { ...reward, id: 2, definition: { name: null } }] });
    expect(rewards.data!.items.map((item) => item.definition.name)).to.deep.equal(['Birthday', '']);
    expect(rewards.data!.dropped).to.deep.equal([]);
  });

  it('reads next_tier: [] (PHP’s empty array) and {} as no next tier', () => {
    for (const next of [[], {}]) {
      const result = parse(TierProgress, { current_tier: { id: 4, name: 'Platinum' }, next_tier: next, next_remain: null });
      expect(result.success, JSON.stringify(next)).to.equal(true);
      expect(result.data!.next_tier).to.equal(null);
    }
  });

  it('a profile needs only its id: an unreadable name, date or tier is null, and the currency fallback still works', () => {
    const read = parse(single(Profile), {
      data: { id: 'p', currency: 'NZD', first_name: { en: 'Ava' }, joined_at: '2026-01-01 24:00:00', tier: 'gold', tier_handle: ['gold'] },
    });
    expect(read.success).to.equal(true);
    expect(read.data).to.deep.include({ id: 'p', first_name: null, joined_at: null, tier: null, tier_handle: null });
    expect(read.data!.currency).to.deep.equal(parse(Profile, { id: 'p', currency: 'NZD' }).data!.currency);
    expect(parse(single(Profile), { data: { currency: 'NZD' } }).success, 'no id').to.equal(false);
  });

  it('a field no widget reads (un-starred in omneo-api.md) never fails its resource: the badge, the tier card and a redeem stay readable', async () => {
    const scope = await newScope();
    const client = clientFor(scope.apiBase, scope.tokenEndpoint('ava'));
    const balances = { point_balance: 1250, point_balance_dollars: '12.50', reward_balance: '35.00', combined_balance_dollars: 47.5, currency: 'AUD' };
    const tiers = { current_tier: { id: 2, name: 'Silver', value_min: 500, value_maintain: 400 }, next_tier: { id: 3, name: 'Gold', value_min: 1500 }, next_progress: 1100, next_remain: 400 };
    await scope.addFaults([
      { path: '/profiles/me/balances', status: 200, body: { data: { ...balances, benefit_balance: {}, credit_balance: 'n/a' } } },
      {
        path: '/profiles/me/tiers',
        status: 200,
        body: { data: { ...tiers, prev_tier: { id: 1, name: 'Member', value_min: 'none' }, total_points_12m: '1,100', achieved_at: '0000-00-00 00:00:00', next_progress_change_at: 'soon' } },
      },
    ]);
    expect(await getBalances(client)).to.deep.include({ point_balance: 1250, combined_balance_dollars: 47.5, benefit_balance: null, credit_balance: null });
    expect(await getTierProgress(client)).to.deep.include({ next_remain: 400, prev_tier: null, total_points_12m: null, achieved_at: null, next_progress_change_at: null });
    const redemption = parse(single(Redemption), { data: { id: 120045, type: {}, total: '0.00', total_localised: 'nil', created_at: '0000-00-00 00:00:00', items: 'none' } });
    expect(redemption.data).to.deep.include({ id: '120045', type: null, total: 0, total_localised: null, created_at: null, items: [] });
  });

  it('keeps unknown extra fields out of the output', () => {
    const result = parse(single(Profile), { data: { id: 'p', currency: 'AUD', statuses: [], is_completed: true, internal_notes: 'secret' } });
    expect(result.success).to.equal(true);
    expect(Object.keys(result.data!)).to.not.include.members(['statuses', 'is_completed', 'internal_notes']);
  });

  it('treats "" and null text as absent', () => {
    const benefit = parse(Benefit, { id: 1, is_expired: 0, is_redeemable: 1, redeem_code_online: '', redeem_code_pos: null, definition: { name: 'B', redeem_code_online: '  ' } });
    expect(benefit.data!.redeem_code_online).to.equal(null);
    expect(benefit.data!.definition.redeem_code_online).to.equal(null);
  });

  it('reads "" as no date, not as a bad one: a point without an expiry is kept', () => {
    const result = parse(page(PointInstance), {
      data: [{ id: 1, value_initial: 600, value_remaining: 450, accrued_at: '', expires_at: '', status: 'active' }],
    });
    expect(result.data!.dropped).to.deep.equal([]);
    expect(result.data!.items[0]).to.deep.include({ accrued_at: null, expires_at: null, value_remaining: 450 });
  });

  it('a timestamp sent as a number (unix seconds) is no date it could misread: the point\'s expiry is unreadable, not a crash', () => {
    const result = parse(page(PointInstance), {
      data: [{ id: 1, value_initial: 600, value_remaining: 450, accrued_at: '2025-11-26 01:00:00', expires_at: 1767225599, status: 'active' }],
    });
    expect(result.success).to.equal(true);
    expect(result.data!.dropped.map((item) => item.field)).to.deep.equal(['expires_at']);
    expect(result.data!.items).to.deep.equal([]);
  });

  it('reads a list without links/meta as one page, and meta: [] as no paginator', () => {
    const bare = parse(page(Reward), { data: [] });
    expect(bare.data).to.deep.equal({ items: [], dropped: [], meta: null });
    const weird = parse(page(Reward), { data: [], meta: [] });
    expect(weird.data!.meta).to.equal(null);
  });

  it('drops only list items without what identifies them (id, a sku), saying where and why but never the value', () => {
    const result = parse(single(List), {
      data: {
        id: 1,
        handle: 'wishlist',
        items: [
          { id: 1, product_variant: { sku: 'A' } },
          { id: 2, quantity: 'many', product_variant: { sku: 'B' } },
          { id: 3 },
          { id: { secret: 'x' }, product_variant: { sku: 'ava.nguyen@example.com' } },
          { id: 5, product_variant: { sku: '  ' }, custom_product: { sku: 'GIFT-1' } },
          { id: 6, product_variant: 'LS-SAND-M' },
          'LS-SAND-M',
        ],
      },
    });
    expect(result.data!.items.map((item) => item.id)).to.deep.equal(['1', '2', '5']);
    expect(result.data!.items[1]!.quantity).to.equal(1);
    expect(result.data!.droppedItems).to.deep.equal([
      { index: 2, field: 'product_variant.sku', reason: 'expected a sku (the product variant’s or the custom product’s)' },
      { index: 3, field: 'id', reason: 'expected an id' },
      { index: 5, field: 'product_variant.sku', reason: 'expected a sku (the product variant’s or the custom product’s)' },
      { index: 6, field: '', reason: 'expected an object' },
    ]);
    expect(JSON.stringify(result.data!.droppedItems)).not.to.match(/secret|example\.com|LS-SAND/);
  });

  it('keeps a wishlist item whose non-essential fields are odd: each becomes null (or its empty value)', () => {
    const item = {
      id: 88310,
      quantity: 'one',
      position: 'first',
      created_at: '2026-01-01 24:00:00',
      status: { odd: true },
      product_variant: {
        id: { odd: true },
        sku: 'LS-SAND-M',
        external_id: 4.5,
        title: ['Linen'],
        price: '129,95',
        price_comparison: '$150',
        web_url: { href: 'https://shop.example.com.au' },
        images: 'https://cdn.example/x.jpg',
        options: { name: 'Size', value: 'M' },
        available_quantity: 'lots',
      },
      product: { title: 42, handle: {}, brand: [], currency: 'Australian Dollar' },
      custom_product: 'none',
    };
    const result = parse(single(List), { data: { id: 6021, handle: 'wishlist', items: [item, { id: 2, created_at: 'last tuesday', product_variant: { sku: 'B', images: [{ url: 42 }, { url: '/b.jpg' }] } }] } });
    expect(result.data!.droppedItems).to.deep.equal([]);
    const [kept, second] = result.data!.items;
    expect(kept).to.deep.equal({
      id: '88310',
      quantity: 1,
      position: null,
      created_at: null,
      product_variant: {
        id: null,
        sku: 'LS-SAND-M',
        external_id: null,
        title: null,
        price: null,
        price_discounted: null,
        price_comparison: null,
        web_url: null,
        images: [],
        options: [],
        available_quantity: null,
      },
      custom_product: null,
      product: { title: '42', handle: null, brand: null, currency: null },
    });
    expect(second!.created_at).to.equal(null);
    expect(second!.product_variant!.images.map((image) => image.url)).to.deep.equal(['/b.jpg']);
    expect(findItemBySku(result.data!, 'LS-SAND-M')).to.equal(kept);
  });

  it('hides a wishlist price whose sale price is unreadable (the full price alone would read as what the shopper pays)', () => {
    const variant = (fields: Record<string, unknown>) =>
      parse(single(List), { data: { id: 1, items: [{ id: 1, product_variant: { sku: 'A', ...fields } }] } }).data!.items[0]!.product_variant!;
    expect(variant({ price: '129.95', price_discounted: '99,95' })).to.deep.include({ price: null, price_discounted: null });
    expect(variant({ price: '129.95', price_discounted: null })).to.deep.include({ price: 129.95, price_discounted: null });
    expect(variant({ price: '129.95', price_discounted: '' })).to.deep.include({ price: 129.95, price_discounted: null });
    expect(variant({ price: '129,95', price_discounted: '99.95' })).to.deep.include({ price: null, price_discounted: 99.95 });
  });

  it('a wishlist item with odd fields is in the wishlist: its heart reads saved, and adding it again sends nothing', async () => {
    const scope = await newScope();
    const odd = {
      id: 88310, quantity: 1, created_at: '2026-01-01 24:00:00',
      product_variant: { id: 14551, sku: 'LS-SAND-M', external_id: '44556677001', title: 'Linen Relaxed Shirt - Sand / M', price: '129,95', images: [{ url: { bad: 1 } }], web_url: 'javascript:alert(1)' },
      product: { title: 'Linen Relaxed Shirt', currency: 'AUD' },
    };
    await scope.addFaults({ path: '^/profiles/me/lists$', method: 'GET', status: 200, body: { data: [{ id: 6021, handle: 'wishlist', name: 'Wishlist', items: [odd] }] }, times: 10 });
    const tokens = createTokenProvider({ source: endpointTokenSource(scope.tokenEndpoint('ava')) });
    const store = disposeAfterTest(new OmneoStore({ client: createOmneoClient({ apiBase: new URL(scope.apiBase, location.href).href, tokens }), tokens, cacheScope: scope.scope, cache: new CrossPageCache(sessionStorage, scope.scope) }));
    store.watch(listsResource, () => {});
    await until(() => store.snapshot(listsResource).status === 'ready', 4000, 'lists');
    const wishlist = wishlistFor(store, 'wishlist');
    expect(wishlist.contains('LS-SAND-M')).to.equal(true);
    await wishlist.setInWishlist('LS-SAND-M', true);
    expect(await scope.count('/profiles/me/lists/6021/items', 'POST')).to.equal(0);
  });

  it('keeps a reward whose non-essential fields are odd, and drops one whose status or amounts cannot be read', () => {
    const reward = { id: 1, value_initial: '20.00', value_remaining: '20.00', is_expired: false, is_active: true, expires_at: '2025-12-08 12:59:59', definition: { name: 'Birthday $20' } };
    const odd = [
      { ...reward, id: 2, definition: { name: 'A', value: { amount: 20, currency: 'AUD' } } },
      { ...reward, id: 3, issued_at: '2025-13-45 00:00:00' },
      { ...reward, id: 4, timezone: { name: 'Australia/Sydney' }, definition: { name: ['x'], type: { kind: 'birthday' }, handle: {}, image_url: { src: '/x.png' }, icon: 3, short_description: {}, long_description: [], terms_conditions: false } },
      { ...reward, id: 5, definition: null },
      { ...reward, id: 6, definition: 'Birthday $20' },
    ];
    const result = parse(page(Reward), { data: odd });
    expect(result.data!.dropped).to.deep.equal([]);
    expect(result.data!.items.map((item) => item.id)).to.deep.equal(['2', '3', '4', '5', '6']);
    expect(result.data!.items[0]!.definition).to.deep.include({ name: 'A', value: null });
    expect(result.data!.items[1]!.issued_at).to.equal(null);
    expect(result.data!.items[2]).to.deep.include({ timezone: null });
    expect(result.data!.items[2]!.definition).to.deep.include({ name: '', type: null, handle: null, image_url: null, icon: null, short_description: null, long_description: null, terms_conditions: null });
    expect(result.data!.items[3]!.definition.name).to.equal('');
    // Essential: a guess would show a wrong status or amount.
    const essential = parse(page(Reward), {
      data: [
        { ...reward, id: 10, value_remaining: '20,00' },
        { ...reward, id: 11, value_initial: null },
        { ...reward, id: 12, is_expired: 'maybe' },
        { ...reward, id: 13, is_active: null },
        { ...reward, id: 14, expires_at: 'soon' },
      ],
    });
    expect(essential.data!.items).to.deep.equal([]);
    expect(essential.data!.dropped.map((drop) => drop.field)).to.deep.equal(['value_remaining', 'value_initial', 'is_expired', 'is_active', 'expires_at']);
  });

  it('keeps a benefit whose non-essential fields are odd, and drops one whose status, uses or code cannot be read', () => {
    const benefit = { id: 7781, expires_at: '2025-12-14 12:59:59', is_expired: false, is_redeemable: true, redemptions_remaining: '1', redeem_code_online: 'BDAY-7Q4K-2M', definition: { name: 'Birthday', redeem_code_online: 'BIRTHDAY20', allow_user_redeem: true } };
    const result = parse(page(Benefit), {
      data: [
        { ...benefit, id: 1, issued_at: 'yesterday', timezone: { zone: 'Australia/Sydney' }, value: { amount: 15 } },
        { ...benefit, id: 2, is_redeemable: 'maybe' },
        { ...benefit, id: 3, definition: { ...benefit.definition, allow_user_redeem: 'yes', max_redemptions: 'one', redeem_instructions_online: {}, image_url: 5, name: null } },
        { ...benefit, id: 4, definition: undefined },
      ],
    });
    expect(result.data!.dropped).to.deep.equal([]);
    const [first, second, third, fourth] = result.data!.items;
    expect(first).to.deep.include({ issued_at: null, timezone: null, value: null, redeem_code_online: 'BDAY-7Q4K-2M' });
    // Unreadable is not "redeemable": the benefit shows, without a Redeem button.
    expect(second!.is_redeemable).to.equal(false);
    expect(third!.definition).to.deep.include({ allow_user_redeem: null, max_redemptions: null, redeem_instructions_online: null, image_url: null, name: '', redeem_code_online: 'BIRTHDAY20' });
    expect(fourth!.definition).to.deep.include({ name: '', redeem_code_online: null, allow_user_redeem: null });
    const essential = parse(page(Benefit), {
      data: [
        { ...benefit, id: 10, is_expired: 'perhaps' },
        { ...benefit, id: 11, expires_at: '2025-02-31 00:00:00' },
        { ...benefit, id: 12, redemptions_remaining: 'unlimited' },
        // An unreadable code must not turn into the definition's shared one.
        { ...benefit, id: 13, redeem_code_online: { code: 'BDAY-7Q4K-2M' } },
        { ...benefit, id: 14, definition: { ...benefit.definition, redeem_code_online: ['BIRTHDAY20'] } },
      ],
    });
    expect(essential.data!.items).to.deep.equal([]);
    expect(essential.data!.dropped.map((drop) => drop.field)).to.deep.equal([
      'is_expired',
      'expires_at',
      'redemptions_remaining',
      'redeem_code_online',
      'definition.redeem_code_online',
    ]);
  });

  it('keeps a point instance whose non-essential fields are odd', () => {
    const result = parse(page(PointInstance), {
      data: [{ id: 1, value_initial: '600 points', value_remaining: 450, issued_at: 'June', accrued_at: null, expires_at: '2025-12-15 12:59:59', status: 'active', description: {}, definition: 'Shopping points' }],
    });
    expect(result.data!.dropped).to.deep.equal([]);
    expect(result.data!.items[0]).to.deep.include({ value_initial: null, issued_at: null, description: null, definition: null, value_remaining: 450 });
  });

  it('reports each response’s dropped items once with console.warn: path, index, field and reason, never a value', async () => {
    const scope = await newScope();
    const client = clientFor(scope.apiBase, scope.tokenEndpoint('ava'));
    const reward = { id: 1, value_initial: 20, value_remaining: 20, is_expired: false, is_active: true, definition: { name: 'R' } };
    await scope.addFaults([
      { path: '/profiles/me/rewards', status: 200, body: { data: [reward, { ...reward, id: 2, value_remaining: 'ava.nguyen@example.com' }, { ...reward, id: 3, is_active: 'Ava Nguyen' }] } },
      { path: '^/profiles/me/lists$', status: 200, body: { data: [{ id: 6021, handle: 'wishlist', items: [{ id: 1, product_variant: { sku: 'A' } }, { id: 2, product_variant: { title: 'Secret gift for Ava' } }] }, { id: null, handle: 'other' }] } },
      { path: '/profiles/me/benefits', status: 200, body: { data: [] } },
    ]);
    const warnings: unknown[][] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      const rewards = await getRewards(client);
      expect(rewards.items.map((item) => item.id)).to.deep.equal(['1']);
      const lists = await getLists(client);
      expect(lists.map((list) => list.items.length)).to.deep.equal([1]);
      await getBenefits(client);
    } finally {
      console.warn = original;
    }
    expect(warnings.map((args) => args.join(' '))).to.deep.equal([
      'omneo-widgets: profiles/me/rewards: 2 items could not be read and are not shown: ' +
        'data[1].value_remaining (expected a number); data[2].is_active (expected a boolean).',
      'omneo-widgets: profiles/me/lists: 2 items could not be read and are not shown: ' +
        'data[1].id (expected an id); data[id=6021].items[1].product_variant.sku (expected a sku (the product variant’s or the custom product’s)).',
    ]);
    expect(JSON.stringify(warnings)).not.to.match(/example\.com|Ava|Secret/);
  });

  it('names the page of transactions a dropped item came from, past the first', async () => {
    const scope = await newScope();
    const client = clientFor(scope.apiBase, scope.tokenEndpoint('ava'));
    await scope.addFaults({ path: '/profiles/me/transactions', status: 200, body: { data: [{ id: null }] }, times: 2 });
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    try {
      await getTransactions(client);
      await getTransactions(client, { number: 2 });
    } finally {
      console.warn = original;
    }
    expect(warnings).to.have.length(2);
    expect(warnings[0]).to.match(/^omneo-widgets: profiles\/me\/transactions: 1 item could not be read/);
    expect(warnings[1]).to.match(/^omneo-widgets: profiles\/me\/transactions \(page 2\): 1 item could not be read/);
  });

  // One line per response, listing each dropped item: 10,000 unreadable rewards made a 390 KB console line, again on
  // every refresh, kept by the console for as long as the tab was open.
  it('names the first 20 dropped items of a response and counts the rest', async () => {
    const scope = await newScope();
    const client = clientFor(scope.apiBase, scope.tokenEndpoint('ava'));
    const reward = { value_initial: 20, value_remaining: 'x', is_expired: false, is_active: true, definition: { name: 'R' } };
    await scope.addFaults({ path: '/profiles/me/rewards', status: 200, body: { data: Array.from({ length: 10_000 }, (_, i) => ({ ...reward, id: i + 1 })) } });
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    try {
      expect((await getRewards(client)).items).to.deep.equal([]);
    } finally {
      console.warn = original;
    }
    const named = Array.from({ length: 20 }, (_, i) => `data[${i}].value_remaining (expected a number)`).join('; ');
    expect(warnings).to.deep.equal([`omneo-widgets: profiles/me/rewards: 10000 items could not be read and are not shown: ${named}; and 9980 more.`]);
  });

  it('handles the tier nulls: next at the top, prev on the floor, no current tier', () => {
    const result = parse(TierProgress, { current_tier: null, next_tier: null, prev_tier: null, is_floor: '1' });
    expect(result.data).to.deep.include({ current_tier: null, next_tier: null, prev_tier: null, is_floor: true, next_remain: null });
  });

  it('names the field when a required value is missing or wrong (typed parse error)', async () => {
    const scope = await newScope();
    const client = clientFor(scope.apiBase, scope.tokenEndpoint('ava'));
    await scope.addFaults({ path: '/profiles/me/tiers', status: 200, body: { data: { current_tier: { id: 2, name: 'Silver', value_min: 'lots' } } } });
    const error = (await getTierProgress(client).catch((e: unknown) => e)) as OmneoParseError;
    expect(error).to.be.instanceOf(OmneoParseError);
    expect(error.field).to.equal('data.current_tier.value_min');
  });

  it('reads the tier progress of a profile with no tier, sent as {"data": null} or {"data": []}, as no tiers; a missing data or a string is still an error', async () => {
    const scope = await newScope();
    const client = clientFor(scope.apiBase, scope.tokenEndpoint('ava'));
    for (const data of [null, []]) {
      await scope.addFaults({ path: '/profiles/me/tiers', status: 200, body: { data } });
      expect(await getTierProgress(client), JSON.stringify(data)).to.deep.include({ current_tier: null, next_tier: null, next_progress: null });
    }
    for (const body of [{}, { data: 'none' }]) {
      await scope.addFaults({ path: '/profiles/me/tiers', status: 200, body });
      const error = (await getTierProgress(client).catch((e: unknown) => e)) as OmneoParseError;
      expect(error, JSON.stringify(body)).to.be.instanceOf(OmneoParseError);
      expect(error.field).to.equal('data');
    }
  });

  it('keeps a current or next tier without a name, with "" for the element’s own words (the ladder still drops a nameless row)', () => {
    for (const name of [null, undefined, '', { en: 'Gold' }]) {
      const result = parse(TierProgress, { current_tier: { id: 2, name, handle: 'silver', value_min: 500 }, next_tier: { id: 3, name, value_min: 1500 }, next_progress: 1100, next_remain: 400 });
      expect(result.success, JSON.stringify(name)).to.equal(true);
      expect(result.data!.current_tier).to.deep.include({ name: '', handle: 'silver', value_min: 500 });
      expect(result.data!.next_tier).to.deep.include({ name: '', value_min: 1500 });
    }
    expect(parse(TierDefinition, { id: 9, name: null, handle: 'broken' }).success).to.equal(false);
  });

  it('reads an absent next_progress as unknown (null), never as 0 earned', () => {
    expect(parse(TierProgress, { next_tier: { id: 3, name: 'Gold', value_min: 1500 }, next_remain: 400 }).data!.next_progress).to.equal(null);
  });
});
