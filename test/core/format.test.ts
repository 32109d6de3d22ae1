import { expect } from '@open-wc/testing';
import { currencyDigits, floorToMinorUnits, formatDate, formatMoney, formatPoints, toMinorUnits } from '../../src/core/format.js';

// Intl separates a currency and its figure with no-break spaces (U+00A0, and U+202F for French digit groups).
const money = (value: number, currency: string | null, locale: string) => formatMoney(value, currency, locale).replace(/[\u00a0\u202f]/g, ' ');

describe('currencyDigits: the currency’s own minor unit, from Intl', () => {
  it('is 2 for AUD and EUR, 0 for JPY, 3 for KWD', () => {
    expect([currencyDigits('AUD'), currencyDigits('EUR'), currencyDigits('JPY'), currencyDigits('KWD')]).to.deep.equal([2, 2, 0, 3]);
  });
  it('is 2 for a well-formed code Intl has no data for, for no currency and for a code Intl rejects', () => {
    expect([currencyDigits('XYZ'), currencyDigits(null), currencyDigits(undefined), currencyDigits('Australian Dollar')]).to.deep.equal([2, 2, 2, 2]);
  });
});

describe('toMinorUnits: exact integer arithmetic in the currency’s minor unit', () => {
  it('counts cents, yen and fils', () => {
    expect(toMinorUnits(12.5, 'AUD')).to.equal(1250);
    expect(toMinorUnits(1234.5, 'JPY')).to.equal(1235);
    expect(toMinorUnits(12.345, 'KWD')).to.equal(12345);
    expect(toMinorUnits(0.005, 'KWD')).to.equal(5);
    expect(toMinorUnits(12.345, null)).to.equal(1235);
  });
  it('rounds half away from zero as the decimal reads, for negative amounts too, and never gives -0', () => {
    expect(toMinorUnits(1.005, 'AUD')).to.equal(101);
    expect(toMinorUnits(-1234.5, 'JPY')).to.equal(-1235);
    expect(toMinorUnits(-3.125, 'KWD')).to.equal(-3125);
    expect(Object.is(toMinorUnits(-0.004, 'AUD'), 0)).to.equal(true);
    expect(Object.is(toMinorUnits(-0.4, 'JPY'), 0)).to.equal(true);
  });
  it('sums exactly: KWD 3.125 + 0.005 is 3,130 fils whether added before or after', () => {
    expect(toMinorUnits(3.125 + 0.005, 'KWD')).to.equal(3130);
    expect(toMinorUnits(3.125, 'KWD') + toMinorUnits(0.005, 'KWD')).to.equal(3130);
    expect(toMinorUnits(1.001 + 2.002, 'KWD')).to.equal(3003); // the binary sum is 3.0029999999999997
    expect(toMinorUnits(0.1 + 0.2, 'AUD')).to.equal(30);
    expect(toMinorUnits(1234.4 + 0.2, 'JPY')).to.equal(1235);
  });
});

describe('formatMoney: the currency’s own decimals, whole amounts without them', () => {
  it('AUD: two decimals, whole dollars without', () => {
    expect(money(12.5, 'AUD', 'en-AU')).to.equal('$12.50');
    expect(money(35, 'AUD', 'en-AU')).to.equal('$35');
    expect(money(1234.5, 'AUD', 'en-AU')).to.equal('$1,234.50');
    expect(money(0.005, 'AUD', 'en-AU')).to.equal('$0.01');
    expect(money(34.999, 'AUD', 'en-AU')).to.equal('$35');
  });
  it('JPY: no decimals, rounded to the yen', () => {
    expect(money(1234.5, 'JPY', 'en-AU')).to.equal('JPY 1,235');
    expect(money(1234.5, 'JPY', 'en-US')).to.equal('¥1,235');
    expect(money(1234.5, 'JPY', 'fr-FR')).to.equal('1 235 JPY');
    expect(money(3500, 'JPY', 'en-US')).to.equal('¥3,500');
    expect(money(0.4, 'JPY', 'en-US')).to.equal('¥0');
  });
  it('KWD: three decimals, to the fils', () => {
    expect(money(12.345, 'KWD', 'en-AU')).to.equal('KWD 12.345');
    expect(money(3.125, 'KWD', 'en-AU')).to.equal('KWD 3.125');
    expect(money(10.5, 'KWD', 'en-AU')).to.equal('KWD 10.500');
    expect(money(0.005, 'KWD', 'en-AU')).to.equal('KWD 0.005');
    expect(money(0.0005, 'KWD', 'en-AU')).to.equal('KWD 0.001');
    expect(money(3, 'KWD', 'en-AU')).to.equal('KWD 3');
  });
  it('a sum shows as its rounded amount: KWD 3.125 + 0.005 is KWD 3.130', () => {
    expect(money(3.125 + 0.005, 'KWD', 'en-AU')).to.equal('KWD 3.130');
    expect(money(0.1 + 0.2, 'AUD', 'en-AU')).to.equal('$0.30');
  });
  it('EUR in French: a decimal comma and the sign after', () => {
    expect(money(12.5, 'EUR', 'fr-FR')).to.equal('12,50 €');
    expect(money(35, 'EUR', 'fr-FR')).to.equal('35 €');
    expect(money(1234.5, 'EUR', 'fr-FR')).to.equal('1 234,50 €');
  });
  it('an unknown but well-formed code: two decimals, as Intl gives it', () => {
    expect(money(12.5, 'XYZ', 'en-AU')).to.equal('XYZ 12.50');
    expect(money(35, 'XYZ', 'en-AU')).to.equal('XYZ 35');
  });
  it('a code Intl rejects (not three letters): the figure with the code after it, never a thrown RangeError', () => {
    // Config and schemas let only well-formed codes through (config.test.ts, contract.test.ts); this is the
    // formatter's own guard, should any caller hand it one.
    expect(money(12.5, 'dollars', 'en-AU')).to.equal('12.50 dollars');
    expect(money(1234, 'A$', 'fr-FR')).to.equal('1 234,00 A$');
  });
  it('negative amounts keep their sign and the currency’s decimals; a rounded-away one is no "-$0"', () => {
    expect(money(-12.5, 'AUD', 'en-AU')).to.equal('-$12.50');
    expect(money(-1234.5, 'JPY', 'en-US')).to.equal('-¥1,235');
    expect(money(-3.125, 'KWD', 'en-AU')).to.equal('-KWD 3.125');
    expect(money(-0.004, 'AUD', 'en-AU')).to.equal('$0');
  });
  // Omneo's decimals read as doubles: past about 10^13 an amount in cents has more than the 15 digits the rounding
  // step below kept, and it dropped real ones ($1,234,567,890,123,456 showed as "$1,234,567,890,123,460.00"). A
  // whole amount is shown as it came, with no decimals; a fraction keeps every digit the double holds.
  it('amounts past 10^13: every digit kept, whole ones without decimals', () => {
    expect(money(1234567890123456, 'AUD', 'en-AU')).to.equal('$1,234,567,890,123,456');
    expect(money(9007199254740993, 'AUD', 'en-AU')).to.equal('$9,007,199,254,740,992'); // the double 2^53 JSON gives
    expect(money(1e21, 'AUD', 'en-AU')).to.equal('$1,000,000,000,000,000,000,000');
    expect(money(-1e21, 'KWD', 'en-AU')).to.equal('-KWD 1,000,000,000,000,000,000,000');
    expect(money(12345678901234.56, 'AUD', 'en-AU')).to.equal('$12,345,678,901,234.56');
    expect(money(1e21, null, 'en-AU')).to.equal('1,000,000,000,000,000,000,000.00');
    expect(toMinorUnits(1234567890123456, 'AUD')).to.equal(123456789012345600);
    expect(toMinorUnits(12345678901234.56, 'AUD')).to.equal(1234567890123456);
  });
  it('without a currency: a plain two-decimal figure', () => {
    expect(money(12.5, null, 'en-AU')).to.equal('12.50');
    expect(money(1234.5, null, 'fr-FR')).to.equal('1 234,50');
  });
});

describe('formatPoints', () => {
  it('to the hundredth, whole figures unchanged, a clawback keeps its sign, and a figure that rounds to nothing is "0", never "-0"', () => {
    expect(formatPoints(1249.6, 'en-AU')).to.equal('1,249.6');
    expect(formatPoints(1250, 'en-AU')).to.equal('1,250');
    expect(formatPoints(-250, 'en-AU')).to.equal('-250');
    expect(formatPoints(-0.004, 'en-AU')).to.equal('0');
  });
});

describe('formatDate', () => {
  it("shows the day in the record's own time zone, and does not throw on a zone Intl does not know (AEST)", () => {
    const date = new Date('2025-12-31T14:00:00Z'); // already 1 January in Sydney
    expect(formatDate(date, 'en-AU', 'Australia/Sydney')).to.equal('1 Jan 2026');
    expect(formatDate(date, 'en-AU', 'AEST')).to.equal(formatDate(date, 'en-AU'));
  });
});

describe('floorToMinorUnits: what a balance can spend', () => {
  it('counts a decimal as it reads, whatever its binary noise: $19.99 is 1,999 cents (19.99 × 100 is 1998.99…), not 1,998', () => {
    expect(floorToMinorUnits(19.99, 'AUD')).to.equal(1999);
    expect(floorToMinorUnits(0.29, 'AUD')).to.equal(29);
    expect(floorToMinorUnits(1.005, 'KWD')).to.equal(1005);
    expect(floorToMinorUnits(19.999, 'AUD'), 'floored, not rounded').to.equal(1999);
    expect(floorToMinorUnits(Number.NaN, 'AUD')).to.equal(0);
  });
  it('counts exactly one minor unit as one (a balance of 1 cent, 1 yen or 1 fil can spend it), and less as none', () => {
    expect(floorToMinorUnits(0.01, 'AUD')).to.equal(1);
    expect(floorToMinorUnits(1, 'JPY')).to.equal(1);
    expect(floorToMinorUnits(0.001, 'KWD')).to.equal(1);
    expect(floorToMinorUnits(0.009, 'AUD')).to.equal(0);
    expect(floorToMinorUnits(0.9, 'JPY')).to.equal(0);
    expect(floorToMinorUnits(0.0009, 'KWD')).to.equal(0);
  });
});
