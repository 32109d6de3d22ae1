import type { ProxyStore } from './store.js';

/**
 * Which of an adapter's secrets verified a request: during a rotation the previous one is accepted too, and the
 * log line says so (`secret: "previous"`), so whoever rotates can tell when nothing signs with it any more.
 */
export type SigningSecret = 'current' | 'previous';

/**
 * What an identity adapter learned from a request:
 * - `{customerId}`: a verified, signed-in customer (optionally with the Omneo identity handle to mint by);
 * - `{signedOut: true}`: a verified request that says nobody is signed in (Shopify's empty
 *   `logged_in_customer_id`), answered with 204;
 * - `{refuse}`: credentials of this adapter's kind were present but wrong; the reason is for the log only;
 * - `null`: no credentials of this kind at all, so the next adapter is asked.
 * `secret`, for the log: which of the adapter's secrets verified the request (adapters with a secret say so).
 */
export type IdentityResult =
  | { customerId: string; idHandle?: string | null; secret?: SigningSecret }
  | { signedOut: true; secret?: SigningSecret }
  | { refuse: string }
  | null;

/** One way of learning the signed-in customer from the incoming request (a verified session only, omneo-api.md §1.5 rule 1). */
export interface IdentityAdapter {
  /** For logs. */
  name: string;
  verify(request: Request): Promise<IdentityResult>;
}

export type ProxyLogEntry = Record<string, unknown>;

/** Requests per fixed 60-second window; 0 turns a limit off. */
export interface RateLimits {
  /** Every route, counted per client IP before anything else runs. Default 300. */
  perIp: number;
  /** `/omneo/token`, per verified customer. Default 30. */
  tokenPerCustomer: number;
  /** `/omneo/api/...`, per verified customer. Default 300. */
  apiPerCustomer: number;
}

/** Pass-through routes beyond the default allowlist; each must be switched on explicitly. */
export type PassThroughExtra = 'balance-redeem' | 'profile-update' | 'profile-delete';

export interface PassThroughOptions {
  extras?: PassThroughExtra[];
  /**
   * Default false: in pass-through mode the token route answers with a stand-in JWT (same `pid` and
   * `exp`, signed by the proxy, refused by Omneo), so the allowlist bounds what a shopper's browser can
   * do. `true` hands out the Omneo token as without pass-through, for one proxy that also serves
   * widgets calling Omneo directly (the dev app's demo); the allowlist then only stops other sites,
   * since the shopper's own browser can call Omneo with that token for anything the token allows.
   */
  handOutOmneoTokens?: boolean;
}

export interface ProxyConfig {
  /** Omneo ID API base, e.g. `https://api.{tenant}.getomneo.com/id/api/v1`. */
  idApiBase: string;
  /** Omneo admin API base for the tier ladder, e.g. `https://api.{tenant}.getomneo.com/api/v3`; without it `/omneo/tiers` answers 404. */
  adminApiBase?: string;
  /** Omneo admin API token: server-side only, never logged or returned. */
  adminToken: string;
  /** Tried in order; the first non-null answer decides. */
  identity: IdentityAdapter[];
  /** Default identity handle: mint with `{id, id_handle}`; else `{id}` (an Omneo profile id). An adapter's own `idHandle` wins. */
  idHandle?: string;
  /** Storefront origins allowed to call with credentials (exact `scheme://host[:port]`). Same-origin requests are always allowed. */
  allowedOrigins?: string[];
  /** Shared state: rate-limit counters, minted-token cache, tier ladder. Default: in memory (one instance). */
  store?: ProxyStore;
  /** Partial overrides of the default limits, or `false` for none (development scopes only). */
  rateLimits?: Partial<RateLimits> | false;
  /** Cache minted tokens per customer (default true); a cached token is handed out while at least `tokenCacheMinRemainingSeconds` remain. */
  tokenCache?: boolean;
  /** Default 120: twice the widget's 60 s renewal lead, so a cached token never arrives already due for renewal. */
  tokenCacheMinRemainingSeconds?: number;
  /** Tier ladder cache lifetime in seconds; default 3600. A stale ladder is served for up to a day when Omneo fails. */
  tiersCacheSeconds?: number;
  /** `/omneo/api/...` forwarding (omneo-api.md §1.3 for tenants whose ID API refuses the storefront origin). Default off. */
  passThrough?: boolean | PassThroughOptions;
  /**
   * The client's IP for per-IP limits and logs; default: with `trustedProxyHops`, the `X-Forwarded-For` entry it
   * chooses, else (or when the header has fewer entries) the Node socket address.
   */
  clientIp?: (request: Request, env: unknown) => string | undefined;
  /** How many reverse proxies (load balancer, CDN) sit in front and append to `X-Forwarded-For`; default 0 (ignore the header). */
  trustedProxyHops?: number;
  fetch?: typeof fetch;
  /** Structured log sink; entries never contain tokens or secrets. */
  logger?: (entry: ProxyLogEntry) => void;
  /** Clock in ms; default Date.now. */
  now?: () => number;
  /** Upstream timeout; default 5000 ms (omneo-api.md §1.5 rule 4). */
  upstreamTimeoutMs?: number;
  /** How long a request body may take to arrive, whole; default 10000 ms, then `408` (a body that trickles in holds a connection). */
  bodyTimeoutMs?: number;
  /** Route prefix; default `/omneo` (routes `/omneo/token`, `/omneo/tiers`, `/omneo/api/...`). */
  basePath?: string;
}
