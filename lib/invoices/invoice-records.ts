import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { invoiceCharges, invoicePenaltyParts, invoices, type InvoiceBuyerSnapshot } from '@/lib/db/schema';
import type { InvoiceBuyer, InvoiceSeller } from './render-pdf';

/** Issuer data an issuing transaction needs: who sells (config seller) and the billing time zone. */
export interface IssueContext {
  seller: InvoiceSeller;
  timeZone: string;
}

export type InvoiceRow = typeof invoices.$inferSelect;

/** Locks an invoice row until the transaction ends (every decision on an invoice starts here). */
export async function lockInvoice(tx: Db, invoiceId: string): Promise<InvoiceRow | null> {
  const [row] = await tx.select().from(invoices).where(eq(invoices.id, invoiceId)).for('update');
  return row ?? null;
}

/** Frees the charges (and penalty parts) of a rejected or credited invoice: they become invoiceable again. */
export async function releaseCharges(tx: Db, invoiceId: string, now: Date): Promise<void> {
  await tx
    .update(invoiceCharges)
    .set({ releasedAt: now })
    .where(and(eq(invoiceCharges.invoiceId, invoiceId), isNull(invoiceCharges.releasedAt)));
  await tx
    .update(invoicePenaltyParts)
    .set({ releasedAt: now })
    .where(and(eq(invoicePenaltyParts.invoiceId, invoiceId), isNull(invoicePenaltyParts.releasedAt)));
}

export function pdfBuyer(buyer: InvoiceBuyerSnapshot): InvoiceBuyer {
  return { name: buyer.name, taxpayerId: buyer.taxpayerId, address: buyer.address, phone: buyer.phone, bank: buyer.bank, account: buyer.account };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids arrive from URLs: anything that is not a UUID is simply not found (never a database error). */
export function isInvoiceId(text: string): boolean {
  return UUID.test(text);
}
