import { sql } from 'drizzle-orm';
import { bigint, check, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { customerAccounts, users } from './accounts';
import { supportCaseSubjects, supportCaseStatuses, supportCaseAuthorKinds, adjustmentStatuses } from '../../support-cases/vocabulary';
export { supportCaseSubjects, type SupportCaseSubject, supportCaseStatuses, type SupportCaseStatus, supportCaseAuthorKinds, type SupportCaseAuthorKind, adjustmentStatuses, type AdjustmentStatus } from '../../support-cases/vocabulary';

/**
 * A question about a charge (issue 15, the terms' "any doubt about the charge and data"): a case of
 * one customer account with the charge it is about attached (one ledger transfer, or one service
 * day), its thread of messages, and the adjustments support asks for on it. Written only by
 * lib/support-cases/.
 */

export const supportCases = pgTable(
  'support_cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The number support and the customer quote ("#12"). */
    number: bigint('number', { mode: 'bigint' }).notNull().generatedAlwaysAsIdentity(),
    accountId: text('account_id')
      .notNull()
      .references(() => customerAccounts.id),
    openedByUserId: uuid('opened_by_user_id')
      .notNull()
      .references(() => users.id),
    subject: text('subject', { enum: supportCaseSubjects }).notNull(),
    /** The ledger transfer asked about (subject `transfer`); always one of the account's own. */
    transferId: bigint('transfer_id', { mode: 'bigint' }),
    /** The service day asked about (subject `day`), or the day of the transfer's charge line. */
    serviceDay: date('service_day'),
    /** `transfer:{id}` or `day:{YYYY-MM-DD}`: adjustments on one charge, over all its cases, never exceed `disputed_fen`. */
    attachmentKey: text('attachment_key').notNull(),
    /** What the charge took from the wallet when the question was asked (fen, ≥ 0): the ceiling of its adjustments. */
    disputedFen: bigint('disputed_fen', { mode: 'bigint' }).notNull(),
    status: text('status', { enum: supportCaseStatuses }).notNull().default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** The last message (or change) on the case. */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedByUserId: uuid('closed_by_user_id').references(() => users.id),
  },
  (t) => [
    index('support_cases_account_idx').on(t.accountId, t.createdAt),
    index('support_cases_open_idx').on(t.createdAt).where(sql`${t.status} = 'open'`),
    index('support_cases_attachment_idx').on(t.accountId, t.attachmentKey),
    check('support_cases_disputed_not_negative', sql`${t.disputedFen} >= 0`),
    check(
      'support_cases_subject_attached',
      sql`(${t.subject} = 'transfer' and ${t.transferId} is not null) or (${t.subject} = 'day' and ${t.serviceDay} is not null)`,
    ),
  ],
);

/** One message of a case's thread: the question, the customer's replies and support's answers. */
export const supportCaseMessages = pgTable(
  'support_case_messages',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => supportCases.id),
    authorKind: text('author_kind', { enum: supportCaseAuthorKinds }).notNull(),
    authorUserId: uuid('author_user_id')
      .notNull()
      .references(() => users.id),
    /** The author's name when writing (shown in the thread). */
    authorName: text('author_name').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('support_case_messages_case_idx').on(t.caseId, t.id)],
);

/**
 * A credit support asks for on a case. It moves no money until a second person with the finance
 * role approves it; then one ledger transfer of kind `adjustment` keyed `adjustment:{id}` credits the
 * wallet. The database itself refuses a decision by the requester.
 */
export const supportCaseAdjustments = pgTable(
  'support_case_adjustments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => supportCases.id),
    accountId: text('account_id')
      .notNull()
      .references(() => customerAccounts.id),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: adjustmentStatuses }).notNull().default('pending'),
    requestedByUserId: uuid('requested_by_user_id')
      .notNull()
      .references(() => users.id),
    requestedByName: text('requested_by_name').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    /** Finance's approval or rejection: who and when (a different user than the requester). */
    decidedByUserId: uuid('decided_by_user_id').references(() => users.id),
    decidedByName: text('decided_by_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    rejectionReason: text('rejection_reason'),
    /** The ledger transfer posted on approval. */
    transferId: bigint('transfer_id', { mode: 'bigint' }),
  },
  (t) => [
    index('support_case_adjustments_case_idx').on(t.caseId),
    index('support_case_adjustments_pending_idx').on(t.requestedAt).where(sql`${t.status} = 'pending'`),
    index('support_case_adjustments_transfer_idx').on(t.transferId),
    check('support_case_adjustments_amount_positive', sql`${t.amountFen} > 0`),
    check('support_case_adjustments_second_person', sql`${t.decidedByUserId} is null or ${t.decidedByUserId} <> ${t.requestedByUserId}`),
    check(
      'support_case_adjustments_decision_complete',
      sql`(${t.status} = 'pending' and ${t.decidedByUserId} is null and ${t.transferId} is null)
        or (${t.status} = 'rejected' and ${t.decidedByUserId} is not null and ${t.transferId} is null)
        or (${t.status} = 'approved' and ${t.decidedByUserId} is not null and ${t.transferId} is not null)`,
    ),
  ],
);
