/**
 * Minimal HS256 JWT for the mock Omneo ID API, on WebCrypto only so that the mock runs on
 * Node, serverless and edge runtimes alike. Real Omneo tokens may be RS256; clients must not
 * verify or depend on the algorithm (omneo-api.md §1.2), so HS256 is enough to make forged
 * tokens detectable by the mock itself.
 */

import { base64UrlDecodeBytes, base64UrlDecodeText, base64UrlEncodeBytes, base64UrlEncodeText, hmacKey } from '../shared/encoding.js';

const encoder = new TextEncoder();

export interface MockTokenClaims {
  pid: string;
  exp: number;
  iat: number;
  jti?: string;
  [claim: string]: unknown;
}

export async function signJwt(secret: string, claims: MockTokenClaims): Promise<string> {
  const header = base64UrlEncodeText(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64UrlEncodeText(JSON.stringify(claims));
  const signingInput = `${header}.${payload}`;
  const signature = await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(signingInput));
  return `${signingInput}.${base64UrlEncodeBytes(new Uint8Array(signature))}`;
}

/**
 * Returns the claims when the signature is valid and the shape is right; null for anything
 * malformed or forged. Expiry is checked by the caller against the mock clock.
 */
export async function verifyJwt(secret: string, token: string): Promise<MockTokenClaims | null> {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [header, payload, signature] = parts as [string, string, string];
  try {
    const headerJson = JSON.parse(base64UrlDecodeText(header)) as { alg?: unknown };
    if (headerJson.alg !== 'HS256') return null;
    const valid = await crypto.subtle.verify(
      'HMAC',
      await hmacKey(secret),
      base64UrlDecodeBytes(signature),
      encoder.encode(`${header}.${payload}`),
    );
    if (!valid) return null;
    const claims = JSON.parse(base64UrlDecodeText(payload)) as Partial<MockTokenClaims>;
    if (typeof claims.pid !== 'string' || typeof claims.exp !== 'number') return null;
    return claims as MockTokenClaims;
  } catch {
    return null;
  }
}
