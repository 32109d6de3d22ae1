/** Capped exponential backoff with full jitter, shared by GET retries and the token endpoint. */
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
