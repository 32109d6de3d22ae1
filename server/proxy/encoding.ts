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
  hexToBytes,
  hmacKey,
} from '../shared/encoding.js';

const encoder = new TextEncoder();

export async function hmacSha256Hex(key: CryptoKey, message: string): Promise<string> {
  return bytesToHex(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message))));
}

/** Constant-time check (WebCrypto's verify) of a hex HMAC over `message`. */
export async function verifyHmacHex(key: CryptoKey, message: string, hexSignature: string): Promise<boolean> {
  const signature = hexToBytes(hexSignature);
  if (!signature || signature.length !== 32) return false;
  return crypto.subtle.verify('HMAC', key, signature, encoder.encode(message));
}

/**
 * Which secret made the hex HMAC over `message`: the current one is tried first, then the previous one while a
 * rotation is under way; each check is constant-time (verifyHmacHex). Null when neither did.
 */
export async function hmacSigningSecret(
  secrets: { secret: string; previousSecret?: string },
  message: string,
  hexSignature: string,
): Promise<SigningSecret | null> {
  if (await verifyHmacHex(await hmacKey(secrets.secret), message, hexSignature)) return 'current';
  if (secrets.previousSecret && (await verifyHmacHex(await hmacKey(secrets.previousSecret), message, hexSignature))) return 'previous';
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
