import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { invoices } from '@/lib/db/schema';
import { createNotice } from '@/lib/notices/create-notice';
import { enqueueInvoiceEmails } from '@/lib/notices/document-emails';
import type { ActorRef } from '@/lib/audit/actor';
import { coveredCharges } from './invoiceable-charges';
import { buildInvoiceDocument } from './invoice-document';
import { InvoiceError } from './invoice-error';
import { takeInvoiceNumber } from './invoice-number';
import { lockInvoice, pdfBuyer, type IssueContext } from './invoice-records';
import { renderInvoicePdf } from './render-pdf';
import { loadInvoiceDocument } from './stored-document';

/**
 * Finance issues a requested invoice (DESIGN.md "Invoices"), all in one transaction: lock the
 * request, take the next gap-free number of the year, render the PDF once and store it with the
 * number. Nothing is written, and no number used, unless all of it succeeds. The customer gets an
 * `invoice_issued` notice in the same transaction, and the PDF is queued for email to each recipient
 * given with the request (once per recipient). Refused (InvoiceError): `not_found`, `not_requested`.
 * `actor`: who issues it (null: the system, e.g. a script).
 */
export async function issueInvoice(db: Db, input: { invoiceId: string; actor: ActorRef | null; now: Date } & IssueContext): Promise<{ invoiceId: string; number: string; issuedAt: Date }> {
  return db.transaction(async (tx) => {
    const invoice = await lockInvoice(tx, input.invoiceId);
    if (!invoice) throw new InvoiceError('not_found');
    if (invoice.type !== 'invoice' || invoice.status !== 'requested') throw new InvoiceError('not_requested', { invoiceStatus: invoice.status });

    const document = loadInvoiceDocument(invoice.document);
    // The charges are append-only, so the sums cannot have moved since the request; checked anyway
    // because a frozen PDF with a wrong amount could never be corrected.
    const recomputed = buildInvoiceDocument(await coveredCharges(tx, invoice.id));
    if (recomputed.total.gross !== invoice.grossFen || recomputed.total.net !== invoice.netFen || recomputed.total.tax !== invoice.taxFen) {
      throw new Error(`invoice ${invoice.id}: covered charges sum to ${recomputed.total.gross}, the request says ${invoice.grossFen}`);
    }

    const number = await takeInvoiceNumber(tx, input.now, input.timeZone);
    const pdf = await renderInvoicePdf({
      ...document,
      number: number.number,
      issuedAt: input.now,
      seller: input.seller,
      buyer: pdfBuyer(invoice.buyer),
      kind: invoice.kind,
      timeZone: input.timeZone,
    });
    await tx
      .update(invoices)
      .set({ status: 'issued', number: number.number, numberYear: number.year, numberSeq: number.seq, issuedAt: input.now, issuedBy: input.actor?.userId ?? null, pdf })
      .where(eq(invoices.id, invoice.id));
    await createNotice(tx, {
      accountId: invoice.accountId,
      kind: 'invoice_issued',
      params: { number: number.number, amountFen: invoice.grossFen.toString() },
      dedupeKey: `invoice_issued:${invoice.id}`,
      now: input.now,
    });
    await enqueueInvoiceEmails(tx, { invoiceId: invoice.id, accountId: invoice.accountId, kind: 'invoice', recipients: invoice.recipientEmails, now: input.now });
    return { invoiceId: invoice.id, number: number.number, issuedAt: input.now };
  });
}
