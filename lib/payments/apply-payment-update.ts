import { and, eq, lte } from 'drizzle-orm';
import { recordActivity } from '@/lib/audit/record-activity';
import { creditWallet } from '@/lib/billing/credit-wallet';
import { enqueueReceiptEmail } from '@/lib/notices/document-emails';
import type { Db } from '@/lib/db/client';
import { payments, type PaymentProviderName } from '@/lib/db/schema';
import { fenToDecimalString } from '@/lib/money';
import { applyPaymentReversal } from './apply-payment-reversal';
import { logPaymentEvent as logEvent, type AppliedUpdate, type ConfirmationSource } from './payment-event-log';
import type { PaymentUpdate } from './provider';

export type Payment = typeof payments.$inferSelect;

export type { AppliedUpdate, ConfirmationSource } from './payment-event-log';

/** The ledger idempotency key of a top-up: the provider's payment id (one credit per provider payment, ever). */
export function topUpIdempotencyKey(provider: PaymentProviderName, providerPaymentId: string): string {
  return `payment:${provider}:${providerPaymentId}`;
}

/**
 * A confirmed payment: credits the wallet once (the ledger's credit pays service arrears, then
 * penalties, and reinstates the account at ≥ 0, all inside this transaction). A confirmation whose
 * amount or currency is not the payment's is refused and logged. A success wins over an earlier
 * decline or expiry: the provider says the money was taken.
 */
async function creditConfirmedPayment(tx: Db, source: ConfirmationSource, payment: Payment, update: Extract<PaymentUpdate, { kind: 'succeeded' }>): Promise<AppliedUpdate> {
  const currency = update.currency.toUpperCase();
  if (update.amountFen !== payment.amountFen || currency !== payment.currency) {
    console.warn(
      `[payments] refused ${source.provider} confirmation ${source.eventId} for ${payment.id}: ` +
        `got ${update.amountFen} ${currency}, expected ${payment.amountFen} ${payment.currency}`,
    );
    return logEvent(tx, source, update.providerPaymentId, payment, 'refused', {
      reason: 'amount_or_currency_mismatch',
      expected: { amountFen: payment.amountFen.toString(), currency: payment.currency },
      received: { amountFen: update.amountFen.toString(), currency },
    });
  }
  // Remember the provider's id of the money movement: refunds and disputes name the payment by it.
  if (update.providerIntentId && !payment.providerIntentId) {
    await tx.update(payments).set({ providerIntentId: update.providerIntentId }).where(eq(payments.id, payment.id));
  }
  if (payment.status === 'succeeded') return logEvent(tx, source, update.providerPaymentId, payment, 'duplicate');
  const credit = await creditWallet(tx, {
    accountId: payment.accountId,
    amountFen: payment.amountFen,
    idempotencyKey: topUpIdempotencyKey(payment.provider, update.providerPaymentId),
    source: 'top_up',
    reference: payment.id,
    now: source.receivedAt,
  });
  // Its receipt by email, once, committed with the credit.
  await enqueueReceiptEmail(tx, { accountId: payment.accountId, paymentId: payment.id, now: source.receivedAt });
  await tx
    .update(payments)
    .set({ status: 'succeeded', failureReason: null, ledgerTransferId: credit.transferId, settledAt: source.receivedAt })
    .where(eq(payments.id, payment.id));
  if (credit.posted) {
    await recordActivity(tx, {
      accountId: payment.accountId,
      actorUserId: null,
      kind: 'top_up_confirmed',
      details: { paymentId: payment.id, amount: fenToDecimalString(payment.amountFen), currency: payment.currency, provider: payment.provider, reinstated: credit.reinstated },
      at: source.receivedAt,
    });
  }
  return logEvent(tx, source, update.providerPaymentId, payment, credit.posted ? 'credited' : 'duplicate', {
    amount: fenToDecimalString(payment.amountFen),
    previousStatus: payment.status,
    balanceFen: credit.balanceFen.toString(),
    reinstated: credit.reinstated,
    paidServiceArrearsFen: credit.paidServiceArrearsFen.toString(),
    paidPenaltiesFen: credit.paidPenaltiesFen.toString(),
  });
}

/** A declined, failed or expired payment: recorded with its reason while pending; credits nothing. */
async function closeUnpaidPayment(tx: Db, source: ConfirmationSource, payment: Payment, update: Extract<PaymentUpdate, { kind: 'declined' | 'failed' | 'expired' }>): Promise<AppliedUpdate> {
  if (payment.status !== 'pending') {
    return logEvent(tx, source, update.providerPaymentId, payment, 'unchanged', { status: payment.status, reported: update.kind, reason: update.reason });
  }
  await tx
    .update(payments)
    .set({ status: update.kind, failureReason: update.reason, settledAt: source.receivedAt })
    .where(eq(payments.id, payment.id));
  return logEvent(tx, source, update.providerPaymentId, payment, update.kind, { reason: update.reason });
}

/**
 * Applies what a verified confirmation says to its payment, in one transaction that holds the
 * payment's row lock: concurrent deliveries of the same event serialise here and the later ones
 * find the work done. Safe to run any number of times (idempotent and convergent).
 */
export async function applyPaymentUpdate(db: Db, source: ConfirmationSource, update: PaymentUpdate): Promise<AppliedUpdate> {
  if (update.kind === 'reversal') return applyPaymentReversal(db, source, update.reversal);
  return db.transaction(async (tx) => {
    const [payment] = await tx
      .select()
      .from(payments)
      .where(and(eq(payments.provider, source.provider), eq(payments.providerPaymentId, update.providerPaymentId)))
      .for('update');
    if (!payment) return logEvent(tx, source, update.providerPaymentId, null, 'unknown_payment');
    switch (update.kind) {
      case 'succeeded':
        return creditConfirmedPayment(tx, source, payment, update);
      case 'declined':
      case 'failed':
      case 'expired':
        return closeUnpaidPayment(tx, source, payment, update);
      case 'pending':
        return logEvent(tx, source, update.providerPaymentId, payment, 'unchanged', { status: payment.status, reported: 'pending' });
    }
  });
}

/**
 * Abandoned payments: still pending at their expiry → `expired` (reason `abandoned`), crediting
 * nothing. The scheduler's job (optionally for one payment or account); pages show such a payment
 * as expired without writing (paymentView). Returns the ids expired.
 */
export async function expireAbandonedPayments(db: Db, now: Date, options: { paymentId?: string; accountId?: string } = {}): Promise<string[]> {
  const due = and(
    eq(payments.status, 'pending'),
    lte(payments.expiresAt, now),
    options.paymentId ? eq(payments.id, options.paymentId) : undefined,
    options.accountId ? eq(payments.accountId, options.accountId) : undefined,
  );
  const rows = await db
    .update(payments)
    .set({ status: 'expired', failureReason: 'abandoned', settledAt: now })
    .where(due)
    .returning({ id: payments.id });
  return rows.map((r) => r.id);
}
