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
  const rounded = Math.round(value * 100) / 100;
  return rounded === 0 ? 0 : rounded;
}

/**
 * Money in the given currency. Whole amounts drop the cents ("$35"), others keep two ("$12.50"), so a
 * badge stays short without hiding cents that matter. Without a known currency (none configured, none in
 * Omneo's answer) the amount shows as a plain decimal rather than in a guessed currency.
 */
export function formatMoney(value: number, currency: string | null, locale: string): string {
  const whole = Math.round(value * 100) % 100 === 0;
  if (!currency) return numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
  try {
    return numberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: whole ? 0 : 2,
      maximumFractionDigits: 2,
    }).format(value);
  } catch {
    // An unknown currency code must not break the element: show the number with the code.
    return `${numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value)} ${currency}`;
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
