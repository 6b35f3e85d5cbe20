import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { customerAccounts, type TaxKind } from '@/lib/db/schema';
import { emptyHistoryFilter } from '@/lib/charges/history-filter';
import { listWalletMovements, walletMovementBatches, type WalletMovement } from '@/lib/charges/wallet-history';
import { normalizeTaxRate } from '@/lib/invoices/invoice-document';
import { addDays } from '@/lib/time/zoned-date';
import { monthRange, type MonthRange, type StatementMonth } from './statement-month';

export interface StatementVatRow {
  taxKind: TaxKind;
  /** Normalised decimal, e.g. `0.06`. */
  taxRate: string;
  netFen: bigint;
  taxFen: bigint;
  grossFen: bigint;
}

export interface MonthlyStatement {
  accountId: string;
  accountName: string;
  range: MonthRange;
  timeZone: string;
  /** The balance at the first instant of the month (billing time zone). */
  openingFen: bigint;
  /** Every movement posted in the month, oldest first. */
  movements: WalletMovement[];
  /** opening + every movement = the balance at the month's end. */
  closingFen: bigint;
  /** The VAT of the month's charges, credits and penalties, by tax kind and rate (credits count negative). */
  vatByRate: StatementVatRow[];
  totals: { netFen: bigint; taxFen: bigint; grossFen: bigint };
}

/**
 * A month of a customer's wallet (DESIGN "Money"): the opening balance, every movement posted in
 * the month (by the instant it was posted, in the billing time zone) with the balance after it, the
 * closing balance, and the VAT of the month's taxable movements by rate. Read-only; the same month
 * reads the same once it has ended (postings are append-only and dated when posted).
 */
export async function loadMonthlyStatement(db: Db, input: { accountId: string; month: StatementMonth; timeZone: string }): Promise<MonthlyStatement | null> {
  const [account] = await db.select({ name: customerAccounts.name }).from(customerAccounts).where(eq(customerAccounts.id, input.accountId));
  if (!account) return null;
  const range = monthRange(input.month);
  const query = { accountId: input.accountId, timeZone: input.timeZone };
  const newestFirst: WalletMovement[] = [];
  for await (const batch of walletMovementBatches(db, { ...query, filter: { ...emptyHistoryFilter, from: range.from, to: range.to } })) newestFirst.push(...batch);
  const movements = newestFirst.reverse();

  let openingFen: bigint;
  if (movements.length > 0) openingFen = movements[0].balanceAfterFen - movements[0].amountFen;
  else {
    const before = await listWalletMovements(db, { ...query, filter: { ...emptyHistoryFilter, to: addDays(range.from, -1) }, after: null, limit: 1 });
    openingFen = before.movements[0]?.balanceAfterFen ?? 0n;
  }
  const closingFen = movements.reduce((sum, m) => sum + m.amountFen, openingFen);

  const vat = new Map<string, StatementVatRow>();
  const add = (taxKind: TaxKind, rate: string, netFen: bigint, taxFen: bigint, grossFen: bigint) => {
    const taxRate = normalizeTaxRate(rate);
    const key = `${taxKind}|${taxRate}`;
    const row = vat.get(key) ?? { taxKind, taxRate, netFen: 0n, taxFen: 0n, grossFen: 0n };
    row.netFen += netFen;
    row.taxFen += taxFen;
    row.grossFen += grossFen;
    vat.set(key, row);
  };
  for (const m of movements) {
    if (m.line) add(m.line.taxKind, m.line.taxRate, m.line.netFen, m.line.taxFen, m.line.grossFen);
    for (const part of m.penalty?.parts ?? []) add(part.taxKind, part.taxRate, part.netFen, part.taxFen, part.grossFen);
  }
  const vatByRate = [...vat.values()].sort((a, b) => Number(a.taxRate) - Number(b.taxRate) || a.taxKind.localeCompare(b.taxKind));
  const totals = vatByRate.reduce(
    (sum, r) => ({ netFen: sum.netFen + r.netFen, taxFen: sum.taxFen + r.taxFen, grossFen: sum.grossFen + r.grossFen }),
    { netFen: 0n, taxFen: 0n, grossFen: 0n },
  );
  return { accountId: input.accountId, accountName: account.name, range, timeZone: input.timeZone, openingFen, movements, closingFen, vatByRate, totals };
}
