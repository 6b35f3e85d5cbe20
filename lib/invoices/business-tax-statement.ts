import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { chargeLines, penaltyParts, services } from '@/lib/db/schema';
import { PENALTY_INVOICE_LABEL } from './invoiceable-charges';
import { invoiceServiceLabel } from './service-label';

/**
 * The business-tax statement: charges of service days when their tax category was still under
 * business tax (营业税, before the move to VAT) are never lines of a VAT invoice; the customer gets
 * this statement of them instead, per month, service and rate, as the tax system of their time asks.
 */

export interface BusinessTaxLine {
  /** YYYY-MM of the service day (a penalty: the day it fell due). */
  month: string;
  service: string;
  /** Decimal rate, e.g. "0.05". */
  taxRate: string;
  chargeCount: number;
  net: bigint;
  tax: bigint;
  gross: bigint;
}

export interface BusinessTaxStatement {
  lines: BusinessTaxLine[];
  total: { net: bigint; tax: bigint; gross: bigint };
}

const byMonth = (column: typeof chargeLines.serviceDay | typeof penaltyParts.serviceDay) => sql<string>`to_char(${column}, 'YYYY-MM')`;

export async function businessTaxStatement(db: Db, accountId: string): Promise<BusinessTaxStatement> {
  const chargeMonth = byMonth(chargeLines.serviceDay);
  const charges = await db
    .select({
      month: chargeMonth,
      serviceName: services.name,
      taxCategory: chargeLines.taxCategory,
      taxRate: sql<string>`${chargeLines.taxRate}::text`,
      chargeCount: sql<number>`count(*)::int`,
      net: sql<string>`sum(${chargeLines.netFen})::text`,
      tax: sql<string>`sum(${chargeLines.taxFen})::text`,
      gross: sql<string>`sum(${chargeLines.grossFen})::text`,
    })
    .from(chargeLines)
    .innerJoin(services, eq(services.id, chargeLines.serviceId))
    .where(and(eq(chargeLines.accountId, accountId), eq(chargeLines.taxKind, 'business_tax')))
    .groupBy(chargeMonth, services.name, chargeLines.taxCategory, chargeLines.taxRate);
  const penaltyMonth = byMonth(penaltyParts.serviceDay);
  const penalties = await db
    .select({
      month: penaltyMonth,
      taxRate: sql<string>`${penaltyParts.taxRate}::text`,
      chargeCount: sql<number>`count(*)::int`,
      net: sql<string>`sum(${penaltyParts.netFen})::text`,
      tax: sql<string>`sum(${penaltyParts.taxFen})::text`,
      gross: sql<string>`sum(${penaltyParts.grossFen})::text`,
    })
    .from(penaltyParts)
    .where(and(eq(penaltyParts.accountId, accountId), eq(penaltyParts.taxKind, 'business_tax')))
    .groupBy(penaltyMonth, penaltyParts.taxRate);

  const rate = (text: string) => text.replace(/0+$/, '').replace(/\.$/, '');
  const lines: BusinessTaxLine[] = [
    ...charges.map((r) => ({ month: r.month, service: invoiceServiceLabel(r.serviceName, r.taxCategory), taxRate: rate(r.taxRate), chargeCount: r.chargeCount, net: BigInt(r.net), tax: BigInt(r.tax), gross: BigInt(r.gross) })),
    ...penalties.map((r) => ({ month: r.month, service: PENALTY_INVOICE_LABEL, taxRate: rate(r.taxRate), chargeCount: r.chargeCount, net: BigInt(r.net), tax: BigInt(r.tax), gross: BigInt(r.gross) })),
  ].sort((a, b) => (a.month !== b.month ? (a.month < b.month ? -1 : 1) : a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
  const total = lines.reduce((sum, l) => ({ net: sum.net + l.net, tax: sum.tax + l.tax, gross: sum.gross + l.gross }), { net: 0n, tax: 0n, gross: 0n });
  return { lines, total };
}

/** Whether the account has any charge under business tax (the invoices page then links the statement). */
export async function hasBusinessTaxCharges(db: Db, accountId: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(chargeLines)
    .where(and(eq(chargeLines.accountId, accountId), eq(chargeLines.taxKind, 'business_tax')))
    .limit(1);
  return Boolean(row);
}
