/**
 * The shopper token, held in memory only (omneo-api.md §1.5 rule 6): never localStorage, sessionStorage,
 * cookies, globals, DOM attributes, event detail or the console. One provider serves every element on the
 * page, so there is one token request in flight however many callers ask.
 */
import { deadline } from './deadline.js';
import { TOKEN_REQUEST, takeEarlyTokenResponse } from './early-token.js';
import { OmneoConfigError, OmneoHttpError, OmneoNetworkError, OmneoParseError, OmneoProfileChangedError, OmneoTimeoutError } from './errors.js';
import { decodeJwtClaims, normaliseExp } from './jwt.js';
import { DEFAULT_RETRY, nextRetryDelay, parseRetryAfter, sleep, type RetryPolicy } from './retry.js';

export interface MintedToken {
  token: string;
  /** Expiry, unix seconds. */
  exp: number;
  /**
   * The token endpoint's clock when it answered (unix seconds, from its `Date` header when readable). With it
   * the token's remaining life is known exactly, whatever the device clock says.
   */
  serverNow?: number;
}

export interface ShopperToken extends MintedToken {
  /** The Omneo profile id from the token's `pid` claim, when present. */
  pid: string | null;
}

/** Asks the storefront for a token; `null` means the shopper is a guest. */
export type TokenSource = (signal?: AbortSignal) => Promise<MintedToken | null>;

export interface TokenProvider {
  /** The current token, minting one when there is none or it is due for renewal (see `renewAt`). */
  get(): Promise<ShopperToken | null>;
  /**
   * Called after a 401 with the token that was refused. Mints again only if that token is still the current
   * one, so many parallel 401s cause one mint. createTokenProvider's also answers nobody without a mint when the token
   * endpoint has answered guest since (until clear()), as get() does.
   */
  renewAfterRejection(rejectedToken: string): Promise<ShopperToken | null>;
  /** Forgets the token (logout, profile change). */
  clear(): void;
  /**
   * For `OmneoWidgets.diagnose()`: whether a token is being asked for, whether the shopper is a guest, when the token
   * held expires (unix seconds) and when it is renewed (device clock, ms). Never the token itself.
   */
  state?(): readonly [pending: boolean, guest: boolean, exp: number | undefined, renewAt: number];
}

export interface TokenProviderOptions {
  source: TokenSource;
  now?: () => number;
  renewBeforeSeconds?: number;
}

/** A token is renewed at most this fraction of its remaining life early (a 45 s token: about 11 s early). */
const RENEW_FRACTION = 0.25;
/**
 * However short a token's life reads (a very short token, a device clock far ahead), it is not renewed sooner
 * than this after it arrived: a page never mints on every call. A 401 still renews at once.
 */
export const MIN_RENEW_INTERVAL_MS = 10_000;

/**
 * Seconds the token has left when it arrives. The endpoint's clock (`serverNow`) knows exactly. Without it the
 * device clock is used, unless it contradicts the token's own lifetime (`exp - iat`): a clock ahead makes a
 * fresh token look expired, one behind makes it look longer-lived than it is; either way the lifetime is the
 * better guess. Null when nothing tells (no iat, and the device clock says the token is dead on arrival).
 */
function secondsLeft(minted: MintedToken, iat: number | null, receivedAtMs: number): number | null {
  if (minted.serverNow !== undefined) return minted.exp - minted.serverNow;
  const byDeviceClock = minted.exp - receivedAtMs / 1000;
  if (iat !== null && minted.exp > iat) {
    const lifetime = minted.exp - iat;
    return byDeviceClock > 0 && byDeviceClock <= lifetime ? byDeviceClock : lifetime;
  }
  return byDeviceClock > 0 ? byDeviceClock : null;
}

/**
 * When (device clock, ms) to renew a token received at `receivedAtMs`: `renewBeforeSeconds` before it
 * expires, or a quarter of its remaining life if that is less, counted from when it arrived rather than
 * against `exp` on a clock that may be wrong; never sooner than MIN_RENEW_INTERVAL_MS.
 */
export function renewAt(minted: MintedToken, receivedAtMs: number, renewBeforeSeconds = 60): number {
  const left = secondsLeft(minted, decodeJwtClaims(minted.token).iat, receivedAtMs);
  if (left === null || left <= 0) return receivedAtMs + MIN_RENEW_INTERVAL_MS;
  const margin = Math.min(renewBeforeSeconds, left * RENEW_FRACTION);
  return receivedAtMs + Math.max((left - margin) * 1000, MIN_RENEW_INTERVAL_MS);
}

export function createTokenProvider({ source, now = Date.now, renewBeforeSeconds = 60 }: TokenProviderOptions): TokenProvider {
  let current: ShopperToken | null = null;
  /** When to renew `current`, on the device clock (ms). */
  let renewDueAt = 0;
  let guest = false;
  let inFlight: Promise<ShopperToken | null> | null = null;
  /** Aborts the mint in flight: after clear() nobody needs its answer. */
  let mintController: AbortController | null = null;
  // Bumped by clear() so that a mint started before a logout cannot resurrect the old session.
  let generation = 0;

  const fresh = () => current !== null && now() < renewDueAt;

  function mint(): Promise<ShopperToken | null> {
    if (inFlight) return inFlight;
    const startedIn = generation;
    const controller = new AbortController();
    mintController = controller;
    const request = source(controller.signal)
      .then((minted) => {
        const token = minted ? { ...minted, pid: decodeJwtClaims(minted.token).pid } : null;
        // A mint that was started before clear() belongs to the old session: nobody may use it. Nor may its
        // waiters take "nobody" for an answer (they would show a signed-in shopper as a guest): they are told the
        // session changed, and ask again for the one that replaced it (a logout's answers a guest without a mint).
        if (startedIn !== generation) throw new OmneoProfileChangedError(null);
        current = token;
        renewDueAt = minted ? renewAt(minted, now(), renewBeforeSeconds) : 0;
        guest = token === null;
        return token;
      })
      .catch((error: unknown) => {
        // Aborted by clear(), or failed for a session that is over: as above.
        if (startedIn !== generation) throw error instanceof OmneoProfileChangedError ? error : new OmneoProfileChangedError(null);
        throw error;
      })
      .finally(() => {
        if (inFlight === request) inFlight = null;
        if (mintController === controller) mintController = null;
      });
    inFlight = request;
    return request;
  }

  return {
    get() {
      if (fresh()) return Promise.resolve(current);
      if (guest && !inFlight) return Promise.resolve(null);
      return mint();
    },
    renewAfterRejection(rejectedToken) {
      if (current && current.token !== rejectedToken && fresh()) return Promise.resolve(current);
      // A guest answer is newer than any token a request could have been refused with (a token handed out later comes
      // from a mint, which ends the guest answer; clear() forgets it): nobody is signed in, as get() says, no mint.
      if (guest && !inFlight) return Promise.resolve(null);
      if (current?.token === rejectedToken) current = null;
      return mint();
    },
    clear() {
      generation += 1;
      current = null;
      renewDueAt = 0;
      guest = false;
      inFlight = null;
      mintController?.abort();
      mintController = null;
    },
    state: () => [!!inFlight, guest, current?.exp, renewDueAt] as const,
  };
}

export interface EndpointSourceOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Retries for 503 "profile not synced yet" (with Retry-After), 429, other 5xx and network errors. */
  retry?: RetryPolicy;
}

/**
 * Says something to the developer on the console (a proxy refusing this page, an endpoint set up wrong). The text
 * loads only then (diagnostics.ts): a page set up right never downloads it. Offline, it says nothing.
 */
const diagnose = (say: (diagnostics: typeof import('./diagnostics.js')) => unknown): void =>
  void import('./diagnostics.js').then(say).catch(() => undefined);

/**
 * The embed contract's token endpoint: `POST {endpoint}` with the storefront's cookies. 200 → `{token, exp}`
 * (or Omneo's `{data: {...}}` wrapping); 401, 403 and 204 → guest.
 */
export function endpointTokenSource(endpoint: string, options: EndpointSourceOptions = {}): TokenSource {
  const { timeoutMs = 10_000, retry = DEFAULT_RETRY } = options;
  if (!endpoint) throw new OmneoConfigError('tokenEndpoint is empty: set token-endpoint or tokenEndpoint, or give getToken in JS.');
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));

  /** The last answer, for the message when it cannot be used. */
  let lastResponse: Response | null = null;

  async function once(signal?: AbortSignal): Promise<MintedToken | null> {
    const timeout = deadline(timeoutMs, signal);
    const combined = timeout.signal;
    try {
      let response: Response;
      lastResponse = null;
      try {
        // The CDN loader may already have asked, while the element's code was downloading.
        response = await (takeEarlyTokenResponse(endpoint) ?? doFetch(endpoint, { ...TOKEN_REQUEST, signal: combined }));
      } catch (error) {
        if (combined.aborted && !signal?.aborted) throw new OmneoTimeoutError(endpoint, timeoutMs);
        if (signal?.aborted) throw error;
        throw new OmneoNetworkError(endpoint, { cause: error });
      }
      lastResponse = response;
      if (response.status === 403) diagnose((diagnostics) => diagnostics.warnRefusedOnce(endpoint, response));
      if (response.status === 401 || response.status === 403 || response.status === 204) return null;
      if (!response.ok) {
        throw new OmneoHttpError(response.status, null, {}, parseRetryAfter(response.headers.get('Retry-After')), endpoint);
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch (error) {
        if (combined.aborted && !signal?.aborted) throw new OmneoTimeoutError(endpoint, timeoutMs);
        if (signal?.aborted) throw error;
        // A body cut off is a network failure, retried: the connection dropped, or the loader's early request hit its
        // own 10 s timeout before this adopted it (element code slow to arrive). Only a body read whole is not JSON.
        // Not JSON: a SyntaxError, or in WebKit (Safari) a DOMException named so ("The string did not match the
        // expected pattern."): there a storefront page was retried as a dropped connection and never named on the console.
        if (!(error instanceof SyntaxError || (error instanceof DOMException && error.name === 'SyntaxError'))) throw new OmneoNetworkError(endpoint, { cause: error });
        throw new OmneoParseError(endpoint, 'body', 'the token endpoint did not answer JSON');
      }
      const minted = readMintedToken(body, endpoint);
      const serverNow = Math.floor(Date.parse(response.headers.get('Date') ?? '') / 1000);
      // Expired by the endpoint's own clock: a lifetime sent as exp (`"exp": 900`) or a token cached too long. It is
      // renewed every MIN_RENEW_INTERVAL_MS, or refused by Omneo: say why.
      if (minted.exp <= serverNow) diagnose((diagnostics) => diagnostics.reportExpiredOnArrival(endpoint, minted.exp, serverNow, response));
      return Number.isNaN(serverNow) ? minted : { ...minted, serverNow };
    } finally {
      timeout.clear();
    }
  }

  return async (signal) => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await once(signal);
      } catch (error) {
        const delay = nextRetryDelay(error, attempt, retry);
        if (delay === null) {
          const response = lastResponse;
          diagnose((diagnostics) => diagnostics.reportMisconfiguredOnce(endpoint, error, response));
          throw error;
        }
        await sleep(delay, signal);
      }
    }
  };
}

/** Accepts `{token, exp}` and `{data: {token, exp}}`; `exp` falls back to the JWT claim. */
export function readMintedToken(body: unknown, source = 'token endpoint'): MintedToken {
  const record = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const inner = record.data && typeof record.data === 'object' ? (record.data as Record<string, unknown>) : record;
  const token = inner.token;
  if (typeof token !== 'string' || token.split('.').length !== 3) {
    throw new OmneoParseError(source, 'token', 'expected a JWT string');
  }
  const exp = normaliseExp(inner.exp) ?? decodeJwtClaims(token).exp;
  if (exp === null) throw new OmneoParseError(source, 'exp', 'expected unix seconds, and the token carries no exp claim');
  return { token, exp };
}
