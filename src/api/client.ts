/**
 * The one place that talks HTTP to the Omneo ID API. Adds the headers, a timeout per attempt, GET retries
 * with backoff, one re-mint and replay after a 401, and parses every body with a zod schema before anyone
 * sees it. Mutations are never retried automatically (omneo-api.md §1.5 rule 8).
 */
import * as z from 'zod/mini';
import {
  OmneoGuestError,
  OmneoHttpError,
  OmneoNetworkError,
  OmneoParseError,
  OmneoProfileChangedError,
  OmneoTimeoutError,
  firstIssue,
  isAbortError,
  notSent,
} from './errors.js';
import { deadline, type Deadline } from './deadline.js';
import { DEFAULT_RETRY, nextRetryDelay, parseRetryAfter, sleep, type RetryPolicy } from './retry.js';
import type { ShopperToken, TokenProvider } from './token-provider.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: HttpMethod;
  query?: Record<string, QueryValue | QueryValue[]>;
  body?: unknown;
  signal?: AbortSignal;
  /**
   * The profile (token `pid`) this request is for. A token for any other profile, the first one or one
   * re-minted after a 401, throws OmneoProfileChangedError before anything is sent. Set by `forProfile`.
   */
  expectPid?: string | null;
  /**
   * GET only: a 404 means "not synced yet" rather than "absent", and is retried with NOT_SYNCED_RETRY. For
   * `/profiles/me`, which a freshly created storefront account can reach before Omneo has its profile.
   */
  retryNotFound?: boolean;
}

/**
 * A new account can take seconds to sync from the platform into Omneo (omneo-api.md §1.2; a peer waited 5 s
 * between tries): slower and a little longer than the transient-fault policy, 7 to 14 s of waits in all (ceilings of
 * 2, 4 and 8 s, equal jitter: see retry.ts) before the error state, then Retry.
 */
export const NOT_SYNCED_RETRY: RetryPolicy = { retries: 3, baseDelayMs: 2000, maxDelayMs: 8000 };

export interface OmneoClientOptions {
  apiBase: string;
  tokens: TokenProvider;
  fetch?: typeof fetch;
  timeoutMs?: number;
  retry?: RetryPolicy;
  notSyncedRetry?: RetryPolicy;
  /**
   * Cookies for API calls; default `omit`: the token is the credential, and Omneo's CORS need not allow
   * credentials. The elements' runtime passes `apiCredentialsFor`'s choice: `include` for the proxy's pass-through
   * mode, which identifies the shopper from the storefront session on every call, else `same-origin`.
   */
  credentials?: RequestCredentials;
  /** Injected in tests to avoid real waits. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface OmneoClient {
  readonly apiBase: string;
  /** Requests `path` (relative to apiBase) and parses the body with `schema`. */
  request<S extends z.ZodMiniType>(path: string, schema: S, options?: RequestOptions): Promise<z.output<S>>;
  /** For 204-style writes: succeeds on any 2xx, ignores the body. */
  send(path: string, options: RequestOptions & { method: Exclude<HttpMethod, 'GET'> }): Promise<void>;
}

interface LaravelErrorBody {
  message?: unknown;
  errors?: unknown;
}

function readErrorBody(body: unknown): { message: string | null; fieldErrors: Record<string, string[]> } {
  const record = (body && typeof body === 'object' ? body : {}) as LaravelErrorBody;
  const message = typeof record.message === 'string' ? record.message : null;
  const fieldErrors: Record<string, string[]> = {};
  if (record.errors && typeof record.errors === 'object') {
    for (const [field, messages] of Object.entries(record.errors as Record<string, unknown>)) {
      if (Array.isArray(messages)) fieldErrors[field] = messages.filter((m): m is string => typeof m === 'string');
      else if (typeof messages === 'string') fieldErrors[field] = [messages];
    }
  }
  return { message, fieldErrors };
}

export function buildUrl(apiBase: string, path: string, query?: RequestOptions['query']): string {
  const base = apiBase.replace(/\/+$/, '');
  const url = `${base}/${path.replace(/^\/+/, '')}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null) params.append(key, String(item));
    }
  }
  const search = params.toString();
  return search ? `${url}?${search}` : url;
}

export function createOmneoClient(options: OmneoClientOptions): OmneoClient {
  const { apiBase, tokens, timeoutMs = 10_000, retry = DEFAULT_RETRY, notSyncedRetry = NOT_SYNCED_RETRY, credentials = 'omit' } = options;
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const wait = options.sleep ?? sleep;

  /**
   * One HTTP exchange with the current token; re-mints and replays once on 401. With `readBody`, a 2xx body
   * is read here, under the same timeout and error mapping as the headers: a body that stalls after the
   * headers is a timeout like any other (and so retried for GETs), never a raw DOMException.
   */
  async function exchange(path: string, init: RequestOptions, readBody: boolean): Promise<{ response: Response; text: string | null; timeout: Deadline }> {
    const method = init.method ?? 'GET';
    const url = buildUrl(apiBase, path, init.query);
    // Failing to get a token (the token endpoint down) happens before anything is sent.
    let token: ShopperToken | null = await tokens.get().catch((error: unknown) => Promise.reject(notSent(error)));
    if (!token) throw new OmneoGuestError();
    if (differentProfiles(init.expectPid, token.pid)) throw new OmneoProfileChangedError(path);
    for (let replay = 0; ; replay += 1) {
      const timeout = deadline(timeoutMs, init.signal);
      const { signal } = timeout;
      const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${token.token}` };
      // Every write says JSON, a bodiless DELETE too: the pass-through proxy refuses writes that do not (a
      // cross-site form cannot send it), and Omneo reads JSON anyway.
      if (init.body !== undefined || method !== 'GET') headers['Content-Type'] = 'application/json';
      let response: Response;
      let text: string | null = null;
      try {
        response = await doFetch(url, {
          method,
          headers,
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
          signal,
          credentials,
          // The browser's HTTP cache keys by URL, not by the Authorization header, and /profiles/me/… is the
          // same URL for every shopper: an answer a CDN or tenant marked cacheable would be served to the next.
          cache: 'no-store',
          // The bearer token says who the shopper is: with the page's address too (a storefront whose
          // Referrer-Policy sends it), Omneo would learn every product page and search each shopper opens.
          referrerPolicy: 'no-referrer',
        });
        if (readBody && response.ok) text = await response.text();
      } catch (error) {
        timeout.clear();
        if (init.signal?.aborted) throw init.signal.reason ?? error;
        if (signal.aborted || isAbortError(error)) throw new OmneoTimeoutError(path, timeoutMs);
        throw new OmneoNetworkError(path, { cause: error });
      }
      if (response.status === 401 && replay === 0) {
        await response.body?.cancel();
        timeout.clear();
        // Refused as unauthenticated, so not carried out: a renewal that fails leaves nothing done either.
        const renewed: ShopperToken | null = await tokens.renewAfterRejection(token.token).catch((error: unknown) => Promise.reject(notSent(error)));
        if (!renewed) throw new OmneoGuestError();
        // The storefront session now belongs to someone else: replaying would fetch (or write) their data in
        // answer to a request made for the previous shopper.
        if (differentProfiles(token.pid, renewed.pid) || differentProfiles(init.expectPid, renewed.pid)) {
          throw new OmneoProfileChangedError(path);
        }
        token = renewed;
        continue;
      }
      return { response, text, timeout };
    }
  }

  async function attempt(path: string, init: RequestOptions, readBody: boolean): Promise<{ response: Response; text: string | null }> {
    const exchanged = await exchange(path, init, readBody);
    const { response, timeout } = exchanged;
    // An error's body is read under the request's timeout too; a write's answer is read to its end without it.
    try {
      if (response.ok) return exchanged;
      const { message, fieldErrors } = readErrorBody(await response.json().catch(() => null));
      throw new OmneoHttpError(response.status, message, fieldErrors, parseRetryAfter(response.headers.get('Retry-After')), path);
    } finally {
      timeout.clear();
    }
  }

  async function withRetries<T>(init: RequestOptions, run: () => Promise<T>): Promise<T> {
    const idempotent = (init.method ?? 'GET') === 'GET';
    for (let attemptNumber = 0; ; attemptNumber += 1) {
      try {
        return await run();
      } catch (error) {
        const notSynced = init.retryNotFound === true && error instanceof OmneoHttpError && error.status === 404;
        const delay = idempotent ? nextRetryDelay(error, attemptNumber, notSynced ? notSyncedRetry : retry, notSynced) : null;
        if (delay === null) throw error;
        await wait(delay, init.signal);
      }
    }
  }

  return {
    apiBase,
    request(path, schema, init = {}) {
      return withRetries(init, async () => {
        const { text } = await attempt(path, init, true);
        let body: unknown;
        try {
          body = !text ? undefined : JSON.parse(text);
        } catch {
          throw new OmneoParseError(path, 'body', 'the response was not valid JSON');
        }
        const parsed = z.safeParse(schema, body);
        if (!parsed.success) {
          const { field, reason } = firstIssue(parsed.error.issues);
          throw new OmneoParseError(path, field || '(body)', reason);
        }
        return parsed.data;
      });
    },
    send(path, init) {
      return withRetries(init, async () => {
        const { response } = await attempt(path, init, false);
        // 204 has no body and some deletes answer 200 with one: never .json() blindly (§4). The write has
        // succeeded by now, so its answer is read to the end in the background rather than waited for (a slow
        // body must not turn a done write into a failure) or cancelled (devtools would list a cancelled, red
        // request for every wishlist change and redeem, and the connection could not be reused).
        void response.arrayBuffer().catch(() => undefined);
      });
    },
  };
}

/** Two known profile ids that differ. A token without a `pid` claim cannot be told apart, so it never differs. */
function differentProfiles(expected: string | null | undefined, actual: string | null): boolean {
  return typeof expected === 'string' && actual !== null && actual !== expected;
}

/**
 * The same client, bound to one profile: every request it makes (and its replay after a 401) refuses a token
 * for any other `pid` with OmneoProfileChangedError, so an answer is never another shopper's and a write never
 * goes out with another shopper's token. The store and the mutations use it for each session.
 */
export function forProfile(client: OmneoClient, pid: string | null): OmneoClient {
  if (pid === null) return client;
  return {
    apiBase: client.apiBase,
    request: (path, schema, init = {}) => client.request(path, schema, { ...init, expectPid: pid }),
    send: (path, init) => client.send(path, { ...init, expectPid: pid }),
  };
}

/**
 * Which cookies API calls carry. An API base on the token endpoint's origin is the retailer's proxy in
 * pass-through mode: it needs the storefront session (cookie, or Shopify's app-proxy signature, which Shopify
 * adds only when the shop's session cookie arrives), so `include`. Anything else is Omneo, or a server on the
 * page's own origin: `same-origin`, which never sends cookies to Omneo's host.
 */
export function apiCredentialsFor(apiBase: string, tokenEndpoint: string | null): RequestCredentials {
  if (!tokenEndpoint) return 'same-origin';
  return new URL(apiBase).origin === new URL(tokenEndpoint).origin ? 'include' : 'same-origin';
}
