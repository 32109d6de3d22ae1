/**
 * Capped exponential backoff with equal jitter (half the ceiling, plus up to the other half at random), shared by GET
 * retries and the token endpoint.
 */
import { OmneoHttpError, OmneoNetworkError, OmneoTimeoutError } from './errors.js';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 2, baseDelayMs: 400, maxDelayMs: 8000 };

/**
 * The longest Retry-After that a request waits out by itself, showing its loading (or stale) state meanwhile.
 * A server that asks for longer gets no automatic retry at all: the typed error (with `retryAfterMs`) goes to
 * the element at once, which shows its error state and Retry. Retrying early would only be refused again,
 * and waiting minutes behind a skeleton reads as a broken page.
 */
export const MAX_RETRY_AFTER_MS = 30_000;

/**
 * Delay before retry number `attempt` (1-based). A server's Retry-After wins when present; null when it asks
 * for more than MAX_RETRY_AFTER_MS: do not retry.
 */
export function retryDelayMs(attempt: number, policy: RetryPolicy, retryAfterMs: number | null, random = Math.random): number | null {
  if (retryAfterMs !== null) return retryAfterMs > MAX_RETRY_AFTER_MS ? null : Math.max(retryAfterMs, 0);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * The wait before retrying after `error`, the `attempt`-th retry so far (0-based), or null to give up: only
 * transient failures are retried (network errors, timeouts, 429 and 5xx: the errors' `retryable`, or
 * `alsoRetry` for a caller's own transient case), at most `policy.retries` times, and never when the server
 * asks for a longer wait than we sit out.
 */
export function nextRetryDelay(error: unknown, attempt: number, policy: RetryPolicy, alsoRetry = false): number | null {
  const transient = error instanceof OmneoHttpError || error instanceof OmneoNetworkError || error instanceof OmneoTimeoutError;
  if (!transient || !(error.retryable || alsoRetry) || attempt >= policy.retries) return null;
  return retryDelayMs(attempt + 1, policy, error instanceof OmneoHttpError ? error.retryAfterMs : null);
}

/** Retry-After as seconds or an HTTP date → milliseconds. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
