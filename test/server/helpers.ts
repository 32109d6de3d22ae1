import type { Hono } from 'hono';

export const SEED_NOW_ISO = '2025-11-26T01:00:00Z';
export const AVA_PROFILE_ID = '5f0c9a2e-7b1d-4c6e-9a3f-2d8e1b6c4a70';
export const AVA_SHOPIFY_ID = '7321987654321';

/** A clock tests can move. */
export function manualClock(iso = SEED_NOW_ISO) {
  let current = new Date(iso).getTime();
  return {
    now: () => new Date(current),
    nowMs: () => current,
    advance(ms: number) {
      current += ms;
    },
    set(value: string) {
      current = new Date(value).getTime();
    },
  };
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export interface CallOptions {
  method?: string;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Calls a Hono app in-process and reads the whole response. */
export async function call(app: Pick<Hono, 'fetch'>, path: string, options: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await app.fetch(
    new Request(`http://test.local${path}`, { method: options.method ?? (body === undefined ? 'GET' : 'POST'), headers, body }),
  );
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export function decodePayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  const padded = part.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (part.length % 4)) % 4);
  return JSON.parse(atob(padded)) as Record<string, unknown>;
}
