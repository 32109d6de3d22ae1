/**
 * Schemas for the profile-scoped Omneo ID resources (omneo-api.md §2). Field names keep Omneo's snake_case so
 * that code, the API reference and the business rules (§5) read the same. Objects are non-strict: unknown
 * fields are stripped from the output types, missing optional ones become null.
 */
import * as z from 'zod/mini';
import {
  bool,
  currency,
  currencyCode,
  id,
  lenientArray,
  looseMeta,
  num,
  optionalBool,
  optionalId,
  optionalNum,
  optionalText,
  optionalTimestamp,
  rawUrl,
  text,
  timestamp,
  tolerantArray,
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
 * A reward or benefit name. Omneo may send null; the entry is kept with "" rather than dropped, and the
 * element shows its own localised title for it (the copy lives with the element's other strings).
 */
const definitionName = withDefault(optionalText, '');

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

export const Profile = z.object({
  id,
  first_name: optionalText,
  last_name: optionalText,
  full_name: optionalText,
  email: optionalText,
  currency,
  tier_handle: optionalText,
  tier: optionalObject(ProfileTier),
  joined_at: optionalTimestamp,
});
export type Profile = z.output<typeof Profile>;

// The badge parses balances and nothing else, so Balances has a module of its own (it ships alone).
import { Balances } from './balances.js';
export { Balances };

// ── Points (§2.3) ───────────────────────────────────────────────────────────────────────────────────────

export const PointInstance = z.object({
  id,
  value_initial: num,
  value_remaining: num,
  issued_at: optionalTimestamp,
  accrued_at: optionalTimestamp,
  expires_at: optionalTimestamp,
  // An open enum: values are undocumented, so any string is kept.
  status: withDefault(optionalText, ''),
  description: optionalText,
  definition: optionalObject(z.object({ name: optionalText, handle: optionalText })),
});
export type PointInstance = z.output<typeof PointInstance>;

// ── Rewards (§2.4) ──────────────────────────────────────────────────────────────────────────────────────

const DisplayCopy = {
  short_description: optionalText,
  long_description: optionalText,
  terms_conditions: optionalText,
  image_url: rawUrl,
  icon: rawUrl,
};

export const RewardDefinition = z.object({
  name: definitionName,
  handle: optionalText,
  type: optionalText,
  value: optionalNum,
  ...DisplayCopy,
});

export const Reward = z.object({
  id,
  value_initial: num,
  value_remaining: num,
  is_expired: bool,
  is_active: bool,
  issued_at: optionalTimestamp,
  expires_at: optionalTimestamp,
  timezone: optionalText,
  definition: RewardDefinition,
});
export type Reward = z.output<typeof Reward>;

// ── Benefits and redemptions (§2.5, §2.10) ──────────────────────────────────────────────────────────────

export const BenefitDefinition = z.object({
  name: definitionName,
  handle: optionalText,
  redeem_instructions_online: optionalText,
  redeem_instructions_store: optionalText,
  redeem_code_online: optionalText,
  redeem_code_pos: optionalText,
  allow_user_redeem: optionalBool,
  max_redemptions: optionalNum,
  ...DisplayCopy,
});

export const Benefit = z.object({
  id,
  issued_at: optionalTimestamp,
  expires_at: optionalTimestamp,
  timezone: optionalText,
  is_expired: bool,
  is_redeemable: bool,
  redemptions_remaining: optionalNum,
  value: optionalNum,
  redeem_code_online: optionalText,
  redeem_code_pos: optionalText,
  definition: BenefitDefinition,
});
export type Benefit = z.output<typeof Benefit>;

export const RedemptionItem = z.object({
  id: optionalId,
  type: optionalText,
  value: optionalNum,
  count: optionalNum,
});

export const Redemption = z.object({
  id,
  type: optionalText,
  total: optionalNum,
  total_localised: optionalNum,
  // The balances after the redemption: the same block as /balances (currency is usually absent here).
  balances: optionalObject(Balances),
  items: lenientArray(RedemptionItem),
  created_at: optionalTimestamp,
});
export type Redemption = z.output<typeof Redemption>;

// ── Tiers (§2.6, §2.7) ──────────────────────────────────────────────────────────────────────────────────

export const TierDefinition = z.object({
  id,
  name: text,
  handle: optionalText,
  is_floor: withDefault(optionalBool, false),
  value_min: withDefault(optionalNum, 0),
  value_maintain: withDefault(optionalNum, 0),
  ...DisplayCopy,
});
export type TierDefinition = z.output<typeof TierDefinition>;

export const TierProgress = z.object({
  is_floor: withDefault(optionalBool, false),
  current_tier: optionalObject(TierDefinition),
  next_tier: optionalObject(TierDefinition),
  prev_tier: optionalObject(TierDefinition),
  current_progress: withDefault(optionalNum, 0),
  current_credit: withDefault(optionalNum, 0),
  current_remain: optionalNum,
  next_progress: withDefault(optionalNum, 0),
  next_remain: optionalNum,
  total_points_12m: optionalNum,
  anniversary_at: optionalTimestamp,
  achieved_at: optionalTimestamp,
  next_progress_change_at: optionalTimestamp,
});
export type TierProgress = z.output<typeof TierProgress>;

// ── Lists and the wishlist (§2.8) ───────────────────────────────────────────────────────────────────────

export const ProductImage = z.object({ url: rawUrl, sort_order: optionalNum });
export const ProductOption = z.object({ name: text, value: text });

export const ProductVariant = z.object({
  id: optionalId,
  sku: optionalText,
  external_id: optionalId,
  title: optionalText,
  price: optionalNum,
  price_discounted: optionalNum,
  price_comparison: optionalNum,
  web_url: rawUrl,
  images: lenientArray(ProductImage),
  options: lenientArray(ProductOption),
  available_quantity: optionalNum,
});
export type ProductVariant = z.output<typeof ProductVariant>;

export const CustomProduct = z.object({
  sku: optionalText,
  title: optionalText,
  name: optionalText,
  price: optionalNum,
  image_url: rawUrl,
  web_url: rawUrl,
});

export const ListItem = z.object({
  id,
  quantity: withDefault(optionalNum, 1),
  position: optionalNum,
  created_at: optionalTimestamp,
  product_variant: optionalObject(ProductVariant),
  custom_product: optionalObject(CustomProduct),
  product: optionalObject(
    z.object({ title: optionalText, handle: optionalText, brand: optionalText, currency: currencyCode }),
  ),
});
export type ListItem = z.output<typeof ListItem>;

export const ListDefinition = z.object({ id: optionalId, handle: optionalText, name: optionalText, type: optionalText });

export const List = z.pipe(
  z.object({
    id,
    handle: optionalText,
    name: optionalText,
    description: optionalText,
    definition: optionalObject(ListDefinition),
    items: tolerantArray(ListItem),
  }),
  z.transform(({ items, ...list }) => ({ ...list, items: items.items, droppedItems: items.dropped })),
);
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
