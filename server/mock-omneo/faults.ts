/**
 * Per-request fault injection for tests, the demo's "simulate errors" switch and benchmarks.
 * A rule matches on method and path (the path after `/id/api/v1`, or the whole path for routes
 * outside it) and is consumed `times` times.
 */

export interface FaultRule {
  /**
   * HTTP method, case-insensitive; any but OPTIONS when absent. CORS preflights (OPTIONS) are matched only by a rule
   * that names OPTIONS, so that a fault meant for a GET is not spent on its preflight; of such a rule only `latencyMs`,
   * `status` (and `body`: an answer without CORS headers, as from an API that refuses the origin) and `headers` apply.
   */
  method?: string;
  /**
   * Matched against the path after `/id/api/v1` (without the query string): a substring, or a
   * regular expression (a RegExp, or its source as a string: a string matches when it is a
   * substring or, failing that, when it is a valid pattern that matches).
   */
  path?: string | RegExp;
  /** Answer with this status (and `body`, default a Laravel-style message). */
  status?: number;
  body?: unknown;
  /** 200 with a body that is not valid JSON. */
  malformed?: boolean;
  /** Delay before answering (or before the real handler runs, when nothing else is set). */
  latencyMs?: number;
  /** 401 `{"message":"Unauthenticated."}`, as if the token had expired. */
  expireToken?: boolean;
  /** Sets `Retry-After` (seconds) on the faulted response. */
  retryAfter?: number;
  /**
   * Headers set on the answer (the faulted one, or the real one when nothing else is set): e.g. a
   * `Cache-Control` that lets a browser cache a shopper's data, as a CDN or a misconfigured tenant might send.
   * `null` removes the header from the real answer (a preflight's `Access-Control-Max-Age`, say).
   */
  headers?: Record<string, string | null>;
  /**
   * The real answer's status, headers and first bytes at once, then nothing for this many ms before the
   * rest of the body (sooner if the client hangs up): a body that stalls after the headers.
   */
  stallBodyMs?: number;
  /**
   * With `status`: the real handler runs first (a write is carried out), then `status` answers instead of its
   * result: a write whose answer was lost, for tests of what a client does when it cannot know the outcome.
   */
  afterProcessing?: boolean;
  /** How many matching requests this rule affects; default 1; `Infinity` for all. */
  times?: number;
}

interface ActiveRule extends FaultRule {
  remaining: number;
  matcher: (method: string, path: string) => boolean;
}

export interface FaultController {
  add(rule: FaultRule): void;
  clear(): void;
  /** Latency added to every request, CORS preflights included (a round trip is one), for benchmarks; 0 turns it off. */
  setLatency(ms: number): void;
  readonly latencyMs: number;
  /** The rules still active, for debugging. */
  list(): FaultRule[];
  /** Finds and consumes the first rule matching this request. */
  take(method: string, path: string): FaultRule | undefined;
}

function pathMatcher(path: FaultRule['path']): (path: string) => boolean {
  if (path === undefined || path === '') return () => true;
  if (path instanceof RegExp) return (p) => path.test(p);
  let pattern: RegExp | null = null;
  try {
    pattern = new RegExp(path);
  } catch {
    pattern = null;
  }
  return (p) => p.includes(path) || (pattern !== null && pattern.test(p));
}

export function createFaultController(): FaultController {
  let rules: ActiveRule[] = [];
  let latencyMs = 0;
  return {
    add(rule) {
      const times = rule.times ?? 1;
      if (!(times > 0)) return;
      const matchPath = pathMatcher(rule.path);
      const method = rule.method?.toUpperCase();
      rules.push({
        ...rule,
        remaining: times,
        matcher: (m, p) => (method === undefined ? m.toUpperCase() !== 'OPTIONS' : method === m.toUpperCase()) && matchPath(p),
      });
    },
    clear() {
      rules = [];
    },
    setLatency(ms) {
      latencyMs = Math.max(0, ms);
    },
    get latencyMs() {
      return latencyMs;
    },
    list() {
      return rules.map(({ matcher: _m, remaining, ...rule }) => ({ ...rule, times: remaining }));
    },
    take(method, path) {
      const rule = rules.find((r) => r.matcher(method, path));
      if (!rule) return undefined;
      rule.remaining -= 1;
      if (rule.remaining <= 0) rules = rules.filter((r) => r !== rule);
      return rule;
    },
  };
}

/** A fault rule as JSON, the way tests post it to a scope (`POST /__scopes/:scope/faults`). */
export type FaultRuleJson = Omit<FaultRule, 'path' | 'times'> & {
  /** Substring, or regular-expression source, matched against the path after /id/api/v1. */
  path?: string;
  /** Default 1; null, "Infinity" or a negative number = every matching request. */
  times?: number | null | 'Infinity';
};

/**
 * Reads a rule from JSON (dev-app routes): `path` is a substring or a regular-expression source; `times` may be
 * `null`, `"Infinity"` or a negative number for "every request".
 */
export function faultRuleFromJson(input: unknown): FaultRule {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new TypeError('A fault rule must be an object');
  const raw = input as Record<string, unknown>;
  const rule: FaultRule = {};
  if (typeof raw.method === 'string') rule.method = raw.method;
  if (typeof raw.path === 'string') rule.path = raw.path;
  if ('status' in raw) {
    // A Response can carry only 200–599: any other status made every request the rule caught a 500 "Server Error"
    // from the mock's error handler, not the answer the test asked for.
    const status = raw.status;
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599) throw new TypeError('A fault rule\'s status must be a whole number from 200 to 599');
    rule.status = status;
  }
  if ('body' in raw) rule.body = raw.body;
  if (raw.malformed === true) rule.malformed = true;
  if (typeof raw.latencyMs === 'number') rule.latencyMs = raw.latencyMs;
  if (raw.expireToken === true) rule.expireToken = true;
  if (typeof raw.retryAfter === 'number') rule.retryAfter = raw.retryAfter;
  if (raw.headers && typeof raw.headers === 'object' && !Array.isArray(raw.headers)) {
    rule.headers = Object.fromEntries(Object.entries(raw.headers).filter((entry): entry is [string, string | null] => typeof entry[1] === 'string' || entry[1] === null));
  }
  if (typeof raw.stallBodyMs === 'number' && raw.stallBodyMs > 0) rule.stallBodyMs = raw.stallBodyMs;
  if (raw.afterProcessing === true) rule.afterProcessing = true;
  if (raw.times === null || raw.times === 'Infinity' || (typeof raw.times === 'number' && raw.times < 0)) rule.times = Infinity;
  else if (typeof raw.times === 'number') rule.times = raw.times;
  return rule;
}
