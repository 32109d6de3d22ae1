/**
 * Reads (never verifies) a JWT payload: the browser only needs `pid`, `exp` and `iat`, and Omneo's algorithm and
 * issuer are undocumented (omneo-api.md §1.2). base64url via atob, because Node's Buffer does not exist in
 * browsers.
 */
export interface JwtClaims {
  pid: string | null;
  exp: number | null;
  /** Issued at, unix seconds: with `exp`, the token's lifetime on the issuer's clock. */
  iat: number | null;
}

export function decodeJwtClaims(token: string): JwtClaims {
  const payload = token.split('.')[1];
  if (!payload) return { pid: null, exp: null, iat: null };
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '=');
    const json = new TextDecoder().decode(Uint8Array.from(atob(base64), (char) => char.charCodeAt(0)));
    const claims = JSON.parse(json) as Record<string, unknown>;
    const pid = typeof claims.pid === 'string' && claims.pid !== 'null' ? claims.pid : null;
    return { pid, exp: normaliseExp(claims.exp), iat: normaliseExp(claims.iat) };
  } catch {
    return { pid: null, exp: null, iat: null };
  }
}

/** `exp` in unix seconds; values above 10^12 were sent in milliseconds (§1.4). */
export function normaliseExp(value: unknown): number | null {
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number) || number <= 0) return null;
  return number > 1e12 ? Math.floor(number / 1000) : number;
}
