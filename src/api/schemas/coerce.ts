/**
 * The builders of the coercing primitives (see primitives.ts for why Omneo needs them), and the primitives
 * the balances are made of: numbers and currency. A module of its own so that the header badge, which parses
 * balances only, ships without the timestamp, text, id and list primitives.
 */
import * as z from 'zod/mini';

export type Converter<T> = (input: unknown) => T | undefined;

export function describe(input: unknown): string {
  if (typeof input === 'string') return JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input);
  if (input === null || input === undefined) return String(input);
  if (Array.isArray(input)) return 'an array';
  return typeof input === 'object' ? 'an object' : String(input);
}

// Every issue carries its reason without the value (`params.reason`) beside the message with it: a dropped list
// item is reported from the reason alone, since values may be personal (see DroppedItem in primitives.ts).

// Every primitive starts from `z.optional(z.unknown())` so that a missing key reaches our transform (and gets
// our message) instead of zod's generic "nonoptional" error.

/** Builds a required field: absent, null or uncoercible input is a parse issue. */
export function required<T>(expected: string, convert: Converter<T>) {
  return z.pipe(
    z.optional(z.unknown()),
    z.transform((input: unknown, ctx) => {
      const value = input === null || input === undefined ? undefined : convert(input);
      if (value === undefined) {
        ctx.issues.push({ code: 'custom', message: `expected ${expected}, got ${describe(input)}`, input, params: { reason: `expected ${expected}` } });
        return z.NEVER;
      }
      return value;
    }),
  );
}

/**
 * Builds a nullable field: absent, null and "" become null; present but uncoercible input is still an issue.
 * A converter may also answer null itself: a value that is well-formed but says nothing usable.
 */
export function nullable<T>(expected: string, convert: Converter<T | null>) {
  return z.pipe(
    z.optional(z.unknown()),
    z.transform((input: unknown, ctx): T | null => {
      if (input === null || input === undefined || input === '') return null;
      const value = convert(input);
      if (value === undefined) {
        ctx.issues.push({
          code: 'custom',
          message: `expected ${expected} or nothing, got ${describe(input)}`,
          input,
          params: { reason: `expected ${expected} or nothing` },
        });
        return z.NEVER;
      }
      return value;
    }),
  );
}

// Decimal only: Number() would also read "0x10", "0b11" and "0o7", which no Omneo figure is. One way to read each
// string: `\d+\.?\d*` could split a run of digits between its quantifiers in every way before refusing it (quadratic).
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

const toNumber: Converter<number> = (input) => {
  if (typeof input === 'number') return Number.isFinite(input) ? input : undefined;
  if (typeof input === 'string' && DECIMAL.test(input.trim())) {
    const parsed = Number(input.trim());
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
};

export const num = required('a number', toNumber);
export const optionalNum = nullable('a number', toNumber);
/** A number no widget reads (un-starred in omneo-api.md): unreadable is null, never a failed resource. */
export const ignoredNum = nullable('a number', (input) => toNumber(input) ?? null);

/**
 * `currency` is a code string on older tenants and an exchange-rate object on newer ones (§4). We keep the
 * code for base values (`from`) and for `localised` values (`to`).
 */
export interface CurrencyInfo {
  base: string | null;
  localised: string | null;
}
// Well-formed ISO 4217 (three letters), as Intl and the `currency` config check it. Not checked against a list
// of known codes: a browser's list can lag behind a new currency, and Intl formats any well-formed code.
const CURRENCY_CODE = /^[A-Za-z]{3}$/;
const codeOrNull = (value: unknown) =>
  typeof value === 'string' && CURRENCY_CODE.test(value.trim()) ? value.trim().toUpperCase() : null;

/**
 * Reads either form. Whatever holds no usable code is null, never a parse failure: a code that is not ISO 4217
 * (`"Australian Dollar"`, `"$"`), an object without one (`{}`, `{"from": "", "to": ""}`), a number. The display
 * falls back to the config's currency, then the profile's (§4), else a plain amount: a currency only labels
 * figures, so an unreadable one must not take the figures down with it.
 */
function toCurrency(input: unknown): CurrencyInfo | null {
  const code = codeOrNull(input);
  if (code) return { base: code, localised: code };
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
    const record = input as Record<string, unknown>;
    const base = codeOrNull(record.from) ?? codeOrNull(record.code);
    const localised = codeOrNull(record.to) ?? base;
    return base || localised ? { base: base ?? localised, localised } : null;
  }
  return null;
}
export const currency = z.pipe(z.optional(z.unknown()), z.transform(toCurrency));

/**
 * A currency as one code, for fields that hold a plain code on older payloads (a product's, a transaction's):
 * the same reading as `currency` (an invalid code is none), giving the base code, else the localised one.
 */
export const currencyCode = z.pipe(
  currency,
  z.transform((info): string | null => (info ? (info.base ?? info.localised) : null)),
);
