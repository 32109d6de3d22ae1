import { hmacKey, hmacSha256Hex, verifyHmacHex } from './encoding.js';
import type { IdentityAdapter, IdentityResult } from './types.js';

/**
 * Shopify app proxy (omneo-api.md §1.6). The widget calls a same-origin path such as
 * `/apps/omneo/token`; Shopify forwards it here and appends `shop`, `logged_in_customer_id`,
 * `path_prefix`, `timestamp` and `signature` = hex HMAC-SHA256(app secret, the other parameters as
 * sorted `key=value` strings, repeated keys' values joined by `,`, concatenated without separator).
 * Shopify's signature has no nonce, so ours adds what it lacks: a bounded timestamp window and a
 * configured shop.
 */

/** The parameters Shopify appends; pass-through removes them before forwarding a query string. */
export const SHOPIFY_PROXY_PARAMS = ['shop', 'logged_in_customer_id', 'path_prefix', 'timestamp', 'signature'] as const;

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;
const CUSTOMER_ID = /^[1-9][0-9]{0,19}$/;

export interface ShopifyAppProxyOptions {
  /** The app's client secret (Partner dashboard → app → Client credentials). */
  secret: string;
  /** `*.myshopify.com` domains this proxy serves; a signed request from any other shop is refused. */
  shops: string[];
  /** Omneo identity handle for Shopify customer ids; default `shopify`. */
  idHandle?: string;
  /** Largest accepted |now − timestamp|; default 300 s (§1.5 rule 2). */
  maxSkewSeconds?: number;
  /** Clock in ms; default Date.now. */
  now?: () => number;
}

/** Shopify's message for a parsed query: exported for storefront tests and tooling. */
export function shopifySignatureMessage(params: URLSearchParams): string {
  const grouped = new Map<string, string[]>();
  for (const [key, value] of params) {
    if (key === 'signature') continue;
    const values = grouped.get(key) ?? [];
    values.push(value);
    grouped.set(key, values);
  }
  return [...grouped].map(([key, values]) => `${key}=${values.join(',')}`).sort().join('');
}

/** Signs a query the way Shopify does (tests, local development without Shopify). Returns the query with `signature` appended. */
export async function signShopifyProxyQuery(secret: string, params: Record<string, string | string[]>): Promise<URLSearchParams> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const v of Array.isArray(value) ? value : [value]) query.append(key, v);
  query.set('signature', await hmacSha256Hex(await hmacKey(secret), shopifySignatureMessage(query)));
  return query;
}

export function normaliseShopDomain(shop: string): string | null {
  const domain = shop.trim().toLowerCase().replace(/^https:\/\//, '').replace(/\/$/, '');
  return SHOP_DOMAIN.test(domain) ? domain : null;
}

export function shopifyAppProxyAdapter(options: ShopifyAppProxyOptions): IdentityAdapter {
  if (!options.secret) throw new TypeError('shopifyAppProxyAdapter needs the app secret');
  const shops = new Set(options.shops.map((shop) => normaliseShopDomain(shop)));
  if (!options.shops.length || shops.has(null)) throw new TypeError('shopifyAppProxyAdapter needs shops as *.myshopify.com domains');
  const maxSkew = options.maxSkewSeconds ?? 300;
  const idHandle = options.idHandle ?? 'shopify';
  const now = options.now ?? Date.now;

  return {
    name: 'shopify-app-proxy',
    async verify(request): Promise<IdentityResult> {
      const params = new URL(request.url).searchParams;
      const signatures = params.getAll('signature');
      if (signatures.length === 0) return null;
      if (signatures.length !== 1 || !/^[0-9a-f]{64}$/.test(signatures[0]!)) return { refuse: 'malformed-signature' };
      // The signature is checked before anything it covers is believed.
      const valid = await verifyHmacHex(await hmacKey(options.secret), shopifySignatureMessage(params), signatures[0]!);
      if (!valid) return { refuse: 'bad-signature' };
      const single = (name: string) => (params.getAll(name).length === 1 ? params.get(name)! : null);
      const timestamp = single('timestamp');
      if (timestamp === null || !/^[0-9]{1,12}$/.test(timestamp)) return { refuse: 'malformed-timestamp' };
      if (Math.abs(Math.floor(now() / 1000) - Number(timestamp)) > maxSkew) return { refuse: 'stale-timestamp' };
      const shop = single('shop');
      if (shop === null || !shops.has(shop.toLowerCase())) return { refuse: 'unknown-shop' };
      const customer = single('logged_in_customer_id');
      if (customer === null) return { refuse: 'malformed-customer' };
      if (customer === '') return { signedOut: true };
      if (!CUSTOMER_ID.test(customer)) return { refuse: 'malformed-customer' };
      return { customerId: customer, idHandle };
    },
  };
}
