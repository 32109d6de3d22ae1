/**
 * base64url, hex and HMAC keys on the Fetch/WebCrypto APIs only (no Node Buffer), shared by the proxy and the
 * mock Omneo so that both run on Node, serverless and edge runtimes alike.
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function base64UrlEncodeBytes(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function base64UrlEncodeText(text: string): string {
  return base64UrlEncodeBytes(encoder.encode(text));
}

/** Throws on anything that is not base64url. */
export function base64UrlDecodeBytes(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Throws on anything that is not base64url of valid UTF-8. */
export function base64UrlDecodeText(text: string): string {
  return decoder.decode(base64UrlDecodeBytes(text));
}

/** base64url of a UTF-8 JSON object (a JWT part) decoded, or null for anything else. */
export function base64UrlDecodeJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(base64UrlDecodeText(text));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Reads a JWT's payload without verifying it (omneo-api.md §1.2: read `pid`/`exp` only). */
export function decodeJwtPayload(token: string): Record<string, unknown> | null {
  const parts = token.split('.');
  return parts.length === 3 && parts[1] ? base64UrlDecodeJsonObject(parts[1]) : null;
}

export function hexToBytes(hex: string): Uint8Array<ArrayBuffer> | null {
  if (hex.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(hex)) return null;
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

export function bytesToHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

const hmacKeys = new Map<string, Promise<CryptoKey>>();

/** An HMAC-SHA256 key for `secret`, imported once per secret (every request signs or verifies with it). */
export function hmacKey(secret: string): Promise<CryptoKey> {
  let key = hmacKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    hmacKeys.set(secret, key);
  }
  return key;
}
