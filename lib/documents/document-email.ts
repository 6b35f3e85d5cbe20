import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { invoices } from '@/lib/db/schema';
import { invoicePdfFileName } from '@/lib/invoices/invoice-queries';
import type { InvoiceSeller } from '@/lib/invoices/render-pdf';
import { formatCny } from '@/lib/money';
import type { DocumentEmailRow } from '@/lib/notices/document-emails';
import { messageLocale, noticesTranslator } from '@/lib/notices/messages';
import { emailHtml } from '@/lib/notices/render-notice';
import { DeliveryError, type OutgoingEmail } from '@/lib/notices/transports';
import { topUpReceipt } from '@/lib/payments/top-up-receipt';
import { loadMonthlyStatement } from '@/lib/statements/monthly-statement';
import { renderStatementPdf, statementFileName } from '@/lib/statements/render-statement-pdf';

/*
 * What a document sent by email says and attaches: an issued invoice or credit note, a top-up's
 * receipt, a monthly statement. Above invoices, payments, statements and notices (the queue and its
 * delivery are lib/notices/document-emails.ts; server/notice-delivery.ts wires the two together).
 */

export interface DocumentEmailContext {
  appUrl: string;
  timeZone: string;
  /** Printed on receipts. */
  seller: InvoiceSeller;
}

/** The email of one row, in the row's language, with its PDF attached. */
export async function renderDocumentEmail(
  db: Db,
  row: Pick<DocumentEmailRow, 'kind' | 'documentRef' | 'accountId' | 'locale'>,
  ctx: DocumentEmailContext,
): Promise<Omit<OutgoingEmail, 'to'>> {
  const lang = messageLocale(row.locale);
  const t = noticesTranslator(lang);
  const amount = (fen: bigint) => formatCny(fen, lang);
  let subject: string;
  let paragraphs: string[];
  let attachment: { filename: string; content: Uint8Array };
  let why: string;
  if (row.kind === 'receipt') {
    const receipt = await topUpReceipt(db, { accountId: row.accountId, paymentId: row.documentRef, seller: ctx.seller, timeZone: ctx.timeZone });
    if (!receipt) throw new DeliveryError('permanent', `payment ${row.documentRef} has no receipt`);
    subject = t('documents.receipt.subject', { payment: row.documentRef });
    paragraphs = [t('documents.receipt.body', { payment: row.documentRef }), t('documents.receipt.download', { url: `${ctx.appUrl}/top-up/${row.documentRef}` })];
    attachment = { filename: receipt.fileName, content: receipt.pdf };
    why = t('documents.receiptWhy', { accountId: row.accountId });
  } else if (row.kind === 'statement') {
    const month = row.documentRef.slice(row.documentRef.lastIndexOf(':') + 1);
    const statement = await loadMonthlyStatement(db, { accountId: row.accountId, month, timeZone: ctx.timeZone });
    if (!statement) throw new DeliveryError('permanent', `no account ${row.accountId}`);
    subject = t('documents.statement.subject', { month });
    paragraphs = [
      t('documents.statement.body', { month, opening: amount(statement.openingFen), closing: amount(statement.closingFen) }),
      t('documents.statement.download', { url: `${ctx.appUrl}/charges`, contactUrl: `${ctx.appUrl}/contact` }),
    ];
    attachment = { filename: statementFileName(row.accountId, month), content: await renderStatementPdf(statement) };
    why = t('documents.statementWhy', { accountId: row.accountId });
  } else {
    const [invoice] = await db
      .select({ number: invoices.number, pdf: invoices.pdf, grossFen: invoices.grossFen, reverses: invoices.reversesInvoiceId, accountId: invoices.accountId })
      .from(invoices)
      .where(eq(invoices.id, row.documentRef));
    if (!invoice?.number || !invoice.pdf || invoice.accountId !== row.accountId) throw new DeliveryError('permanent', `invoice ${row.documentRef} has no issued PDF`);
    let original = '—';
    if (invoice.reverses) {
      const [o] = await db.select({ number: invoices.number }).from(invoices).where(eq(invoices.id, invoice.reverses));
      original = o?.number ?? '—';
    }
    const kind = row.kind === 'credit_note' ? 'credit_note' : 'invoice';
    subject = t(`documents.${kind}.subject`, { number: invoice.number });
    paragraphs = [t(`documents.${kind}.body`, { number: invoice.number, amount: amount(invoice.grossFen), original }), t(`documents.${kind}.download`, { url: `${ctx.appUrl}/invoices` })];
    attachment = { filename: invoicePdfFileName(invoice.number), content: invoice.pdf };
    why = t('documents.recipientWhy', { accountId: row.accountId });
  }
  return {
    subject,
    text: `${subject}\n\n${paragraphs.join('\n\n')}\n\n-- \n${why}\n`,
    html: emailHtml({ lang, title: subject, paragraphs, footer: [why] }),
    attachments: [{ ...attachment, contentType: 'application/pdf' }],
  };
}
