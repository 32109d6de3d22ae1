/**
 * Typed functions for the profile-scoped resources (`/profiles/me/...`, omneo-api.md §2). Reads go through
 * the store (one request per resource per page); these functions are what the store calls.
 */
import * as z from 'zod/mini';
import type { OmneoClient } from './client.js';
import { OmneoConfigError } from './errors.js';
// Intl arithmetic from core/format.ts, as rules.ts takes it (see there why not a module of the data layer's own).
import { currencyDigits, floorToMinorUnits } from '../core/format.js';
import { page, single, type Page } from './schemas/envelope.js';
import {
  Benefit,
  List,
  ListEntries,
  ListItem,
  PointInstance,
  Profile,
  ProfileCurrency,
  Redemption,
  Reward,
  TierProgress,
  TierProgressData,
  Transaction,
  withItems,
} from './schemas/resources.js';
import { readInSlices, sliceBudget } from './slices.js';
import type { DroppedItem } from './schemas/primitives.js';
import type { ResourceDefinition } from './store.js';

export { balancesResource, getBalances } from './balances.js';

/** Omneo's default page size is 15 and the maximum is undocumented; 100 is the largest we ask for (§3.1). */
export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
  number?: number;
  size?: number;
}

export interface AllPagesResult<T> {
  items: T[];
  dropped: DroppedItem[];
  /** True when `maxPages` or `maxItems` stopped us before the last item. */
  truncated: boolean;
}

/** Dropped items a warning names; the rest it counts. */
const MAX_DROPPED_NAMED = 20;

/**
 * Reports a response's dropped list items, once per response (here, where each is parsed, not where the data
 * is shown: a cached or re-rendered list says nothing again). Each item is named by the resource path, its
 * place in the response and the field that failed, with the reason; never a value, which may be personal.
 * One warning per response, none when nothing was dropped.
 */
export function reportDropped(resource: string, dropped: readonly { where: string; item: DroppedItem }[]): void {
  if (dropped.length === 0) return;
  // The first ones by name, the rest counted: 10,000 made a 390 KB line, again on every refresh.
  const entries = dropped
    .slice(0, MAX_DROPPED_NAMED)
    .map(({ where, item }) => `${where}[${item.index}]${item.field ? `.${item.field}` : ''} (${item.reason})`);
  if (dropped.length > MAX_DROPPED_NAMED) entries.push(`and ${dropped.length - MAX_DROPPED_NAMED} more`);
  const count = dropped.length === 1 ? '1 item' : `${dropped.length} items`;
  console.warn(`omneo-widgets: ${resource}: ${count} could not be read and ${dropped.length === 1 ? 'is' : 'are'} not shown: ${entries.join('; ')}.`);
}

export const droppedAt = (where: string, dropped: readonly DroppedItem[]) => dropped.map((item) => ({ where, item }));

/**
 * A list response's dropped items: whole lists (`data[i]`), then items inside the lists it kept, each named by
 * its list's id (`data[id=6021].items[j]`: once a list is dropped, the kept ones' positions would mislead).
 */
function reportListsDropped(resource: string, lists: readonly List[], dropped: readonly DroppedItem[]) {
  reportDropped(resource, [...droppedAt('data', dropped), ...lists.flatMap((list) => droppedAt(`data[id=${list.id}].items`, list.droppedItems))]);
}

/**
 * Fetches every page of a paginated collection, building each request from `meta` rather than following
 * `links.next` (older payloads spell the page parameters differently). No `meta` = one page.
 */
export async function fetchAllPages<T extends z.ZodMiniType>(
  client: OmneoClient,
  path: string,
  schema: T,
  options: {
    query?: Record<string, string | number>;
    size?: number;
    maxPages?: number;
    /**
     * Items kept at most, however many pages or answers hold them: an answer can hold more than the page[size] it
     * asked for (no `meta`, or an endpoint that ignores page[size]), and a collection every item of which becomes a
     * row must not grow with it. Default: no limit.
     */
    maxItems?: number;
    signal?: AbortSignal;
    /** Reports a page's dropped items (`label` names the path and page); default: its `data[i]` entries. */
    report?: (label: string, result: Page<z.output<T>>) => void;
  } = {},
): Promise<AllPagesResult<z.output<T>>> {
  const { size = MAX_PAGE_SIZE, maxPages = 10, maxItems = Infinity, signal } = options;
  const items: z.output<T>[] = [];
  const dropped: DroppedItem[] = [];
  for (let number = 1; number <= maxPages; number += 1) {
    const result: Page<z.output<T>> = await client.request(path, page(schema), {
      query: { ...options.query, 'page[number]': number, 'page[size]': size },
      signal,
    });
    // Another page than the one asked for: an endpoint that reads only Laravel's plain `page=` answers page 1 to
    // every `page[number]`. Its items repeat a page already read (added as well, they listed each reward five
    // times in the wallet): stop there, truncated.
    if (number > 1 && result.meta && result.meta.current_page !== number) {
      return cut(path, `page ${number} was answered with page ${result.meta.current_page} (page[number] not read); the first ${items.length} items are shown.`, items, dropped);
    }
    items.push(...result.items);
    dropped.push(...result.dropped);
    const label = number > 1 ? `${path} (page ${number})` : path;
    if (options.report) options.report(label, result);
    else reportDropped(label, droppedAt('data', result.dropped));
    if (items.length > maxItems) {
      items.length = maxItems;
      return cut(path, `the answer holds more than ${maxItems} items; the first ${maxItems} items are shown.`, items, dropped);
    }
    if (!result.meta || result.meta.current_page >= result.meta.last_page || result.items.length === 0) {
      return { items, dropped, truncated: false };
    }
  }
  return cut(path, `Omneo has more than the ${maxPages} pages read; the first ${items.length} items are shown.`, items, dropped);
}

/**
 * A collection cut short: said once per response in the console, as a dropped item is, so that the merchant's
 * developer hears why an element lists fewer than Omneo holds (the wallet, 500 at most), not silently fewer rows.
 */
function cut<T>(path: string, message: string, items: T[], dropped: DroppedItem[]): AllPagesResult<T> {
  console.warn(`omneo-widgets: ${path}: ${message}`);
  return { items, dropped, truncated: true };
}

export const getProfile = (client: OmneoClient, signal?: AbortSignal) =>
  client.request('profiles/me', single(Profile), { signal, retryNotFound: true });

export const getTierProgress = (client: OmneoClient, signal?: AbortSignal) =>
  client.request('profiles/me/tiers', single(TierProgressData), { signal });

/**
 * The wallet's collections: 5 pages of 100, and never more than those 500 items, however the answers hold them (the
 * wallet renders each as a row: 10,000 rewards and 10,000 benefits in one answer held the tab's main thread 7.3 s).
 */
const WALLET_PAGES = { maxPages: 5, maxItems: 5 * MAX_PAGE_SIZE };

export const getRewards = (client: OmneoClient, signal?: AbortSignal) =>
  fetchAllPages(client, 'profiles/me/rewards', Reward, { signal, ...WALLET_PAGES });

export const getBenefits = (client: OmneoClient, signal?: AbortSignal) =>
  fetchAllPages(client, 'profiles/me/benefits', Benefit, { signal, ...WALLET_PAGES });

export async function getTransactions(client: OmneoClient, request: PageRequest = {}, signal?: AbortSignal) {
  const number = request.number ?? 1;
  const result = await client.request('profiles/me/transactions', page(Transaction), {
    query: { 'page[number]': number, 'page[size]': request.size ?? 15, sort: '-transacted_at' },
    signal,
  });
  reportDropped(number > 1 ? `profiles/me/transactions (page ${number})` : 'profiles/me/transactions', droppedAt('data', result.dropped));
  return result;
}

const wholeHour = (date: Date, round: (hours: number) => number) => new Date(round(date.getTime() / 3_600_000) * 3_600_000);

/** Formats an instant as Omneo's offset-less UTC timestamp, for filters. */
export function toOmneoTimestamp(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * Point instances that may expire after `after` (now) and by `until` (§5 rule 2). Neither the filter nor the
 * sort is verified on live tenants, so callers filter again client-side (`pointsExpiringSoon`), and we stop
 * after 5 pages. The lower bound matters: the ledger keeps every instance that has already expired, and sorted
 * by `expires_at` those come first, so a long-standing member's 500 oldest filled the 5 pages and the points
 * about to expire were never read.
 */
export const getPointsExpiringBy = (client: OmneoClient, until: Date, signal?: AbortSignal, after: Date = new Date()) =>
  fetchAllPages(client, 'profiles/me/points', PointInstance, {
    // The bounds widened to whole hours (callers filter exactly): the same URL all hour. A browser reuses a CORS
    // preflight for the same URL only, and with a timestamp to the second every request to another origin had one.
    query: { sort: 'expires_at', 'filter[expires_at][gt]': toOmneoTimestamp(wholeHour(after, Math.floor)), 'filter[expires_at][lte]': toOmneoTimestamp(wholeHour(until, (hours) => Math.floor(hours) + 1)) },
    maxPages: 5,
    signal,
  });

/**
 * `GET /profiles/me/lists` may or may not be paginated (§6): read like the other collections, page after page (up to
 * 5 pages of 100, as the wallet's collections), one page when there is no `meta`. Read as one page, a paginated answer
 * held the first 15 lists only, and a wishlist after them was "not there": every heart unsaved, and each first add
 * created another wishlist.
 * The lists' items are read in slices (readInSlices), then each page's dropped items reported as before.
 */
export async function getLists(client: OmneoClient, signal?: AbortSignal): Promise<List[]> {
  const pages: { label: string; page: Page<ListEntries> }[] = [];
  await fetchAllPages(client, 'profiles/me/lists', ListEntries, { signal, maxPages: 5, report: (label, page) => pages.push({ label, page }) });
  const budget = sliceBudget();
  const lists: List[] = [];
  for (const { label, page } of pages) {
    const read: List[] = [];
    for (const list of page.items) read.push(withItems(list, await readInSlices(ListItem, list.items, signal, budget)));
    reportListsDropped(label, read, page.dropped);
    lists.push(...read);
  }
  return lists;
}

/** One list (`{data: List}`): its dropped items are reported as `data.items[j]`. */
async function oneList(path: string, request: Promise<List>): Promise<List> {
  const list = await request;
  reportDropped(path, droppedAt('data.items', list.droppedItems));
  return list;
}

/**
 * An id as one path segment. encodeURIComponent keeps `.` and `..`, which the URL parser then takes as steps out of
 * the resource (`lists/6500/items/..` is the list itself, `lists/../items/..` the profile): refused, as "" is.
 */
function segment(id: string): string {
  if (/^\.{0,2}$/.test(id)) throw new TypeError(`omneo-widgets: "${id}" is not an id.`);
  return encodeURIComponent(id);
}

export const getList = (client: OmneoClient, listId: string, signal?: AbortSignal) => {
  const path = `profiles/me/lists/${segment(listId)}`;
  return oneList(path, client.request(path, single(List), { signal }));
};

export const createList = (client: OmneoClient, handle: string, name: string, signal?: AbortSignal) =>
  oneList('profiles/me/lists', client.request('profiles/me/lists', single(List), { method: 'POST', body: { name, handle }, signal }));

export const addListItem = (client: OmneoClient, listId: string, sku: string, quantity = 1, signal?: AbortSignal) =>
  client.send(`profiles/me/lists/${segment(listId)}/items`, {
    method: 'POST',
    body: { product_variant_sku: sku, quantity },
    signal,
  });

export const removeListItem = (client: OmneoClient, listId: string, itemId: string, signal?: AbortSignal) =>
  client.send(`profiles/me/lists/${segment(listId)}/items/${segment(itemId)}`, { method: 'DELETE', signal });

export const postBenefitRedemption = (client: OmneoClient, benefitId: string, count = 1) =>
  client.request(`profiles/me/benefits/${segment(benefitId)}/redeem`, single(Redemption), {
    method: 'POST',
    body: { count },
  });

export interface SpendOptions {
  /**
   * Spending balance moves money. It is off unless the integrator opts in explicitly (no element spends
   * balance; this exists for a future checkout widget and the tests).
   */
  allowBalanceSpend: true;
  /** The balance's currency (the balances' `currency`): the amount is floored to its minor unit (fils, yen); cents without one. */
  currency?: string | null;
}

/** `POST /profiles/me/redeem`: spends rewards/points dollars. Never retried automatically. */
export function spendBalance(client: OmneoClient, amountDollars: number, options: SpendOptions) {
  if (options?.allowBalanceSpend !== true) {
    throw new OmneoConfigError('Balance spending is disabled: pass {allowBalanceSpend: true} to opt in.');
  }
  const digits = currencyDigits(options.currency);
  const units = floorToMinorUnits(amountDollars, options.currency);
  if (units < 1) {
    throw new OmneoConfigError(`Nothing to redeem: the amount must be at least ${(10 ** -digits).toFixed(digits)}.`);
  }
  return client.request('profiles/me/redeem', single(Redemption), {
    method: 'POST',
    body: { amount: units / 10 ** digits },
  });
}



// ── Store resource definitions: one key per resource, shared by every element ─────────────────────────────

/**
 * `next`, with every part of it equal to the same part of `previous` (matched by position, or by `id` in a list,
 * where an item may have moved) replaced by that part: `previous` itself when nothing changed. A revalidation
 * that finds what is on screen, or a re-read after one wishlist item changed, then leaves the other objects as
 * they were, and an element that derives its view from them (the wishlist's rows) need not do it again. Only for
 * resources whose elements need it: a page that shows only the badge does not download it.
 */
export function keepUnchanged<T>(previous: any, next: T): T {
  if (previous instanceof Date || next instanceof Date) return previous instanceof Date && next instanceof Date && +previous === +next ? (previous as T) : next;
  if (!previous || !next || typeof previous !== 'object' || typeof next !== 'object' || Array.isArray(previous) !== Array.isArray(next)) return next;
  const byId = new Map();
  if (Array.isArray(previous)) for (const item of previous) if (item?.id) byId.set(item.id, item);
  const merged: any = Array.isArray(next) ? [] : {};
  // Own keys only (not `for…in`): Prototype.js storefronts add enumerable methods to Array.prototype.
  const keys = Object.keys(next);
  let same = keys.length === Object.keys(previous).length;
  for (const key of keys) {
    const value: any = (next as any)[key];
    merged[key] = keepUnchanged(byId.get(value?.id) ?? previous[key], value);
    if (!(key in previous) || merged[key] !== previous[key]) same = false;
  }
  return same ? previous : merged;
}


/** How far ahead "points expiring soon" looks (§5 rule 2). */
export const EXPIRING_SOON_DAYS = 30;

/** The profile as the elements use it, for its currency when the balances name none (see ProfileCurrency). */
export const profileResource: ResourceDefinition<ProfileCurrency> = {
  key: 'profile',
  load: (client, signal) => client.request('profiles/me', single(ProfileCurrency), { signal, retryNotFound: true }),
};
export const tierProgressResource: ResourceDefinition<TierProgress> = { key: 'tiers', load: getTierProgress };
export const rewardsResource: ResourceDefinition<AllPagesResult<Reward>> = { key: 'rewards', load: getRewards };
export const benefitsResource: ResourceDefinition<AllPagesResult<Benefit>> = { key: 'benefits', load: getBenefits };
export const listsResource: ResourceDefinition<List[]> = { key: 'lists', load: getLists, reuse: keepUnchanged };
export const expiringPointsResource: ResourceDefinition<AllPagesResult<PointInstance>> = {
  key: 'points-expiring',
  load: (client, signal) => getPointsExpiringBy(client, new Date(Date.now() + EXPIRING_SOON_DAYS * 86_400_000), signal),
};
