/** Fetch-API-only helpers (no Node Buffer), so the proxy runs on edge runtimes too. */

import { bytesToHex, hexToBytes, hmacKey } from '../shared/encoding.js';
import type { SigningSecret } from './types.js';

// The generic helpers live in server/shared (the mock Omneo uses them too); re-exported for the proxy's modules.
export {
  base64UrlDecodeBytes,
  base64UrlDecodeJsonObject,
  base64UrlDecodeText,
  base64UrlEncodeBytes,
  base64UrlEncodeText,
  bytesToHex,
  decodeJwtPayload,
  hmacKey,
} from '../shared/encoding.js';

const encoder = new TextEncoder();

export async function hmacSha256Hex(key: CryptoKey, message: string): Promise<string> {
  return bytesToHex(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message))));
}

/**
 * Which secret made the HMAC-SHA256 `signature` over `message` (hex, as assertions and Shopify send it, or the bytes
 * of a JWT's): the current one is tried first, then the previous one while a rotation is under way; each check is
 * constant-time (WebCrypto's verify: no early exit that would time how much of a forgery matched). Null when
 * neither did.
 */
export async function hmacSigningSecret(
  secrets: { secret: string; previousSecret?: string | undefined },
  message: string,
  signature: string | Uint8Array<ArrayBuffer>,
): Promise<SigningSecret | null> {
  const bytes = typeof signature === 'string' ? hexToBytes(signature) : signature;
  if (!bytes || bytes.length !== 32) return null;
  const data = encoder.encode(message);
  const signs = async (secret: string) => crypto.subtle.verify('HMAC', await hmacKey(secret), bytes, data);
  if (await signs(secrets.secret)) return 'current';
  if (secrets.previousSecret && (await signs(secrets.previousSecret))) return 'previous';
  return null;
}

/** The named cookie's first value from a Cookie header, or undefined. */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}
