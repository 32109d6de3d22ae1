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
  getLists,
  getPointsExpiringBy,
  getProfile,
  getRewards,
  getTierProgress,
  getTransactions,
} from '../../src/api/resources.js';
import { page, single } from '../../src/api/schemas/envelope.js';
import { parseOmneoTimestamp } from '../../src/api/schemas/primitives.js';
import { Balances, Benefit, List, Profile, Reward, TierProgress, Transaction } from '../../src/api/schemas/resources.js';
import { createTokenProvider, endpointTokenSource } from '../../src/api/token-provider.js';
import { newScope } from '../helpers/scope.js';

const PERSONAS = ['ava', 'zoe', 'liam', 'grace', 'mallory', 'olivia'];
const QUIRK_MODES = ['default', 'strings', 'plain'];

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

  it("grace's top tier parses with next_tier null", async () => {
    const scope = await newScope();
    const tiers = await getTierProgress(clientFor(scope.apiBase, scope.tokenEndpoint('grace')));
    expect(tiers.next_tier).to.equal(null);
    expect(tiers.next_remain).to.equal(null);
    expect(tiers.current_tier!.name).to.equal('Platinum');
  });
});

describe('contract: quirk variants', () => {
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

  it('reads decimal numbers only: not hex, binary or octal literals', () => {
    const balances = (point_balance: unknown) => parse(Balances, { point_balance, point_balance_dollars: 1, reward_balance: 1, combined_balance_dollars: 1 });
    for (const [input, expected] of [[' 12.5 ', 12.5], ['1e3', 1000], ['-0.5', -0.5], ['.5', 0.5], [7, 7]] as const) {
      expect(balances(input).data?.point_balance, String(input)).to.equal(expected);
    }
    for (const input of ['0x10', '0b11', '0o7', '1,250', '$12.50', 'Infinity', '12abc']) {
      expect(balances(input).success, input).to.equal(false);
    }
  });

  it('reads every boolean spelling and never JS truthiness', () => {
    const base = { id: 1, value_initial: 1, value_remaining: 1, is_active: true, definition: { name: 'x' } };
    for (const [input, expected] of [[true, true], [false, false], [1, true], [0, false], ['1', true], ['0', false], ['true', true], ['false', false]] as const) {
      const result = parse(Reward, { ...base, is_expired: input });
      expect(result.success && result.data.is_expired, String(input)).to.equal(expected);
    }
    expect(parse(Reward, { ...base, is_expired: 'yes' }).success).to.equal(false);
  });

  it('reads currency as a code or an object, and rejects nonsense', () => {
    const balances = { point_balance: 1, point_balance_dollars: 1, reward_balance: 1, combined_balance_dollars: 1 };
    expect(parse(Balances, { ...balances, currency: 'aud' }).data!.currency).to.deep.equal({ base: 'AUD', localised: 'AUD' });
    expect(parse(Balances, { ...balances, currency: { from: 'AUD', to: 'NZD', rate: '1.1' } }).data!.currency).to.deep.equal({ base: 'AUD', localised: 'NZD' });
    expect(parse(Balances, { ...balances }).data!.currency).to.equal(null);
    expect(parse(Balances, { ...balances, currency: 42 }).success).to.equal(false);
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
    expect(list.data!.items.map((item) => item.product!.currency)).to.deep.equal(['AUD', 'aud', null]);
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

  it('reads a list without links/meta as one page, and meta: [] as no paginator', () => {
    const bare = parse(page(Reward), { data: [] });
    expect(bare.data).to.deep.equal({ items: [], dropped: [], meta: null });
    const weird = parse(page(Reward), { data: [], meta: [] });
    expect(weird.data!.meta).to.equal(null);
  });

  it('drops one malformed item and keeps the rest, reporting which', () => {
    const result = parse(single(List), {
      data: { id: 1, handle: 'wishlist', items: [{ id: 1, product_variant: { sku: 'A' } }, { id: 2, quantity: 'many' }, { id: 3 }] },
    });
    expect(result.data!.items.map((item) => item.id)).to.deep.equal(['1', '3']);
    expect(result.data!.droppedItems).to.deep.equal([{ index: 1, message: 'quantity: expected a number or nothing, got "many"' }]);
  });

  it('handles the tier nulls: next at the top, prev on the floor, no current tier', () => {
    const result = parse(TierProgress, { current_tier: null, next_tier: null, prev_tier: null, is_floor: '1' });
    expect(result.data).to.deep.include({ current_tier: null, next_tier: null, prev_tier: null, is_floor: true, next_remain: null });
  });

  it('names the field when a required value is missing or wrong (typed parse error)', async () => {
    const scope = await newScope();
    const client = clientFor(scope.apiBase, scope.tokenEndpoint('ava'));
    await scope.addFaults({ path: '/profiles/me/tiers', status: 200, body: { data: { current_tier: { id: 2, name: null } } } });
    const error = (await getTierProgress(client).catch((e: unknown) => e)) as OmneoParseError;
    expect(error).to.be.instanceOf(OmneoParseError);
    expect(error.field).to.equal('data.current_tier.name');
  });
});
