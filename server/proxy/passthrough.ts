import { LISTING_PARAM_NAME, REPEATABLE_LISTING_PARAMS, SHOPIFY_PROXY_PARAMS } from './query-names.js';
import type { PassThroughExtra } from './types.js';

/**
 * The pass-through allowlist: which methods and paths under `/profiles/me` a shopper may reach
 * through the proxy, and which query parameters travel with them. Paths are matched segment by
 * segment against strict patterns on the URL as received (after the URL parser has resolved `.`
 * and `..`), so anything encoded (`%2F`, `%2e`, `%252F`), empty segments, other profile ids and
 * trailing junk simply do not match. The upstream URL is rebuilt from the matched segments and the
 * re-encoded allowed parameters, never by concatenating what the browser sent.
 */

const INT = '[1-9][0-9]{0,11}';
/** A list is addressed by numeric id; some tenants also accept its handle (omneo-api.md §2.8). */
const LIST = '(?:[1-9][0-9]{0,11}|[A-Za-z][A-Za-z0-9_-]{0,63})';

interface Rule {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: RegExp;
  /** Off unless the deployment switches it on. */
  extra?: PassThroughExtra;
}

const rule = (method: Rule['method'], path: string, extra?: PassThroughExtra): Rule => ({ method, path: new RegExp(`^${path}$`), extra });

export const PASS_THROUGH_RULES: readonly Rule[] = [
  rule('GET', ''),
  rule('GET', '/balances'),
  rule('GET', '/tiers'),
  rule('GET', '/(?:points|rewards|benefits|transactions)'),
  rule('GET', `/(?:points|rewards|benefits|transactions)/${INT}`),
  rule('POST', `/benefits/${INT}/redeem`),
  rule('GET', '/lists'),
  rule('POST', '/lists'),
  rule('GET', `/lists/${LIST}`),
  rule('GET', `/lists/${LIST}/items`),
  rule('POST', `/lists/${LIST}/items`),
  rule('GET', `/lists/${LIST}/items/${INT}`),
  rule('DELETE', `/lists/${LIST}/items/${INT}`),
  // Spending balance, editing or deleting the profile: powerful (§1.3), no element needs them.
  rule('POST', '/redeem', 'balance-redeem'),
  rule('PUT', '', 'profile-update'),
  rule('DELETE', '', 'profile-delete'),
  rule('DELETE', '/purge', 'profile-delete'),
];

export type PathCheck =
  | { ok: true; upstreamPath: string; method: Rule['method'] }
  | { ok: false; status: 404 | 405; reason: string; allow?: string[] };

/**
 * `rest` is what follows `/omneo/api/me` or `/omneo/api/profiles/me` in the received path
 * (`''`, `/balances`, …).
 */
export function checkPassThroughPath(method: string, rest: string, extras: ReadonlySet<PassThroughExtra>): PathCheck {
  if (rest !== '' && !/^(?:\/[A-Za-z0-9_-]{1,64}){1,4}$/.test(rest)) return { ok: false, status: 404, reason: 'path-shape' };
  const enabled = PASS_THROUGH_RULES.filter((r) => !r.extra || extras.has(r.extra));
  const matching = enabled.filter((r) => r.path.test(rest));
  if (!matching.length) return { ok: false, status: 404, reason: 'path-not-allowed' };
  const upper = method.toUpperCase();
  const allowed = matching.find((r) => r.method === upper || (upper === 'HEAD' && r.method === 'GET'));
  // HEAD is served wherever GET is (above), so it is named beside it.
  const methods = matching.flatMap((r) => (r.method === 'GET' ? ['GET', 'HEAD'] : [r.method]));
  if (!allowed) return { ok: false, status: 405, reason: 'method-not-allowed', allow: [...new Set(methods)] };
  return { ok: true, upstreamPath: `/profiles/me${rest}`, method: allowed.method };
}

/** The methods `rest` accepts (for OPTIONS: `Allow` and a preflight's allowed methods); none where every method gets a 404. */
export function passThroughPathMethods(rest: string, extras: ReadonlySet<PassThroughExtra>): string[] {
  // OPTIONS is no rule's method: the check names the methods of an allowlisted path as its 405's `allow`.
  const check = checkPassThroughPath('OPTIONS', rest, extras);
  return !check.ok && check.status === 405 ? check.allow! : [];
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
/** Values of a repeatable parameter (`tags[]`) forwarded at most. */
const MAX_REPEATS = 50;

export type QueryCheck = { ok: true; search: string } | { ok: false; reason: string; message: string };

/**
 * Keeps the widget's listing parameters (§3.1: pages, sort, include, filters, tags) and refuses
 * everything else with a message naming it: a stray `_method` (Laravel's method override),
 * `profile_id` (or a `filter[profile_id]`), or a repeated parameter is an attempt, not a typo worth ignoring. Shopify's app
 * proxy parameters are identity, already checked by the adapter, and never forwarded.
 */
export function checkPassThroughQuery(search: string): QueryCheck {
  const params = new URLSearchParams(search);
  const kept = new URLSearchParams();
  const seen = new Set<string>();
  let repeats = 0;
  for (const [name, value] of params) {
    if ((SHOPIFY_PROXY_PARAMS as readonly string[]).includes(name)) continue;
    // A filter on the profile is the same attempt as `profile_id` (Omneo scopes /me by the token anyway).
    if (!LISTING_PARAM_NAME.test(name) || name.startsWith('filter[profile_id]')) {
      return { ok: false, reason: 'query-param-not-allowed', message: `Query parameter "${name.slice(0, 40)}" is not allowed.` };
    }
    if (seen.has(name) && !REPEATABLE_LISTING_PARAMS.has(name)) return { ok: false, reason: 'query-param-repeated', message: `Query parameter "${name}" is repeated.` };
    // Each repeat is forwarded: without a bound, a query as long as the runtime takes (10,000 tags[] where a URL may be
    // 128 KB) became an upstream URL longer still, after a mint. The widget sends none; a filter names a few.
    if (REPEATABLE_LISTING_PARAMS.has(name) && ++repeats > MAX_REPEATS) {
      return { ok: false, reason: 'query-param-repeated', message: `Query parameter "${name}" is repeated more than ${MAX_REPEATS} times.` };
    }
    seen.add(name);
    if (value.length > 256 || CONTROL.test(value)) return { ok: false, reason: 'query-value-invalid', message: `Query parameter "${name}" has an invalid value.` };
    if (name.startsWith('page[') && !/^[1-9][0-9]{0,3}$/.test(value)) {
      return { ok: false, reason: 'query-value-invalid', message: `Query parameter "${name}" must be a positive whole number.` };
    }
    kept.append(name, value);
  }
  const text = kept.toString();
  return { ok: true, search: text ? `?${text}` : '' };
}
