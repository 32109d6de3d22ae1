/** Who the storefront says is signed in: a customer, nobody (null), or a refusal with a reason for the log. */
export type IdentityResult = { customerId: string } | { refuse: string } | null;

/** One way of learning the signed-in customer from the incoming request (a verified session only, §1.5 rule 1). */
export interface IdentityAdapter {
  /** For logs. */
  name: string;
  verify(request: Request): Promise<IdentityResult>;
}

export type ProxyLogEntry = Record<string, unknown>;

export interface ProxyConfig {
  /** Omneo ID API base, e.g. `https://api.{tenant}.getomneo.com/id/api/v1`. */
  idApiBase: string;
  /** Omneo admin API token: server-side only, never logged or returned. */
  adminToken: string;
  /** Tried in order; the first non-null answer decides. */
  identity: IdentityAdapter[];
  /** When set, mint with `{id: customerId, id_handle}`; else `{id}` (an Omneo profile id). */
  idHandle?: string;
  fetch?: typeof fetch;
  /** Structured log sink; entries never contain tokens or secrets. */
  logger?: (entry: ProxyLogEntry) => void;
  /** Clock in ms; default Date.now. */
  now?: () => number;
  /** Upstream mint timeout; default 5000 ms (omneo-api.md §1.5 rule 4). */
  upstreamTimeoutMs?: number;
  /** Route path; default `/omneo/token`. */
  path?: string;
}
