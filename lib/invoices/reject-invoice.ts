import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { invoices } from '@/lib/db/schema';
import { createNotice } from '@/lib/notices/create-notice';
import type { ActorRef } from '@/lib/audit/actor';
import { InvoiceError } from './invoice-error';
import { lockInvoice, releaseCharges } from './invoice-records';

export const REJECT_REASON_MAX_LENGTH = 500;

/**
 * Finance rejects a request with a reason (1–500 characters after trimming); in the same transaction
 * its charges are released (they can be invoiced again) and the customer gets an `invoice_rejected`
 * notice. Refused (InvoiceError): `reason_required`, `not_found`, `not_requested`. `actor`: who
 * rejects it (null: the system, e.g. a script).
 */
export async function rejectInvoice(db: Db, input: { invoiceId: string; actor: ActorRef | null; reason: string; now: Date }): Promise<void> {
  const reason = input.reason.trim();
  if (reason === '' || reason.length > REJECT_REASON_MAX_LENGTH) throw new InvoiceError('reason_required', { field: 'reason', params: { max: REJECT_REASON_MAX_LENGTH } });
  await db.transaction(async (tx) => {
    const invoice = await lockInvoice(tx, input.invoiceId);
    if (!invoice) throw new InvoiceError('not_found');
    if (invoice.type !== 'invoice' || invoice.status !== 'requested') throw new InvoiceError('not_requested', { invoiceStatus: invoice.status });
    await tx.update(invoices).set({ status: 'rejected', rejectedAt: input.now, rejectedBy: input.actor?.userId ?? null, rejectReason: reason }).where(eq(invoices.id, invoice.id));
    await releaseCharges(tx, invoice.id, input.now);
    await createNotice(tx, {
      accountId: invoice.accountId,
      kind: 'invoice_rejected',
      params: { amountFen: invoice.grossFen.toString(), reason },
      dedupeKey: `invoice_rejected:${invoice.id}`,
      now: input.now,
    });
  });
}
