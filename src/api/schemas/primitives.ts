/**
 * Coercing building blocks for Omneo payloads (omneo-api.md §4).
 *
 * Omneo's JSON types are unreliable: numbers arrive as strings, booleans as "1"/"0", timestamps in two
 * formats, empty strings mean "absent". Each primitive here accepts every observed spelling, produces one
 * clean type, and turns anything it cannot coerce into a zod issue (which becomes an OmneoParseError naming
 * the field) rather than NaN or a wrong truthy value on screen.
 */
import * as z from 'zod/mini';
import { firstIssue } from '../errors.js';
import { describe, nullable, required, type Converter } from './coerce.js';

// The builders, numbers and currency live in coerce.ts (all the balances need); the rest are here.
export { currency, currencyCode, num, optionalNum, type CurrencyInfo } from './coerce.js';

// Never JS truthiness: "0" is truthy in JS but false in Omneo.
const TRUE_SPELLINGS = new Set(['1', 'true']);
const FALSE_SPELLINGS = new Set(['0', 'false']);
const toBoolean: Converter<boolean> = (input) => {
  if (typeof input === 'boolean') return input;
  if (input === 1 || input === 0) return input === 1;
  if (typeof input === 'string') {
    const lower = input.trim().toLowerCase();
    if (TRUE_SPELLINGS.has(lower)) return true;
    if (FALSE_SPELLINGS.has(lower)) return false;
  }
  return undefined;
};

// One grammar for both forms (§4): a date, then optionally a time after "T" or a space, with optional seconds,
// fraction (Laravel's microseconds, with or without an offset) and offset (Z, ±HH:MM, ±HHMM or ±HH, a space
// before it allowed: "2025-12-15 12:59:59+10:00").
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?: ?(Z|([+-])(\d{2})(?::?(\d{2}))?))?)?$/i;

/**
 * Parses both Omneo timestamp forms. Offset-less values ("2025-12-15 12:59:59") are read as UTC
 * (omneo-api.md §4, inferred). Out-of-range parts ("2025-02-31", "12:60:00", "+25:00") are rejected rather
 * than rolled over into another instant.
 */
export function parseOmneoTimestamp(input: string): Date | undefined {
  const match = TIMESTAMP.exec(input.trim());
  if (!match) return undefined;
  const [, y, mo, d, h = '0', mi = '0', sec = '0', fraction = '', zone, sign, offsetH = '0', offsetM = '0'] = match;
  if (+h > 23 || +mi > 59 || +sec > 59 || +offsetH > 18 || +offsetM > 59) return undefined;
  const millis = Number(fraction.slice(0, 3).padEnd(3, '0'));
  // setUTCFullYear, not Date.UTC, for the date: Date.UTC reads years 0–99 as 1900–1999 ("0001-01-01", a common
  // "no date" placeholder, would become 1901).
  const date = new Date(Date.UTC(2000, 0, 1, +h, +mi, +sec, millis));
  date.setUTCFullYear(+y!, +mo! - 1, +d!);
  const wallClock = date.getTime();
  // Like Date.UTC, it rolls "2025-02-31" over into March; reject instead of silently shifting a date.
  if (date.getUTCDate() !== +d! || date.getUTCMonth() !== +mo! - 1) return undefined;
  if (!zone || !sign) return date;
  const offsetMs = (+offsetH * 60 + +offsetM) * 60_000;
  return new Date(wallClock - (sign === '-' ? -offsetMs : offsetMs));
}

const toDate: Converter<Date> = (input) => {
  if (input instanceof Date) return Number.isNaN(input.getTime()) ? undefined : input;
  return typeof input === 'string' ? parseOmneoTimestamp(input) : undefined;
};

const toText: Converter<string> = (input) => {
  if (typeof input === 'string') return input;
  if (typeof input === 'number' && Number.isFinite(input)) return String(input);
  return undefined;
};

/** Ids are UUID strings or integers in Omneo; we treat both as opaque strings. */
const toId: Converter<string> = (input) => {
  if (typeof input === 'string' && input.trim() !== '') return input.trim();
  if (typeof input === 'number' && Number.isInteger(input)) return String(input);
  return undefined;
};

export const bool = required('a boolean', toBoolean);
export const optionalBool = nullable('a boolean', toBoolean);
export const timestamp = required('a timestamp', toDate);
export const optionalTimestamp = nullable('a timestamp', toDate);
export const text = required('text', toText);
/** Text where "", blank and null all mean absent (e.g. `redeem_code_pos: ""` = no code). */
export const optionalText = z.pipe(
  nullable('text', toText),
  z.transform((value) => (value !== null && value.trim() === '' ? null : value)),
);
export const id = required('an id', toId);
export const optionalId = nullable('an id', toId);
/** A URL as Omneo sent it (maybe relative, maybe hostile). Render it only through `safeHttpUrl`. */
export const rawUrl = nullable('a URL', (input) => (typeof input === 'string' ? input.trim() || undefined : undefined));

/**
 * A list item that could not be read and was dropped so the rest of the list could still render. It says where
 * and why, never what the value was (values may be personal): `field` is the path inside the item ("" when the
 * item itself is unreadable, e.g. not an object), `reason` what was expected.
 */
export interface DroppedItem {
  index: number;
  field: string;
  reason: string;
}

/** A list read item by item: the items that parsed, and the others named. */
export interface ReadItems<T> {
  items: T[];
  dropped: DroppedItem[];
}

/**
 * A list's entries as they came, to be read one by one (tolerantArray, readInSlices): absent and null are none,
 * and anything that is not an array at all is an issue.
 */
export const entries = z.pipe(
  z.optional(z.unknown()),
  z.transform((input: unknown, ctx): unknown[] => {
    if (input === null || input === undefined) return [];
    if (!Array.isArray(input)) {
      ctx.issues.push({ code: 'custom', message: `expected a list, got ${describe(input)}`, input });
      return z.NEVER;
    }
    return input;
  }),
);

/** Reads the list's entry at `index` with `item` into `into`: kept when it parses, else dropped and named. */
export function readEntry<T extends z.ZodMiniType>(item: T, entry: unknown, index: number, into: ReadItems<z.output<T>>): void {
  const result = z.safeParse(item, entry);
  if (result.success) into.items.push(result.data);
  else into.dropped.push({ index, ...firstIssue(result.error.issues) });
}

/** Reads every entry of a list at once (a long one that must not hold the main thread: readInSlices). */
export function readAll<T extends z.ZodMiniType>(item: T, list: readonly unknown[]): ReadItems<z.output<T>> {
  const into: ReadItems<z.output<T>> = { items: [], dropped: [] };
  list.forEach((entry, index) => readEntry(item, entry, index, into));
  return into;
}

/**
 * An array where one malformed item is dropped and reported instead of failing the whole list (§4).
 * Anything that is not an array at all is still an issue.
 */
export function tolerantArray<T extends z.ZodMiniType>(item: T) {
  return z.pipe(entries, z.transform((list) => readAll(item, list)));
}

/** An array of simple values where bad entries are silently skipped (tags, option lists). */
export function lenientArray<T extends z.ZodMiniType>(item: T) {
  return z.pipe(tolerantArray(item), z.transform((list) => list.items));
}

/**
 * A field the widgets can do without: input that cannot be coerced becomes `fallback` (null, "", [], …) instead
 * of failing the record, so one odd non-essential field never takes a list item with it. Absent and null
 * input get the schema's own reading (its default), as before.
 */
export function orElse<T extends z.ZodMiniType, F>(schema: T, fallback: F) {
  return z.pipe(
    z.optional(z.unknown()),
    z.transform((input: unknown): z.output<T> | F => {
      const result = z.safeParse(schema, input);
      return result.success ? result.data : fallback;
    }),
  );
}

