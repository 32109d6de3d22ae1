import { base64UrlDecodeText, base64UrlEncodeText, hmacKey, hmacSha256Hex, hmacSigningSecret, readCookie } from './encoding.js';
import type { IdentityAdapter, IdentityResult } from './types.js';

/**
 * Signed identity assertion: the storefront's back end, which knows who is signed in, sets an
 * HttpOnly cookie `v1.<base64url(customerId)>.<exp unix s>.<hex HMAC-SHA256(secret, "v1.<b64>.<exp>")>`.
 * The signature covers a short expiry, so a leaked assertion is useless minutes later
 * (omneo-api.md §1.5 rule 2: no bare-id or static-signature exchange).
 */

const VERSION = 'v1';
const ASSERTION = /^v1\.([A-Za-z0-9_-]{1,400})\.(\d{1,12})\.([0-9a-f]{64})$/;
const CLOCK_SKEW_SECONDS = 60;

/** Signs an assertion for `customerId` that expires at `expSeconds` (unix seconds). For storefront back ends and tests. */
export async function signAssertion(secret: string, customerId: string, expSeconds: number): Promise<string> {
  if (!customerId) throw new TypeError('customerId is required');
  if (!Number.isInteger(expSeconds) || expSeconds <= 0) throw new TypeError('expSeconds must be a unix time in seconds');
  const payload = `${VERSION}.${base64UrlEncodeText(customerId)}.${expSeconds}`;
  return `${payload}.${await hmacSha256Hex(await hmacKey(secret), payload)}`;
}

export interface SignedAssertionOptions {
  secret: string;
  /**
   * While rotating: the secret the storefront signed with before `secret`. What it signed is accepted too (the
   * current secret is tried first), and the log line says `secret: "previous"`; remove it once none is logged.
   */
  previousSecret?: string;
  /** Default `omneo_identity`. */
  cookieName?: string;
  /** Longest lifetime accepted for an assertion; default 300 s. A later `exp` (beyond 60 s of clock skew) is refused. */
  maxAgeSeconds?: number;
  /** Clock in ms; default Date.now. */
  now?: () => number;
}

/** Verifies an assertion string; exported for back ends that read it from somewhere other than a cookie. */
export async function verifyAssertion(
  assertion: string,
  options: Required<Pick<SignedAssertionOptions, 'secret' | 'maxAgeSeconds'>> & Pick<SignedAssertionOptions, 'previousSecret' | 'now'>,
): Promise<IdentityResult> {
  const match = ASSERTION.exec(assertion);
  if (!match) return { refuse: 'malformed' };
  const [, encodedId, expText, signature] = match as unknown as [string, string, string, string];
  const secret = await hmacSigningSecret(options, `${VERSION}.${encodedId}.${expText}`, signature);
  if (!secret) return { refuse: 'bad-signature' };
  let customerId: string;
  try {
    customerId = base64UrlDecodeText(encodedId);
  } catch {
    return { refuse: 'malformed' };
  }
  // eslint-disable-next-line no-control-regex
  if (!customerId || customerId.length > 256 || /[\u0000-\u001f\u007f]/.test(customerId)) return { refuse: 'malformed' };
  const nowSeconds = Math.floor((options.now ?? Date.now)() / 1000);
  const exp = Number(expText);
  if (exp <= nowSeconds) return { refuse: 'expired' };
  if (exp > nowSeconds + options.maxAgeSeconds + CLOCK_SKEW_SECONDS) return { refuse: 'exp-too-far' };
  return { customerId, secret };
}

/** Identity from the signed-assertion cookie: no cookie → null (no session); anything wrong → a refusal. */
export function signedAssertionAdapter(options: SignedAssertionOptions): IdentityAdapter {
  if (!options.secret) throw new TypeError('signedAssertionAdapter needs a secret');
  const cookieName = options.cookieName ?? 'omneo_identity';
  const maxAgeSeconds = options.maxAgeSeconds ?? 300;
  return {
    name: 'signed-assertion',
    async verify(request) {
      const value = readCookie(request.headers.get('cookie'), cookieName);
      if (value === undefined || value === '') return null;
      return verifyAssertion(value, { secret: options.secret, previousSecret: options.previousSecret, maxAgeSeconds, now: options.now });
    },
  };
}
