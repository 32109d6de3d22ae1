import { hmacKey, hmacSha256Hex, hmacSigningSecret } from './encoding.js';
import { LISTING_PARAM_NAME, SHOPIFY_PROXY_PARAMS } from './query-names.js';
import type { IdentityAdapter, IdentityResult } from './types.js';

/**
 * Shopify app proxy (omneo-api.md §1.6). The widget calls a same-origin path such as
 * `/apps/omneo/token`; Shopify forwards it here and appends `shop`, `logged_in_customer_id`,
 * `path_prefix`, `timestamp` and `signature` = hex HMAC-SHA256(app secret, the other parameters as
 * sorted `key=value` strings, repeated keys' values joined by `,`, concatenated without separator).
 * Shopify's signature has no nonce, so ours adds what it lacks: a bounded timestamp window and a
 * configured shop.
 */

export { SHOPIFY_PROXY_PARAMS };

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;
const CUSTOMER_ID = /^[1-9][0-9]{0,19}$/;
/** What Shopify sends: the app proxy's prefix and subpath, e.g. `/apps/omneo` or `/fr/apps/omneo`. */
const PATH_PREFIX = /^\/[A-Za-z0-9/_-]{1,200}$/;
const SHOPIFY_NAMES: ReadonlySet<string> = new Set(SHOPIFY_PROXY_PARAMS);

/*
 * Why the signature alone is not enough, and what makes it enough.
 *
 * Shopify signs the sorted `name=value` pieces concatenated with no separator, so one signed string
 * can be cut into pieces in more than one way. A shopper asks Shopify for
 * `/apps/omneo/token?a=b&alogged_in_customer_id=<victim>m&b=xn` (attacker-chosen names and values):
 * Shopify appends the shopper's own `logged_in_customer_id` and signs
 *   `a=b` `alogged_in_customer_id=<victim>m` `b=xn` `logged_in_customer_id=<own>` …
 * and the same characters re-read as `a=ba` `logged_in_customer_id=<victim>` `mb=x`
 * `nlogged_in_customer_id=<own>` … verify with that signature (or, with Shopify's names only,
 * `…&path_prefix=xlogged_in_customer_id=<own>path_prefix=/apps/omneo`). So before believing
 * anything the signature covers we refuse the query unless
 *   (1) every name except `signature` is one of Shopify's (`shop`, `logged_in_customer_id`,
 *       `path_prefix`, `timestamp`) or a pass-through listing parameter (query-names.ts), and
 *   (2) no value contains `=` (no allowed name does), and
 *   (3) the identity values have strict shapes: `shop` a configured `*.myshopify.com` domain,
 *       `logged_in_customer_id` digits or empty, `timestamp` digits, `path_prefix` PATH_PREFIX,
 *       each exactly once.
 *
 * Then the signed string S reads one way only. By (1) and (2) each piece holds exactly one `=`,
 * so the `=` signs of S are exactly the pieces' separators: the text before the first `=` is the
 * first name, the text after the last is the last value, and the text between two neighbouring
 * `=` is one value followed by the next name. That text could be cut differently only if two
 * allowed names could both end it, i.e. if one allowed name were a proper suffix of another. None
 * is: the fixed names (the four above, `sort`, `include`, `tags[]`, `page[size]`, `page[number]`)
 * by inspection (a test checks it), and the filter names `filter[f]` / `filter[f][op]` because a
 * name ending in `]` can only end another at the same `[`s (`f` and `op` hold no bracket), and no
 * fixed word is followed by a `[` anywhere but at its own start. (Repeated names are joined by
 * `,` into one piece, so `tags[]=a,b` may be one value or two: a listing value, never identity.)
 *
 * What Shopify really signed may break (1)-(3) (the attacker's own parameters did above), so it
 * also matters that every re-reading passing (1)-(3) has Shopify's identity. Shopify's own piece
 * `logged_in_customer_id=<own>` is in S. The `=` in it must be a separator of our reading, the
 * only allowed name that can end the text before it is `logged_in_customer_id`, and (3) allows
 * that once: so S holds that name followed by `=` once, our value starts where Shopify's starts, and it is
 * `<own>` plus whatever of the next piece precedes the next name. That next piece sorts after
 * `logged_in_customer_id=<own>`, so it starts with `l` or a later character, never a digit, and a
 * digits-only value cannot take any of it: our value is exactly `<own>` (empty stays empty, a
 * guest). The same holds for `timestamp` (digits; the next piece starts at `t` or later) and for
 * `shop` (a `*.myshopify.com` domain has its only dots in its last 14 characters, so nothing can
 * be appended to Shopify's and still match).
 */

export interface ShopifyAppProxyOptions {
  /** The app's client secret (Partner dashboard → app → Client credentials). */
  secret: string;
  /**
   * While rotating: the client secret Shopify signed with before `secret`. A query it signed is accepted too (the
   * current secret is tried first), and the log line says `secret: "previous"`; remove it once none is logged.
   */
  previousSecret?: string;
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
      const secret = await hmacSigningSecret(options, shopifySignatureMessage(params), signatures[0]!);
      if (!secret) return { refuse: 'bad-signature' };
      // A signed query that can be read more than one way is refused whole (see the note above).
      // Checked after the signature, so the log's reason tells a forged query from a re-cut signed one.
      for (const [name, value] of params) {
        if (name === 'signature') continue;
        if (!SHOPIFY_NAMES.has(name) && !LISTING_PARAM_NAME.test(name)) return { refuse: 'unexpected-parameter' };
        if (value.includes('=')) return { refuse: 'ambiguous-parameter' };
      }
      const single = (name: string) => (params.getAll(name).length === 1 ? params.get(name)! : null);
      const pathPrefix = single('path_prefix');
      if (pathPrefix === null || !PATH_PREFIX.test(pathPrefix)) return { refuse: 'malformed-path-prefix' };
      const timestamp = single('timestamp');
      if (timestamp === null || !/^[0-9]{1,12}$/.test(timestamp)) return { refuse: 'malformed-timestamp' };
      if (Math.abs(Math.floor(now() / 1000) - Number(timestamp)) > maxSkew) return { refuse: 'stale-timestamp' };
      const shop = single('shop');
      if (shop === null || !shops.has(shop.toLowerCase())) return { refuse: 'unknown-shop' };
      const customer = single('logged_in_customer_id');
      if (customer === null) return { refuse: 'malformed-customer' };
      if (customer === '') return { signedOut: true, secret };
      if (!CUSTOMER_ID.test(customer)) return { refuse: 'malformed-customer' };
      return { customerId: customer, idHandle, secret };
    },
  };
}
