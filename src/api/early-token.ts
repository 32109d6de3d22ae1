/**
 * The token request the CDN loader starts as soon as it sees an element, in parallel with downloading the
 * element's code, instead of after it (one round trip earlier data on a first visit). The data layer's token
 * source adopts it once, for the same endpoint; the response (and so the token) lives only in memory.
 */
import { deadline } from './deadline.js';

export const TOKEN_REQUEST: RequestInit = {
  method: 'POST',
  credentials: 'include',
  headers: { Accept: 'application/json' },
  cache: 'no-store',
};

/**
 * The early request's own timeout: it is aborted this long after it started, adopted or not. Adopted after that
 * (element code slow to arrive), or cut off by it, it fails as a network error, and the token source retries with a
 * request of its own (token-provider.ts).
 */
const EARLY_TOKEN_TIMEOUT_MS = 10_000;

let early: { url: string; response: Promise<Response> } | null = null;

/** Starts the page's token request now. `url` must be absolute, as the token source will see it. */
export function startEarlyTokenRequest(url: string, fetchImpl: typeof fetch = (...args) => fetch(...args)): void {
  if (early) return;
  const response = fetchImpl(url, { ...TOKEN_REQUEST, signal: deadline(EARLY_TOKEN_TIMEOUT_MS).signal });
  // Failures are the adopter's to report; unadopted, they must not become unhandled rejections. The body is read
  // (from a copy) as soon as it arrives, so the request is finished whether or not anyone adopts it.
  response.then((answer) => answer.clone().text()).catch(() => undefined);
  early = { url, response };
}

/** The early response for `url`, once: a second call, or another endpoint, gets null. */
export function takeEarlyTokenResponse(url: string): Promise<Response> | null {
  if (!early || early.url !== url) return null;
  const { response } = early;
  early = null;
  return response;
}

/** On logout: a token requested for the shopper who just left must not be adopted afterwards. */
export function forgetEarlyTokenRequest(): void {
  early = null;
}
