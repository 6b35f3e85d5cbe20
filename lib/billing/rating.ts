import { sql, type SQL } from 'drizzle-orm';
import { MoneyDecimal, roundHalfUp, type DecimalInput } from '@/lib/money';
import { sqlRoundHalfUp } from '@/lib/money/sql';

/*
 * Rating (RULES §2), the one home: quantity × unit price → net, rounded half up to the fen once;
 * net × tax rate → tax, rounded half up once; gross = net + tax. Set-based settlement rates in SQL
 * and the day detail explains the same arithmetic in TypeScript: both forms are here, side by
 * side, and rating.test.ts proves they agree.
 */

export interface Rated {
  /** quantity × unit price in yuan, exact. */
  exactNet: MoneyDecimal;
  netFen: bigint;
  /** net × tax rate in fen, exact. */
  exactTaxFen: MoneyDecimal;
  taxFen: bigint;
}

/** Rates a quantity (TypeScript). */
export function rateQuantity(quantity: DecimalInput, unitPrice: DecimalInput, taxRate: DecimalInput): Rated {
  const exactNet = new MoneyDecimal(quantity).times(unitPrice);
  const netFen = roundHalfUp(exactNet.times(100));
  const exactTaxFen = new MoneyDecimal(netFen.toString()).times(taxRate);
  return { exactNet, netFen, exactTaxFen, taxFen: roundHalfUp(exactTaxFen) };
}

/** SQL: net fen of a `numeric` quantity at a `numeric` unit price in yuan. */
export function sqlNetFen(quantity: SQL, unitPrice: SQL): SQL {
  return sqlRoundHalfUp(sql`${quantity} * ${unitPrice} * 100`);
}

/** SQL: tax fen of a net amount in fen at a `numeric` rate. */
export function sqlTaxFen(netFen: SQL, taxRate: SQL): SQL {
  return sqlRoundHalfUp(sql`${netFen} * ${taxRate}`);
}
