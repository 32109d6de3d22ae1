import { Hono } from 'hono';
import { rateLimitSubject } from './client-ip.js';
import { base64UrlEncodeBytes, base64UrlEncodeText, bytesToHex, decodeJwtPayload, hmacKey } from './encoding.js';
import { errorName, failureCause, storeFailure, timedOut } from './failures.js';
import { createMinter, type MintResult } from './mint.js';
import { checkPassThroughPath, checkPassThroughQuery, passThroughPathMethods } from './passthrough.js';
import { IP_COUNTER_PREFIX, memoryStore, type ProxyStore } from './store.js';
import { createTierLadder } from './tiers.js';
import type { IdentityAdapter, IdentityResult, PassThroughExtra, ProxyConfig, ProxyLogEntry, RateLimits, SigningSecret } from './types.js';

/**
 * Token-exchange proxy (omneo-api.md §1.4–1.6, §2.7): the security boundary of the product. It
 * decides who the shopper is from a verified storefront session only, mints (or reuses) a token
 * that can see only that shopper, serves the public tier ladder, and optionally forwards an
 * allowlist of `/profiles/me` calls for tenants whose ID API refuses the storefront origin.
 *
 * Order of checks on every request, cheapest and least trusting first: route → Origin allowlist
 * (and no Origin-less cross-site request) → per-IP limit → method → shape (path, query, body size
 * and type) → identity → per-customer limit → Omneo. Nothing reaches Omneo before every check has
 * passed, and no response carries an upstream 5xx body, a secret or (outside a 200 from the token
 * route) a token. In pass-through mode not even the token route hands out an Omneo token.
 */

export const DEFAULT_RATE_LIMITS: RateLimits = { perIp: 300, tokenPerCustomer: 30, apiPerCustomer: 300 };
const WINDOW_MS = 60_000;
const TOKEN_BODY_LIMIT = 1024;
const API_BODY_LIMIT = 16 * 1024;
/**
 * Deepest JSON body forwarded. Omneo's bodies are flat (`{"count": 1}`, `{"product_variant_sku": …}`);
 * a deeply nested one is abuse, and past a few thousand levels re-serialising it overflows the stack.
 */
const MAX_JSON_DEPTH = 32;
/** Headers Laravel (Symfony) or a framework in front of it may honour as the real method; `_method` in a query or body is the other form. */
const METHOD_OVERRIDES = ['X-HTTP-Method-Override', 'X-HTTP-Method', 'X-Method-Override'];
/** `Sec-Fetch-Site` values of a request from another origin's page; without an Origin header it was not made with CORS. */
const ACROSS_ORIGINS_WITHOUT_CORS: ReadonlySet<string> = new Set(['cross-site', 'same-site']);
const JWT_LIKE = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}/;
/** What the widget sends beyond the CORS-safelisted headers. */
const WIDGET_REQUEST_HEADERS = 'Authorization, Content-Type, Accept';
/**
 * Trace headers a storefront's browser monitoring adds to every call to a URL it traces (W3C trace context, Datadog
 * RUM, New Relic, Sentry, Zipkin B3): a preflight that refused them would fail every widget call on such a store.
 * The proxy acts on none of them (it logs a safe `traceparent`) and never forwards a browser header to Omneo.
 */
const TRACE_HEADER = /^(?:traceparent|tracestate|baggage|sentry-trace|newrelic|b3|x-b3-[a-z]{1,20}|x-datadog-[a-z-]{1,40})$/;

/** A preflight's allowed request headers: the widget's, and any trace headers it asked for. */
function allowedRequestHeaders(requested: string | null): string {
  const traces = new Set((requested ?? '').split(',').map((name) => name.trim().toLowerCase()).filter((name) => TRACE_HEADER.test(name)));
  return [WIDGET_REQUEST_HEADERS, ...traces].join(', ');
}

/** Our own copy for every failure: never the upstream body, never a hint about which check failed. */
export const MESSAGES = {
  noSession: 'No signed-in customer.',
  notReady: 'The loyalty profile is not ready yet. Try again shortly.',
  upstream: 'The loyalty service is unavailable.',
  internal: 'The token service failed.',
  origin: 'This origin is not allowed.',
  tooMany: 'Too many requests. Try again shortly.',
  notFound: 'Not found.',
  method: 'Method not allowed.',
  tooLarge: 'The request body is too large.',
  tooSlow: 'The request body took too long.',
  mediaType: 'The request body must be JSON (Content-Type: application/json).',
  badJson: 'The request body must be a JSON object.',
  passThroughOff: 'Pass-through is not enabled on this proxy.',
  tiersOff: 'The tier ladder is not configured on this proxy.',
  methodOverride: (what: string) => `${what} is not accepted: method overrides are refused.`,
} as const;

/** On every response: JSON that cannot be sniffed, framed, embedded cross-origin or leak a referrer. */
const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Strict-Transport-Security': 'max-age=31536000',
};

type Route = 'token' | 'tiers' | 'api';

interface Exchange {
  request: Request;
  url: URL;
  route: Route | null;
  ip: string;
  cors: Record<string, string>;
  log: ProxyLogEntry;
}

function nodeSocketAddress(env: unknown): string | undefined {
  const incoming = (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress;
}

/**
 * The body, up to `limit` bytes, if it arrives within `timeoutMs`. A body that trickles in (slowloris) would otherwise
 * hold its connection and its request's memory until the runtime gave up (Node: 300 s), and each such request counts
 * only once against the per-IP limit; the widget's bodies are at most a few KiB and arrive at once.
 */
async function readLimited(request: Request, limit: number, timeoutMs: number): Promise<Uint8Array | 'too-large' | 'too-slow'> {
  const declared = request.headers.get('content-length');
  if (declared !== null && (!/^[0-9]{1,15}$/.test(declared) || Number(declared) > limit)) return 'too-large';
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<'too-slow'>((resolve) => (timer = setTimeout(() => resolve('too-slow'), timeoutMs)));
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), deadline]);
      if (next === 'too-slow') {
        // Not awaited: a stalled source may never settle its cancel.
        void reader.cancel().catch(() => undefined);
        return 'too-slow';
      }
      const { done, value } = next;
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        return 'too-large';
      }
      chunks.push(value);
    }
  } finally {
    clearTimeout(timer);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** Depth of the deepest array or object in a parsed JSON value, without recursion. */
function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (depth > MAX_JSON_DEPTH) break;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** The body as compact JSON (and its top-level keys) if it is a UTF-8 JSON object no deeper than MAX_JSON_DEPTH, else undefined. */
function reserialisedJsonObject(raw: Uint8Array): { text: string; keys: string[] } | undefined {
  try {
    const parsed: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
    if (jsonDepth(parsed) > MAX_JSON_DEPTH) return undefined;
    // Re-serialised so Omneo receives one canonical text (no duplicate keys, no odd whitespace); in
    // the try, so a value the engine cannot serialise is a bad body too, never an exception.
    return { text: JSON.stringify(parsed), keys: Object.keys(parsed) };
  } catch {
    return undefined;
  }
}

export function createProxy(config: ProxyConfig): Hono {
  if (!config.idApiBase) throw new TypeError('createProxy: idApiBase is required');
  if (!config.adminToken) throw new TypeError('createProxy: adminToken is required');
  if (!config.identity?.length) throw new TypeError('createProxy: at least one identity adapter is required');

  // Bound once here for every consumer (mint.ts and tiers.ts call it as `options.fetch(…)`): Cloudflare
  // Workers throw "Illegal invocation" when their fetch, the default or a bare global passed as
  // `config.fetch`, is called with any `this` but the global one. The global is looked up per call.
  const configuredFetch = config.fetch;
  const fetchImpl: typeof fetch = (input, init) => (configuredFetch ?? fetch)(input, init);
  const now = config.now ?? Date.now;
  const timeoutMs = config.upstreamTimeoutMs ?? 5000;
  const bodyTimeoutMs = config.bodyTimeoutMs ?? 10_000;
  const store: ProxyStore = config.store ?? memoryStore({ now });
  const base = (config.basePath ?? '/omneo').replace(/\/+$/, '');
  const allowedOrigins = new Set(config.allowedOrigins ?? []);
  const limits: RateLimits | null = config.rateLimits === false ? null : { ...DEFAULT_RATE_LIMITS, ...config.rateLimits };
  const passThrough = config.passThrough ?? false;
  const passThroughOptions = typeof passThrough === 'object' ? passThrough : {};
  const extras = new Set<PassThroughExtra>(passThroughOptions.extras ?? []);
  // With pass-through on, the allowlist is the whole of what a shopper's session may do: the browser
  // must hold nothing that reaches Omneo without it, so the token route answers with a stand-in.
  const browserGetsOmneoToken = !passThrough || passThroughOptions.handOutOmneoTokens === true;
  const hops = config.trustedProxyHops ?? 0;

  // A shared store that is down fails every operation of every request (four on a token request). Each operation's
  // failure is logged at most once a second for each cause, `repeated` counting those left out since the last line,
  // so an outage does not multiply the log's volume; every request still writes its own line. (Operations and
  // causes are a few fixed words: the map stays small.)
  const storeFailures = new Map<string, { at: number; repeated: number }>();
  const sink = (entry: ProxyLogEntry) => {
    if (entry.outcome === 'store-error') {
      const key = `${String(entry.operation)} ${String(entry.cause ?? entry.error)}`;
      const last = storeFailures.get(key);
      if (last && now() - last.at < 1000) {
        last.repeated += 1;
        return;
      }
      if (last?.repeated) entry = { ...entry, repeated: last.repeated };
      storeFailures.set(key, { at: now(), repeated: 0 });
    }
    // Belt and braces: nothing we log is meant to hold a token or the admin token; if a future
    // field ever did, it is blanked here rather than written out.
    const safe: ProxyLogEntry = {};
    for (const [key, value] of Object.entries(entry)) {
      safe[key] = typeof value === 'string' && (value.includes(config.adminToken) || JWT_LIKE.test(value)) ? '[redacted]' : value;
    }
    try {
      config.logger?.(safe);
    } catch {
      // A failing log sink must not break token issuance.
    }
  };

  const minter = createMinter({
    idApiBase: config.idApiBase,
    adminToken: config.adminToken,
    fetch: fetchImpl,
    now,
    timeoutMs,
    store,
    cache: config.tokenCache ?? true,
    minRemainingSeconds: config.tokenCacheMinRemainingSeconds ?? 120,
    log: sink,
  });
  const tiers = config.adminApiBase
    ? createTierLadder({
        adminApiBase: config.adminApiBase,
        adminToken: config.adminToken,
        fetch: fetchImpl,
        now,
        timeoutMs,
        store,
        freshMs: (config.tiersCacheSeconds ?? 3600) * 1000,
        log: sink,
      })
    : null;

  // Rate-limit keys are HMACs, so a shared store holds no IP addresses or customer ids in clear.
  const keyMaterial = crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(`omneo-proxy/rate-limit/${config.adminToken}`),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  async function digest(text: string): Promise<string> {
    const mac = await crypto.subtle.sign('HMAC', await keyMaterial, new TextEncoder().encode(text));
    return bytesToHex(new Uint8Array(mac)).slice(0, 32);
  }

  /** Counts a hit; a store failure lets the request through (availability over strictness) and is logged. */
  async function overLimit(kind: 'ip' | 'token' | 'api', subject: string, limit: number): Promise<number | null> {
    if (!limit) return null;
    try {
      // Per-IP counters carry their own prefix: the memory store bounds them apart from per-customer ones.
      const prefix = kind === 'ip' ? IP_COUNTER_PREFIX : `rl:${kind}:`;
      const { count, resetMs } = await store.hit(`${prefix}${await digest(subject)}`, WINDOW_MS);
      return count > limit ? Math.max(1, Math.ceil(resetMs / 1000)) : null;
    } catch (error) {
      sink(storeFailure('hit', error));
      return null;
    }
  }

  /**
   * What the browser holds in pass-through mode instead of the Omneo token: a JWT of the embed
   * contract's shape with the claims the widget reads, copied from the Omneo token: `pid` (it keys
   * its cross-page cache by it), `exp` and `iat` (it renews by them), signed with a key only this
   * proxy has, so Omneo refuses it. Pass-through calls are
   * authorised by the session and the server-held token; the stand-in is never worth stealing.
   */
  async function standInToken(omneoToken: string, exp: number): Promise<string> {
    // Only stand-in mode gets here: hmacKey imports the key on the first stand-in and caches it.
    const key = await hmacKey(`omneo-proxy/pass-through-stand-in/${config.adminToken}`);
    const sign = async (text: string) => base64UrlEncodeBytes(new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(text))));
    const { pid, iat } = decodeJwtPayload(omneoToken) ?? {};
    const claims = {
      iss: 'omneo-proxy',
      use: 'pass-through',
      ...(typeof pid === 'string' ? { pid } : {}),
      ...(typeof iat === 'number' ? { iat } : {}),
      exp,
      // Names the Omneo token behind it without revealing it, so a re-mint shows as a new stand-in.
      jti: (await sign(omneoToken)).slice(0, 22),
    };
    const unsigned = `${base64UrlEncodeText(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64UrlEncodeText(JSON.stringify(claims))}`;
    return `${unsigned}.${await sign(unsigned)}`;
  }

  function clientIp(request: Request, env: unknown): string {
    const custom = config.clientIp?.(request, env);
    if (custom) return custom;
    if (hops > 0) {
      const chain = (request.headers.get('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      // The last `hops` entries were appended by our own proxies, each naming who connected to it: the first of them,
      // the outermost's, is the client (anything before it the client may have written itself).
      const candidate = chain[chain.length - hops];
      if (candidate) return candidate.slice(0, 64);
    }
    return nodeSocketAddress(env) ?? 'unknown';
  }

  function routeOf(pathname: string): Route | null {
    if (pathname === `${base}/token`) return 'token';
    if (pathname === `${base}/tiers`) return 'tiers';
    if (pathname === `${base}/api` || pathname.startsWith(`${base}/api/`)) return 'api';
    return null;
  }

  function reply(x: Exchange, status: number, body: object | null, headers: Record<string, string> = {}): Response {
    const all = new Headers({ ...SECURITY_HEADERS, 'Cache-Control': 'no-store', Vary: 'Cookie, Origin', 'X-Request-Id': String(x.log.requestId), ...x.cors, ...headers });
    if (body !== null) all.set('Content-Type', 'application/json; charset=utf-8');
    x.log.status = status;
    return new Response(body === null || status === 204 ? null : JSON.stringify(body), { status, headers: all });
  }

  function finish(x: Exchange, response: Response, outcome: string, fields: ProxyLogEntry = {}): Response {
    Object.assign(x.log, fields, { outcome, status: response.status });
    return response;
  }

  async function identify(request: Request): Promise<{ result: IdentityResult; adapter?: IdentityAdapter } | { error: IdentityAdapter }> {
    for (const adapter of config.identity) {
      let result: IdentityResult;
      try {
        result = await adapter.verify(request);
      } catch {
        return { error: adapter };
      }
      if (result !== null) return { result, adapter };
    }
    return { result: null };
  }

  /** Which secret verified the request, for its log line (never the secret): `previous` tells a rotation is not over. */
  const signedWith = (result: { secret?: SigningSecret }) => (result.secret ? { secret: result.secret } : {});

  /** Identity for a route that needs a customer; a Response when there is none. */
  async function customerOf(x: Exchange, signedOutStatus: 204 | 401): Promise<{ response: Response } | { customerId: string; idHandle: string | null }> {
    const identity = await identify(x.request);
    if ('error' in identity) {
      return { response: finish(x, reply(x, 500, { message: MESSAGES.internal }), 'adapter-error', { adapter: identity.error.name }) };
    }
    const { result, adapter } = identity;
    if (result === null) return { response: finish(x, reply(x, 401, { message: MESSAGES.noSession }), 'no-session') };
    if ('refuse' in result) {
      // The reason is for our log only; the client gets the same answer as "no session".
      return { response: finish(x, reply(x, 401, { message: MESSAGES.noSession }), 'refused', { adapter: adapter?.name, reason: result.refuse }) };
    }
    if ('signedOut' in result) {
      const response = signedOutStatus === 204 ? reply(x, 204, null) : reply(x, 401, { message: MESSAGES.noSession });
      return { response: finish(x, response, 'signed-out', { adapter: adapter?.name, ...signedWith(result) }) };
    }
    const idHandle = result.idHandle === undefined ? (config.idHandle ?? null) : result.idHandle || null;
    Object.assign(x.log, { adapter: adapter?.name, customerId: result.customerId, ...signedWith(result) });
    return { customerId: result.customerId, idHandle };
  }

  function mintFailure(x: Exchange, result: Extract<MintResult, { ok: false }>): Response {
    const response =
      result.status === 503
        ? reply(x, 503, { message: MESSAGES.notReady }, { 'Retry-After': '5' })
        : reply(x, 502, { message: MESSAGES.upstream }, result.retryAfter ? { 'Retry-After': result.retryAfter } : {});
    return finish(x, response, result.outcome, result.detail);
  }

  /** The answer to a body readLimited refused: too large 413, too slow 408. */
  function refusedBody(x: Exchange, problem: 'too-large' | 'too-slow'): Response {
    if (problem === 'too-large') return finish(x, reply(x, 413, { message: MESSAGES.tooLarge }), 'body-too-large');
    return finish(x, reply(x, 408, { message: MESSAGES.tooSlow }), 'body-timeout');
  }

  function tooMany(x: Exchange, retryAfter: number, scope: string): Response {
    return finish(x, reply(x, 429, { message: MESSAGES.tooMany }, { 'Retry-After': String(retryAfter) }), 'rate-limited', { limit: scope });
  }

  // ── /omneo/token ───────────────────────────────────────────────────────────────────────────
  async function token(x: Exchange): Promise<Response> {
    const method = x.request.method;
    if (method !== 'GET' && method !== 'POST') {
      return finish(x, reply(x, 405, { message: MESSAGES.method }, { Allow: 'GET, POST, OPTIONS' }), 'method-not-allowed');
    }
    // The widget posts no body; a large one is abuse, refused before any work.
    const read = method === 'POST' ? await readLimited(x.request, TOKEN_BODY_LIMIT, bodyTimeoutMs) : null;
    if (typeof read === 'string') return refusedBody(x, read);
    const who = await customerOf(x, 204);
    if ('response' in who) return who.response;
    const retryAfter = limits && (await overLimit('token', `${who.idHandle ?? ''}:${who.customerId}`, limits.tokenPerCustomer));
    if (retryAfter) return tooMany(x, retryAfter, 'customer');
    // Minted (or cached) in pass-through mode too: it tells a customer Omneo does not know yet (503)
    // from one it does, and warms the cache the pass-through calls then use.
    const minted = await minter.tokenFor(who.customerId, who.idHandle);
    if (!minted.ok) return mintFailure(x, minted);
    const token = browserGetsOmneoToken ? minted.token : await standInToken(minted.token, minted.exp);
    return finish(x, reply(x, 200, { token, exp: minted.exp }), 'minted', {
      exp: minted.exp,
      cached: minted.cached,
      ...(browserGetsOmneoToken ? {} : { handedOut: 'stand-in' }),
    });
  }

  // ── /omneo/tiers ───────────────────────────────────────────────────────────────────────────
  async function tierLadder(x: Exchange): Promise<Response> {
    if (x.request.method !== 'GET' && x.request.method !== 'HEAD') {
      return finish(x, reply(x, 405, { message: MESSAGES.method }, { Allow: 'GET, HEAD, OPTIONS' }), 'method-not-allowed');
    }
    if (!tiers) return finish(x, reply(x, 404, { message: MESSAGES.tiersOff }), 'not-configured');
    const result = await tiers.ladder();
    if (!result.ok) {
      const outcome = result.detail.problem === 'admin-token-refused' ? 'admin-token-refused' : 'upstream-error';
      return finish(x, reply(x, 502, { message: MESSAGES.upstream }), outcome, result.detail);
    }
    const maxAge = result.stale ? 60 : Math.max(0, Math.floor(((config.tiersCacheSeconds ?? 3600) * 1000 - (result.ageMs ?? 0)) / 1000));
    const response = reply(x, 200, { data: result.data }, { 'Cache-Control': `public, max-age=${maxAge}`, Vary: 'Origin' });
    return finish(x, response, result.stale ? 'served-stale' : 'served', { tiers: result.data.length });
  }

  // ── /omneo/api/me/... (pass-through) ───────────────────────────────────────────────────────
  /** What follows `/omneo/api/me` or `/omneo/api/profiles/me` in the path, or the 404 of a path pass-through does not serve. */
  function passThroughRest(x: Exchange): string | Response {
    if (!passThrough) return finish(x, reply(x, 404, { message: MESSAGES.passThroughOff }), 'pass-through-off');
    const path = x.url.pathname;
    const prefix = [`${base}/api/me`, `${base}/api/profiles/me`].find((p) => path === p || path.startsWith(`${p}/`));
    if (!prefix) return finish(x, reply(x, 404, { message: MESSAGES.notFound }), 'path-not-allowed');
    return path.slice(prefix.length);
  }

  async function api(x: Exchange): Promise<Response> {
    const rest = passThroughRest(x);
    if (rest instanceof Response) return rest;
    const check = checkPassThroughPath(x.request.method, rest, extras);
    if (!check.ok) {
      const headers: Record<string, string> = check.allow ? { Allow: [...check.allow, 'OPTIONS'].join(', ') } : {};
      return finish(x, reply(x, check.status, { message: check.status === 405 ? MESSAGES.method : MESSAGES.notFound }, headers), check.reason);
    }
    // Laravel honours method overrides; a GET must not become a DELETE on the way.
    const override = METHOD_OVERRIDES.find((name) => x.request.headers.has(name));
    if (override) return finish(x, reply(x, 400, { message: MESSAGES.methodOverride(`Header "${override}"`) }), 'method-override');
    const query = checkPassThroughQuery(x.url.search);
    if (!query.ok) return finish(x, reply(x, 400, { message: query.message }), query.reason);

    // Writes must prove they are not a cross-site "simple" request (an HTML form, a no-cors fetch,
    // with or without a body): those can carry the shopper's cookie but cannot send
    // `Content-Type: application/json` without a CORS preflight, which only allowed origins pass. So
    // every write needs the header whatever the body's length; the widget sends it on every write, a
    // bodiless DELETE included (src/api/client.ts). Omneo sees no difference: the upstream request is
    // built from nothing, and a DELETE's body is never read or forwarded.
    const type = (x.request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (check.method !== 'GET' && type !== 'application/json') {
      return finish(x, reply(x, 415, { message: MESSAGES.mediaType }), 'unsupported-media-type');
    }
    let body: string | undefined;
    if (check.method === 'POST' || check.method === 'PUT') {
      const raw = await readLimited(x.request, API_BODY_LIMIT, bodyTimeoutMs);
      if (typeof raw === 'string') return refusedBody(x, raw);
      if (raw.byteLength > 0) {
        const json = reserialisedJsonObject(raw);
        if (json === undefined) return finish(x, reply(x, 400, { message: MESSAGES.badJson }), 'bad-json');
        // Laravel reads `_method` from a JSON body as readily as from a query or form.
        if (json.keys.includes('_method')) return finish(x, reply(x, 400, { message: MESSAGES.methodOverride('Body field "_method"') }), 'method-override');
        body = json.text;
      }
    }

    const who = await customerOf(x, 401);
    if ('response' in who) return who.response;
    const retryAfter = limits && (await overLimit('api', `${who.idHandle ?? ''}:${who.customerId}`, limits.apiPerCustomer));
    if (retryAfter) return tooMany(x, retryAfter, 'customer');

    const target = `${config.idApiBase.replace(/\/+$/, '')}${check.upstreamPath}${query.search}`;
    const send = (shopperToken: string) =>
      fetchImpl(target, {
        method: check.method,
        // Built from nothing: no browser header (cookies, Authorization, X-HTTP-Method-Override, …) is forwarded.
        headers: {
          Authorization: `Bearer ${shopperToken}`,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });

    let upstream: Response | null = null;
    for (let attempt = 0; attempt < 2; attempt++) {
      const minted = await minter.tokenFor(who.customerId, who.idHandle, { fresh: attempt > 0 });
      if (!minted.ok) return mintFailure(x, minted);
      try {
        upstream = await send(minted.token);
      } catch (error) {
        const name = errorName(error);
        const outcome = timedOut(name) ? 'upstream-timeout' : 'upstream-unreachable';
        return finish(x, reply(x, 502, { message: MESSAGES.upstream }), outcome, { error: name, ...failureCause(error) });
      }
      // A 401 means Omneo did not act on the request, so one replay with a fresh token is safe for any method.
      if (upstream.status !== 401) break;
      await upstream.body?.cancel().catch(() => undefined);
      await minter.evict(who.customerId, who.idHandle);
    }
    if (!upstream) return finish(x, reply(x, 502, { message: MESSAGES.upstream }), 'upstream-error');
    const fields = { upstreamStatus: upstream.status, upstreamPath: check.upstreamPath };
    // A redirect is not an answer we can vouch for (and following it would carry the shopper token elsewhere).
    if (upstream.status === 401 || upstream.status >= 500 || (upstream.status >= 300 && upstream.status < 400)) {
      await upstream.body?.cancel().catch(() => undefined);
      return finish(x, reply(x, 502, { message: MESSAGES.upstream }), 'upstream-error', fields);
    }
    const headers: Record<string, string> = {};
    const retry = upstream.headers.get('retry-after');
    if (retry && /^[0-9]{1,6}$/.test(retry)) headers['Retry-After'] = retry;
    let text = '';
    try {
      if (upstream.status !== 204) text = await upstream.text();
    } catch (error) {
      // The connection broke mid-body: Omneo's answer is unknown, so ours is the usual 502.
      return finish(x, reply(x, 502, { message: MESSAGES.upstream }), 'upstream-error', { ...fields, error: errorName(error) });
    }
    const response = reply(x, upstream.status, null, headers);
    if (text) response.headers.set('Content-Type', 'application/json; charset=utf-8');
    return finish(x, new Response(text || null, { status: upstream.status, headers: response.headers }), 'forwarded', fields);
  }

  /**
   * The methods this path serves, for OPTIONS (`Allow`, a preflight's `Access-Control-Allow-Methods`); where it
   * serves none, the 404 every other method gets. Per path: a scanner reads DELETE advertised on `/balances` as
   * enabled there.
   */
  function allowedMethods(x: Exchange): string[] | Response {
    if (x.route === 'token') return ['GET', 'POST'];
    if (x.route === 'tiers') return tiers ? ['GET', 'HEAD'] : finish(x, reply(x, 404, { message: MESSAGES.tiersOff }), 'not-configured');
    const rest = passThroughRest(x);
    if (rest instanceof Response) return rest;
    const methods = passThroughPathMethods(rest, extras);
    return methods.length ? methods : finish(x, reply(x, 404, { message: MESSAGES.notFound }), 'path-not-allowed');
  }

  async function handle(request: Request, env: unknown): Promise<Response> {
    const started = now();
    const url = new URL(request.url);
    const route = routeOf(url.pathname);
    const x: Exchange = {
      request,
      url,
      route,
      ip: clientIp(request, env),
      cors: {},
      log: { event: `omneo.${route ?? 'unknown'}`, method: request.method, ...correlation(request) },
    };
    x.log.ip = x.ip;
    try {
      return await dispatch(x);
    } catch (error) {
      // The shopper left while we read her request (a closed tab, a lost phone signal): no one to answer, and
      // not our failure, so not a 5xx for the operator's alerts. 499 as nginx logs it.
      if (request.signal.aborted) return finish(x, reply(x, 499, null), 'client-closed', { error: errorName(error) });
      // A bug or an unexpected throw: our own 500 with the usual headers, and the error's name (never
      // its message or stack, which may quote a request) in this request's log line.
      return finish(x, reply(x, 500, { message: MESSAGES.internal }), 'internal-error', { error: errorName(error) });
    } finally {
      x.log.durationMs = now() - started;
      sink(x.log);
    }
  }

  async function dispatch(x: Exchange): Promise<Response> {
    if (!x.route) return finish(x, reply(x, 404, { message: MESSAGES.notFound }), 'not-found');
    const origin = x.request.headers.get('origin');
    if (origin !== null && origin !== x.url.origin) {
      // Exact match against the configured list: never a reflected Origin, never `*` with credentials.
      if (!allowedOrigins.has(origin)) return finish(x, reply(x, 403, { message: MESSAGES.origin }), 'origin-not-allowed', { origin: origin.slice(0, 200) });
      // Date: the widget times a token's renewal on the issuer's clock, not the device's (a phone set minutes
      // wrong would otherwise renew late and meet a 401); a cross-origin page can read it only if exposed.
      x.cors = { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', 'Access-Control-Expose-Headers': 'Retry-After, Date' };
    } else if (origin === null && ACROSS_ORIGINS_WITHOUT_CORS.has(x.request.headers.get('sec-fetch-site') ?? '')) {
      // Another origin's page reaching us without CORS (an <img>, a no-cors fetch, a link): browsers send
      // no Origin on those GETs but do say where they come from. That page cannot read the answer, but
      // it carries the shopper's cookie, so without this it could spend her per-IP and per-customer
      // limits. Refused before either is counted. `same-site` too: with the proxy on a subdomain of the
      // shop and a SameSite=Lax cookie (the layout we recommend), any sibling subdomain's page (a help
      // centre's posts, a blog) sends her cookie; the storefront's own calls are CORS, so carry an Origin.
      // (Servers send no Sec-Fetch-Site; what Shopify's app proxy forwards was a request to the shop's own
      // domain, same-origin if it says anything.)
      return finish(x, reply(x, 403, { message: MESSAGES.origin }), 'cross-site-without-origin');
    }
    // Without a known address (an edge runtime with no clientIp hook) every shopper would share one
    // bucket and a busy store would throttle itself, so the per-IP limit needs an address to apply.
    // IPv6 clients are counted per /64 (one subscriber's allocation), not per address (client-ip.ts).
    const ipRetry = limits && x.ip !== 'unknown' && (await overLimit('ip', rateLimitSubject(x.ip), limits.perIp));
    if (ipRetry) return tooMany(x, ipRetry, 'ip');
    if (x.request.method === 'OPTIONS') {
      const methods = allowedMethods(x);
      if (methods instanceof Response) return methods;
      return finish(
        x,
        reply(x, 204, null, {
          Allow: [...methods, 'OPTIONS'].join(', '),
          ...(origin !== null && origin !== x.url.origin
            ? {
                'Access-Control-Allow-Methods': methods.join(', '),
                'Access-Control-Allow-Headers': allowedRequestHeaders(x.request.headers.get('access-control-request-headers')),
                'Access-Control-Max-Age': '600',
                Vary: 'Cookie, Origin, Access-Control-Request-Headers',
              }
            : {}),
        }),
        'preflight',
      );
    }
    if (x.route === 'token') return token(x);
    if (x.route === 'tiers') return tierLadder(x);
    return api(x);
  }

  const app = new Hono();
  app.all('*', (c) => handle(c.req.raw, c.env));
  // Last resort for a throw outside `handle`'s own catch (a custom clientIp hook, say): Hono's default
  // would answer a bare text/plain 500 without our headers and print the stack for every request.
  app.onError((error, c) => {
    const x: Exchange = {
      request: c.req.raw,
      url: new URL('http://invalid/'),
      route: null,
      ip: 'unknown',
      cors: {},
      log: { event: 'omneo.error', method: c.req.raw.method, ...correlation(c.req.raw) },
    };
    const response = finish(x, reply(x, 500, { message: MESSAGES.internal }), 'internal-error', { error: errorName(error) });
    sink(x.log);
    return response;
  });
  return app;
}

/** A request id or trace header written into the log line as it came: one token of these characters, nothing a line could be forged with. */
const SAFE_TO_LOG = /^[\w.:@=;/+-]{1,128}$/;

/**
 * The request's id and trace for its log line, so that an operator can find it from the balancer's log (a 502 there)
 * or a trace: the balancer's or platform's `X-Request-Id` (nginx's $request_id, Heroku, Render) when there is one,
 * else our own, answered as `X-Request-Id`; the trace header it came with (W3C `traceparent`, AWS's
 * `X-Amzn-Trace-Id`, Google Cloud's `X-Cloud-Trace-Context`). A value that is not one plain token is left out.
 */
function correlation(request: Request): { requestId: string; trace?: string } {
  const safe = (name: string) => {
    const value = request.headers.get(name);
    return value !== null && SAFE_TO_LOG.test(value) ? value : null;
  };
  const trace = safe('traceparent') ?? safe('x-amzn-trace-id') ?? safe('x-cloud-trace-context');
  return { requestId: safe('x-request-id') ?? crypto.randomUUID(), ...(trace ? { trace } : {}) };
}

