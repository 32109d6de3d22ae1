/**
 * Odd payloads, end to end through the data layer: every persona's real payloads from the mock Omneo, for every
 * resource the widgets read, in each quirk mode, with every field mutated many ways (dropped, null, "", padded
 * and grouped numbers, NaN and Infinity spelled out, huge, negative, booleans in four spellings, [] and {}, very
 * long and bidi text, timestamps and currencies in odd forms). Each mutated body goes through the real client
 * (JSON text, zod schema, error mapping) and must either parse into clean values (finite numbers, valid Dates, no
 * "[object Object]" or "NaN" text) or throw OmneoParseError naming the mutated field; in a list, an unreadable
 * item is dropped and reported under its own index, and no other item is lost. Deterministic: a seeded generator
 * picks the extra mutations, so a failure reproduces. The unit suite's counterpart of test/api/contract.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as z from 'zod/mini';
import { createOmneoClient } from '../../src/api/client.js';
import { OmneoParseError } from '../../src/api/errors.js';
import { page, single } from '../../src/api/schemas/envelope.js';
import { Balances, Benefit, List, PointInstance, Profile, Redemption, Reward, TierProgressData, Transaction } from '../../src/api/schemas/resources.js';
import { loadTierLadder, TierLadderResponse } from '../../src/api/tier-ladder.js';
import { createTokenProvider } from '../../src/api/token-provider.js';
import { createMockOmneo, inProcessFetch, MOCK_ADMIN_TOKEN, PERSONAS } from '../../server/mock-omneo/index.js';
import { seededRandom } from '../helpers/seeded-random.js';
import { manualClock } from './helpers.js';

const API = 'http://omneo.test/id/api/v1';
const QUIRK_MODES = ['default', 'strings', 'plain'] as const;
/** List payloads are cut to this many entries (and wishlist items per list): the mutations go to each kept one. */
const ITEMS_PER_LIST = 2;

/** One in this many bodies the schema accepts also goes through the client (all it refuses do). */
const CLIENT_SAMPLE = 8;

const DROP = Symbol('drop');
type Mutation = unknown;

const LONG = 'x'.repeat(20_000);
const MUTATIONS: readonly Mutation[] = [
  // absent and empty
  DROP, null, '', '\u200B',
  // numbers in odd spellings and sizes
  '  12 ', '1,250', '1e3', '0x10', 'NaN', 'Infinity', '-Infinity', -1, 0, 0.5, 1e21, Number.MAX_SAFE_INTEGER + 2,
  // booleans in odd spellings
  true, false, 'true', '1', '0', 'yes',
  // shapes
  [], {}, [1, 2], { a: 1 },
  // text: very long, bidi controls and other scripts, markup
  LONG, '\u202Eevil\u200F', 'مرحبا 👍🏽', '<b>x</b>', 'javascript:alert(1)',
  // timestamps
  '2025-11-26T01:00:00Z', '2025-11-26', '1764120600', 1764120600, '0001-01-01 00:00:00', '0000-00-00 00:00:00',
  '9999-12-31 23:59:59', '1970-01-01 00:00:00', '2025-13-01 00:00:00', '26/11/2025',
  // currencies
  'aud', 'JPY', 'XYZ', 'AUDD', { from: 'jpy', to: 'jpy' }, { code: 'KWD' }, { from: 1, to: null },
];
/** A field that holds an object or a list is replaced by other shapes and scalars; its own fields get the rest. */
const CONTAINER_MUTATIONS: readonly Mutation[] = [DROP, null, '', 0, '1', true, [], {}, [1, 2], { a: 1 }, LONG];

type Path = readonly (string | number)[];

/** Every path in a JSON value (objects' keys and arrays' indices), root excluded. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

/**
 * Applies `value` at `path` in place and returns the JSON text sent, then puts the original back: cloning the
 * payload for each case would cost more than parsing it.
 */
function sendMutated(root: unknown, path: Path, value: Mutation, inspect: (sent: unknown) => void): string {
  let parent = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  const had = Object.prototype.hasOwnProperty.call(parent, last);
  const before = parent[last];
  if (value !== DROP) parent[last] = value;
  else if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete parent[last];
  try {
    inspect(root);
    return JSON.stringify(root);
  } finally {
    if (value === DROP && Array.isArray(parent)) parent.splice(last as number, 0, before);
    else if (had) parent[last] = before;
    else delete parent[last];
  }
}

/** Cuts every list in the payload to ITEMS_PER_LIST entries, keeping the payload real but the run short. */
function trimmed(payload: unknown): unknown {
  if (Array.isArray(payload)) return payload.slice(0, ITEMS_PER_LIST).map(trimmed);
  if (typeof payload !== 'object' || payload === null) return payload;
  return Object.fromEntries(Object.entries(payload).map(([key, value]) => [key, trimmed(value)]));
}

/** What a parsed value must never hold, wherever it is. */
function badValues(value: unknown, sent: Mutation, where = 'result'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${where} = ${value}`];
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? [`${where} = Invalid Date`] : [];
  // Text is passed through as sent ("NaN" may well be someone's name); what must never appear is a value
  // stringified on the way (an object, a failed number or date).
  if (typeof value === 'string') {
    const stringified = /\[object |^NaN$|^undefined$|^-?Infinity$|Invalid Date/.test(value) && value !== sent;
    return stringified ? [`${where} = ${JSON.stringify(value)}`] : [];
  }
  if (value === undefined) return [`${where} = undefined`];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => badValues(child, sent, `${where}.${key}`));
}

/**
 * Dates whose year was not in any timestamp sent (±1 for an offset): a date read as another instant than written.
 */
function shiftedDates(result: unknown, sent: string): string[] {
  const years = new Set([...sent.matchAll(/"(\d{4})-\d\d-\d\d/g)].map((match) => Number(match[1])));
  const dates: Date[] = [];
  const collect = (value: unknown): void => {
    if (value instanceof Date) dates.push(value);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(collect);
  };
  collect(result);
  return dates
    .filter((date) => ![-1, 0, 1].some((delta) => years.has(date.getUTCFullYear() + delta)))
    .map((date) => `a date in ${date.getUTCFullYear()}, a year no timestamp sent has`);
}

const kind = (value: unknown) => (value instanceof Date ? 'date' : Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value);

/** Fields whose type changed from the unmutated reading (other than to null, or gone with a dropped entry). */
function typeChanges(baseline: unknown, result: unknown, where = 'result'): string[] {
  if (baseline === null || result === null || result === undefined) return [];
  if (kind(baseline) !== kind(result)) return [`${where} is ${kind(result)}, not ${kind(baseline)}`];
  if (typeof baseline !== 'object' || baseline instanceof Date) return [];
  // A list's entries are all of one type: each is held against the first of the unmutated reading.
  if (Array.isArray(baseline)) return (result as unknown[]).flatMap((entry, i) => typeChanges(baseline[0] ?? null, entry, `${where}[${i}]`));
  const record = result as Record<string, unknown>;
  return Object.entries(baseline).flatMap(([key, value]) => typeChanges(value, record[key], `${where}.${key}`));
}

interface Resource {
  name: string;
  /** The mock route (GET unless `body`). */
  path: string;
  body?: unknown;
  schema: z.ZodMiniType;
  /** The tier ladder: an admin route, read by loadTierLadder (no Omneo client) with its own checks. */
  admin?: boolean;
}

const RESOURCES: readonly Resource[] = [
  { name: 'profile', path: '/profiles/me', schema: single(Profile) },
  { name: 'balances', path: '/profiles/me/balances', schema: single(Balances) },
  { name: 'tiers', path: '/profiles/me/tiers', schema: single(TierProgressData) },
  { name: 'rewards', path: '/profiles/me/rewards', schema: page(Reward) },
  { name: 'benefits', path: '/profiles/me/benefits', schema: page(Benefit) },
  { name: 'points', path: '/profiles/me/points', schema: page(PointInstance) },
  { name: 'lists', path: '/profiles/me/lists', schema: page(List) },
  { name: 'transactions', path: '/profiles/me/transactions', schema: page(Transaction) },
  { name: 'redemption', path: '/profiles/me/redeem', body: { amount: 1 }, schema: single(Redemption) },
  { name: 'ladder', path: '/api/v3/tiers/definitions', schema: TierLadderResponse, admin: true },
];

/** The item a path falls in, for list payloads: `data[i]` of a page, or `data[i].items[j]` of a list. */
function itemOf(resource: string, path: Path): { list: number; item?: number; rest: Path } | null {
  if (path[0] !== 'data' || typeof path[1] !== 'number') return null;
  if (resource === 'lists' && path[2] === 'items' && typeof path[3] === 'number') return { list: path[1], item: path[3], rest: path.slice(4) };
  return { list: path[1], rest: path.slice(2) };
}

/** Whether a reported field (a dotted path) and the mutated path are the same field or one holds the other. */
function related(field: string, mutated: Path): boolean {
  const a = field === '(body)' ? '' : field;
  const b = mutated.join('.');
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`) || a === '' || b === '';
}

describe('odd payloads: every field of every persona’s payloads, mutated', () => {
  it('parse into clean values or fail with a parse error naming the field; lists lose only the odd item', async (t) => {
    // The client reports every list entry it drops (a console line each): expected here by the thousand, and
    // counted from the results instead.
    t.mock.method(console, 'warn', () => undefined);
    const started = performance.now();
    const cpu = process.cpuUsage();
    const random = seededRandom(20251126);
    const failures: string[] = [];
    let cases = 0;
    let parsed = 0;
    let rejected = 0;
    let droppedItems = 0;
    const seen = new Set<string>();

    for (const quirks of QUIRK_MODES) {
      const clock = manualClock();
      const mock = createMockOmneo({ now: clock.now, quirks });
      const mockFetch = inProcessFetch(mock.app);
      for (const persona of PERSONAS) {
        const token = await mock.mintToken(persona.key);
        const tokens = createTokenProvider({ source: async () => ({ token, exp: clock.nowMs() / 1000 + 900 }), now: clock.nowMs });
        for (const resource of RESOURCES) {
          const url = resource.admin ? `http://omneo.test${resource.path}` : `${API}${resource.path}`;
          const original = await mockFetch(url, {
            method: resource.body ? 'POST' : 'GET',
            headers: { Authorization: `Bearer ${resource.admin ? MOCK_ADMIN_TOKEN : token}`, 'Content-Type': 'application/json' },
            body: resource.body ? JSON.stringify(resource.body) : undefined,
          });
          if (original.status !== 200) {
            await original.body?.cancel();
            continue;
          }
          const payload = trimmed(await original.json());

          let body = '';
          const client = createOmneoClient({
            apiBase: API,
            tokens,
            retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0 },
            fetch: async () => new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } }),
          });
          const read = (n: number) =>
            resource.admin
              ? loadTierLadder(`http://ladder.test/${n}`, { fetch: async () => new Response(body, { status: 200 }) })
              : client.request(resource.path.replace('/profiles/me', 'profiles/me'), resource.schema, resource.body ? { method: 'POST', body: resource.body } : {});

          // The unmutated payload's reading: each field's declared type, which a mutation may turn into null only.
          body = JSON.stringify(payload);
          const baseline = await read(0);
          for (const path of pathsOf(payload)) {
            // A field is fuzzed once, where it first appears (in any list entry, of any persona, in any mode): its
            // value is replaced anyway, so the same field again would only repeat the cases.
            const shape = `${resource.name}:${path.map((key) => (typeof key === 'number' ? '*' : key)).join('.')}`;
            if (seen.has(shape)) continue;
            seen.add(shape);
            // Every listed mutation, plus two random grafts of another field's value or a random number.
            const extras = [Math.round((random() - 0.5) * 10 ** Math.floor(random() * 25)), String(random() * 1e6)];
            const original = path.reduce<unknown>((value, key) => (value as Record<string | number, unknown>)[key], payload);
            const mutations = typeof original === 'object' && original !== null ? CONTAINER_MUTATIONS : [...MUTATIONS, ...extras];
            for (const mutation of mutations) {
              cases += 1;
              let sentData: SentData = null;
              body = sendMutated(payload, path, mutation, (sent) => (sentData = dataOf(sent)));
              const where = `${resource.name} of ${persona.key} (${quirks}) ${path.join('.')} = ${mutation === DROP ? '(dropped)' : JSON.stringify(mutation)?.slice(0, 30)}`;
              // The schema alone first (what the client runs on the body); every body it refuses, and one in
              // CLIENT_SAMPLE of the rest, then goes through the client itself, whose outcome counts.
              let result: unknown;
              try {
                const direct = resource.admin ? null : z.safeParse(resource.schema, JSON.parse(body));
                if (direct?.success && cases % CLIENT_SAMPLE !== 0) result = direct.data;
                else {
                  result = await read(cases);
                  if (direct && !direct.success) failures.push(`${where}: the schema refuses it but the client returned a value`);
                  else if (direct) assert.deepEqual(result, direct.data, where);
                }
              } catch (error) {
                if (!(error instanceof OmneoParseError)) {
                  failures.push(`${where}: threw ${(error as Error)?.name}: ${(error as Error)?.message}`);
                } else if (!related(error.field, path)) {
                  failures.push(`${where}: parse error names ${error.field}`);
                } else if (!error.message.includes(error.field)) {
                  failures.push(`${where}: the message does not name the field: ${error.message}`);
                } else rejected += 1;
                continue;
              }
              parsed += 1;
              const bad = [...badValues(result, mutation), ...typeChanges(baseline, result), ...shiftedDates(result, body)];
              if (bad.length) failures.push(`${where}: ${bad.slice(0, 3).join(', ')}`);
              failures.push(...checkNothingLost(resource.name, sentData, path, result).map((problem) => `${where}: ${problem}`));
              droppedItems += countDropped(result);
            }
          }
        }
      }
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const cpuSeconds = (process.cpuUsage(cpu).user / 1e6).toFixed(2);
    console.log(
      `payload fuzz: ${cases} cases (${parsed} parsed, ${rejected} rejected with a parse error, ${droppedItems} list items dropped) in ${seconds} s (${cpuSeconds} s CPU)`,
    );
    assert.deepEqual(failures.slice(0, 400), [], `${failures.length} failing cases`);
  });
});

function countDropped(result: unknown): number {
  const record = result as { dropped?: unknown[]; items?: { droppedItems?: unknown[] }[] };
  return (record?.dropped?.length ?? 0) + (record?.items ?? []).reduce((sum, item) => sum + (item?.droppedItems?.length ?? 0), 0);
}

/** What the lost-item check needs of the body sent: its list's length and entries' ids. */
type SentData = { length: number; ids: string[]; itemCounts: (number | null)[] } | null;
const dataOf = (sent: unknown): SentData => {
  const data = (sent as { data?: unknown })?.data;
  if (!Array.isArray(data)) return null;
  const entries = data as { id?: unknown; items?: unknown }[];
  return {
    length: data.length,
    ids: entries.map((entry) => String(entry?.id)),
    itemCounts: entries.map((entry) => (Array.isArray(entry?.items) ? entry.items.length : null)),
  };
};

/** An item needs the variant's sku or the custom product's, and a missing pair is reported as the variant's. */
const skuOfEither = (field: string, mutated: Path) =>
  field === 'product_variant.sku' && (mutated[0] === 'product_variant' || mutated[0] === 'custom_product');

/**
 * In a list, every item but the mutated one is kept, and the mutated one is either kept or reported as dropped under
 * its own index with a field that is, or holds, the mutated one.
 */
function checkNothingLost(resource: string, data: SentData, path: Path, result: unknown): string[] {
  // With the list itself replaced ([1, 2]) its entries may all go: only a change inside an entry is checked.
  if (!data || path.length === 1) return [];
  const problems: string[] = [];
  const target = itemOf(resource, path);
  const ladder = resource === 'ladder';
  const page = (ladder ? { items: (result as { tiers: unknown[] }).tiers, dropped: (result as { dropped: unknown[] }).dropped } : result) as {
    items: { droppedItems?: { index: number; field: string }[] }[];
    dropped: { index: number; field: string }[];
  };
  const lists = resource === 'lists' ? (page.items as unknown as { id: string; droppedItems: { index: number; field: string }[] }[]) : null;
  if (page.items.length + page.dropped.length !== data.length) problems.push(`${data.length} sent, ${page.items.length} kept + ${page.dropped.length} dropped`);
  for (const dropped of page.dropped) {
    const whole = target && target.item === undefined && target.list === dropped.index;
    const listOfItem = target && target.item !== undefined && target.list === dropped.index && target.rest.length === 0;
    const itemsField = target && target.list === dropped.index && target.item !== undefined;
    if (!whole && !listOfItem && !itemsField) problems.push(`data[${dropped.index}] dropped (${dropped.field}) though it was not the one changed`);
    else if (whole && !related(dropped.field, target.rest)) problems.push(`data[${dropped.index}] dropped for ${dropped.field}`);
  }
  if (lists) {
    lists.forEach((list) => {
      const index = data.ids.indexOf(list.id);
      const sentItems = data.itemCounts[index];
      const kept = (list as unknown as { items: unknown[] }).items.length;
      if (sentItems !== null && sentItems !== undefined && kept + list.droppedItems.length !== sentItems) {
        problems.push(`list ${list.id}: ${sentItems} items sent, ${kept} kept + ${list.droppedItems.length} dropped`);
      }
      for (const dropped of list.droppedItems) {
        const wholeItems = target && target.list === index && path[2] === 'items' && path.length === 3;
        if (wholeItems) continue;
        if (!target || target.list !== index || target.item !== dropped.index) {
          problems.push(`list ${list.id} item ${dropped.index} dropped (${dropped.field}) though it was not the one changed`);
        } else if (!related(dropped.field, target.rest) && !skuOfEither(dropped.field, target.rest)) {
          problems.push(`list ${list.id} item ${dropped.index} dropped for ${dropped.field}`);
        }
      }
    });
  }
  return problems;
}
