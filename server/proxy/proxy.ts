import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { decodeJwtPayload } from './encoding.js';
import type { IdentityAdapter, IdentityResult, ProxyConfig, ProxyLogEntry } from './types.js';

/**
 * Token-exchange proxy (omneo-api.md §1.4–1.5): verifies who is signed in on the storefront, mints
 * a short-lived Omneo ID token for that customer with the admin token, and returns `{token, exp}`.
 * Nothing here caches or logs a token, and upstream bodies never reach the browser.
 */

const DEFAULT_TIMEOUT_MS = 5000;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** Our own copy for every failure: never the upstream body, never a hint about which check failed. */
const MESSAGES = {
  noSession: 'No signed-in customer.',
  notReady: 'The loyalty profile is not ready yet. Try again shortly.',
  upstream: 'The loyalty service is unavailable.',
  internal: 'The token service failed.',
} as const;

type Outcome =
  | 'minted'
  | 'no-session'
  | 'refused'
  | 'adapter-error'
  | 'unknown-customer'
  | 'upstream-error'
  | 'upstream-timeout'
  | 'upstream-unreachable'
  | 'upstream-bad-response';

function normaliseExp(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n) || n <= 0) return null;
  // Defensive (§1.4): an exp above 10^12 is milliseconds.
  return Math.floor(n > 1e12 ? n / 1000 : n);
}

export function createProxy(config: ProxyConfig): Hono {
  if (!config.idApiBase) throw new TypeError('createProxy: idApiBase is required');
  if (!config.adminToken) throw new TypeError('createProxy: adminToken is required');
  if (!config.identity?.length) throw new TypeError('createProxy: at least one identity adapter is required');

  const fetchImpl = config.fetch ?? fetch;
  const now = config.now ?? Date.now;
  const timeoutMs = config.upstreamTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const mintUrl = `${config.idApiBase.replace(/\/+$/, '')}/auth/token`;
  const log = (entry: ProxyLogEntry) => {
    try {
      config.logger?.(entry);
    } catch {
      // A failing log sink must not break token issuance.
    }
  };

  function respond(c: Context, status: ContentfulStatusCode, body: object, extra: Record<string, string> = {}) {
    return c.json(body, status, {
      'Cache-Control': 'no-store',
      Vary: 'Cookie, Origin',
      'X-Content-Type-Options': 'nosniff',
      ...extra,
    });
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

  const app = new Hono();
  app.on(['GET', 'POST'], config.path ?? '/omneo/token', async (c) => {
    const started = now();
    const record = (outcome: Outcome, fields: ProxyLogEntry = {}) =>
      log({ event: 'omneo.token', outcome, method: c.req.method, ...fields, durationMs: now() - started });

    const identity = await identify(c.req.raw);
    if ('error' in identity) {
      record('adapter-error', { adapter: identity.error.name });
      return respond(c, 500, { message: MESSAGES.internal });
    }
    const { result, adapter } = identity;
    if (result === null) {
      record('no-session');
      return respond(c, 401, { message: MESSAGES.noSession });
    }
    if ('refuse' in result) {
      // The reason is for our log only; the client gets the same answer as "no session".
      record('refused', { adapter: adapter?.name, reason: result.refuse });
      return respond(c, 401, { message: MESSAGES.noSession });
    }
    const customerId = result.customerId;
    const base = { adapter: adapter?.name, customerId };

    let upstream: Response;
    try {
      upstream = await fetchImpl(mintUrl, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${config.adminToken}`,
          Accept: 'application/json',
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(config.idHandle ? { id: customerId, id_handle: config.idHandle } : { id: customerId }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const name = error instanceof Error ? error.name : 'Error';
      const timedOut = name === 'TimeoutError' || name === 'AbortError';
      record(timedOut ? 'upstream-timeout' : 'upstream-unreachable', { ...base, error: name });
      return respond(c, 502, { message: MESSAGES.upstream });
    }

    if (upstream.status === 404 || upstream.status === 422) {
      // Probably a customer not yet synced from the platform (§1.2): the widget retries with backoff.
      await upstream.body?.cancel().catch(() => undefined);
      record('unknown-customer', { ...base, upstreamStatus: upstream.status });
      return respond(c, 503, { message: MESSAGES.notReady }, { 'Retry-After': '5' });
    }
    if (!upstream.ok) {
      await upstream.body?.cancel().catch(() => undefined);
      record('upstream-error', { ...base, upstreamStatus: upstream.status });
      return respond(c, 502, { message: MESSAGES.upstream });
    }

    let payload: unknown;
    try {
      payload = await upstream.json();
    } catch {
      record('upstream-bad-response', { ...base, upstreamStatus: upstream.status, problem: 'invalid-json' });
      return respond(c, 502, { message: MESSAGES.upstream });
    }
    const envelope = (payload !== null && typeof payload === 'object' ? payload : {}) as Record<string, unknown>;
    const data = (envelope.data !== null && typeof envelope.data === 'object' ? envelope.data : envelope) as Record<string, unknown>;
    const token = data.token;
    const claims = typeof token === 'string' && JWT_SHAPE.test(token) ? decodeJwtPayload(token) : null;
    if (typeof token !== 'string' || !claims) {
      // Never a placeholder as a token (§1.5 rule 4).
      record('upstream-bad-response', { ...base, problem: 'no-token' });
      return respond(c, 502, { message: MESSAGES.upstream });
    }
    if (claims.pid === 'null' || claims.pid === null) {
      // An anonymous token can only create profiles; a shopper must never get one.
      record('upstream-bad-response', { ...base, problem: 'anonymous-token' });
      return respond(c, 502, { message: MESSAGES.upstream });
    }
    const exp = normaliseExp(data.exp) ?? normaliseExp(claims.exp);
    if (exp === null || exp <= Math.floor(now() / 1000)) {
      record('upstream-bad-response', { ...base, problem: exp === null ? 'no-exp' : 'expired-token' });
      return respond(c, 502, { message: MESSAGES.upstream });
    }
    record('minted', { ...base, exp });
    return respond(c, 200, { token, exp });
  });
  return app;
}
