import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { customerAccounts, users } from './accounts';
import { ledgerTransfers } from './ledger';
import { paymentProviderNames, paymentStatuses, paymentEventOutcomes, sandboxCheckoutStatuses, paymentRefundStatuses } from '../../payments/vocabulary';
export { paymentProviderNames, type PaymentProviderName, paymentStatuses, type PaymentStatus, paymentEventOutcomes, type PaymentEventOutcome, sandboxCheckoutStatuses, type SandboxCheckoutStatus, paymentRefundStatuses, type PaymentRefundStatus } from '../../payments/vocabulary';

/**
 * Top-ups by card. A `payments` row is created when the customer starts a top-up and follows
 * the provider's signed confirmations; the wallet is credited (through the ledger, keyed by the
 * provider's payment id) only when one of them says the money was taken.
 */

export const payments = pgTable(
  'payments',
  {
    /** Our id (`pay_…`), shown in the status page's address and sent to the provider as the reference. */
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => customerAccounts.id),
    createdByUserId: uuid('created_by_user_id')
      .notNull()
      .references(() => users.id),
    provider: text('provider', { enum: paymentProviderNames }).notNull(),
    /** The provider's id (sandbox checkout id, Stripe Checkout Session id); set once the provider answered. */
    providerPaymentId: text('provider_payment_id'),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    currency: text('currency').notNull().default('CNY'),
    status: text('status', { enum: paymentStatuses }).notNull().default('pending'),
    /** Why a payment did not succeed: `card_declined`, `challenge_failed`, `abandoned`, `provider_error` … */
    failureReason: text('failure_reason'),
    /** Where the customer pays (the provider's hosted page). */
    checkoutUrl: text('checkout_url'),
    /** The provider's id of the money movement itself (Stripe PaymentIntent), which refunds and disputes name. */
    providerIntentId: text('provider_intent_id'),
    /** The ledger transfer (kind `top_up`) that credited the wallet. */
    ledgerTransferId: bigint('ledger_transfer_id', { mode: 'bigint' }).references(() => ledgerTransfers.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** A payment still pending at this instant is abandoned (expired). */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** When it reached its final status. */
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  (t) => [
    unique('payments_provider_payment_key').on(t.provider, t.providerPaymentId),
    index('payments_account_created_idx').on(t.accountId, t.createdAt),
    index('payments_pending_expiry_idx').on(t.expiresAt).where(sql`${t.status} = 'pending'`),
    index('payments_provider_intent_idx').on(t.provider, t.providerIntentId).where(sql`${t.providerIntentId} is not null`),
  ],
);

/**
 * Every verified confirmation a provider delivered and what it did (a refused amount or currency
 * mismatch is kept here with both values). Deliveries whose signature fails are not stored.
 */
export const paymentEvents = pgTable(
  'payment_events',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    provider: text('provider', { enum: paymentProviderNames }).notNull(),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    providerPaymentId: text('provider_payment_id'),
    paymentId: text('payment_id').references(() => payments.id),
    outcome: text('outcome', { enum: paymentEventOutcomes }).notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('payment_events_payment_idx').on(t.paymentId), index('payment_events_event_idx').on(t.provider, t.eventId)],
);

/**
 * The embedded sandbox card processor's own records (a stand-in for a third party's database):
 * one hosted checkout per payment, and the signed webhook it owes the portal.
 */
export const sandboxCheckouts = pgTable(
  'sandbox_checkouts',
  {
    /** `sbx_…`: the provider payment id the portal knows. */
    id: text('id').primaryKey(),
    /** The merchant's reference (our payment id). */
    reference: text('reference').notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    currency: text('currency').notNull(),
    description: text('description').notNull(),
    /** Where the browser goes after the card step. */
    returnUrl: text('return_url').notNull(),
    /** The portal session that started the payment: only that browser session may pay or approve it. */
    payerSessionId: uuid('payer_session_id'),
    status: text('status', { enum: sandboxCheckoutStatuses }).notNull().default('open'),
    failureCode: text('failure_code'),
    cardLast4: text('card_last4'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** The webhook for the outcome was acknowledged (2xx) by the merchant; null: still owed. */
    webhookDeliveredAt: timestamp('webhook_delivered_at', { withTimezone: true }),
    webhookAttempts: integer('webhook_attempts').notNull().default(0),
  },
  (t) => [index('sandbox_checkouts_undelivered_idx').on(t.completedAt).where(sql`${t.completedAt} is not null and ${t.webhookDeliveredAt} is null`)],
);

/**
 * Refunds finance starts (a mistaken top-up not yet spent). The row is written before the
 * provider is asked, so its id (`rfd_…`) is the provider's idempotency key (Alipay
 * `out_request_no`, WeChat Pay `out_refund_no`) and a retry never refunds twice; the money leaves
 * the wallet through the ledger (kind `refund`) once the provider accepted it.
 */
export const paymentRefunds = pgTable(
  'payment_refunds',
  {
    id: text('id').primaryKey(),
    paymentId: text('payment_id')
      .notNull()
      .references(() => payments.id),
    accountId: text('account_id')
      .notNull()
      .references(() => customerAccounts.id),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    reason: text('reason').notNull(),
    requestedByUserId: uuid('requested_by_user_id')
      .notNull()
      .references(() => users.id),
    status: text('status', { enum: paymentRefundStatuses }).notNull().default('pending'),
    /** The provider's refund id once it accepted; the provider's error code when it refused. */
    providerRefundId: text('provider_refund_id'),
    failureReason: text('failure_reason'),
    ledgerTransferId: bigint('ledger_transfer_id', { mode: 'bigint' }).references(() => ledgerTransfers.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  (t) => [index('payment_refunds_payment_idx').on(t.paymentId), index('payment_refunds_account_idx').on(t.accountId, t.createdAt)],
);
