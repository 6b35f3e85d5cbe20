import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { invoices } from '@/lib/db/schema';
import { createNotice } from '@/lib/notices/create-notice';
import { enqueueInvoiceEmails } from '@/lib/notices/document-emails';
import type { ActorRef } from '@/lib/audit/actor';
import { creditNoteDocument } from './invoice-document';
import { InvoiceError } from './invoice-error';
import { takeInvoiceNumber } from './invoice-number';
import { lockInvoice, pdfBuyer, releaseCharges, type IssueContext } from './invoice-records';
import { renderInvoicePdf } from './render-pdf';
import { loadInvoiceDocument, storeInvoiceDocument } from './stored-document';

/**
 * Reverses an issued invoice with a credit note (red invoice, DESIGN.md "Invoices"): a new invoice
 * row with every amount negated, its own number from the same yearly sequence and its own frozen
 * PDF naming the invoice it reverses. The original is marked `credited` (its number, amounts and
 * PDF stay as they were) and its charges are released, so they can be invoiced again. Refused
 * (InvoiceError): `not_found`, `not_issued`. `actor`: who issues it (null: the system, e.g. a script).
 */
export async function issueCreditNote(db: Db, input: { invoiceId: string; actor: ActorRef | null; now: Date } & IssueContext): Promise<{ creditNoteId: string; number: string }> {
  return db.transaction(async (tx) => {
    const original = await lockInvoice(tx, input.invoiceId);
    if (!original) throw new InvoiceError('not_found');
    if (original.type !== 'invoice' || original.status !== 'issued' || !original.number) throw new InvoiceError('not_issued', { invoiceStatus: original.status });

    const document = creditNoteDocument(loadInvoiceDocument(original.document));
    const number = await takeInvoiceNumber(tx, input.now, input.timeZone);
    const pdf = await renderInvoicePdf({
      ...document,
      number: number.number,
      issuedAt: input.now,
      seller: input.seller,
      buyer: pdfBuyer(original.buyer),
      kind: original.kind,
      creditNoteOf: original.number,
      timeZone: input.timeZone,
    });
    const [creditNote] = await tx
      .insert(invoices)
      .values({
        accountId: original.accountId,
        type: 'credit_note',
        kind: original.kind,
        status: 'issued',
        titleId: original.titleId,
        buyer: original.buyer,
        recipientEmails: original.recipientEmails,
        periodFrom: original.periodFrom,
        periodTo: original.periodTo,
        netFen: document.total.net,
        taxFen: document.total.tax,
        grossFen: document.total.gross,
        document: storeInvoiceDocument(document),
        requestedAt: input.now,
        requestedBy: input.actor?.userId ?? null,
        number: number.number,
        numberYear: number.year,
        numberSeq: number.seq,
        issuedAt: input.now,
        issuedBy: input.actor?.userId ?? null,
        pdf,
        reversesInvoiceId: original.id,
      })
      .returning({ id: invoices.id });
    await tx.update(invoices).set({ status: 'credited', creditedAt: input.now }).where(eq(invoices.id, original.id));
    await releaseCharges(tx, original.id, input.now);
    await createNotice(tx, {
      accountId: original.accountId,
      kind: 'invoice_issued',
      params: { number: number.number, amountFen: document.total.gross.toString() },
      dedupeKey: `invoice_issued:${creditNote.id}`,
      now: input.now,
    });
    // The credit note goes where the invoice went, with its own PDF.
    await enqueueInvoiceEmails(tx, { invoiceId: creditNote.id, accountId: original.accountId, kind: 'credit_note', recipients: original.recipientEmails, now: input.now });
    return { creditNoteId: creditNote.id, number: number.number };
  });
}
