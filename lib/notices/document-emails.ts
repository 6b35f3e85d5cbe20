import { and, asc, eq, inArray, isNotNull, lt, lte, or } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { accountContacts, documentEmails, invoices, type DocumentKind } from '@/lib/db/schema';
import { invoicePdfFileName } from '@/lib/invoices/invoice-queries';
import type { InvoiceSeller } from '@/lib/invoices/render-pdf';
import { topUpReceipt } from '@/lib/payments/top-up-receipt';
import { formatCny } from '@/lib/money';
import { loadMonthlyStatement } from '@/lib/statements/monthly-statement';
import { renderStatementPdf, statementFileName } from '@/lib/statements/render-statement-pdf';
import { previousMonth, startOfMonthIn } from '@/lib/statements/statement-month';
import { accountLocale } from './account-locale';
import { messageLocale, noticesTranslator } from './messages';
import { OUTBOX_RULES, recordBounce, retryDelayMs, type DeliverOutboxSummary } from './outbox';
import { emailHtml } from './render-notice';
import { DeliveryError, deliveryFailureOf, type OutgoingEmail, type Transports } from './transports';

/*
 * Documents by email (issue "invoices and statements by email"): issued invoices and credit notes
 * to the recipients the customer gave with the request, and the monthly statement to the verified
 * email of customers who asked for it. Each (document, recipient) is one `document_emails` row with
 * a unique key, so a document reaches a recipient once however often its writer runs; the rows are
 * delivered by the outbox worker with the notices' retries and bounces.
 */

type Row = typeof documentEmails.$inferSelect;

const normaliseEmails = (emails: readonly string[]) => [...new Set(emails.map((e) => e.trim().toLowerCase()).filter((e) => e.includes('@')))];

/**
 * Queues an issued invoice or credit note for each of its recipients. Call inside the transaction
 * that issues it (so a rolled-back issue sends nothing). Returns how many rows were new.
 */
export async function enqueueInvoiceEmails(
  db: Db,
  input: { invoiceId: string; accountId: string; kind: 'invoice' | 'credit_note'; recipients: readonly string[]; now: Date },
): Promise<number> {
  const recipients = normaliseEmails(input.recipients);
  if (recipients.length === 0) return 0;
  const locale = await accountLocale(db, input.accountId);
  const rows = await db
    .insert(documentEmails)
    .values(
      recipients.map((destination) => ({
        accountId: input.accountId,
        kind: input.kind,
        documentRef: input.invoiceId,
        destination,
        locale,
        nextAttemptAt: input.now,
        createdAt: input.now,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: documentEmails.id });
  return rows.length;
}

/** The statement row's reference: the account and the month (two accounts may share an address). */
export const statementRef = (accountId: string, month: string) => `${accountId}:${month}`;

/**
 * The monthly statement job (after each billing run): queues last month's statement for every
 * account that asked for it before that month ended and has a verified email that has not bounced.
 * Idempotent (the unique key); a run missed on the 1st is caught up by the next one.
 */
export async function enqueueMonthlyStatements(db: Db, input: { now: Date; timeZone: string }): Promise<number> {
  const month = previousMonth(input.now, input.timeZone);
  const monthEnded = startOfMonthIn(input.now, input.timeZone);
  const subscribers = await db
    .select({ accountId: accountContacts.accountId, email: accountContacts.email, bouncedChannel: accountContacts.bouncedChannel, bouncedDestination: accountContacts.bouncedDestination })
    .from(accountContacts)
    .where(and(isNotNull(accountContacts.monthlyStatementSince), lt(accountContacts.monthlyStatementSince, monthEnded), isNotNull(accountContacts.email), isNotNull(accountContacts.emailVerifiedAt)));
  let queued = 0;
  for (const s of subscribers) {
    if (!s.email || (s.bouncedChannel === 'email' && s.bouncedDestination === s.email)) continue;
    const rows = await db
      .insert(documentEmails)
      .values({
        accountId: s.accountId,
        kind: 'statement',
        documentRef: statementRef(s.accountId, month),
        destination: s.email,
        locale: await accountLocale(db, s.accountId),
        nextAttemptAt: input.now,
        createdAt: input.now,
      })
      .onConflictDoNothing()
      .returning({ id: documentEmails.id });
    queued += rows.length;
  }
  return queued;
}

/**
 * A succeeded top-up's receipt, to the account's verified email (unless it bounced). Call inside the
 * transaction that credits the payment; the unique key sends it once however often that is replayed.
 */
export async function enqueueReceiptEmail(db: Db, input: { accountId: string; paymentId: string; now: Date }): Promise<number> {
  const [contact] = await db
    .select({ email: accountContacts.email, verifiedAt: accountContacts.emailVerifiedAt, bouncedChannel: accountContacts.bouncedChannel, bouncedDestination: accountContacts.bouncedDestination })
    .from(accountContacts)
    .where(eq(accountContacts.accountId, input.accountId));
  if (!contact?.email || !contact.verifiedAt || (contact.bouncedChannel === 'email' && contact.bouncedDestination === contact.email)) return 0;
  const rows = await db
    .insert(documentEmails)
    .values({
      accountId: input.accountId,
      kind: 'receipt',
      documentRef: input.paymentId,
      destination: contact.email,
      locale: await accountLocale(db, input.accountId),
      nextAttemptAt: input.now,
      createdAt: input.now,
    })
    .onConflictDoNothing()
    .returning({ id: documentEmails.id });
  return rows.length;
}

export interface DocumentEmailContext {
  appUrl: string;
  timeZone: string;
  /** Printed on receipts. */
  seller: InvoiceSeller;
}

/** The email of one row, in the row's language, with its PDF attached. */
export async function renderDocumentEmail(db: Db, row: Pick<Row, 'kind' | 'documentRef' | 'accountId' | 'locale'>, ctx: DocumentEmailContext): Promise<Omit<OutgoingEmail, 'to'>> {
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

async function claimDue(db: Db, now: Date, limit: number): Promise<Row[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: documentEmails.id })
      .from(documentEmails)
      .where(
        or(
          and(eq(documentEmails.status, 'pending'), lte(documentEmails.nextAttemptAt, now)),
          and(eq(documentEmails.status, 'sending'), lte(documentEmails.claimedUntil, now)),
        ),
      )
      .orderBy(asc(documentEmails.nextAttemptAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(documentEmails)
      .set({ status: 'sending', claimedUntil: new Date(now.getTime() + OUTBOX_RULES.claimMs) })
      .where(inArray(documentEmails.id, due.map((d) => d.id)))
      .returning();
  });
}

/**
 * One pass over the due document emails, as deliverOutbox does for notices: sent once; transient
 * failures retried with the same backoff; a refused recipient is a bounce (and when it is the
 * account's verified email, the customer is prompted to check it).
 */
export async function deliverDocumentEmails(db: Db, opts: DocumentEmailContext & { now: Date; transports: Pick<Transports, 'email'>; limit?: number }): Promise<DeliverOutboxSummary> {
  const { now } = opts;
  const summary: DeliverOutboxSummary = { sent: 0, retrying: 0, failed: 0, bounced: 0 };
  for (const row of await claimDue(db, now, opts.limit ?? OUTBOX_RULES.batchSize)) {
    const attempts = row.attempts + 1;
    try {
      const message = await renderDocumentEmail(db, row, opts);
      const sent = await opts.transports.email.sendEmail({ to: row.destination, ...message });
      await db.update(documentEmails).set({ status: 'sent', attempts, sentAt: now, providerMessageId: sent.messageId, claimedUntil: null, lastError: null }).where(eq(documentEmails.id, row.id));
      summary.sent += 1;
    } catch (error) {
      const failure = deliveryFailureOf(error);
      const lastError = failure.message.slice(0, 1000);
      if (failure.kind === 'recipient_refused') {
        await db.transaction(async (tx) => {
          await tx.update(documentEmails).set({ status: 'bounced', attempts, lastError, claimedUntil: null }).where(eq(documentEmails.id, row.id));
          await recordBounce(tx, { accountId: row.accountId, channel: 'email', destination: row.destination, dedupeKey: `contact_bounced:document:${row.id}`, now });
        });
        summary.bounced += 1;
      } else if (failure.kind === 'permanent' || attempts >= OUTBOX_RULES.maxAttempts) {
        await db.update(documentEmails).set({ status: 'failed', attempts, lastError, claimedUntil: null }).where(eq(documentEmails.id, row.id));
        summary.failed += 1;
      } else {
        await db
          .update(documentEmails)
          .set({ status: 'pending', attempts, lastError, claimedUntil: null, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) })
          .where(eq(documentEmails.id, row.id));
        summary.retrying += 1;
      }
    }
  }
  return summary;
}

/** The document emails of an account, newest first (tests and support). */
export function listDocumentEmails(db: Db, accountId: string, kind?: DocumentKind) {
  return db
    .select()
    .from(documentEmails)
    .where(and(eq(documentEmails.accountId, accountId), kind ? eq(documentEmails.kind, kind) : undefined))
    .orderBy(asc(documentEmails.createdAt), asc(documentEmails.destination));
}
