import type { ProxyLogEntry } from './types.js';

/** An exception's name for a log line (never its message, which may quote a URL, a key or a value). */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name.slice(0, 64) : 'Error';
}

/** An error name (errorName) of a call cut by its timeout signal: the request, or its body after the headers. */
export const timedOut = (name: string): boolean => name === 'TimeoutError' || name === 'AbortError';

/**
 * For the log line of a failed call: the code behind it. A system error's (`ECONNREFUSED`, `ENOTFOUND`,
 * `CERT_HAS_EXPIRED`, `UND_ERR_CONNECT_TIMEOUT`, …), which fetch hides in `cause` under a bare "fetch failed"
 * TypeError, or the Redis store's (`NOAUTH`, `READONLY`, `OOM`, `REDIS_TIMEOUT`…, store-redis.ts). A code only,
 * never a message.
 */
export function failureCause(error: unknown): { cause?: string } {
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code ?? (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,63}$/.test(code) ? { cause: code } : {};
}

/** The log line of a shared-store operation that failed (the request goes on without it). */
export function storeFailure(operation: 'get' | 'set' | 'delete' | 'hit', error: unknown): ProxyLogEntry {
  return { event: 'omneo.store', outcome: 'store-error', operation, error: errorName(error), ...failureCause(error) };
}
