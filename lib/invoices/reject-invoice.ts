import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { invoices } from '@/lib/db/schema';
import { createNotice } from '@/lib/notices/create-notice';
import { lockInvoice, releaseCharges } from './invoice-records';

export const REJECT_REASON_MAX_LENGTH = 500;

export type RejectInvoiceResult = { ok: true } | { ok: false; code: 'not_found' | 'not_requested' | 'reason_required'; status?: string };

/**
 * Finance rejects a request with a reason; in the same transaction its charges are released (they
 * can be invoiced again) and the customer gets an `invoice_rejected` notice.
 */
export async function rejectInvoice(db: Db, input: { invoiceId: string; userId: string | null; reason: string; now: Date }): Promise<RejectInvoiceResult> {
  const reason = input.reason.trim();
  if (reason === '' || reason.length > REJECT_REASON_MAX_LENGTH) return { ok: false, code: 'reason_required' };
  return db.transaction(async (tx): Promise<RejectInvoiceResult> => {
    const invoice = await lockInvoice(tx, input.invoiceId);
    if (!invoice) return { ok: false, code: 'not_found' };
    if (invoice.type !== 'invoice' || invoice.status !== 'requested') return { ok: false, code: 'not_requested', status: invoice.status };
    await tx.update(invoices).set({ status: 'rejected', rejectedAt: input.now, rejectedBy: input.userId, rejectReason: reason }).where(eq(invoices.id, invoice.id));
    await releaseCharges(tx, invoice.id, input.now);
    await createNotice(tx, {
      accountId: invoice.accountId,
      kind: 'invoice_rejected',
      params: { amountFen: invoice.grossFen.toString(), reason },
      dedupeKey: `invoice_rejected:${invoice.id}`,
      now: input.now,
    });
    return { ok: true };
  });
}
