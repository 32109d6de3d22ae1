/**
 * Schemas for the profile-scoped Omneo ID resources (omneo-api.md §2). Field names keep Omneo's snake_case so
 * that code, the API reference and the business rules (§5) read the same. Objects are non-strict: unknown
 * fields are stripped from the output types, missing optional ones become null.
 *
 * Essential and non-essential fields. In the lists (rewards, benefits, points, wishlist items) one unreadable
 * field must not make an item vanish: only the fields an item cannot be shown or acted on without are strict,
 * and a bad one drops the item (reported, see DroppedItem). Everything else is wrapped in `orElse`: unreadable
 * input becomes null (or the field's empty value) and the item stays. Strict stays strict where a guessed
 * value would show a wrong figure, status or code. Each list schema says which of its fields are which.
 */
import * as z from 'zod/mini';
import {
  bool,
  currency,
  currencyCode,
  entries,
  id,
  lenientArray,
  num,
  optionalBool,
  optionalId,
  optionalNum,
  optionalText,
  optionalTimestamp,
  orElse,
  rawUrl,
  readAll,
  text,
  timestamp,
  type ReadItems,
} from './primitives.js';

/**
 * A nested object that may be absent or null: both become null, and so do `[]` and `{}` (PHP encodes an empty
 * array as `[]`, e.g. `next_tier: []` at the top tier).
 */
function optionalObject<T extends z.ZodMiniType>(schema: T) {
  const empty = (value: unknown) =>
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0);
  return z.pipe(
    z.pipe(
      z.optional(z.unknown()),
      z.transform((value) => (empty(value) ? null : value)),
    ),
    z.pipe(
      z.optional(z.nullable(schema)),
      z.transform((value) => (value ?? null) as z.output<T> | null),
    ),
  );
}

/**
 * A nested object the record is still shown without (a reward's or benefit's definition): absent, null or not
 * an object at all reads as `{}`, so every field takes its empty value. A real object is parsed as usual, and
 * its strict fields still fail the record.
 */
function objectOrEmpty<T extends z.ZodMiniType>(schema: T) {
  return z.pipe(
    z.optional(z.unknown()),
    z.transform((value: unknown, ctx): z.output<T> => {
      const result = z.safeParse(schema, isRecord(value) ? value : {});
      if (result.success) return result.data;
      for (const issue of result.error.issues) ctx.issues.push({ ...issue, input: undefined });
      return z.NEVER;
    }),
  );
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A non-essential nested object: unreadable in any way → null (see orElse). */
const optionalObjectOrNull = <T extends z.ZodMiniType>(schema: T) => orElse(optionalObject(schema), null);

// Non-essential fields: unreadable → null, as if absent.
const looseText = orElse(optionalText, null);
const looseNum = orElse(optionalNum, null);
const looseTimestamp = orElse(optionalTimestamp, null);
const looseId = orElse(optionalId, null);
const looseUrl = orElse(rawUrl, null);
const looseBool = orElse(optionalBool, null);

/**
 * A reward or benefit name. Omneo may send null; the entry is kept with "" rather than dropped, and the
 * element shows its own localised title for it (the copy lives with the element's other strings).
 */
const definitionName = withDefault(looseText, '');

function withDefault<T>(schema: z.ZodMiniType<T | null>, fallback: NonNullable<T>) {
  return z.pipe(schema, z.transform((value) => value ?? fallback));
}

// ── Profile and balances ────────────────────────────────────────────────────────────────────────────────

export const ProfileTier = z.object({
  name: optionalText,
  handle: optionalText,
  achieved_at: optionalTimestamp,
  anniversary_at: optionalTimestamp,
});

// The whole profile, for getProfile (the elements read only ProfileCurrency, below). Only `id` is essential: any
// other field that cannot be read is null, rather than a bad `joined_at` or name failing the whole profile.
export const Profile = z.object({
  id,
  first_name: orElse(optionalText, null),
  last_name: orElse(optionalText, null),
  full_name: orElse(optionalText, null),
  email: orElse(optionalText, null),
  currency: orElse(currency, null),
  tier_handle: orElse(optionalText, null),
  tier: orElse(optionalObject(ProfileTier), null),
  joined_at: orElse(optionalTimestamp, null),
});
export type Profile = z.output<typeof Profile>;

// What the elements keep of the profile (profileResource): its currency. The store holds it in memory and in
// sessionStorage for the next page, where any script on the storefront can read it, so the shopper's name, email
// and dates are not parsed into it; getProfile still reads them for code that asks.
export const ProfileCurrency = z.object({ id, currency: orElse(currency, null) });
export type ProfileCurrency = z.output<typeof ProfileCurrency>;

// The badge parses balances and nothing else, so Balances has a module of its own (it ships alone).
import { Balances } from './balances.js';
export { Balances };

// ── Points (§2.3) ───────────────────────────────────────────────────────────────────────────────────────

/**
 * Essential (rule 2, "points expiring soon", reads them; a guess would show a wrong figure or date): `id`,
 * `value_remaining`, `expires_at`, `accrued_at`, `status`. Non-essential (nothing reads them):
 * `value_initial`, `issued_at`, `description`, `definition`.
 */
export const PointInstance = z.object({
  id,
  value_initial: looseNum,
  value_remaining: num,
  issued_at: looseTimestamp,
  accrued_at: optionalTimestamp,
  expires_at: optionalTimestamp,
  // An open enum: values are undocumented, so any string is kept.
  status: withDefault(optionalText, ''),
  description: looseText,
  definition: optionalObjectOrNull(z.object({ name: looseText, handle: looseText })),
});
export type PointInstance = z.output<typeof PointInstance>;

// ── Rewards (§2.4) ──────────────────────────────────────────────────────────────────────────────────────

/** Copy and pictures: the element has a fallback for each (no line, a placeholder picture), never essential. */
const DisplayCopy = {
  short_description: looseText,
  long_description: looseText,
  terms_conditions: looseText,
  image_url: looseUrl,
  icon: looseUrl,
};

/** All non-essential: the wallet titles a nameless reward itself, and never shows `value` (it shows the instance's). */
export const RewardDefinition = z.object({
  name: definitionName,
  handle: looseText,
  type: looseText,
  value: looseNum,
  ...DisplayCopy,
});

/**
 * Essential, strict (rule 1, the status, and the amounts the wallet shows): `id`, `value_initial`,
 * `value_remaining`, `is_expired`, `is_active`, `expires_at` (present but unreadable drops the reward: read as
 * "never expires" it could show an expired reward as usable). Non-essential: `issued_at` (not shown),
 * `timezone` (dates then show in the shopper's zone) and the whole `definition` (absent or unreadable → an
 * untitled reward without copy).
 */
export const Reward = z.object({
  id,
  value_initial: num,
  value_remaining: num,
  is_expired: bool,
  is_active: bool,
  issued_at: looseTimestamp,
  expires_at: optionalTimestamp,
  timezone: looseText,
  definition: objectOrEmpty(RewardDefinition),
});
export type Reward = z.output<typeof Reward>;

// ── Benefits and redemptions (§2.5, §2.10) ──────────────────────────────────────────────────────────────

/**
 * The codes are strict: they are what the shopper types at checkout, and an unreadable code must not be
 * replaced by another (rule 4 falls back from the instance's code to the definition's shared one). The rest is
 * non-essential: `allow_user_redeem` unreadable is "not explicitly true", so no Redeem button (copy-code only).
 */
export const BenefitDefinition = z.object({
  name: definitionName,
  handle: looseText,
  redeem_instructions_online: looseText,
  redeem_instructions_store: looseText,
  redeem_code_online: optionalText,
  redeem_code_pos: optionalText,
  allow_user_redeem: looseBool,
  max_redemptions: looseNum,
  ...DisplayCopy,
});

/**
 * Essential, strict: `id`, `is_expired`, `expires_at` (the status), `redemptions_remaining` (the status and
 * "N uses left"), and the codes (see BenefitDefinition). Non-essential: `is_redeemable` (unreadable → false:
 * no self-redeem, which Omneo would refuse anyway, while the benefit and its code still show), `issued_at`,
 * `timezone`, `value` (not shown), and the definition's copy.
 */
export const Benefit = z.object({
  id,
  issued_at: looseTimestamp,
  expires_at: optionalTimestamp,
  timezone: looseText,
  is_expired: bool,
  is_redeemable: orElse(bool, false),
  redemptions_remaining: optionalNum,
  value: looseNum,
  redeem_code_online: optionalText,
  redeem_code_pos: optionalText,
  definition: objectOrEmpty(BenefitDefinition),
});
export type Benefit = z.output<typeof Benefit>;

export const RedemptionItem = z.object({
  id: optionalId,
  type: optionalText,
  value: optionalNum,
  count: optionalNum,
});

/**
 * The answer to a redeem that has been carried out: an unreadable field must not make it read as "could not
 * confirm". Strict: `id` (the wallet's event carries it) and the figures §2.10 stars (`total`, `balances`);
 * the rest (`type`, `total_localised`, `items`, `created_at`) no element reads: unreadable → null (or []).
 */
export const Redemption = z.object({
  id,
  type: looseText,
  total: optionalNum,
  total_localised: looseNum,
  // The balances after the redemption: the same block as /balances (currency is usually absent here).
  balances: optionalObject(Balances),
  items: orElse(lenientArray(RedemptionItem), []),
  created_at: looseTimestamp,
});
export type Redemption = z.output<typeof Redemption>;

// ── Tiers (§2.6, §2.7) ──────────────────────────────────────────────────────────────────────────────────

const tierFields = {
  id,
  handle: optionalText,
  is_floor: withDefault(optionalBool, false),
  value_min: withDefault(optionalNum, 0),
  value_maintain: withDefault(optionalNum, 0),
  ...DisplayCopy,
};

/**
 * A tier of the ladder (`tiers-endpoint`): a row there is its name, so a nameless tier is dropped from the
 * ladder (and reported), like any unreadable row.
 */
export const TierDefinition = z.object({ ...tierFields, name: text });
export type TierDefinition = z.output<typeof TierDefinition>;

/**
 * The shopper's current and next tier: kept without a name (`""`), as rewards and benefits are; the element
 * says "your tier" / "the next tier" instead. Its figures stay strict.
 */
const ProgressTier = z.object({ ...tierFields, name: definitionName });

/**
 * Strict: what rule 3 and the card read (the current and next tier, the progress and remain figures, the
 * anniversary). `prev_tier`, `total_points_12m`, `achieved_at` and `next_progress_change_at` no element reads:
 * unreadable → null, never an unreadable tier card.
 */
export const TierProgress = z.object({
  is_floor: withDefault(optionalBool, false),
  current_tier: optionalObject(ProgressTier),
  next_tier: optionalObject(ProgressTier),
  prev_tier: optionalObjectOrNull(ProgressTier),
  current_progress: withDefault(optionalNum, 0),
  current_credit: withDefault(optionalNum, 0),
  current_remain: optionalNum,
  // null when Omneo does not say: never read as 0 earned (rule 3 then goes by next_remain alone).
  next_progress: optionalNum,
  next_remain: optionalNum,
  total_points_12m: looseNum,
  anniversary_at: optionalTimestamp,
  achieved_at: looseTimestamp,
  next_progress_change_at: looseTimestamp,
});
export type TierProgress = z.output<typeof TierProgress>;

/**
 * What `GET /profiles/me/tiers` answers in its envelope. For a profile with no tier assigned that answer is
 * unconfirmed (Omneo's SDK disabled its tier tests), and an empty Laravel resource is `null` or, PHP-encoded, `[]`:
 * both read as `{}`, every tier null, which the element shows as "no tier yet" rather than as an unreadable answer
 * that no Retry can mend.
 */
export const TierProgressData = z.pipe(
  z.pipe(
    z.unknown(),
    z.transform((value) => (value === null || (Array.isArray(value) && value.length === 0) ? {} : value)),
  ),
  TierProgress,
);

// ── Lists and the wishlist (§2.8) ───────────────────────────────────────────────────────────────────────

export const ProductImage = z.object({ url: rawUrl, sort_order: optionalNum });
export const ProductOption = z.object({ name: text, value: text });

/**
 * A sale price present but unreadable ("99,95") hides the full price too: shown alone, it would read as what
 * the shopper pays. An unreadable full price is simply not shown.
 */
const withReadablePrices = z.transform((input: unknown) => {
  if (!isRecord(input)) return input;
  const sale = input.price_discounted;
  const unreadable = sale !== null && sale !== undefined && sale !== '' && !z.safeParse(optionalNum, sale).success;
  return unreadable ? { ...input, price: null, price_discounted: null } : input;
});

/** Every field non-essential but the sku, which ListItem requires (it or the custom product's). */
export const ProductVariant = z.pipe(
  z.pipe(z.optional(z.unknown()), withReadablePrices),
  z.object({
    id: looseId,
    sku: looseText,
    external_id: looseId,
    title: looseText,
    price: looseNum,
    price_discounted: looseNum,
    price_comparison: looseNum,
    web_url: looseUrl,
    images: orElse(lenientArray(ProductImage), []),
    options: orElse(lenientArray(ProductOption), []),
    available_quantity: looseNum,
  }),
);
export type ProductVariant = z.output<typeof ProductVariant>;

export const CustomProduct = z.object({
  sku: looseText,
  title: looseText,
  name: looseText,
  price: looseNum,
  image_url: looseUrl,
  web_url: looseUrl,
});

/**
 * A list item is what identifies it, and nothing more is required: its `id` (removal addresses it) and a sku,
 * the product variant's or else the custom product's (rule 5, `findItemBySku`: the heart's state and every
 * add and remove go by it). An item without either is dropped and reported. Every other field (titles,
 * prices, pictures, links, options, dates, quantity) is non-essential: unreadable → null (quantity → 1, lists
 * → []), and the item stays, so the wishlist shows it and its heart reads "saved".
 */
export const ListItem = z.pipe(
  z.object({
    id,
    quantity: orElse(withDefault(optionalNum, 1), 1),
    position: looseNum,
    created_at: looseTimestamp,
    product_variant: optionalObjectOrNull(ProductVariant),
    custom_product: optionalObjectOrNull(CustomProduct),
    product: optionalObjectOrNull(
      z.object({ title: looseText, handle: looseText, brand: looseText, currency: currencyCode }),
    ),
  }),
  z.transform((item, ctx) => {
    if (item.product_variant?.sku?.trim() || item.custom_product?.sku?.trim()) return item;
    ctx.issues.push({
      code: 'custom',
      message: 'expected a sku (the product variant’s or the custom product’s)',
      input: item,
      path: ['product_variant', 'sku'],
      params: { reason: 'expected a sku (the product variant’s or the custom product’s)' },
    });
    return z.NEVER;
  }),
);
export type ListItem = z.output<typeof ListItem>;

export const ListDefinition = z.object({ id: looseId, handle: looseText, name: looseText, type: looseText });

/**
 * A list needs its `id` (every write addresses it) and readable `items`; the rest only finds or titles it
 * (rule 5 matches `handle`, else `definition.handle`: unreadable reads as absent). ListEntries is the list with
 * its items not read yet: `GET /profiles/me/lists` reads them in slices (readInSlices), a wishlist of a thousand
 * items being too long for one task; `List` reads them at once (one list, a created one).
 */
export const ListEntries = z.object({
  id,
  handle: looseText,
  name: looseText,
  description: looseText,
  definition: optionalObjectOrNull(ListDefinition),
  items: entries,
});
export type ListEntries = z.output<typeof ListEntries>;

/** The list with its items read: those kept, and those dropped (reported by the resource functions). */
export const withItems = ({ items: _entries, ...list }: ListEntries, read: ReadItems<ListItem>) => ({
  ...list,
  items: read.items,
  droppedItems: read.dropped,
});

export const List = z.pipe(ListEntries, z.transform((list) => withItems(list, readAll(ListItem, list.items))));
export type List = z.output<typeof List>;

// ── Transactions (§2.9) ─────────────────────────────────────────────────────────────────────────────────

export const TransactionItem = z.object({
  name: optionalText,
  sku: optionalText,
  quantity: withDefault(optionalNum, 1),
  price_sell: optionalNum,
  price_original: optionalNum,
  is_void: withDefault(optionalBool, false),
});

export const Transaction = z.object({
  id,
  receipt_ref: optionalText,
  order_number: optionalText,
  transacted_at: timestamp,
  timezone: optionalText,
  total: num,
  currency: currencyCode,
  is_void: withDefault(optionalBool, false),
  location: optionalObject(z.object({ name: optionalText })),
  items: lenientArray(TransactionItem),
});
export type Transaction = z.output<typeof Transaction>;
