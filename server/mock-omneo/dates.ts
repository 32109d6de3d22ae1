/**
 * Seeded dates are written as Omneo writes them (omneo-api.md §4): "YYYY-MM-DD HH:mm:ss" without an
 * offset (read as UTC) or ISO 8601 with microseconds ("2025-01-01T00:00:00.000000Z"). The mock keeps
 * its state in the seed's frame of time and shifts every date on the way out, so that "expiring
 * soon" and "expired" stay true whatever the clock says; each value keeps the style it was seeded in.
 */

/** The instant the seed data was written for. */
export const SEED_NOW = new Date('2025-11-26T01:00:00Z');

const LARAVEL = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$/;

export type DateStyle = 'laravel' | 'iso-micro' | 'iso';

export function dateStyleOf(value: string): DateStyle | null {
  if (LARAVEL.test(value)) return 'laravel';
  const iso = ISO.exec(value);
  if (iso) return iso[7] && iso[7].length === 7 ? 'iso-micro' : 'iso';
  return null;
}

/** Parses either Omneo timestamp form as UTC; null for anything else. */
export function parseOmneoDate(value: string): Date | null {
  const m = LARAVEL.exec(value) ?? ISO.exec(value);
  if (!m) return null;
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  return Number.isFinite(ms) ? new Date(ms) : null;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function formatOmneoDate(date: Date, style: DateStyle = 'laravel'): string {
  const ymd = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const hms = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  switch (style) {
    case 'laravel':
      return `${ymd} ${hms}`;
    case 'iso-micro':
      return `${ymd}T${hms}.${pad(date.getUTCMilliseconds(), 3)}000Z`;
    case 'iso':
      return `${ymd}T${hms}.${pad(date.getUTCMilliseconds(), 3)}Z`;
  }
}

/**
 * The wall time of an instant in an IANA zone, as Omneo writes `*_local_at` ("YYYY-MM-DD HH:mm:ss", no offset);
 * null for an unknown zone.
 */
export function wallTimeIn(date: Date, timeZone: string): string | null {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    }).formatToParts(date);
  } catch {
    return null;
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((each) => each.type === type)?.value ?? '00';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
}

/** Shifts a timestamp string by `offsetMs`, keeping its style; other strings pass through. */
export function shiftDateString(value: string, offsetMs: number): string {
  if (offsetMs === 0) return value;
  const style = dateStyleOf(value);
  if (!style) return value;
  const date = parseOmneoDate(value);
  return date ? formatOmneoDate(new Date(date.getTime() + offsetMs), style) : value;
}

/**
 * Parses a filter value as a client may send it (`filter[expires_at][lte]=2025-12-26 01:00:00`,
 * ISO with or without a zone, a date only). Null when unreadable.
 */
export function parseFilterDate(value: string): Date | null {
  const omneo = parseOmneoDate(value.trim());
  if (omneo) return omneo;
  const trimmed = value.trim();
  const withZone = /^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? `${trimmed}T00:00:00Z` : trimmed;
  const ms = Date.parse(withZone);
  return Number.isFinite(ms) ? new Date(ms) : null;
}
