import { base64UrlDecodeBytes, base64UrlEncodeBytes, bytesToHex, decodeJwtPayload } from './encoding.js';
import { errorName, failureCause, storeFailure, timedOut } from './failures.js';
import type { ProxyStore } from './store.js';
import type { ProxyLogEntry } from './types.js';

/**
 * Minting (omneo-api.md §1.2) with a per-customer cache. A cached token is handed out only while at
 * least `minRemainingSeconds` of it remain, so the widget (which renews 60 s before `exp`) never
 * receives one that is already due. What remains is counted on Omneo's clock (`exp` is Omneo's),
 * read from its answer's Date header when it minted: a proxy clock minutes slow (within Shopify's
 * 300 s window) would otherwise hand out tokens Omneo already refuses. Cached tokens are encrypted (AES-GCM, key derived from the
 * admin token) and filed under an HMAC of the customer id: a dump of the shared store reveals
 * neither tokens nor customer ids, and a value moved to another customer's key fails to decrypt.
 */

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const encoder = new TextEncoder();

export type MintOutcome =
  | 'unknown-customer'
  | 'admin-token-refused'
  | 'upstream-error'
  | 'upstream-timeout'
  | 'upstream-unreachable'
  | 'upstream-bad-response';

export type MintResult =
  /** `skew`: Omneo's clock minus ours, seconds, when it minted (0 when its answer had no readable Date). */
  | { ok: true; token: string; exp: number; skew: number; cached: boolean }
  | { ok: false; outcome: MintOutcome; status: 502 | 503; detail: ProxyLogEntry; retryAfter?: string };

export interface MinterOptions {
  idApiBase: string;
  adminToken: string;
  /** Called as `options.fetch(…)`: createProxy passes a plain function bound for Workers. */
  fetch: typeof fetch;
  now: () => number;
  timeoutMs: number;
  store: ProxyStore;
  cache: boolean;
  minRemainingSeconds: number;
  log: (entry: ProxyLogEntry) => void;
}

export function normaliseExp(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n) || n <= 0) return null;
  // Defensive (§1.4): an exp above 10^12 is milliseconds.
  return Math.floor(n > 1e12 ? n / 1000 : n);
}

interface CacheKeys {
  aes: CryptoKey;
  hmac: CryptoKey;
}

async function deriveKeys(adminToken: string): Promise<CacheKeys> {
  const base = await crypto.subtle.importKey('raw', encoder.encode(adminToken), 'HKDF', false, ['deriveKey']);
  const params = (info: string) => ({ name: 'HKDF', hash: 'SHA-256', salt: encoder.encode('omneo-proxy/token-cache/v1'), info: encoder.encode(info) });
  const [aes, hmac] = await Promise.all([
    crypto.subtle.deriveKey(params('encrypt'), base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']),
    crypto.subtle.deriveKey(params('key-names'), base, { name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign']),
  ]);
  return { aes, hmac };
}

export function createMinter(options: MinterOptions) {
  const mintUrl = `${options.idApiBase.replace(/\/+$/, '')}/auth/token`;
  const keys = deriveKeys(options.adminToken);
  const inFlight = new Map<string, Promise<MintResult>>();
  const nowSeconds = () => Math.floor(options.now() / 1000);

  async function cacheKey(customerId: string, idHandle: string | null): Promise<string> {
    const mac = await crypto.subtle.sign('HMAC', (await keys).hmac, encoder.encode(`${idHandle ?? ''}\u0000${customerId}`));
    return `tok:${bytesToHex(new Uint8Array(mac)).slice(0, 40)}`;
  }

  async function readCache(key: string): Promise<{ token: string; exp: number; skew: number } | null> {
    let stored: string | null;
    try {
      stored = await options.store.get(key);
    } catch (error) {
      options.log(storeFailure('get', error));
      return null;
    }
    if (!stored) return null;
    try {
      const bytes = base64UrlDecodeBytes(stored);
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: bytes.slice(0, 12), additionalData: encoder.encode(key) },
        (await keys).aes,
        bytes.slice(12),
      );
      const value = JSON.parse(new TextDecoder().decode(plain)) as { token?: unknown; exp?: unknown; skew?: unknown };
      if (typeof value.token !== 'string' || typeof value.exp !== 'number') return null;
      return { token: value.token, exp: value.exp, skew: typeof value.skew === 'number' ? value.skew : 0 };
    } catch {
      // Written with another admin token (rotated) or tampered with: a miss.
      return null;
    }
  }

  async function writeCache(key: string, token: string, exp: number, skew: number) {
    const ttlMs = (exp - skew - options.minRemainingSeconds) * 1000 - options.now();
    if (ttlMs <= 0) return;
    try {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const cipher = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: encoder.encode(key) },
        (await keys).aes,
        encoder.encode(JSON.stringify({ token, exp, skew })),
      );
      const bytes = new Uint8Array(12 + cipher.byteLength);
      bytes.set(iv);
      bytes.set(new Uint8Array(cipher), 12);
      await options.store.set(key, base64UrlEncodeBytes(bytes), ttlMs);
    } catch (error) {
      options.log(storeFailure('set', error));
    }
  }

  async function mint(customerId: string, idHandle: string | null): Promise<MintResult> {
    let upstream: Response;
    try {
      upstream = await options.fetch(mintUrl, {
        method: 'POST',
        headers: { Authorization: `Bearer ${options.adminToken}`, Accept: 'application/json', 'Content-Type': 'application/json' },
        body: JSON.stringify(idHandle ? { id: customerId, id_handle: idHandle } : { id: customerId }),
        // Never follow a redirect with the admin token in hand.
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      const name = errorName(error);
      return { ok: false, outcome: timedOut(name) ? 'upstream-timeout' : 'upstream-unreachable', status: 502, detail: { error: name, ...failureCause(error) } };
    }
    if (upstream.status === 404 || upstream.status === 422) {
      // Probably a customer not yet synced from the platform (§1.2): the widget retries with backoff.
      await upstream.body?.cancel().catch(() => undefined);
      return { ok: false, outcome: 'unknown-customer', status: 503, detail: { upstreamStatus: upstream.status } };
    }
    if (upstream.status === 401 || upstream.status === 403) {
      await upstream.body?.cancel().catch(() => undefined);
      // The admin token itself refused (expired, revoked, or without the scope to mint ID tokens): every shopper's
      // mint fails until OMNEO_ADMIN_TOKEN is replaced, which a generic upstream error would not tell the operator.
      return { ok: false, outcome: 'admin-token-refused', status: 502, detail: { upstreamStatus: upstream.status } };
    }
    if (!upstream.ok) {
      await upstream.body?.cancel().catch(() => undefined);
      // Omneo throttling the admin token (every shopper's mints) says how long to wait: passed on to the widgets,
      // which then wait that long instead of retrying within a second (as a pass-through 429 already is).
      const retryAfter = upstream.headers.get('retry-after');
      const throttled = (upstream.status === 429 || upstream.status === 503) && retryAfter !== null && /^[0-9]{1,6}$/.test(retryAfter);
      return { ok: false, outcome: 'upstream-error', status: 502, detail: { upstreamStatus: upstream.status }, ...(throttled ? { retryAfter } : {}) };
    }
    let payload: unknown;
    try {
      payload = await upstream.json();
    } catch (error) {
      // The timeout also bounds the body: one that stalled after the headers is Omneo being slow, not malformed JSON.
      const name = errorName(error);
      if (timedOut(name)) return { ok: false, outcome: 'upstream-timeout', status: 502, detail: { upstreamStatus: upstream.status, error: name } };
      return { ok: false, outcome: 'upstream-bad-response', status: 502, detail: { upstreamStatus: upstream.status, problem: 'invalid-json' } };
    }
    const envelope = (payload !== null && typeof payload === 'object' ? payload : {}) as Record<string, unknown>;
    const data = (envelope.data !== null && typeof envelope.data === 'object' ? envelope.data : envelope) as Record<string, unknown>;
    const token = data.token;
    const claims = typeof token === 'string' && JWT_SHAPE.test(token) ? decodeJwtPayload(token) : null;
    if (typeof token !== 'string' || !claims) {
      // Never a placeholder as a token (§1.5 rule 4).
      return { ok: false, outcome: 'upstream-bad-response', status: 502, detail: { problem: 'no-token' } };
    }
    if (claims.pid === 'null' || claims.pid === null || claims.pid === undefined) {
      // An anonymous token can only create profiles; a shopper must never get one.
      return { ok: false, outcome: 'upstream-bad-response', status: 502, detail: { problem: 'anonymous-token' } };
    }
    const exp = normaliseExp(data.exp) ?? normaliseExp(claims.exp);
    const omneoNow = Date.parse(upstream.headers.get('date') ?? '');
    const skew = Number.isNaN(omneoNow) ? 0 : Math.floor(omneoNow / 1000) - nowSeconds();
    if (exp === null || exp <= nowSeconds() + skew) {
      return { ok: false, outcome: 'upstream-bad-response', status: 502, detail: { problem: exp === null ? 'no-exp' : 'expired-token' } };
    }
    return { ok: true, token, exp, skew, cached: false };
  }

  return {
    /** A token for this customer: from the cache when one with enough life is there, else freshly minted (one mint per customer at a time). */
    async tokenFor(customerId: string, idHandle: string | null, opts: { fresh?: boolean } = {}): Promise<MintResult> {
      const key = await cacheKey(customerId, idHandle);
      if (options.cache && !opts.fresh) {
        const cached = await readCache(key);
        if (cached && cached.exp - (nowSeconds() + cached.skew) >= options.minRemainingSeconds) return { ok: true, ...cached, cached: true };
      }
      let pending = inFlight.get(key);
      if (!pending) {
        pending = mint(customerId, idHandle).then(async (result) => {
          if (result.ok && options.cache) await writeCache(key, result.token, result.exp, result.skew);
          return result;
        });
        inFlight.set(key, pending);
        void pending.finally(() => inFlight.delete(key));
      }
      return pending;
    },
    /** Forgets the cached token, e.g. after Omneo answered 401 to it. */
    async evict(customerId: string, idHandle: string | null) {
      try {
        await options.store.delete(await cacheKey(customerId, idHandle));
      } catch (error) {
        options.log(storeFailure('delete', error));
      }
    },
  };
}

export type Minter = ReturnType<typeof createMinter>;
