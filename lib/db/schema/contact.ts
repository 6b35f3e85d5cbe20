import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { customerAccounts, notices } from './accounts';
import { contactChannels, verificationStatuses } from '../../contact/vocabulary';
import { deliveryChannels, deliveryStatuses, documentKinds } from '../../notices/vocabulary';
export { deliveryChannels, type DeliveryChannel, deliveryStatuses, type DeliveryStatus, documentKinds, type DocumentKind } from '../../notices/vocabulary';
export { contactChannels, type ContactChannel, verificationStatuses, type VerificationStatus } from '../../contact/vocabulary';

/**
 * The contact details of a customer account. Only *verified* values live here: a changed email or
 * phone waits in `contact_verifications` until its one-time code is entered, and the old value
 * stays in use until then.
 */
export const accountContacts = pgTable('account_contacts', {
  accountId: text('account_id')
    .primaryKey()
    .references(() => customerAccounts.id),
  email: text('email'),
  emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
  /** E.164, e.g. `+8613812345678`. */
  phone: text('phone'),
  phoneVerifiedAt: timestamp('phone_verified_at', { withTimezone: true }),
  postalAddress: text('postal_address'),
  /** When the customer last said "these details are accurate". */
  accuracyConfirmedAt: timestamp('accuracy_confirmed_at', { withTimezone: true }),
  /** A message to a verified contact bounced and the customer has not confirmed or corrected it since. */
  bouncedAt: timestamp('bounced_at', { withTimezone: true }),
  bouncedChannel: text('bounced_channel', { enum: contactChannels }),
  bouncedDestination: text('bounced_destination'),
  /**
   * Since when the customer asked for the monthly statement by email (null: not asked). Each month
   * that ended after this instant is emailed on the 1st of the next (lib/statements/statement-emails.ts).
   */
  monthlyStatementSince: timestamp('monthly_statement_since', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One one-time code sent to a new email or phone. Each send is a row (so sends can be counted for
 * rate limits); a new send supersedes the open row of the same channel. The code is stored hashed.
 */
export const contactVerifications = pgTable(
  'contact_verifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: text('account_id')
      .notNull()
      .references(() => customerAccounts.id),
    channel: text('channel', { enum: contactChannels }).notNull(),
    /** The new value, normalised (lower-case email, E.164 phone). */
    value: text('value').notNull(),
    codeSalt: text('code_salt').notNull(),
    codeHash: text('code_hash').notNull(),
    status: text('status', { enum: verificationStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    requestedByUserId: uuid('requested_by_user_id'),
    requestIp: text('request_ip'),
  },
  (t) => [
    index('contact_verifications_account_idx').on(t.accountId, t.channel, t.createdAt),
    index('contact_verifications_ip_idx').on(t.requestIp, t.createdAt),
  ],
);

/**
 * The outbox: one row per (notice, verified contact), written in the transaction that creates the
 * notice; the outbox worker delivers it with retries and records the outcome.
 */
export const noticeDeliveries = pgTable(
  'notice_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => notices.id),
    accountId: text('account_id')
      .notNull()
      .references(() => customerAccounts.id),
    channel: text('channel', { enum: deliveryChannels }).notNull(),
    destination: text('destination').notNull(),
    locale: text('locale').notNull().default('en'),
    status: text('status', { enum: deliveryStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    /** While `sending`: a worker claimed it until then (a crashed worker's claim runs out). */
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    lastError: text('last_error'),
    providerMessageId: text('provider_message_id'),
    /**
     * What only this one message carries (an invitation's single-use link, for its invitee): kept
     * until the message is sent or given up, then wiped, so the link is never stored for good.
     */
    messageParams: jsonb('message_params').$type<Record<string, string>>(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('notice_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('notice_deliveries_notice_idx').on(t.noticeId),
  ],
);

/**
 * The outbox of documents sent by email with their PDF attached: one row per (document,
 * recipient), written in the transaction that issues the invoice or credit note (or by the monthly
 * statement job). The unique key makes each document reach each recipient once, however often the
 * writer runs. Delivered by the outbox worker with the same retries and bounces as notices.
 */
export const documentEmails = pgTable(
  'document_emails',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: text('account_id')
      .notNull()
      .references(() => customerAccounts.id),
    kind: text('kind', { enum: documentKinds }).notNull(),
    /** The invoice or credit note id; for a statement, `account:YYYY-MM`; for a receipt, the payment id. */
    documentRef: text('document_ref').notNull(),
    destination: text('destination').notNull(),
    locale: text('locale').notNull().default('en'),
    status: text('status', { enum: deliveryStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    lastError: text('last_error'),
    providerMessageId: text('provider_message_id'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('document_emails_once_key').on(t.kind, t.documentRef, t.destination),
    index('document_emails_due_idx').on(t.status, t.nextAttemptAt),
    index('document_emails_account_idx').on(t.accountId, t.createdAt),
  ],
);

export interface MailboxAttachment {
  filename: string;
  contentType: string;
  size: number;
}

/**
 * The demo mailbox: where email and SMS go when no SMTP server is configured (demo mode), so an
 * operator can see what customers receive.
 */
export const mailboxMessages = pgTable(
  'mailbox_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    channel: text('channel', { enum: deliveryChannels }).notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject'),
    bodyText: text('body_text').notNull(),
    bodyHtml: text('body_html'),
    /** Names, types and sizes of the email's attachments (the bytes are not kept). */
    attachments: jsonb('attachments').$type<MailboxAttachment[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('mailbox_messages_created_idx').on(t.createdAt), index('mailbox_messages_recipient_idx').on(t.recipient)],
);

/**
 * Low-balance alert state per account: `below` is set when a posting takes the balance under the
 * threshold (one alert) and cleared when it is back at or above it (re-armed).
 */
export const lowBalanceStates = pgTable('low_balance_states', {
  accountId: text('account_id')
    .primaryKey()
    .references(() => customerAccounts.id),
  below: boolean('below').notNull().default(false),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
});
