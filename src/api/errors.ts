/**
 * Typed errors for everything that can go wrong between the widget and Omneo. Elements switch on `kind` to
 * pick their own localised copy; Omneo's English `message` and field errors are kept for logs and hints.
 */
import type * as z from 'zod/mini';

export type OmneoErrorKind = 'http' | 'network' | 'timeout' | 'parse' | 'config' | 'guest' | 'profile-changed';

export abstract class OmneoError extends Error {
  abstract readonly kind: OmneoErrorKind;
  /** Whether trying again later might succeed (drives the Retry button and automatic GET retries). */
  get retryable(): boolean {
    return false;
  }
}

/** The API answered with a non-2xx status. */
export class OmneoHttpError extends OmneoError {
  readonly kind = 'http';
  constructor(
    readonly status: number,
    /** Omneo's own (English, Laravel) message, when the body had one. */
    readonly omneoMessage: string | null,
    /** Laravel validation errors: field → messages. */
    readonly fieldErrors: Record<string, string[]>,
    /** From `Retry-After`, in milliseconds. */
    readonly retryAfterMs: number | null,
    readonly path: string,
  ) {
    super(`Omneo answered ${status} for ${path}${omneoMessage ? `: ${omneoMessage}` : ''}`);
    this.name = 'OmneoHttpError';
  }
  override get retryable(): boolean {
    return this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

/** The request never got an HTTP answer (offline, DNS, CORS refusal, connection reset). */
export class OmneoNetworkError extends OmneoError {
  readonly kind = 'network';
  constructor(readonly path: string, options?: { cause?: unknown }) {
    super(`Network error while requesting ${path}`, options);
    this.name = 'OmneoNetworkError';
  }
  override get retryable(): boolean {
    return true;
  }
}

export class OmneoTimeoutError extends OmneoError {
  readonly kind = 'timeout';
  constructor(readonly path: string, readonly timeoutMs: number) {
    super(`No answer for ${path} within ${timeoutMs} ms`);
    this.name = 'OmneoTimeoutError';
  }
  override get retryable(): boolean {
    return true;
  }
}

/** The body was not JSON, or did not match the schema. `field` names the first offending field. */
export class OmneoParseError extends OmneoError {
  readonly kind = 'parse';
  constructor(
    readonly path: string,
    readonly field: string,
    readonly detail: string,
  ) {
    super(`Unexpected response from ${path}: ${field}: ${detail}`);
    this.name = 'OmneoParseError';
  }
}

/** The embed is misconfigured (missing token endpoint, bad URL…): a message for the merchant's developer. */
export class OmneoConfigError extends OmneoError {
  readonly kind = 'config';
  constructor(message: string) {
    super(message);
    this.name = 'OmneoConfigError';
  }
}

/** No shopper is signed in: not a failure, elements show their guest state. */
export class OmneoGuestError extends OmneoError {
  readonly kind = 'guest';
  constructor() {
    super('No shopper is signed in');
    this.name = 'OmneoGuestError';
  }
}

/**
 * The signed-in shopper changed under a request: a re-minted token belongs to another profile than the one
 * the request was made for (shared device, a sign-in in another tab), or a write was about to go out with
 * another shopper's token. Nothing of the answer may be shown or cached, and the write was not sent; the store
 * clears everything and loads the new shopper's data. Carries no profile ids (messages may reach logs).
 */
export class OmneoProfileChangedError extends OmneoError {
  readonly kind = 'profile-changed';
  constructor(
    /**
     * The request whose token named another profile (the client's check); null when no token did: a session the store
     * had ended or replaced already, or a token request cancelled for a new one (refresh(), logout).
     */
    readonly path: string | null,
  ) {
    super(`The signed-in shopper changed${path ? ` during ${path}` : ''}`);
    this.name = 'OmneoProfileChangedError';
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Errors raised before a request left (no token could be had), whatever their kind: see notSent. */
const unsent = new WeakSet<object>();

/**
 * Marks `error` as raised before the request was sent, or after Omneo refused it unprocessed (a 401 whose renewal
 * failed): a token endpoint's 503 or timeout says nothing about whether a write was carried out, it was not.
 */
export function notSent<T>(error: T): T {
  if (typeof error === 'object' && error !== null) unsent.add(error);
  return error;
}

/**
 * After a write failed: whether it may have been carried out all the same, so that the caller must re-read the
 * resource before it says anything or offers to try again. Omneo refused it (4xx, 401 included: not authenticated,
 * not processed; a 429 is refused before processing) → false, nothing was done. No answer (the connection dropped,
 * a timeout), a 5xx (the server may have failed after committing) or an answer we could not read (a 2xx with an
 * odd body: it was done) → true. A session change is raised before the write leaves, or after a 401: false.
 */
export function writeMayHaveApplied(error: unknown): boolean {
  if (typeof error === 'object' && error !== null && unsent.has(error)) return false;
  if (error instanceof OmneoHttpError) return error.status >= 500;
  if (error instanceof OmneoGuestError || error instanceof OmneoProfileChangedError || error instanceof OmneoConfigError) return false;
  return !isAbortError(error);
}

/**
 * The first issue's path and reason, without the value it was about: values may be personal, and parse errors
 * reach the console, `omneo-error` and the host's logs. Here, not beside the schemas, so that the client reports
 * with it without loading any schema module.
 */
export function firstIssue(issues: readonly z.core.$ZodIssue[]): { field: string; reason: string } {
  const issue = issues[0];
  if (!issue) return { field: '', reason: 'invalid' };
  const field = issue.path.join('.');
  const params = issue.code === 'custom' ? (issue.params as { reason?: unknown } | undefined) : undefined;
  if (typeof params?.reason === 'string') return { field, reason: params.reason };
  // zod's own issues: an object where a record was expected, and the like. Their messages name types, but the
  // code and expected type are enough and can hold nothing of the input.
  if (issue.code === 'invalid_type') return { field, reason: `expected ${issue.expected === 'object' ? 'an object' : issue.expected}` };
  return { field, reason: issue.code };
}
