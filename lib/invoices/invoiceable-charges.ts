import { and, asc, between, eq, isNull, notExists, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { chargeLines, invoiceCharges, invoicePenaltyParts, penaltyParts, services } from '@/lib/db/schema';
import type { CoveredChargeLine } from './invoice-document';
import { invoiceServiceLabel } from './service-label';

/**
 * What a customer may invoice (DESIGN.md "Invoices"): the settled charge lines of their account
 * (usage, late usage, and outage credits as negative lines) taxed under VAT, and the VAT parts of their overdue penalties
 * (one per tax rate, printed "逾期违约金 / Overdue penalty") that no live invoice covers. Top-ups
 * are never invoiceable.
 */

/** The item name of an overdue penalty's invoice lines (one line per tax rate). */
export const PENALTY_INVOICE_LABEL = '逾期违约金 / Overdue penalty';

export interface InvoiceableCharge extends CoveredChargeLine {
  /** A charge line (`charge_lines.id`) or a penalty part (`penalty_parts.id`): two id spaces. */
  source: 'charge' | 'penalty';
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

/**
 * Only VAT-taxed charges go on a VAT invoice: a charge of a day under business tax (before its
 * category moved to VAT) follows the tax system of its time and is never mixed into one.
 */
const chargeUnderVat = eq(chargeLines.taxKind, 'vat');
const penaltyUnderVat = eq(penaltyParts.taxKind, 'vat');

const penaltyNotInLiveInvoice = notExists(
  sql`(select 1 from ${invoicePenaltyParts} where ${invoicePenaltyParts.penaltyPartId} = ${penaltyParts.id} and ${invoicePenaltyParts.releasedAt} is null)`,
);

/** Invoiceable amounts per month of service day (penalties: the day they fell due), oldest first. */
export async function invoiceableByMonth(db: Db, accountId: string): Promise<InvoiceableMonth[]> {
  const month = sql<string>`to_char(${chargeLines.serviceDay}, 'YYYY-MM')`;
  const charges = await db
    .select({
      month,
      chargeCount: sql<number>`count(*)::int`,
      net: sql<string>`sum(${chargeLines.netFen})::text`,
      tax: sql<string>`sum(${chargeLines.taxFen})::text`,
      gross: sql<string>`sum(${chargeLines.grossFen})::text`,
    })
    .from(chargeLines)
    .where(and(eq(chargeLines.accountId, accountId), chargeUnderVat, notInLiveInvoice))
    .groupBy(month);
  const penaltyMonth = sql<string>`to_char(${penaltyParts.serviceDay}, 'YYYY-MM')`;
  const penalties = await db
    .select({
      month: penaltyMonth,
      chargeCount: sql<number>`count(*)::int`,
      net: sql<string>`sum(${penaltyParts.netFen})::text`,
      tax: sql<string>`sum(${penaltyParts.taxFen})::text`,
      gross: sql<string>`sum(${penaltyParts.grossFen})::text`,
    })
    .from(penaltyParts)
    .where(and(eq(penaltyParts.accountId, accountId), penaltyUnderVat, penaltyNotInLiveInvoice))
    .groupBy(penaltyMonth);
  const months = new Map<string, InvoiceableMonth>();
  for (const r of [...charges, ...penalties]) {
    const m = months.get(r.month) ?? { month: r.month, chargeCount: 0, net: 0n, tax: 0n, gross: 0n };
    m.chargeCount += r.chargeCount;
    m.net += BigInt(r.net);
    m.tax += BigInt(r.tax);
    m.gross += BigInt(r.gross);
    months.set(r.month, m);
  }
  return [...months.values()].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
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
    source: 'charge',
    id: r.id,
    serviceDay: r.serviceDay,
    service: invoiceServiceLabel(r.serviceName, r.taxCategory),
    taxRate: r.taxRate,
    net: r.net,
    tax: r.tax,
    gross: r.gross,
  };
}

/** The columns of a penalty part an invoice needs. */
const penaltyColumns = {
  id: penaltyParts.id,
  serviceDay: penaltyParts.serviceDay,
  taxRate: penaltyParts.taxRate,
  net: penaltyParts.netFen,
  tax: penaltyParts.taxFen,
  gross: penaltyParts.grossFen,
};

function toInvoiceablePenalty(r: { id: bigint; serviceDay: string; taxRate: string; net: bigint; tax: bigint; gross: bigint }): InvoiceableCharge {
  return { source: 'penalty', id: r.id, serviceDay: r.serviceDay, service: PENALTY_INVOICE_LABEL, taxRate: r.taxRate, net: r.net, tax: r.tax, gross: r.gross };
}

/**
 * The invoiceable charge lines of an account with service days in [from, to], in id order, then
 * the invoiceable penalty parts that fell due on those days, in id order.
 */
export async function invoiceableCharges(db: Db, accountId: string, range: { from: string; to: string }): Promise<InvoiceableCharge[]> {
  const rows = await db
    .select(chargeColumns)
    .from(chargeLines)
    .innerJoin(services, eq(services.id, chargeLines.serviceId))
    .where(and(eq(chargeLines.accountId, accountId), between(chargeLines.serviceDay, range.from, range.to), chargeUnderVat, notInLiveInvoice))
    .orderBy(asc(chargeLines.id));
  const penalties = await db
    .select(penaltyColumns)
    .from(penaltyParts)
    .where(and(eq(penaltyParts.accountId, accountId), between(penaltyParts.serviceDay, range.from, range.to), penaltyUnderVat, penaltyNotInLiveInvoice))
    .orderBy(asc(penaltyParts.id));
  return [...rows.map(toInvoiceableCharge), ...penalties.map(toInvoiceablePenalty)];
}

/** The charge lines and penalty parts an invoice covers while it is live (requested or issued), in id order. */
export async function coveredCharges(db: Db, invoiceId: string): Promise<InvoiceableCharge[]> {
  const rows = await db
    .select(chargeColumns)
    .from(invoiceCharges)
    .innerJoin(chargeLines, eq(chargeLines.id, invoiceCharges.chargeLineId))
    .innerJoin(services, eq(services.id, chargeLines.serviceId))
    .where(and(eq(invoiceCharges.invoiceId, invoiceId), isNull(invoiceCharges.releasedAt)))
    .orderBy(asc(chargeLines.id));
  const penalties = await db
    .select(penaltyColumns)
    .from(invoicePenaltyParts)
    .innerJoin(penaltyParts, eq(penaltyParts.id, invoicePenaltyParts.penaltyPartId))
    .where(and(eq(invoicePenaltyParts.invoiceId, invoiceId), isNull(invoicePenaltyParts.releasedAt)))
    .orderBy(asc(penaltyParts.id));
  return [...rows.map(toInvoiceableCharge), ...penalties.map(toInvoiceablePenalty)];
}
