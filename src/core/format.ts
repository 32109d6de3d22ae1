/** Intl formatting for the resolved locale. Formatters are cached: Intl constructors are slow to build. */
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

/** Counts (items, uses): "1,250" in en-AU, "1.250" in de-DE. Points go through formatPoints. */
export function formatNumber(value: number, locale: string): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/**
 * A points figure as Omneo gives it, to the hundredth: points are normally whole, but a fraction Omneo sends
 * is not rounded away ("1,249.6", not "1,250"); whole figures are unchanged ("1,250"), and a negative balance
 * (a clawback) keeps its sign ("-250"). Pass the same figure through pointsCount for a message's plural.
 */
export function formatPoints(value: number, locale: string): string {
  return numberFormat(locale, { maximumFractionDigits: 2 }).format(pointsCount(value));
}

/**
 * The figure formatPoints shows, as a number, for choosing a plural form: 1.001 shows as "1" and must read
 * "1 point"; 1.5 reads "1.5 points". Never -0 (which would show as "-0").
 */
export function pointsCount(value: number): number {
  // A whole figure as it is: past about 10^14 points, value × 100 loses the last digit, and the balance read back
  // with a fraction ("476,569,696,685,788.94 points" for …789).
  const rounded = value % 1 ? Math.round(value * 100) / 100 : value;
  return rounded === 0 ? 0 : rounded;
}

const currencyDigitCache = new Map<string, number>();

/**
 * How many minor-unit digits the currency has, as Intl knows it: 2 for AUD and EUR, 0 for JPY, 3 for KWD; 2 for
 * a well-formed code Intl has no data for (XYZ), and without a currency or for a code Intl rejects. The same in
 * every locale, so it is cached per currency.
 */
export function currencyDigits(currency: string | null | undefined): number {
  if (!currency) return 2;
  let digits = currencyDigitCache.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    currencyDigitCache.set(currency, digits);
  }
  return digits;
}

/**
 * An amount as a whole number of the currency's minor units (cents, fils, yen), for arithmetic and comparisons
 * that must be exact. Rounded half away from zero as the decimal Omneo sent reads ("1.005" → 101 cents, "-2.5"
 * JPY → -3), never -0. The 15-digit step drops the binary noise of `amount × 10^digits` (1.005 × 100 is
 * 100.49999999999999, which would round down) and of sums (1.001 + 2.002 is 3.0029999999999997). From 10^15 minor
 * units up every digit is the amount's own (a double holds no more), so none is dropped: $1,234,567,890,123,456 is
 * 123456789012345600 cents, not …346000.
 */
export function toMinorUnits(amount: number, currency: string | null | undefined): number {
  const scaled = Math.abs(amount) * 10 ** currencyDigits(currency);
  const units = Math.round(scaled < 1e15 ? Number(scaled.toPrecision(15)) : scaled);
  return amount < 0 && units !== 0 ? -units : units;
}

/**
 * An amount floored to whole minor units of its currency (a balance can spend no more than it holds); 0 for a
 * value that is not a number. The 1e-6 lets a decimal such as 19.99 (1998.999… cents in binary) count whole.
 */
export function floorToMinorUnits(amount: number, currency: string | null | undefined): number {
  return Number.isFinite(amount) ? Math.floor(amount * 10 ** currencyDigits(currency) + 1e-6) : 0;
}

/**
 * Money in the given currency, to the currency's own minor unit (¥1,235; KWD 12.345; $12.50). Whole amounts drop
 * the minor digits ("$35", "KWD 3"), others keep all of them ("$12.50", "KWD 3.130"), so a badge stays short
 * without hiding cents (or fils) that matter. Without a known currency (none configured, none in Omneo's
 * answer) the amount shows as a plain two-decimal figure rather than in a guessed currency.
 */
export function formatMoney(value: number, currency: string | null, locale: string): string {
  const digits = currencyDigits(currency);
  const units = toMinorUnits(value, currency);
  // Format the rounded figure, so what shows and what the rules compare are the same amount (and never "-$0"). A
  // whole amount needs no rounding and is shown as it came: past 2^53 minor units, units / 10^digits is not it
  // ($1e21 read back as "$999,999,999,999,999,900,000.00").
  const whole = Number.isInteger(value);
  const rounded = whole ? value || 0 : units / 10 ** digits;
  if (!currency) return numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(rounded);
  try {
    return numberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: whole || units % 10 ** digits === 0 ? 0 : digits,
      maximumFractionDigits: digits,
    }).format(rounded);
  } catch {
    // An unknown currency code must not break the element: show the number with the code.
    return `${numberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(rounded)} ${currency}`;
  }
}

/** A date for display in the record's own time zone when it has one (rewards, benefits carry `timezone`). */
export function formatDate(date: Date, locale: string, timeZone?: string | null, style: 'medium' | 'long' = 'medium'): string {
  const zone = timeZone && isValidTimeZone(timeZone) ? timeZone : undefined;
  const key = `${locale}|${zone ?? ''}|${style}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: zone });
    dateFormats.set(key, format);
  }
  return format.format(date);
}

const zoneValidity = new Map<string, boolean>();
export function isValidTimeZone(zone: string): boolean {
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      valid = true;
    } catch {
      valid = false;
    }
    zoneValidity.set(zone, valid);
  }
  return valid;
}
