/*
 * Display helpers shared by server and client components of the overview and the history. Amounts
 * arrive as exact decimal strings in yuan; Intl formats the string itself (no float on the way).
 */

import { formatYuan } from '@/lib/money/format';

export { formatExactYuan, formatYuan } from '@/lib/money/format';

const quantities = new Map<string, Intl.NumberFormat>();

/** A signed change of the balance: "+¥300.00", "−¥15.70". */
export function formatChange(decimal: string, locale: string): string {
  const negative = decimal.startsWith('-');
  const abs = negative ? decimal.slice(1) : decimal;
  return `${negative ? '−' : '+'}${formatYuan(abs, locale)}`;
}

/** A rate as a percentage, by moving the decimal point (exact): "0.06" → "6", "0.003" → "0.3". */
export function ratePercent(rate: string): string {
  const [whole, fraction = ''] = rate.split('.');
  const padded = fraction.padEnd(2, '0');
  const integer = `${whole}${padded.slice(0, 2)}`.replace(/^0+(?=\d)/, '');
  const rest = padded.slice(2).replace(/0+$/, '');
  return rest ? `${integer}.${rest}` : integer;
}

/** A quantity for people: grouping separators, every decimal kept. */
export function formatQuantity(decimal: string, locale: string): string {
  let f = quantities.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: 20 });
    quantities.set(locale, f);
  }
  return f.format(decimal as `${number}`);
}
