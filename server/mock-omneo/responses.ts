import { parseOmneoDate, shiftDateString, wallTimeIn } from './dates.js';
import type { LaravelError, Row } from './types.js';

/** Omneo's quirk modes: as seeded, every scalar stringified, or clean JSON types. */
export type QuirksMode = 'default' | 'strings' | 'plain';

/** Numbers Omneo may send as strings (omneo-api.md `num` fields); 'plain' turns them into numbers. */
const NUMERIC_KEYS = new Set([
  'value_initial', 'value_remaining', 'value', 'reward_balance', 'point_balance', 'point_balance_dollars', 'combined_balance_dollars',
  'benefit_balance', 'credit_balance', 'redemptions_remaining', 'total_global_redemptions_remaining', 'value_min', 'value_maintain',
  'current_progress', 'current_credit', 'current_remain', 'next_progress', 'next_remain', 'total_points_12m', 'total_points_achievement',
  'price', 'price_discounted', 'price_comparison', 'quantity', 'total', 'total_localised', 'price_sell', 'price_original', 'rate',
  'birth_day', 'birth_month', 'birth_year', 'max_redemptions', 'available_quantity',
]);

const isBooleanKey = (key: string) => key.startsWith('is_') || key.startsWith('allow_') || key === 'disable_credit';

/**
 * Prepares seeded data for the wire: shifts every timestamp by `offsetMs` (keeping its style)
 * and applies the quirks mode. Returns a new value; the state is never mutated.
 */
export function renderData(value: unknown, offsetMs: number, quirks: QuirksMode, key = ''): unknown {
  if (typeof value === 'string') {
    const shifted = shiftDateString(value, offsetMs);
    if (quirks === 'plain' && shifted === value) {
      if (NUMERIC_KEYS.has(key) && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
      if (isBooleanKey(key) && (value === '1' || value === '0' || value === 'true' || value === 'false')) return value === '1' || value === 'true';
    }
    return shifted;
  }
  if (typeof value === 'number') {
    if (quirks === 'strings') return String(value);
    if (quirks === 'plain' && isBooleanKey(key) && (value === 0 || value === 1)) return value === 1;
    return value;
  }
  if (typeof value === 'boolean') return quirks === 'strings' ? (value ? '1' : '0') : value;
  if (Array.isArray(value)) return value.map((item) => renderData(item, offsetMs, quirks, key));
  if (value !== null && typeof value === 'object') {
    const out: Row = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      out[k] = renderData(v, offsetMs, quirks, k);
    }
    // `*_local_at` is the wall time of its `*_at` in the record's `timezone` (omneo-api.md §2.4). Shifted by the same
    // milliseconds as the instant, it would be an hour off whenever the shift crosses a daylight-saving change.
    if (offsetMs !== 0 && typeof out.timezone === 'string') {
      for (const key of Object.keys(out)) {
        const instant = key.endsWith('_local_at') && typeof out[key] === 'string' ? out[key.replace(/_local_at$/, '_at')] : undefined;
        const date = typeof instant === 'string' ? parseOmneoDate(instant) : null;
        const local = date && wallTimeIn(date, out.timezone);
        if (local) out[key] = local;
      }
    }
    return out;
  }
  return value;
}

export function laravelError(message: string, errors?: Record<string, string[]>): LaravelError {
  return errors ? { message, errors } : { message };
}

export const UNAUTHENTICATED: LaravelError = { message: 'Unauthenticated.' };

export function defaultFaultBody(status: number): LaravelError {
  const messages: Record<number, string> = {
    400: 'Bad Request.',
    401: 'Unauthenticated.',
    403: 'This action is unauthorized.',
    404: 'Not Found.',
    409: 'Conflict.',
    422: 'The given data was invalid.',
    429: 'Too Many Attempts.',
    500: 'Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
    504: 'Gateway Timeout',
  };
  return status === 422 ? { message: messages[422]!, errors: {} } : { message: messages[status] ?? 'Error' };
}

/** Reads Omneo's `num`: numbers or numeric strings; anything else is 0. */
export function num(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : 0;
}

/** Reads Omneo's `bool` without JS truthiness ("0" is false). */
export function bool(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 'true';
}

/** Writes a number back in the type the field was seeded with ("12.50" stays a 2-decimal string). */
export function writeLike(original: unknown, value: number): number | string {
  if (typeof original === 'string') return original.includes('.') ? value.toFixed(2) : String(Math.round(value * 100) / 100);
  return Math.round(value * 100) / 100;
}

/** Writes a boolean back in the style it was seeded with (true/false, 1/0, "1"/"0"). */
export function writeBoolLike(original: unknown, value: boolean): boolean | number | string {
  if (typeof original === 'number') return value ? 1 : 0;
  if (original === '1' || original === '0') return value ? '1' : '0';
  if (original === 'true' || original === 'false') return value ? 'true' : 'false';
  return value;
}
