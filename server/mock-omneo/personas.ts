import { CATALOGUE_SKUS, lookupVariant } from './catalogue.js';
import type { Row } from './types.js';

/**
 * Seed data, one persona per scenario the widgets must handle. Dates are written for SEED_NOW
 * (2025-11-26 01:00:00 UTC) and shifted on the way out (see dates.ts). Ava follows omneo-api.md
 * §2 exactly, quirks included; the others are consistent in the same way (point_balance = accrued,
 * active points; reward_balance = active, unexpired rewards; 100 points = $1).
 */

export type PersonaKey = 'ava' | 'zoe' | 'liam' | 'grace' | 'mallory' | 'olivia' | 'noor';

export interface PersonaInfo {
  key: PersonaKey;
  /** Display label for persona switchers. */
  label: string;
  /** Omneo profile UUID (the token's `pid`). */
  profileId: string;
  /** Shopify customer id, stored on the profile as the `shopify` identity. */
  shopifyCustomerId: string;
  /** What the persona is for. */
  covers: string;
}

export const PERSONAS: readonly PersonaInfo[] = [
  { key: 'ava', label: 'Ava Nguyen (Silver, 1,250 pts)', profileId: '5f0c9a2e-7b1d-4c6e-9a3f-2d8e1b6c4a70', shopifyCustomerId: '7321987654321', covers: 'The reference member of omneo-api.md: Silver 73% to Gold, 4 rewards (active, partly used, used, expired), 2 benefits, 2-item wishlist, points expiring soon, currency as an object' },
  { key: 'zoe', label: 'Zoe Park (new member)', profileId: '0b7e2c41-3d5a-4f8e-9c61-7a2d4e8b1f03', shopifyCustomerId: '7321987650011', covers: 'Empty states: zero points and balances, no rewards, no benefits, no lists at all, floor tier, currency as a plain string' },
  { key: 'liam', label: 'Liam Turner (Gold, near Platinum)', profileId: '2c9f6a8d-1e4b-4a7c-8d2f-5b3e9c7a6d14', shopifyCustomerId: '7321987650022', covers: 'Gold with 2,850 of 3,000 tier points (150 to Platinum), an unlimited self-redeemable benefit, ISO microsecond dates' },
  { key: 'grace', label: 'Grace Okafor (Platinum)', profileId: '3d8e7b9a-2f5c-4b6d-9e1a-6c4f8d2b7e25', shopifyCustomerId: '7321987650033', covers: 'Top tier: next_tier and next_remain null, next_progress 3420; several rewards and benefits' },
  { key: 'mallory', label: 'Mallory (hostile data)', profileId: '4e7f8c0b-3a6d-4c5e-8f2b-7d5a9e3c8f36', shopifyCustomerId: '7321987650044', covers: 'Markup and javascript: URLs in names, descriptions, titles, image and web URLs: everything must render as inert text' },
  { key: 'olivia', label: 'Olivia Chen (200-item wishlist)', profileId: '6a5b9d1c-4b7e-4d6f-9a3c-8e6b0f4d9a47', shopifyCustomerId: '7321987650055', covers: 'A 200-item wishlist with varied prices, options and images, plus a second non-wishlist list' },
  { key: 'noor', label: 'Noor Haddad (a product saved twice)', profileId: '7c1e4a2b-5d8f-4e3a-b6c9-9f2d1a7e5b58', shopifyCustomerId: '7321987650066', covers: 'A wishlist written by other channels too (in-store clienteling, the retailer\'s app): LS-SAND-M is in it twice, as items 89501 and 89503, with KN-NAVY-S between them' },
];

export function personaInfo(key: string): PersonaInfo | undefined {
  return PERSONAS.find((p) => p.key === key);
}

export interface PersonaSeed {
  profile: Row;
  balances: Row;
  points: Row[];
  rewards: Row[];
  benefits: Row[];
  tiers: Row;
  lists: Row[];
  transactions: Row[];
}

const XSS_IMG = '<img src=x onerror=alert(1)>';
const XSS_SCRIPT = '<script>alert(1)</script>';
const XSS_URL = 'javascript:alert(1)';

// ── tiers ─────────────────────────────────────────────────────────────────────────────────────

const MEMBER: Row = { id: 1, name: 'Member', handle: 'member', is_floor: true, value_min: 0, value_maintain: 0, short_description: null, image_url: null, long_description: null };
const SILVER: Row = { id: 2, name: 'Silver', handle: 'silver', is_floor: false, value_min: 500, value_maintain: '400', short_description: 'Free express shipping', image_url: '/storage/tiers/silver.png', long_description: null };
const GOLD: Row = { id: 3, name: 'Gold', handle: 'gold', is_floor: false, value_min: 1500, value_maintain: 1200, short_description: 'Double points weekends', image_url: '/storage/tiers/gold.png', long_description: '<p>Early access to sales.</p>' };
const PLATINUM: Row = { id: 4, name: 'Platinum', handle: 'platinum', is_floor: false, value_min: '3000', value_maintain: '2500', short_description: 'A personal stylist', image_url: '/storage/tiers/platinum.png', long_description: '<p>A personal stylist and <strong>private events</strong>.</p>' };

/**
 * The admin ladder (`GET /api/v3/tiers/definitions`, omneo-api.md §2.7) with the internal fields a
 * proxy must drop before it reaches a browser.
 */
export function tierLadder(): Row[] {
  const extra = (notes: string, tags: string[]): Row => ({
    icon: null,
    terms_conditions: null,
    earn_instructions: 'Earn 1 tier point per $1 spent.',
    disable_credit: false,
    tags,
    internal_notes: notes,
    created_at: '2021-06-01 00:00:00',
    updated_at: '2025-02-10T03:22:41.000000Z',
  });
  return [
    { ...MEMBER, ...extra('Default tier for every new profile.', []) },
    { ...SILVER, value_maintain: 400, ...extra('Margin review Q3: keep express shipping.', ['core']) },
    { ...GOLD, long_description: undefined, ...extra('Costs ~$4.10 per member per month.', ['core']) },
    { ...PLATINUM, long_description: undefined, ...extra('Stylist budget approved by J. Smith until 2026.', ['vip']) },
  ].map((tier) => JSON.parse(JSON.stringify(tier)) as Row);
}

// ── shared builders ───────────────────────────────────────────────────────────────────────────

function profile(info: PersonaInfo, fields: Row): Row {
  return {
    id: info.profileId,
    external_id: info.shopifyCustomerId,
    title: null,
    first_name: null,
    last_name: null,
    full_name: null,
    email: null,
    mobile_phone: null,
    currency: 'AUD',
    gender: null,
    profile_type: 'active',
    birth_day: null,
    birth_month: null,
    birth_year: null,
    avatar_url: null,
    timezone: 'Australia/Sydney',
    tags: [],
    statuses: [],
    attributes: {},
    custom_fields: {},
    identities: [{ id: Number(info.shopifyCustomerId.slice(-3)) + 300, handle: 'shopify', identifier: info.shopifyCustomerId, is_primary: true, is_active: '1' }],
    is_completed: true,
    ...fields,
  };
}

const currencyObject = (): Row => ({ id: 1, from: 'AUD', to: 'AUD', rate: '1.0000', is_system: true, created_at: '2021-06-01 00:00:00', updated_at: '2021-06-01 00:00:00' });

function balances(pointBalance: number, rewardBalance: number, currency: Row | string): Row {
  const pointDollars = pointBalance / 100;
  const combined = Math.round((pointDollars + rewardBalance) * 100) / 100;
  return {
    reward_balance: rewardBalance.toFixed(2),
    point_balance: pointBalance,
    point_balance_dollars: pointDollars.toFixed(2),
    benefit_balance: 0,
    credit_balance: '0.00',
    combined_balance_dollars: combined,
    localised: { reward_balance: rewardBalance, point_balance_dollars: pointDollars, combined_balance_dollars: combined },
    currency,
  };
}

const SHOPPING_POINTS: Row = { id: 3, name: 'Shopping points', handle: 'shopping-points', description: null };

function points(id: number, value: number | string, remaining: number | string, issuedAt: string, accruedAt: string | null, expiresAt: string | null, status = 'active'): Row {
  return { id, value_initial: value, value_remaining: remaining, issued_at: issuedAt, accrued_at: accruedAt, expires_at: expiresAt, status, source_type: 'transaction_item', rate: 1, description: null, meta: null, definition: { ...SHOPPING_POINTS } };
}

function tierProgress(info: PersonaInfo, fields: Row): Row {
  return {
    id: 4400 + PERSONAS.indexOf(info),
    profile_id: info.profileId,
    is_floor: false,
    current_tier: null,
    next_tier: null,
    prev_tier: null,
    current_credit: 0,
    current_progress: 0,
    current_remain: null,
    next_progress: 0,
    next_remain: null,
    total_points_12m: 0,
    total_points_achievement: null,
    next_progress_change_at: null,
    anniversary_at: null,
    achieved_at: null,
    maintained_at: null,
    assigned_at: null,
    ...fields,
  };
}

const listDefinition = (): Row => ({ id: 1, name: 'Wishlist', handle: 'wishlist', type: 'wishlist', allow_quantity: false, allow_share: true, allow_delete: true });

function listItem(id: number, listId: number, sku: string, position: number, createdAt: string, extra: Row = {}): Row {
  const { product_variant, product } = lookupVariant(sku);
  return { id, product_list_id: listId, quantity: 1, position, status: null, meta: null, created_at: createdAt, updated_at: createdAt, custom_product: null, product_variant, product, ...extra };
}

// ── personas ──────────────────────────────────────────────────────────────────────────────────

function ava(info: PersonaInfo): PersonaSeed {
  return {
    profile: profile(info, {
      first_name: 'Ava', last_name: 'Nguyen', full_name: 'Ava Nguyen', email: 'ava.nguyen@example.com', currency: 'AUD', gender: null, profile_type: 'active',
      birth_day: '9', birth_month: '11', birth_year: null, avatar_url: null, tier_handle: 'silver',
      tier: { id: 88, profile_id: info.profileId, name: 'Silver', handle: 'silver', achieved_at: '2025-03-14 05:12:40', anniversary_at: '2026-03-14 00:00:00', maintained_at: null },
      reward_balance: '35.00', point_balance: 1250, point_balance_dollars: 12.5, combined_balance_dollars: '47.50', tags: ['vip-candidate'], statuses: [],
      identities: [
        { id: 301, handle: 'shopify', identifier: '7321987654321', is_primary: true, is_active: '1' },
        { id: 302, handle: 'loyalty_card', identifier: '6009 4410 2231', is_primary: false, is_active: true },
      ],
      is_completed: true, joined_at: '2023-08-02 01:20:11', created_at: '2023-08-02 01:20:11', updated_at: '2025-11-20 22:41:05',
    }),
    balances: {
      reward_balance: '35.00', point_balance: 1250, point_balance_dollars: '12.50', benefit_balance: 0, credit_balance: '0.00', combined_balance_dollars: 47.5,
      localised: { reward_balance: 35, point_balance_dollars: 12.5, combined_balance_dollars: 47.5 },
      currency: currencyObject(),
    },
    points: [
      { id: 90211, value_initial: '600', value_remaining: '450', issued_at: '2025-06-20 03:14:09', accrued_at: '2025-07-20 03:14:09', expires_at: '2025-12-15 12:59:59',
        status: 'active', source_type: 'transaction_item', rate: 1, description: null, meta: null, definition: { ...SHOPPING_POINTS } },
      { id: 90587, value_initial: 800, value_remaining: 800, issued_at: '2025-10-04 02:31:09', accrued_at: '2025-11-03 02:31:09', expires_at: '2026-10-04 13:59:59',
        status: 'active', source_type: 'transaction_item', rate: { id: 2, handle: 'double-points', type: 'multiplier', rate: '2.00', is_default: false }, description: null, meta: [],
        definition: { ...SHOPPING_POINTS } },
      { id: 91002, value_initial: 200, value_remaining: 200, issued_at: '2025-11-24 09:30:00', accrued_at: '2025-12-24 09:30:00', expires_at: null,
        status: 'pending', source_type: 'transaction_item', rate: null, description: null, meta: null, definition: { ...SHOPPING_POINTS } },
    ],
    rewards: [
      { id: 55102, timezone: 'Australia/Sydney', value_initial: '20.00', value_remaining: '20.00', is_expired: false, is_active: true, extended_at: null,
        issued_at: '2025-11-08 13:00:00', issued_local_at: '2025-11-09 00:00:00', expires_at: '2025-12-08 12:59:59', expires_local_at: '2025-12-08 23:59:59',
        meta: null, created_at: '2025-11-08T13:00:02.000000Z', updated_at: '2025-11-08T13:00:02.000000Z',
        definition: { id: 14, name: 'Birthday $20', handle: 'birthday-20', type: 'birthday', value: 20, currency: 'AUD',
          short_description: 'A little something for your birthday', image_url: '/storage/rewards/birthday.png', icon: null,
          long_description: '<p>Happy birthday! Take <strong>$20</strong> off anything &amp; everything.</p>',
          terms_conditions: '<ul><li>Not valid on gift cards.</li><li>One per member.</li></ul>', internal_notes: 'Funded by marketing, cost centre 4410.' } },
      { id: 54877, timezone: 'Australia/Sydney', value_initial: 25, value_remaining: '15.00', is_expired: '0', is_active: '1', meta: [],
        issued_at: '2025-08-30 04:12:51', issued_local_at: '2025-08-30 14:12:51', expires_at: '2026-02-28 12:59:59', expires_local_at: '2026-02-28 23:59:59',
        created_at: '2025-08-30T04:12:52.000000Z', updated_at: '2025-10-04T02:31:10.000000Z',
        definition: { id: 9, name: '$25 spend reward', handle: 'spend-25', type: 'spend', value: '25.00', currency: 'AUD', short_description: null,
          image_url: 'https://cdn.example-retailer.com.au/loyalty/spend-25.jpg', icon: null, long_description: null, terms_conditions: null } },
      { id: 53120, timezone: 'Australia/Sydney', value_initial: 10, value_remaining: 0, is_expired: false, is_active: false, issued_at: '2025-07-01 00:00:00',
        expires_at: '2026-01-31 12:59:59', meta: null,
        definition: { id: 20, name: 'Welcome $10', handle: 'welcome-10', type: 'activation', value: 10, currency: 'AUD', short_description: null, image_url: null, icon: null, long_description: null, terms_conditions: null } },
      { id: 51004, timezone: 'Australia/Sydney', value_initial: '10.00', value_remaining: '10.00', is_expired: true, is_active: false, issued_at: '2025-07-02 14:00:00',
        expires_at: '2025-09-30 13:59:59', meta: null,
        definition: { id: 11, name: 'Winter bonus', handle: 'winter-bonus', type: 'campaign', value: 10, currency: 'AUD', short_description: 'Stay warm on us', image_url: null, icon: null, long_description: null, terms_conditions: null } },
    ],
    benefits: [
      { id: 7781, timezone: 'Australia/Sydney', issued_at: '2025-11-08 13:00:00', expires_at: '2025-12-14 12:59:59', claimed_at: null, is_expired: false,
        is_redeemable: true, redemptions_remaining: '1', total_global_redemptions_remaining: null, value: null, redeem_code_online: 'BDAY-7Q4K-2M', redeem_code_pos: '',
        definition: { id: 31, name: 'Birthday 20% off', handle: 'birthday-20-off', short_description: '20% off one full-price item',
          long_description: '<p>Use it online or in store during your birthday month.</p>', terms_conditions: '<p>Full-price items only.</p>',
          redeem_instructions_online: 'Enter the code at checkout.', redeem_instructions_store: 'Show this screen to our team.', redeem_code_online: 'BIRTHDAY20',
          redeem_code_pos: 'BDAY20', image_url: '/storage/benefits/birthday.png', icon: null, allow_user_redeem: true, max_redemptions: 1 } },
      { id: 7790, timezone: 'Australia/Sydney', issued_at: '2025-03-14 05:12:41', expires_at: '2026-03-14 12:59:59', claimed_at: null, is_expired: 0,
        is_redeemable: 1, redemptions_remaining: 3, total_global_redemptions_remaining: null, value: '15.00', redeem_code_online: null, redeem_code_pos: null,
        definition: { id: 12, name: 'Free express shipping', handle: 'silver-free-express', short_description: 'Silver members ship express free',
          long_description: null, terms_conditions: null, redeem_instructions_online: 'Use the code at checkout.', redeem_instructions_store: null,
          redeem_code_online: 'SHIPFREE', redeem_code_pos: null, image_url: null, icon: 'https://cdn.example-retailer.com.au/icons/truck.svg',
          allow_user_redeem: false, max_redemptions: 3 } },
    ],
    tiers: tierProgress(info, {
      id: 4410, is_floor: false, current_tier: { ...SILVER }, next_tier: { ...GOLD }, prev_tier: { ...MEMBER },
      current_credit: 50, current_progress: '300', current_remain: 50, next_progress: 1100, next_remain: 400, total_points_12m: 1100, total_points_achievement: 300,
      next_progress_change_at: '2025-12-02 00:00:00', anniversary_at: '2026-03-14 00:00:00', achieved_at: '2025-03-14 05:12:40', maintained_at: null, assigned_at: null,
    }),
    lists: [
      { id: 6021, name: 'Wishlist', handle: 'wishlist', description: null, is_shared: false, shares: [], tags: [], definition: listDefinition(),
        items: [
          { id: 88310, product_list_id: 6021, quantity: 1, position: 0, status: null, meta: null, created_at: '2025-11-02 08:44:10',
            product_variant: { id: 14551, sku: 'LS-SAND-M', external_id: '44556677001', barcode: '9351234000123', title: 'Linen Relaxed Shirt - Sand / M',
              price: '129.95', price_discounted: null, web_url: 'https://shop.example.com.au/products/linen-relaxed-shirt?variant=44556677001',
              images: [{ url: '/products/ls-sand-1.jpg', sort_order: 1 }], options: [{ name: 'Colour', value: 'Sand' }, { name: 'Size', value: 'M' }] },
            product: { id: 2210, title: 'Linen Relaxed Shirt', handle: 'linen-relaxed-shirt', brand: 'Harbour & Co', currency: 'AUD' } },
          { id: 88342, product_list_id: 6021, quantity: '1', position: 1, status: null, meta: { source: 'pdp' }, created_at: '2025-11-19 21:03:55',
            product_variant: { id: 15002, sku: 'KN-NAVY-S', external_id: '44556677342', barcode: null, title: 'Merino Crew Knit - Navy / S', price: 89,
              price_discounted: '69.00', web_url: null, images: [], options: [{ name: 'Colour', value: 'Navy' }, { name: 'Size', value: 'S' }] },
            product: { id: 2302, title: 'Merino Crew Knit', handle: 'merino-crew-knit', brand: null, currency: null } },
        ],
        created_at: '2025-05-10 06:00:00', updated_at: '2025-11-19 21:03:55' },
    ],
    transactions: [
      { id: 771203, external_id: '5829301772', receipt_ref: '#1042', order_number: '1042', transacted_at: '2025-10-04 02:31:09',
        timezone: 'Australia/Sydney', total: '149.90', currency: 'AUD', is_void: false, systems: ['web'], type: 'sale', status: null,
        location: { id: 12, name: 'Online store' }, redemption: null,
        items: [
          { id: 1900331, name: 'Linen Relaxed Shirt - Sand / M', sku: 'LS-SAND-M', quantity: '1', price_sell: '129.95', price_original: 129.95,
            discounts: [], is_void: false, product: { title: 'Linen Relaxed Shirt', brand: 'Harbour & Co', department: 'Menswear' } },
          { id: 1900332, name: 'Express shipping', sku: null, quantity: 1, price_sell: 19.95, price_original: 19.95, discounts: [], is_void: false, product: null },
        ] },
      { id: 768840, external_id: 'POS-0031-118842', receipt_ref: 'R0031-118842', order_number: null, transacted_at: '2025-08-15T06:12:33.000000Z',
        timezone: 'Australia/Sydney', total: 89, currency: 'AUD', is_void: '0', systems: ['pos'], type: 'sale', status: 'complete',
        location: { id: 31, name: 'Paddington' }, redemption: { id: 118002, total: '10.00' },
        items: [
          { id: 1887001, name: 'Merino Crew Knit - Oat / S', sku: 'KN-OAT-S', quantity: 1, price_sell: '79.00', price_original: '89.00',
            discounts: [{ name: 'Reward', value: '10.00' }], is_void: false, product: { title: 'Merino Crew Knit', brand: null, department: 'Menswear' } },
        ] },
      { id: 760115, external_id: '5829300019', receipt_ref: '#1017', order_number: '1017', transacted_at: '2025-06-20 03:14:09',
        timezone: 'Australia/Sydney', total: '600.00', currency: 'AUD', is_void: true, systems: ['web'], type: 'sale', status: 'refunded',
        location: { id: 12, name: 'Online store' }, redemption: null,
        items: [
          { id: 1861200, name: 'Cashmere Cardigan - Oat / S', sku: 'CC-OAT-S', quantity: '2', price_sell: '300.00', price_original: '329.00',
            discounts: [{ name: 'Mid-season sale', value: '29.00' }], is_void: true, product: { title: 'Cashmere Cardigan', brand: 'Harbour & Co', department: 'Womenswear' } },
        ] },
    ],
  };
}

function zoe(info: PersonaInfo): PersonaSeed {
  return {
    profile: profile(info, {
      first_name: 'Zoe', last_name: 'Park', full_name: 'Zoe Park', email: 'zoe.park@example.com', profile_type: 'active', tier_handle: 'member',
      tier: { id: 97, profile_id: info.profileId, name: 'Member', handle: 'member', achieved_at: '2025-11-25 22:14:03', anniversary_at: '2026-11-25 00:00:00', maintained_at: null },
      reward_balance: 0, point_balance: 0, point_balance_dollars: 0, combined_balance_dollars: 0,
      joined_at: '2025-11-25 22:14:03', created_at: '2025-11-25 22:14:03', updated_at: '2025-11-25 22:14:03',
    }),
    balances: { reward_balance: 0, point_balance: 0, point_balance_dollars: 0, benefit_balance: 0, credit_balance: null, combined_balance_dollars: 0, currency: 'AUD' },
    points: [],
    rewards: [],
    benefits: [],
    tiers: tierProgress(info, {
      is_floor: true, current_tier: { ...MEMBER }, next_tier: { ...SILVER }, prev_tier: null,
      current_credit: 0, current_progress: 0, current_remain: 0, next_progress: 0, next_remain: 500, total_points_12m: 0,
      anniversary_at: '2026-11-25 00:00:00', achieved_at: '2025-11-25 22:14:03',
    }),
    lists: [],
    transactions: [],
  };
}

function liam(info: PersonaInfo): PersonaSeed {
  return {
    profile: profile(info, {
      first_name: 'Liam', last_name: 'Turner', full_name: 'Liam Turner', email: 'liam.turner@example.com', tier_handle: 'gold', birth_day: 2, birth_month: 4, birth_year: 1988,
      tier: { id: 112, profile_id: info.profileId, name: 'Gold', handle: 'gold', achieved_at: '2025-06-30T08:00:00.000000Z', anniversary_at: '2026-06-30T00:00:00.000000Z', maintained_at: null },
      reward_balance: '10.00', point_balance: '2140', point_balance_dollars: '21.40', combined_balance_dollars: '31.40', tags: ['gold'],
      joined_at: '2021-02-11T23:05:40.000000Z', created_at: '2021-02-11T23:05:40.000000Z', updated_at: '2025-11-21T04:00:00.000000Z',
    }),
    balances: balances(2140, 10, currencyObject()),
    points: [
      points(92010, 1340, 1340, '2025-06-30T08:00:00.000000Z', '2025-07-30T08:00:00.000000Z', '2026-06-30T13:59:59.000000Z'),
      points(92544, '800', '800', '2025-10-18 01:00:00', '2025-11-17 01:00:00', '2026-10-18 12:59:59'),
    ],
    rewards: [
      { id: 56010, timezone: 'Australia/Sydney', value_initial: 10, value_remaining: 10, is_expired: false, is_active: true, extended_at: null,
        issued_at: '2025-06-30T08:00:00.000000Z', expires_at: '2026-01-15T12:59:59.000000Z', expires_local_at: '2026-01-15 23:59:59', meta: {},
        definition: { id: 22, name: 'Gold welcome $10', handle: 'gold-welcome-10', type: 'tier', value: 10, currency: 'AUD', short_description: 'Welcome to Gold',
          image_url: '/storage/rewards/gold.png', icon: null, long_description: '<p>Thanks for shopping with us.<br>Enjoy $10 off.</p>', terms_conditions: null } },
    ],
    benefits: [
      { id: 7812, timezone: 'Australia/Sydney', issued_at: '2025-06-30T08:00:00.000000Z', expires_at: null, claimed_at: null, is_expired: false,
        is_redeemable: false, redemptions_remaining: null, value: null, redeem_code_online: null, redeem_code_pos: null,
        definition: { id: 40, name: 'Double points weekends', handle: 'gold-double-points', short_description: 'Earn 2× points every weekend', long_description: null,
          terms_conditions: null, redeem_instructions_online: null, redeem_instructions_store: null, redeem_code_online: null, redeem_code_pos: null,
          image_url: null, icon: null, allow_user_redeem: false, max_redemptions: null } },
      { id: 7815, timezone: 'Australia/Sydney', issued_at: '2025-06-30T08:00:00.000000Z', expires_at: '2026-06-30T13:59:59.000000Z', claimed_at: null, is_expired: false,
        is_redeemable: true, redemptions_remaining: null, value: '25.00', redeem_code_online: 'ALTER-GOLD-88', redeem_code_pos: 'ALTER88',
        definition: { id: 41, name: 'Free alterations', handle: 'gold-alterations', short_description: 'Free hemming and tailoring', long_description: '<p>Book at any store.</p>',
          terms_conditions: '<p>Up to $25 per garment.</p>', redeem_instructions_online: 'Mark as used when you book.', redeem_instructions_store: 'Show this screen.',
          redeem_code_online: null, redeem_code_pos: null, image_url: '/storage/benefits/alterations.png', icon: null, allow_user_redeem: '1', max_redemptions: null } },
    ],
    tiers: tierProgress(info, {
      is_floor: false, current_tier: { ...GOLD }, next_tier: { ...PLATINUM }, prev_tier: { ...SILVER },
      current_credit: 0, current_progress: 1350, current_remain: 0, next_progress: '2850', next_remain: '150', total_points_12m: 2850, total_points_achievement: 1500,
      next_progress_change_at: '2025-12-01 00:00:00', anniversary_at: '2026-06-30T00:00:00.000000Z', achieved_at: '2025-06-30T08:00:00.000000Z',
    }),
    lists: [
      { id: 6100, name: 'Wishlist', handle: 'wishlist', description: null, is_shared: false, shares: [], tags: [], definition: listDefinition(),
        items: [listItem(89001, 6100, 'OX-BLUE-L', 0, '2025-11-12T09:15:00.000000Z')],
        created_at: '2024-01-05 03:00:00', updated_at: '2025-11-12T09:15:00.000000Z' },
    ],
    transactions: [
      { id: 772001, external_id: '5829309001', receipt_ref: '#1101', order_number: '1101', transacted_at: '2025-10-18 01:00:00', timezone: 'Australia/Sydney',
        total: '399.80', currency: 'AUD', is_void: false, systems: ['web'], type: 'sale', status: null, location: { id: 12, name: 'Online store' }, redemption: null,
        items: [{ id: 1901001, name: 'Oxford Shirt - White / L', sku: 'OX-WHITE-L', quantity: 4, price_sell: 99.95, price_original: 99.95, discounts: [], is_void: false,
          product: { title: 'Oxford Shirt', brand: null, department: 'Menswear' } }] },
    ],
  };
}

function grace(info: PersonaInfo): PersonaSeed {
  return {
    profile: profile(info, {
      first_name: 'Grace', last_name: 'Okafor', full_name: 'Grace Okafor', email: 'grace.okafor@example.com', tier_handle: 'platinum',
      tier: { id: 140, profile_id: info.profileId, name: 'Platinum', handle: 'platinum', achieved_at: '2024-09-01 02:00:00', anniversary_at: '2026-09-01 00:00:00', maintained_at: '2025-09-01 00:00:00' },
      reward_balance: 58, point_balance: 5620, point_balance_dollars: 56.2, combined_balance_dollars: 114.2, tags: ['vip', 'stylist'],
      avatar_url: '/storage/avatars/grace.jpg',
      joined_at: '2019-04-20 10:11:12', created_at: '2019-04-20 10:11:12', updated_at: '2025-11-25 08:00:00',
    }),
    balances: balances(5620, 58, currencyObject()),
    points: [
      points(93001, 3000, 2820, '2025-01-10 00:00:00', '2025-02-09 00:00:00', '2026-01-10 12:59:59'),
      points(93100, 2800, 2800, '2025-09-12 05:00:00', '2025-10-12 05:00:00', '2026-09-12 13:59:59'),
      points(93205, 150, 150, '2025-11-25 05:00:00', '2025-12-25 05:00:00', null, 'pending'),
    ],
    rewards: [
      { id: 57001, timezone: 'Australia/Sydney', value_initial: '50.00', value_remaining: '50.00', is_expired: false, is_active: true, issued_at: '2025-09-01 00:00:00',
        expires_at: '2026-03-01 12:59:59', meta: null,
        definition: { id: 25, name: 'Platinum $50', handle: 'platinum-50', type: 'tier', value: 50, currency: 'AUD', short_description: 'Your Platinum thank-you',
          image_url: '/storage/rewards/platinum.png', icon: null, long_description: null, terms_conditions: '<p>Not valid on gift cards.</p>' } },
      { id: 57002, timezone: 'Australia/Sydney', value_initial: 20, value_remaining: '8.00', is_expired: false, is_active: true, issued_at: '2025-10-20 13:00:00',
        expires_at: '2025-12-20 12:59:59', meta: null,
        definition: { id: 14, name: 'Birthday $20', handle: 'birthday-20', type: 'birthday', value: 20, currency: 'AUD', short_description: 'A little something for your birthday',
          image_url: '/storage/rewards/birthday.png', icon: null, long_description: null, terms_conditions: null } },
    ],
    benefits: [
      { id: 7901, timezone: 'Australia/Sydney', issued_at: '2025-09-01 00:00:00', expires_at: '2026-09-01 13:59:59', claimed_at: null, is_expired: false,
        is_redeemable: true, redemptions_remaining: 2, value: null, redeem_code_online: null, redeem_code_pos: null,
        definition: { id: 50, name: 'Personal styling session', handle: 'platinum-styling', short_description: 'An hour with a stylist', long_description: '<p>Online or in store.</p>',
          terms_conditions: null, redeem_instructions_online: 'Redeem here and we will call you.', redeem_instructions_store: null, redeem_code_online: 'STYLE-PLAT',
          redeem_code_pos: null, image_url: '/storage/benefits/styling.png', icon: null, allow_user_redeem: true, max_redemptions: 2 } },
      { id: 7902, timezone: 'Australia/Sydney', issued_at: '2025-09-01 00:00:00', expires_at: null, claimed_at: null, is_expired: false,
        is_redeemable: true, redemptions_remaining: null, value: null, redeem_code_online: '', redeem_code_pos: '',
        definition: { id: 51, name: 'Free express shipping', handle: 'platinum-free-express', short_description: 'Always', long_description: null, terms_conditions: null,
          redeem_instructions_online: 'Use the code at checkout.', redeem_instructions_store: null, redeem_code_online: 'SHIPFREE', redeem_code_pos: null,
          image_url: null, icon: null, allow_user_redeem: false, max_redemptions: null } },
      { id: 7903, timezone: 'Australia/Sydney', issued_at: '2025-06-01 00:00:00', expires_at: '2025-11-01 12:59:59', claimed_at: null, is_expired: true,
        is_redeemable: false, redemptions_remaining: 0, value: null, redeem_code_online: 'EARLY-ACCESS', redeem_code_pos: null,
        definition: { id: 52, name: 'Winter sale early access', handle: 'early-access', short_description: null, long_description: null, terms_conditions: null,
          redeem_instructions_online: null, redeem_instructions_store: null, redeem_code_online: null, redeem_code_pos: null, image_url: null, icon: null, allow_user_redeem: true, max_redemptions: 1 } },
    ],
    tiers: tierProgress(info, {
      is_floor: false, current_tier: { ...PLATINUM }, next_tier: null, prev_tier: { ...GOLD },
      current_credit: 420, current_progress: 2300, current_remain: 0, next_progress: 3420, next_remain: null, total_points_12m: 3420, total_points_achievement: 3000,
      anniversary_at: '2026-09-01 00:00:00', achieved_at: '2024-09-01 02:00:00', maintained_at: '2025-09-01 00:00:00',
    }),
    lists: [
      { id: 6200, name: 'Wishlist', handle: 'wishlist', description: 'Things I love', is_shared: true, shares: [], tags: [], definition: listDefinition(),
        items: [
          listItem(89101, 6200, 'CC-CAMEL-S', 0, '2025-10-01 00:00:00'),
          listItem(89102, 6200, 'SG-TORTOISE', 1, '2025-10-02 00:00:00'),
          listItem(89103, 6200, 'DR-INK-10', 2, '2025-11-20T10:00:00.000000Z'),
        ],
        created_at: '2019-05-01 00:00:00', updated_at: '2025-11-20T10:00:00.000000Z' },
    ],
    transactions: [],
  };
}

function mallory(info: PersonaInfo): PersonaSeed {
  const hostileVariant = (sku: string): Row => {
    const { product_variant, product } = lookupVariant(sku);
    return {
      product_variant: { ...product_variant, title: `${XSS_IMG}${product_variant.title}`, web_url: XSS_URL, images: [{ url: XSS_URL, sort_order: 1 }],
        options: [{ name: 'Colour', value: XSS_SCRIPT }, { name: `${XSS_IMG}Size`, value: 'M' }] },
      product: { ...product, title: XSS_SCRIPT, brand: XSS_IMG },
    };
  };
  return {
    profile: profile(info, {
      first_name: XSS_IMG, last_name: XSS_SCRIPT, full_name: `${XSS_IMG} ${XSS_SCRIPT}`, email: 'mallory@example.com', avatar_url: XSS_URL, tier_handle: 'silver',
      tier: { id: 150, profile_id: info.profileId, name: XSS_IMG, handle: 'silver', achieved_at: '2025-05-01 00:00:00', anniversary_at: '2026-05-01 00:00:00', maintained_at: null },
      reward_balance: '10.00', point_balance: 500, point_balance_dollars: '5.00', combined_balance_dollars: '15.00', tags: [XSS_SCRIPT],
      joined_at: '2024-05-01 00:00:00', created_at: '2024-05-01 00:00:00', updated_at: '2025-11-01 00:00:00',
    }),
    balances: balances(500, 10, currencyObject()),
    points: [{ ...points(94001, 500, 500, '2025-09-01 00:00:00', '2025-10-01 00:00:00', '2025-12-10 12:59:59'), description: XSS_SCRIPT,
      definition: { id: 3, name: XSS_IMG, handle: 'shopping-points', description: XSS_SCRIPT } }],
    rewards: [
      { id: 58001, timezone: 'Australia/Sydney', value_initial: 10, value_remaining: 10, is_expired: false, is_active: true, issued_at: '2025-11-01 00:00:00',
        expires_at: '2025-12-20 12:59:59', meta: { note: XSS_SCRIPT },
        definition: { id: 60, name: `${XSS_IMG}Birthday $10`, handle: 'xss-10', type: XSS_SCRIPT, value: 10, currency: 'AUD', short_description: XSS_SCRIPT,
          image_url: XSS_URL, icon: XSS_URL,
          long_description: `<p onclick="alert(1)">Hello</p>${XSS_SCRIPT}${XSS_IMG}<a href="${XSS_URL}">click</a><iframe src="${XSS_URL}"></iframe>`,
          terms_conditions: `<a href="${XSS_URL}">terms</a><style>body{display:none}</style>` } },
    ],
    benefits: [
      { id: 7951, timezone: 'Australia/Sydney', issued_at: '2025-11-01 00:00:00', expires_at: '2026-01-31 12:59:59', claimed_at: null, is_expired: false,
        is_redeemable: true, redemptions_remaining: 1, value: null, redeem_code_online: `${XSS_SCRIPT}CODE`, redeem_code_pos: XSS_IMG,
        definition: { id: 61, name: XSS_IMG, handle: 'xss-benefit', short_description: XSS_SCRIPT, long_description: `<p>${XSS_IMG}</p>`, terms_conditions: XSS_SCRIPT,
          redeem_instructions_online: `${XSS_IMG} at checkout`, redeem_instructions_store: XSS_SCRIPT, redeem_code_online: XSS_SCRIPT, redeem_code_pos: null,
          image_url: XSS_URL, icon: XSS_URL, allow_user_redeem: true, max_redemptions: 1 } },
    ],
    tiers: tierProgress(info, {
      is_floor: false, current_tier: { ...SILVER, name: XSS_IMG, short_description: XSS_SCRIPT, image_url: XSS_URL, long_description: XSS_SCRIPT },
      next_tier: { ...GOLD, name: XSS_SCRIPT, image_url: XSS_URL }, prev_tier: { ...MEMBER },
      current_credit: 0, current_progress: 200, current_remain: 200, next_progress: 700, next_remain: 800, total_points_12m: 700,
      anniversary_at: '2026-05-01 00:00:00', achieved_at: '2025-05-01 00:00:00',
    }),
    lists: [
      { id: 6300, name: XSS_IMG, handle: 'wishlist', description: XSS_SCRIPT, is_shared: false, shares: [], tags: [], definition: listDefinition(),
        items: [
          { id: 89201, product_list_id: 6300, quantity: 1, position: 0, status: null, meta: null, created_at: '2025-11-10 00:00:00', ...hostileVariant('TS-BLACK-M') },
          { id: 89202, product_list_id: 6300, quantity: 1, position: 1, status: null, meta: null, created_at: '2025-11-11 00:00:00', product_variant: null,
            product: null, custom_product: { sku: 'CUSTOM-1', title: XSS_SCRIPT, image_url: XSS_URL, web_url: XSS_URL, price: '10.00' } },
        ],
        created_at: '2025-01-01 00:00:00', updated_at: '2025-11-11 00:00:00' },
    ],
    transactions: [
      { id: 773001, external_id: XSS_SCRIPT, receipt_ref: XSS_IMG, order_number: XSS_SCRIPT, transacted_at: '2025-11-01 00:00:00', timezone: 'Australia/Sydney',
        total: '39.95', currency: 'AUD', is_void: false, systems: ['web'], type: 'sale', status: null, location: { id: 99, name: XSS_IMG }, redemption: null,
        items: [{ id: 1902001, name: XSS_SCRIPT, sku: 'TS-BLACK-M', quantity: 1, price_sell: '39.95', price_original: '39.95', discounts: [], is_void: false, product: null }] },
    ],
  };
}

function olivia(info: PersonaInfo): PersonaSeed {
  const listId = 6400;
  const day = 24 * 3600 * 1000;
  const base = Date.UTC(2024, 10, 26, 1, 0, 0);
  const items = CATALOGUE_SKUS.map((sku, i) => {
    // Spread over the past year; every 7th item in the ISO form to exercise both parsers.
    const created = new Date(base + Math.floor((i * 365 * day) / CATALOGUE_SKUS.length) + (i % 24) * 3600 * 1000);
    const iso = created.toISOString().replace(/\.\d{3}Z$/, '.000000Z');
    const laravel = iso.replace('T', ' ').replace(/\.\d+Z$/, '');
    return listItem(90000 + i, listId, sku, i, i % 7 === 3 ? iso : laravel, {
      quantity: i % 11 === 0 ? '1' : 1,
      meta: i % 5 === 0 ? { source: 'pdp' } : i % 5 === 1 ? [] : null,
    });
  });
  return {
    profile: profile(info, {
      first_name: 'Olivia', last_name: 'Chen', full_name: 'Olivia Chen', email: 'olivia.chen@example.com', tier_handle: 'silver',
      tier: { id: 160, profile_id: info.profileId, name: 'Silver', handle: 'silver', achieved_at: '2025-02-01 00:00:00', anniversary_at: '2026-02-01 00:00:00', maintained_at: null },
      reward_balance: 0, point_balance: 640, point_balance_dollars: 6.4, combined_balance_dollars: 6.4,
      joined_at: '2022-07-07 07:07:07', created_at: '2022-07-07 07:07:07', updated_at: '2025-11-25 00:00:00',
    }),
    balances: balances(640, 0, currencyObject()),
    points: [points(95001, 640, 640, '2025-08-01 00:00:00', '2025-08-31 00:00:00', '2026-08-01 13:59:59')],
    rewards: [],
    benefits: [
      { id: 7990, timezone: 'Australia/Sydney', issued_at: '2025-02-01 00:00:00', expires_at: '2026-02-01 12:59:59', claimed_at: null, is_expired: false,
        is_redeemable: true, redemptions_remaining: 3, value: '15.00', redeem_code_online: null, redeem_code_pos: null,
        definition: { id: 12, name: 'Free express shipping', handle: 'silver-free-express', short_description: 'Silver members ship express free', long_description: null,
          terms_conditions: null, redeem_instructions_online: 'Use the code at checkout.', redeem_instructions_store: null, redeem_code_online: 'SHIPFREE', redeem_code_pos: null,
          image_url: null, icon: 'https://cdn.example-retailer.com.au/icons/truck.svg', allow_user_redeem: false, max_redemptions: 3 } },
    ],
    tiers: tierProgress(info, {
      is_floor: false, current_tier: { ...SILVER }, next_tier: { ...GOLD }, prev_tier: { ...MEMBER },
      current_credit: 0, current_progress: 640, current_remain: 0, next_progress: 640, next_remain: 860, total_points_12m: 640,
      anniversary_at: '2026-02-01 00:00:00', achieved_at: '2025-02-01 00:00:00',
    }),
    lists: [
      // A non-wishlist list with a lower id, so a lookup by handle (not "the first list") is required.
      { id: 6399, name: 'Gift ideas', handle: 'gift-ideas', description: 'For Mum', is_shared: false, shares: [], tags: ['gifts'],
        definition: { id: 2, name: 'Gift list', handle: 'gift-list', type: 'list', allow_quantity: true, allow_share: true, allow_delete: true },
        items: [listItem(89990, 6399, 'SC-CAMEL', 0, '2025-11-01 00:00:00', { quantity: 2 })], created_at: '2025-11-01 00:00:00', updated_at: '2025-11-01 00:00:00' },
      { id: listId, name: 'Wishlist', handle: 'wishlist', description: null, is_shared: false, shares: [], tags: [], definition: listDefinition(), items,
        created_at: '2022-07-07 07:07:07', updated_at: '2025-11-25 00:00:00' },
    ],
    transactions: [],
  };
}

/**
 * Omneo's answer to a second add of a sku already in a list is undocumented (omneo-api.md §2.8; this mock returns
 * the existing item), and lists are written by other channels too (the retailer's app, in-store clienteling,
 * imports, older storefront apps): a wishlist may hold one sku more than once. Noor's does.
 */
function noor(info: PersonaInfo): PersonaSeed {
  const listId = 6500;
  return {
    profile: profile(info, {
      first_name: 'Noor', last_name: 'Haddad', full_name: 'Noor Haddad', email: 'noor.haddad@example.com', tier_handle: 'member',
      tier: { id: 170, profile_id: info.profileId, name: 'Member', handle: 'member', achieved_at: '2025-04-01 00:00:00', anniversary_at: '2026-04-01 00:00:00', maintained_at: null },
      reward_balance: 0, point_balance: 320, point_balance_dollars: 3.2, combined_balance_dollars: 3.2,
      joined_at: '2025-04-01 00:00:00', created_at: '2025-04-01 00:00:00', updated_at: '2025-11-22 00:00:00',
    }),
    balances: balances(320, 0, currencyObject()),
    points: [points(96001, 320, 320, '2025-09-01 00:00:00', '2025-10-01 00:00:00', '2026-09-01 13:59:59')],
    rewards: [],
    benefits: [],
    tiers: tierProgress(info, {
      is_floor: true, current_tier: { ...MEMBER }, next_tier: { ...SILVER }, prev_tier: null,
      current_credit: 0, current_progress: 320, current_remain: 0, next_progress: 320, next_remain: 180, total_points_12m: 320,
      anniversary_at: '2026-04-01 00:00:00', achieved_at: '2025-04-01 00:00:00',
    }),
    lists: [
      { id: listId, name: 'Wishlist', handle: 'wishlist', description: null, is_shared: false, shares: [], tags: [], definition: listDefinition(),
        items: [
          listItem(89501, listId, 'LS-SAND-M', 0, '2025-10-12 03:00:00', { meta: { source: 'clienteling' } }),
          listItem(89502, listId, 'KN-NAVY-S', 1, '2025-11-01 09:30:00'),
          listItem(89503, listId, 'LS-SAND-M', 2, '2025-11-22 00:00:00', { meta: { source: 'app' } }),
        ],
        created_at: '2025-04-01 00:00:00', updated_at: '2025-11-22 00:00:00' },
    ],
    transactions: [],
  };
}

const BUILDERS: Record<PersonaKey, (info: PersonaInfo) => PersonaSeed> = { ava, zoe, liam, grace, mallory, olivia, noor };

/** A fresh, independent copy of a persona's seed. */
export function seedPersona(key: PersonaKey): PersonaSeed {
  const info = personaInfo(key);
  if (!info) throw new Error(`Unknown persona ${key}`);
  return structuredClone(BUILDERS[key](info));
}
