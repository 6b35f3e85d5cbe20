import { and, asc, between, eq, isNull, notExists, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { chargeLines, invoiceCharges, services } from '@/lib/db/schema';
import type { CoveredChargeLine } from './invoice-document';
import { invoiceServiceLabel } from './service-label';

/**
 * What a customer may invoice (DESIGN.md "Invoices"): the settled charge lines of their account
 * (usage, late usage, and outage credits as negative lines) that no live invoice covers. Penalties
 * and top-ups are not charge lines, so they never appear here.
 */

export interface InvoiceableCharge extends CoveredChargeLine {
  id: bigint;
  serviceDay: string;
}

export interface InvoiceableMonth {
  /** YYYY-MM */
  month: string;
  chargeCount: number;
  net: bigint;
  tax: bigint;
  gross: bigint;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(text: string): boolean {
  return MONTH.test(text);
}

/** The service days a range of months spans: 2026-01 … 2026-03 → 2026-01-01 … 2026-03-31. */
export function monthRangeDays(fromMonth: string, toMonth: string): { from: string; to: string } | null {
  const from = MONTH.exec(fromMonth);
  const to = MONTH.exec(toMonth);
  if (!from || !to || fromMonth > toMonth) return null;
  const lastDay = new Date(Date.UTC(Number(to[1]), Number(to[2]), 0)).getUTCDate();
  return { from: `${fromMonth}-01`, to: `${toMonth}-${String(lastDay).padStart(2, '0')}` };
}

const notInLiveInvoice = notExists(
  sql`(select 1 from ${invoiceCharges} where ${invoiceCharges.chargeLineId} = ${chargeLines.id} and ${invoiceCharges.releasedAt} is null)`,
);

/** Invoiceable amounts per month of service day, oldest first. */
export async function invoiceableByMonth(db: Db, accountId: string): Promise<InvoiceableMonth[]> {
  const month = sql<string>`to_char(${chargeLines.serviceDay}, 'YYYY-MM')`;
  const rows = await db
    .select({
      month,
      chargeCount: sql<number>`count(*)::int`,
      net: sql<string>`sum(${chargeLines.netFen})::text`,
      tax: sql<string>`sum(${chargeLines.taxFen})::text`,
      gross: sql<string>`sum(${chargeLines.grossFen})::text`,
    })
    .from(chargeLines)
    .where(and(eq(chargeLines.accountId, accountId), notInLiveInvoice))
    .groupBy(month)
    .orderBy(month);
  return rows.map((r) => ({ month: r.month, chargeCount: r.chargeCount, net: BigInt(r.net), tax: BigInt(r.tax), gross: BigInt(r.gross) }));
}

/** The columns of a charge line an invoice needs, and their shape as an InvoiceableCharge. */
const chargeColumns = {
  id: chargeLines.id,
  serviceDay: chargeLines.serviceDay,
  serviceName: services.name,
  taxCategory: chargeLines.taxCategory,
  taxRate: chargeLines.taxRate,
  net: chargeLines.netFen,
  tax: chargeLines.taxFen,
  gross: chargeLines.grossFen,
};

function toInvoiceableCharge(r: { id: bigint; serviceDay: string; serviceName: string; taxCategory: string; taxRate: string; net: bigint; tax: bigint; gross: bigint }): InvoiceableCharge {
  return {
    id: r.id,
    serviceDay: r.serviceDay,
    service: invoiceServiceLabel(r.serviceName, r.taxCategory),
    taxRate: r.taxRate,
    net: r.net,
    tax: r.tax,
    gross: r.gross,
  };
}

/** The invoiceable charge lines of an account with service days in [from, to], in id order. */
export async function invoiceableCharges(db: Db, accountId: string, range: { from: string; to: string }): Promise<InvoiceableCharge[]> {
  const rows = await db
    .select(chargeColumns)
    .from(chargeLines)
    .innerJoin(services, eq(services.id, chargeLines.serviceId))
    .where(and(eq(chargeLines.accountId, accountId), between(chargeLines.serviceDay, range.from, range.to), notInLiveInvoice))
    .orderBy(asc(chargeLines.id));
  return rows.map(toInvoiceableCharge);
}

/** The charge lines an invoice covers while it is live (requested or issued), in id order. */
export async function coveredCharges(db: Db, invoiceId: string): Promise<InvoiceableCharge[]> {
  const rows = await db
    .select(chargeColumns)
    .from(invoiceCharges)
    .innerJoin(chargeLines, eq(chargeLines.id, invoiceCharges.chargeLineId))
    .innerJoin(services, eq(services.id, chargeLines.serviceId))
    .where(and(eq(invoiceCharges.invoiceId, invoiceId), isNull(invoiceCharges.releasedAt)))
    .orderBy(asc(chargeLines.id));
  return rows.map(toInvoiceableCharge);
}
