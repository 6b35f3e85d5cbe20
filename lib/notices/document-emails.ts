import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { accountContacts, documentEmails, type DocumentKind } from '@/lib/db/schema';
import { accountLocale } from './account-locale';
import { deliverQueue, OUTBOX_RULES, type DeliverOutboxSummary } from './outbox';
import type { OutgoingEmail, Transports } from './transports';

/*
 * Documents by email (issue "invoices and statements by email"): issued invoices and credit notes
 * to the recipients the customer gave with the request, and the monthly statement to the verified
 * email of customers who asked for it. Each (document, recipient) is one `document_emails` row with
 * a unique key, so a document reaches a recipient once however often its writer runs; the rows are
 * delivered by the outbox worker with the notices' retries and bounces. The queue is here; what a
 * document's email says and attaches is lib/documents/document-email.ts (notices know no invoice,
 * payment or statement), passed in as `render` by the server's wiring (server/notice-delivery.ts).
 */

export type DocumentEmailRow = typeof documentEmails.$inferSelect;
type Row = DocumentEmailRow;

/** The email of one queued document (subject, body, its PDF attached), in the row's language. */
export type RenderDocumentEmail = (db: Db, row: Pick<Row, 'kind' | 'documentRef' | 'accountId' | 'locale'>) => Promise<Omit<OutgoingEmail, 'to'>>;

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

/**
 * One pass over the due document emails, as deliverOutbox does for notices: sent once; transient
 * failures retried with the same backoff; a refused recipient is a bounce (and when it is the
 * account's verified email, the customer is prompted to check it).
 */
export async function deliverDocumentEmails(
  db: Db,
  opts: { now: Date; transports: Pick<Transports, 'email'>; render: RenderDocumentEmail; limit?: number },
): Promise<DeliverOutboxSummary> {
  return deliverQueue(db, documentEmails, {
    now: opts.now,
    limit: opts.limit ?? OUTBOX_RULES.batchSize,
    send: async (row: Row) => opts.transports.email.sendEmail({ to: row.destination, ...(await opts.render(db, row)) }),
    bounce: (row) => ({ accountId: row.accountId, channel: 'email', destination: row.destination, dedupeKey: `contact_bounced:document:${row.id}` }),
  });
}

/** The document emails of an account, newest first (tests and support). */
export function listDocumentEmails(db: Db, accountId: string, kind?: DocumentKind) {
  return db
    .select()
    .from(documentEmails)
    .where(and(eq(documentEmails.accountId, accountId), kind ? eq(documentEmails.kind, kind) : undefined))
    .orderBy(asc(documentEmails.createdAt), asc(documentEmails.destination));
}
