/*
 * Money for people, the one home of every money formatter (server and client components,
 * notices, PDFs). Amounts are exact: Intl formats the decimal string itself, no float on the way.
 * No decimal.js here, so client components import it cheaply.
 */

/** Fen as a decimal string in yuan with exactly two decimals: -1234n → "-12.34". */
export function fenToDecimalString(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const yuan = abs / 100n;
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${yuan}.${cents}`;
}

const cache = new Map<string, Intl.NumberFormat>();

function currency(locale: string, maximumFractionDigits: number): Intl.NumberFormat {
  const key = `${locale}|${maximumFractionDigits}`;
  let formatter = cache.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol', minimumFractionDigits: 2, maximumFractionDigits });
    cache.set(key, formatter);
  }
  return formatter;
}

/** A decimal string in yuan ("-12.34", as the JSON routes send it) for display: "¥1,234.56", "-¥12.34". */
export function formatYuan(decimal: string, locale: string): string {
  return currency(locale, 2).format(decimal as `${number}`);
}

/** An exact intermediate amount before rounding, every digit kept: "14.81472" → "¥14.81472". */
export function formatExactYuan(decimal: string, locale: string): string {
  return currency(locale, 20).format(decimal as `${number}`);
}

/** Fen for display: ¥1,234.56 (-¥12.34 for negatives). Exact for any bigint. */
export function formatCny(fen: bigint, locale = 'en'): string {
  return formatYuan(fenToDecimalString(fen), locale);
}
