/**
 * Minimal HS256 JWT for the mock Omneo ID API, on WebCrypto only so that the mock runs on
 * Node, serverless and edge runtimes alike. Real Omneo tokens may be RS256; clients must not
 * verify or depend on the algorithm (omneo-api.md §1.2), so HS256 is enough to make forged
 * tokens detectable by the mock itself.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function base64UrlEncode(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function base64UrlDecode(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function base64UrlEncodeText(text: string): string {
  return base64UrlEncode(encoder.encode(text));
}

export function base64UrlDecodeText(text: string): string {
  return decoder.decode(base64UrlDecode(text));
}

export interface MockTokenClaims {
  pid: string;
  exp: number;
  iat: number;
  jti?: string;
  [claim: string]: unknown;
}

const keyCache = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keyCache.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
    keyCache.set(secret, key);
  }
  return key;
}

export async function signJwt(secret: string, claims: MockTokenClaims): Promise<string> {
  const header = base64UrlEncodeText(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64UrlEncodeText(JSON.stringify(claims));
  const signingInput = `${header}.${payload}`;
  const signature = await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(signingInput));
  return `${signingInput}.${base64UrlEncode(new Uint8Array(signature))}`;
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
      base64UrlDecode(signature),
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

/** Decodes the payload without verifying it (tests, debugging). */
export function decodeJwtPayload(token: string): Record<string, unknown> | null {
  const payload = token.split('.')[1];
  if (payload === undefined) return null;
  try {
    const value: unknown = JSON.parse(base64UrlDecodeText(payload));
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
