/**
 * Business rules (omneo-api.md §5) as small pure functions over parsed models. `now` is always a parameter,
 * money is compared in integer minor units of its currency (cents, fils, yen), and nothing here touches the network
 * or the DOM.
 */
// From format.ts, not a module of their own: format.ts is in the data-core chunk (vite.config.ts) that every page
// with an element loads, the badge's included, so the rules cost no page anything for them. Measured before that
// chunk existed (npm run size, gzip), a module of their own added about 250 B to the badge page, and the other way
// round (src/api/units.ts, imported by format.ts) 273 B and a file. The data layer reaching into core/ for them is
// the price: they are Intl arithmetic (no DOM, no Lit), which design.md's rule for src/api allows.
import { currencyDigits, floorToMinorUnits, isValidTimeZone, toMinorUnits } from '../core/format.js';
import type { Benefit, List, ListItem, PointInstance, Reward, TierDefinition, TierProgress } from './schemas/resources.js';

const DAY_MS = 86_400_000;

/** Rewards and benefits alike: Omneo's flag, or an expiry that has passed (the flag can lag behind the date). */
function hasExpired(record: { is_expired: boolean; expires_at: Date | null }, now: Date): boolean {
  return record.is_expired || (record.expires_at !== null && record.expires_at.getTime() <= now.getTime());
}
/**
 * An amount in whole minor units of its currency: cents for AUD, fils (3 digits) for KWD, yen for JPY; cents
 * when the currency is not known. The name is historical: it is `toMinorUnits` (core/format.ts) under the
 * data layer's public name.
 */
export const toCents = (amount: number, currency: string | null = null): number => toMinorUnits(amount, currency);

// ── Rule 1: reward status ─────────────────────────────────────────────────────────────────────────────────

export type RewardStatus = 'active' | 'partly-used' | 'used' | 'expired';

type RewardFields = Pick<Reward, 'is_expired' | 'is_active' | 'expires_at' | 'value_remaining' | 'value_initial'>;

/**
 * The first match wins: expired, used, inactive (shown as expired), partly used, active. Values are compared in
 * the minor units of `currency` (the wallet's display currency): 0.004 left is used up in AUD, not in KWD.
 */
export function rewardStatus(reward: RewardFields, now: Date, currency: string | null = null): RewardStatus {
  if (hasExpired(reward, now)) return 'expired';
  if (toCents(reward.value_remaining, currency) <= 0) return 'used';
  // Not spendable for a reason Omneo does not say (§6): never offer it as usable.
  if (!reward.is_active) return 'expired';
  if (toCents(reward.value_remaining, currency) < toCents(reward.value_initial, currency)) return 'partly-used';
  return 'active';
}

export function rewardExpiresSoon(reward: RewardFields, now: Date, days = 30, currency: string | null = null): boolean {
  const status = rewardStatus(reward, now, currency);
  if (status !== 'active' && status !== 'partly-used') return false;
  return reward.expires_at !== null && reward.expires_at.getTime() <= now.getTime() + days * DAY_MS;
}

/**
 * A usable reward that ends on today's date: the calendar date `now` has in `timeZone`, the zone its date is shown in
 * (the reward's own; unset or unknown: the runtime's, as formatDate falls back). "Expires soon: 27 Nov" read on 27 Nov
 * says nothing of the hours left; the wallet says "Expires today" instead.
 */
export function rewardExpiresToday(reward: RewardFields, now: Date, timeZone: string | null = null, currency: string | null = null): boolean {
  // Within two days, then the calendar date decides: a day lasts 25 hours when the clocks go back, so a 24-hour
  // window missed its first hour ("Expires soon: 5 Apr" at 00:30 on 5 April in Sydney).
  if (!rewardExpiresSoon(reward, now, 2, currency)) return false;
  const zone = timeZone && isValidTimeZone(timeZone) ? timeZone : undefined;
  return calendarDate(lastUsableMoment(reward.expires_at!), zone) === calendarDate(now, zone);
}

/**
 * The moment an expiry's date is read from: a millisecond before it. Omneo's expiries are a day's last second
 * (23:59:59 local), which this leaves on its day; one at a midnight (a programme or import set up otherwise) is over
 * as that day begins, so its last usable day is the one before ("Use by 16 Dec" would be expired all of 16 Dec).
 */
export const lastUsableMoment = (expiresAt: Date): Date => new Date(expiresAt.getTime() - 1);

const STATUS_ORDER: Record<RewardStatus, number> = { active: 0, 'partly-used': 0, used: 1, expired: 2 };

/** Wallet order: usable first (soonest expiry first), then used, then expired (most recent first). */
export function sortRewards<T extends RewardFields>(rewards: readonly T[], now: Date, currency: string | null = null): T[] {
  return [...rewards].sort((a, b) => {
    const byStatus = STATUS_ORDER[rewardStatus(a, now, currency)] - STATUS_ORDER[rewardStatus(b, now, currency)];
    if (byStatus !== 0) return byStatus;
    const aTime = a.expires_at?.getTime() ?? Number.POSITIVE_INFINITY;
    const bTime = b.expires_at?.getTime() ?? Number.POSITIVE_INFINITY;
    return STATUS_ORDER[rewardStatus(a, now, currency)] === 0 ? aTime - bTime : bTime - aTime;
  });
}

// ── Rule 2: points expiring soon ─────────────────────────────────────────────────────────────────────────

export interface ExpiringPoints {
  total: number;
  earliest: Date | null;
  /** One group per calendar date (in the display time zone), soonest first. */
  groups: { date: string; expiresAt: Date; points: number }[];
}

type PointFields = Pick<PointInstance, 'value_remaining' | 'expires_at' | 'accrued_at' | 'status'>;

function calendarDate(date: Date, timeZone: string | undefined): string {
  // YYYY-MM-DD, which sorts and groups cleanly, from the fields: en-CA's own pattern is MM/dd/y in ICU 72 (WebKitGTK on
  // Debian 12, Chrome 110), which would sort 14 Mar next year before 20 Dec (tierReviewDeadline).
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date);
  const part = (type: string) => parts.find((each) => each.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export function pointsExpiringSoon(points: readonly PointFields[], now: Date, days = 30, timeZone = 'UTC'): ExpiringPoints {
  const horizon = now.getTime() + days * DAY_MS;
  const groups = new Map<string, { date: string; expiresAt: Date; points: number }>();
  for (const point of points) {
    const status = point.status.toLowerCase();
    if (status.includes('pending') || status.includes('expired')) continue;
    if (point.value_remaining <= 0 || point.expires_at === null) continue;
    const expires = point.expires_at.getTime();
    if (expires <= now.getTime() || expires > horizon) continue;
    if (point.accrued_at !== null && point.accrued_at.getTime() > now.getTime()) continue;
    const date = calendarDate(lastUsableMoment(point.expires_at), timeZone);
    const group = groups.get(date);
    if (group) {
      group.points += point.value_remaining;
      if (point.expires_at < group.expiresAt) group.expiresAt = point.expires_at;
    } else {
      groups.set(date, { date, expiresAt: point.expires_at, points: point.value_remaining });
    }
  }
  const sorted = [...groups.values()].sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime());
  // A loop, not Array#reduce: Prototype.js 1.6 (old storefronts) replaces reduce with one that takes no callback.
  let total = 0;
  for (const group of sorted) total += group.points;
  return {
    total,
    earliest: sorted[0]?.expiresAt ?? null,
    groups: sorted,
  };
}

// ── Rule 3: tier progress ────────────────────────────────────────────────────────────────────────────────

export interface TierProgressSummary {
  current: TierDefinition | null;
  next: TierDefinition | null;
  isTop: boolean;
  /** 0–100, floored so the bar never reads 100 before the tier is reached. */
  percent: number;
  /** null at the top tier, and when Omneo sends neither `next_remain` nor the next tier's `value_min`. */
  pointsToNext: number | null;
  maintain: { earned: number; required: number; remain: number; percent: number; by: Date | null } | null;
}

/** NaN (Infinity / Infinity, from figures at the ends of a double's range) is 0, never a NaN% bar. */
const clampPercent = (value: number) => (Number.isNaN(value) ? 0 : Math.min(100, Math.max(0, Math.floor(value))));

/**
 * Points still needed, from Omneo's two figures for it: its own `*_remain`, and the threshold minus what was
 * earned. They normally agree. When they disagree (seen: `next_remain: 0` beside `next_progress` 100 of a
 * 1,500 threshold) the larger one wins: the card never tells a shopper they are closer to a tier, or have
 * reached it or kept it, than either figure supports. Overstating costs a broken promise at the review;
 * understating, a pleasant surprise. Either figure alone is used as it is; with neither, null.
 */
function stillNeeded(remain: number | null, threshold: number, earned: number | null): number | null {
  const fromEarned = threshold > 0 && earned !== null ? threshold - earned : null;
  if (remain === null && fromEarned === null) return null;
  const needed = Math.max(0, remain ?? fromEarned!, fromEarned ?? remain!);
  // Figures near a double's limit (±1.7e308) can sum past it: an infinite "still needed" says nothing, as none.
  return Number.isFinite(needed) ? needed : null;
}

/**
 * §5 rule 3, with these decisions of ours:
 * - `pointsToNext`: see stillNeeded (the larger of `next_remain` and `value_min − next_progress`); 0 only when
 *   both figures Omneo sent agree the tier is reached.
 * - `percent` follows `pointsToNext`, so bar and words always agree: `(value_min − pointsToNext) / value_min`,
 *   which is §5's `next_progress / value_min` whenever Omneo's figures agree; with no usable `value_min`,
 *   `next_progress / (next_progress + pointsToNext)`. Floored, never 100 before the tier is reached.
 * - `maintain.remain` is decided the same way from `current_remain` and `value_maintain − earned`, and its
 *   percent follows it.
 * - A negative figure (a clawback) is shown as Omneo sends it; it only adds to what is still needed and the
 *   bars clamp at 0.
 */
export function tierProgress(progress: TierProgress): TierProgressSummary {
  const current = progress.current_tier;
  const next = progress.next_tier;
  const isTop = next === null;
  let percent = 100;
  let pointsToNext: number | null = null;
  if (next) {
    const earned = progress.next_progress;
    // With no progress figure, a threshold is all still to earn. With neither `next_remain` nor a threshold
    // (`value_min` missing parses as 0) how far the tier is cannot be told: null and 0%, never "reached".
    pointsToNext = stillNeeded(progress.next_remain, next.value_min, earned) ?? (next.value_min > 0 ? next.value_min : null);
    if (pointsToNext === null) percent = 0;
    else {
      if (next.value_min > 0) percent = clampPercent((100 * (next.value_min - pointsToNext)) / next.value_min);
      else {
        const span = (earned ?? 0) + pointsToNext;
        percent = span > 0 ? clampPercent((100 * (earned ?? 0)) / span) : 0;
      }
      // Never 100 before the tier is reached, and always 100 once it is: bar and words agree.
      percent = pointsToNext > 0 ? Math.min(percent, 99) : 100;
    }
  }
  let maintain: TierProgressSummary['maintain'] = null;
  if (current && !progress.is_floor && !current.is_floor && current.value_maintain > 0) {
    const earned = progress.current_progress + progress.current_credit;
    const required = current.value_maintain;
    const remain = stillNeeded(progress.current_remain, required, earned);
    // Null only when the figures overflow (earned is a number and required > 0): what keeps the tier is not known, so
    // nothing is said of it, never "kept".
    if (remain !== null && Number.isFinite(earned)) {
      maintain = {
        earned,
        required,
        remain,
        percent: remain > 0 ? Math.min(99, clampPercent((100 * (required - remain)) / required)) : 100,
        by: progress.anniversary_at,
      };
    }
  }
  return { current, next, isTop, percent, pointsToNext, maintain };
}

/**
 * The tier review date to give as a deadline ("Earn 50 more tier points before 14 Mar"), or null when there is none
 * to give. Omneo stores the anniversary as a midnight with no zone: a calendar date, shown as one (in UTC) rather than
 * shifted to the day before west of Greenwich. It is no deadline once that midnight has passed (Omneo has not run the
 * review yet, or sent a placeholder such as 1970), nor once its day has begun where the shopper is (`timeZone`; unset
 * or unknown: the runtime's), which east of UTC is before its UTC midnight: "before 14 Mar" read on 14 Mar. West of
 * UTC the date goes at that UTC midnight, the evening before where the shopper is: Omneo may have run the review by
 * then.
 */
export function tierReviewDeadline(by: Date | null, now: Date, timeZone?: string | null): Date | null {
  // An unknown zone is the runtime's, as in rewardExpiresToday: a typo never throws out of the card's render.
  const zone = timeZone && isValidTimeZone(timeZone) ? timeZone : undefined;
  return by && by > now && calendarDate(by, 'UTC') > calendarDate(now, zone) ? by : null;
}

/** The ladder for display: sorted by `value_min`, the shopper's tier marked by handle. */
export function tierLadder<T extends Pick<TierDefinition, 'value_min' | 'handle'>>(
  tiers: readonly T[],
  currentHandle: string | null,
): (T & { isCurrent: boolean })[] {
  return [...tiers]
    .sort((a, b) => a.value_min - b.value_min)
    .map((tier) => ({ ...tier, isCurrent: currentHandle !== null && tier.handle === currentHandle }));
}

// ── Rule 4: benefit codes and self-redeem ────────────────────────────────────────────────────────────────

export type RedeemChannel = 'online' | 'pos';

/**
 * Instance codes (often unique to the shopper) win over the definition's shared code. Invisible characters (a CSV
 * import's byte-order mark, zero-width spaces, bidi controls) go: the shopper types or pastes the code at checkout,
 * and `SAVE\u202E01` would draw as SAVE10 and copy as neither.
 */
export function benefitCode(benefit: Pick<Benefit, 'redeem_code_online' | 'redeem_code_pos' | 'definition'>, channel: RedeemChannel): string | null {
  const field = channel === 'online' ? 'redeem_code_online' : 'redeem_code_pos';
  return (benefit[field] ?? benefit.definition[field])?.replace(/[\xad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '') || null;
}

export type BenefitStatus = 'active' | 'used' | 'expired';

/**
 * Whether a benefit can still be used at all (with its code or by redeeming it), the first match winning:
 * `expired` if `is_expired` or `expires_at ≤ now`; `used` once `redemptions_remaining` is 0 (null means no
 * limit); else `active`. `is_redeemable` alone does not decide it: it gates self-redeem (rule 4), and a perk
 * that simply applies or a code-only benefit may send false while still usable.
 */
export function benefitStatus(benefit: Pick<Benefit, 'is_expired' | 'expires_at' | 'redemptions_remaining'>, now: Date): BenefitStatus {
  if (hasExpired(benefit, now)) return 'expired';
  if (benefit.redemptions_remaining !== null && benefit.redemptions_remaining <= 0) return 'used';
  return 'active';
}

export function canRedeemBenefit(
  benefit: Pick<Benefit, 'is_redeemable' | 'is_expired' | 'expires_at' | 'redemptions_remaining' | 'definition'>,
  now: Date,
): boolean {
  return (
    benefit.is_redeemable &&
    benefitStatus(benefit, now) === 'active' &&
    // Explicit true only: Omneo would answer 403 anyway, and a button that always fails is worse than none.
    benefit.definition.allow_user_redeem === true
  );
}

// ── Rule 5: wishlist lookup ──────────────────────────────────────────────────────────────────────────────

/** The list whose handle (else definition handle) matches; the lowest id when several do. */
export function findWishlist<L extends Pick<List, 'id' | 'handle' | 'definition'>>(lists: readonly L[], handle: string): L | null {
  const byId = (a: L, b: L) => compareIds(a.id, b.id);
  const direct = lists.filter((list) => list.handle === handle).sort(byId);
  if (direct[0]) return direct[0];
  return lists.filter((list) => list.definition?.handle === handle).sort(byId)[0] ?? null;
}

function compareIds(a: string, b: string): number {
  const numeric = Number(a) - Number(b);
  return Number.isNaN(numeric) ? a.localeCompare(b) : numeric;
}

export function itemSku(item: Pick<ListItem, 'product_variant' | 'custom_product'>): string | null {
  return item.product_variant?.sku?.trim() || item.custom_product?.sku?.trim() || null;
}

/** Exact and case-sensitive after trimming: SKUs may be case-significant. */
export function findItemBySku<I extends Pick<ListItem, 'product_variant' | 'custom_product'>>(
  list: { items: readonly I[] } | null,
  sku: string,
): I | null {
  const wanted = sku.trim();
  if (!list || !wanted) return null;
  return list.items.find((item) => itemSku(item) === wanted) ?? null;
}

/**
 * Every item of `sku` (as findItemBySku matches), in list order. Omneo may hold one sku more than once: its answer
 * to a second add is undocumented, and other channels (the retailer's app, clienteling, imports) write lists too.
 */
export function findItemsBySku<I extends Pick<ListItem, 'product_variant' | 'custom_product'>>(
  list: { items: readonly I[] } | null,
  sku: string,
): I[] {
  const wanted = sku.trim();
  if (!list || !wanted) return [];
  return list.items.filter((item) => itemSku(item) === wanted);
}

/**
 * The items with each sku's first item only, in list order: what the wishlist shows.
 * A heart is saved or not per sku, so a sku saved twice is one product to the shopper, and its removal removes both.
 */
export function oneItemPerSku<I extends Pick<ListItem, 'product_variant' | 'custom_product'>>(items: readonly I[]): I[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const sku = itemSku(item);
    if (sku === null) return true;
    if (seen.has(sku)) return false;
    seen.add(sku);
    return true;
  });
}

// ── Rule 6: clamp a balance redemption ───────────────────────────────────────────────────────────────────

/**
 * In minor units of `currency` (cents without one): min(requested, balance, eligible subtotal), each floored to
 * the minor unit (the fils for KWD, the yen for JPY), never below 0; less than one minor unit → 0.
 */
export function clampRedemption(
  requested: number,
  limits: { combinedBalance: number; eligibleSubtotal: number; currency?: string | null },
): number {
  const units = Math.min(...[requested, limits.combinedBalance, limits.eligibleSubtotal].map((value) => floorToMinorUnits(value, limits.currency)));
  return units < 1 ? 0 : units / 10 ** currencyDigits(limits.currency);
}
