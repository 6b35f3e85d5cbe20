import Decimal from 'decimal.js';

/**
 * Money for the whole portal: amounts are `bigint` fen (1/100 yuan) in the domain, decimal strings
 * ("-12.34") on the wire, and `formatCny` for people. Exact decimals (unit prices with up to
 * 6 decimals of a yuan, rates, quantities) use decimal.js, never floats.
 */

/** decimal.js instance for money: enough precision for any product we form, half-up rounding. */
export const MoneyDecimal = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 60 });
export type MoneyDecimal = InstanceType<typeof MoneyDecimal>;

export type DecimalInput = MoneyDecimal | string | bigint | number;

function toDecimal(value: DecimalInput): MoneyDecimal {
  if (typeof value === 'bigint') return new MoneyDecimal(value.toString());
  if (typeof value === 'number' && !Number.isInteger(value)) {
    // A fractional float is never an exact amount; refuse it rather than round it silently.
    throw new TypeError(`Inexact number ${value}: pass a decimal string`);
  }
  return new MoneyDecimal(value);
}

/**
 * THE rounding of the portal: an exact amount of fen (possibly fractional) to whole fen,
 * half up (ties away from zero, the commercial 四舍五入). Every rounding of money goes through here
 * (the SQL twin `sqlRoundHalfUp` in ./sql is tested to agree with it).
 */
export function roundHalfUp(fen: DecimalInput): bigint {
  return BigInt(toDecimal(fen).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0));
}

const decimalPattern = /^(-)?(\d+)(?:\.(\d+))?$/;

export interface ParseDecimalOptions {
  /** Most digits after the point (default: no limit). */
  maxDecimals?: number;
  /** Accept a leading minus (default false). */
  allowNegative?: boolean;
  /** Most digits before the point (default 18). */
  maxIntegerDigits?: number;
}

/**
 * Parses a plain decimal string ("12.5", "0.000001", "-3") exactly. No exponent, no spaces, no
 * plus sign, no thousands separators. Returns null when the text is not such a decimal.
 */
export function parseDecimal(text: string, options: ParseDecimalOptions = {}): MoneyDecimal | null {
  const match = decimalPattern.exec(text);
  if (!match) return null;
  const [, minus, integer, fraction = ''] = match;
  if (minus && !options.allowNegative) return null;
  if (options.maxDecimals !== undefined && fraction.length > options.maxDecimals) return null;
  const significantInteger = integer.replace(/^0+(?=\d)/, '');
  if (significantInteger.length > (options.maxIntegerDigits ?? 18)) return null;
  return new MoneyDecimal(text);
}

/** Parses an amount in yuan with at most 2 decimals ("100.30") to fen; null when invalid. */
export function parseYuanToFen(text: string, options: { allowNegative?: boolean } = {}): bigint | null {
  const value = parseDecimal(text, { maxDecimals: 2, allowNegative: options.allowNegative, maxIntegerDigits: 15 });
  return value === null ? null : BigInt(value.times(100).toFixed(0));
}


export { fenToDecimalString, formatCny, formatExactYuan, formatYuan } from './format';

/** Sum of fen amounts. */
export function sumFen(values: Iterable<bigint>): bigint {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}

/** fen × numerator / denominator, rounded half up once (e.g. a day's fee × minutes / 1440). */
export function prorateFen(fen: bigint, numerator: DecimalInput, denominator: DecimalInput): bigint {
  return roundHalfUp(toDecimal(fen).times(toDecimal(numerator)).dividedBy(toDecimal(denominator)));
}

/** fen × rate (a decimal such as "0.06" or "0.003"), rounded half up once. */
export function applyRate(fen: bigint, rate: DecimalInput): bigint {
  return roundHalfUp(toDecimal(fen).times(toDecimal(rate)));
}
