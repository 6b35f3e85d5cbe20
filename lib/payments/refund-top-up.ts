import { randomBytes } from 'node:crypto';
import { and, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { ActorRef } from '@/lib/audit/actor';
import { recordActivity } from '@/lib/audit/record-activity';
import type { Db } from '@/lib/db/client';
import { paymentRefunds, payments } from '@/lib/db/schema';
import { DomainError, type ErrorParams } from '@/lib/errors';
import { queryRows, toBigint } from '@/lib/db/sql-rows';
import { fenToDecimalString } from '@/lib/money';
import { applyPaymentReversal } from './apply-payment-reversal';
import type { PaymentProvider, ProviderEvent } from './provider';

/*
 * Finance refunds a mistaken top-up that is not yet spent. The refund row is written first (its
 * id is the provider's idempotency key), the provider's refund API is called, and on acceptance
 * the money leaves the wallet through applyPaymentReversal (kind `refund`, keyed by the refund and
 * the cumulative amount refunded, with a notice to the customer). A refund is never more than
 * what is left of the payment, nor more than the unspent balance (less refunds still in flight).
 */

export const REFUND_REASON_MAX_LENGTH = 500;

export type PaymentRefund = typeof paymentRefunds.$inferSelect;

/** A refund asked of the provider: done (`succeeded`), or not answered yet (`pending`: the billing run asks again). */
export interface StartedRefund {
  refundId: string;
  amountFen: bigint;
  status: 'succeeded' | 'pending';
}

export type RefundErrorCode =
  | 'not_found'
  | 'not_refundable'
  | 'reason_required'
  | 'amount_invalid'
  | 'exceeds_payment'
  | 'exceeds_unspent'
  | 'provider_unavailable'
  | 'provider_refused';

/**
 * A refused refund, on the form field it is about; its message is `reversals.refund.errors.<code>`.
 * `limitFen`: the most that can be refunded (`exceeds_payment`, `exceeds_unspent`); `reason` and
 * `refundId`: the provider's refusal and the refund it failed (`provider_refused`).
 */
export class RefundError extends DomainError<RefundErrorCode> {
  readonly limitFen: bigint | null;
  readonly reason: string | null;
  readonly refundId: string | null;

  constructor(code: RefundErrorCode, details: { limitFen?: bigint; reason?: string; refundId?: string } = {}) {
    const field = code === 'reason_required' ? 'reason' : code === 'exceeds_payment' || code === 'exceeds_unspent' || code === 'amount_invalid' ? 'amount' : 'paymentId';
    const params: ErrorParams =
      details.limitFen !== undefined ? { limit: details.limitFen } : details.reason !== undefined ? { reason: details.reason } : { max: REFUND_REASON_MAX_LENGTH };
    super(code, code, { field, messageKey: `reversals.refund.errors.${code}`, params });
    this.name = 'RefundError';
    this.limitFen = details.limitFen ?? null;
    this.reason = details.reason ?? null;
    this.refundId = details.refundId ?? null;
  }
}

export interface RefundTopUpInput {
  paymentId: string;
  amountFen: bigint;
  reason: string;
  /** Finance staff asking for it. */
  actor: ActorRef;
  now: Date;
}

export function newRefundId(): string {
  return `rfd_${randomBytes(12).toString('hex')}`;
}

async function sumRefunds(tx: Db, where: ReturnType<typeof sql>): Promise<bigint> {
  const [row] = await queryRows<{ total: unknown }>(tx, sql`select coalesce(sum(amount_fen), 0)::text as total from payment_refunds where ${where}`);
  return toBigint(row?.total ?? 0);
}

/** Yuan refunded (succeeded) per payment, for the customer's history. */
export async function refundedFenByPayment(db: Db, paymentIds: string[]): Promise<Map<string, bigint>> {
  const out = new Map<string, bigint>();
  if (paymentIds.length === 0) return out;
  const rows = await db
    .select({ paymentId: paymentRefunds.paymentId, amountFen: paymentRefunds.amountFen })
    .from(paymentRefunds)
    .where(and(inArray(paymentRefunds.paymentId, paymentIds), eq(paymentRefunds.status, 'succeeded')));
  for (const r of rows) out.set(r.paymentId, (out.get(r.paymentId) ?? 0n) + r.amountFen);
  return out;
}

/**
 * Starts a refund: checks it and records it (pending) in one transaction holding the payment's
 * and the wallet's row locks, so two refunds at once cannot both fit; then asks the provider.
 * A refusal is a RefundError.
 */
export async function refundTopUp(db: Db, providerFor: (name: string) => PaymentProvider<ProviderEvent> | null, input: RefundTopUpInput): Promise<StartedRefund> {
  const reason = input.reason.trim();
  if (reason === '' || reason.length > REFUND_REASON_MAX_LENGTH) throw new RefundError('reason_required');
  if (input.amountFen <= 0n) throw new RefundError('amount_invalid');

  const started = await db.transaction(async (tx) => {
    const [payment] = await tx.select().from(payments).where(eq(payments.id, input.paymentId)).for('update');
    if (!payment) throw new RefundError('not_found');
    if (payment.status !== 'succeeded' || !payment.providerPaymentId) throw new RefundError('not_refundable');
    const provider = providerFor(payment.provider);
    if (!provider?.refund) throw new RefundError('provider_unavailable');
    const refundable = payment.amountFen - (await sumRefunds(tx, sql`payment_id = ${payment.id} and status in ('pending', 'succeeded')`));
    if (input.amountFen > refundable) throw new RefundError('exceeds_payment', { limitFen: refundable < 0n ? 0n : refundable });
    // The wallet row lock serialises refunds of one account; in-flight refunds have not left the balance yet.
    const [wallet] = await queryRows<{ balance: unknown }>(tx, sql`select balance_fen::text as balance from wallets where account_id = ${payment.accountId} for update`);
    const unspent = toBigint(wallet?.balance ?? 0) - (await sumRefunds(tx, sql`account_id = ${payment.accountId} and status = 'pending'`));
    if (input.amountFen > unspent) throw new RefundError('exceeds_unspent', { limitFen: unspent < 0n ? 0n : unspent });
    const [refund] = await tx
      .insert(paymentRefunds)
      .values({ id: newRefundId(), paymentId: payment.id, accountId: payment.accountId, amountFen: input.amountFen, reason, requestedByUserId: input.actor.userId, status: 'pending', createdAt: input.now })
      .returning();
    // Who asked (not from where: this record never held the address).
    await recordActivity(tx, {
      accountId: payment.accountId,
      actorUserId: input.actor.userId,
      actorName: input.actor.name,
      kind: 'top_up_refund_requested',
      details: { paymentId: payment.id, refundId: refund.id, amount: fenToDecimalString(input.amountFen), provider: payment.provider, reason },
      at: input.now,
    });
    return { refund, provider };
  });
  return completeRefund(db, started.provider, started.refund, input.now);
}

/**
 * Asks the provider to refund a pending refund (again: the refund id makes a retry the same
 * refund) and applies the answer. A provider that cannot be reached leaves it pending for the
 * retry job; a refusal fails it (its amount is free again) and is thrown (RefundError `provider_refused`).
 */
export async function completeRefund(db: Db, provider: PaymentProvider<ProviderEvent>, refund: PaymentRefund, now: Date): Promise<StartedRefund> {
  const [payment] = await db.select().from(payments).where(eq(payments.id, refund.paymentId));
  if (!payment?.providerPaymentId || !provider.refund) throw new RefundError('provider_unavailable');
  let answer: Awaited<ReturnType<NonNullable<typeof provider.refund>>>;
  try {
    answer = await provider.refund({
      refundId: refund.id,
      paymentId: payment.id,
      providerPaymentId: payment.providerPaymentId,
      providerIntentId: payment.providerIntentId,
      amountFen: refund.amountFen,
      paymentAmountFen: payment.amountFen,
      reason: refund.reason,
    });
  } catch (error) {
    console.warn(`[payments] ${provider.name} refund ${refund.id} not confirmed (will retry):`, (error as Error).message);
    return { refundId: refund.id, amountFen: refund.amountFen, status: 'pending' };
  }
  if (!answer.ok) {
    await db
      .update(paymentRefunds)
      .set({ status: 'failed', failureReason: answer.reason, settledAt: now })
      .where(and(eq(paymentRefunds.id, refund.id), eq(paymentRefunds.status, 'pending')));
    throw new RefundError('provider_refused', { refundId: refund.id, reason: answer.reason });
  }
  const providerRefundId = answer.providerRefundId;
  await db.transaction(async (tx) => {
    // Payment first, as applyPaymentReversal does: the cumulative total below then counts every refund committed before.
    await tx.select({ id: payments.id }).from(payments).where(eq(payments.id, payment.id)).for('update');
    const [updated] = await tx
      .update(paymentRefunds)
      .set({ status: 'succeeded', providerRefundId, settledAt: now })
      .where(and(eq(paymentRefunds.id, refund.id), eq(paymentRefunds.status, 'pending')))
      .returning({ id: paymentRefunds.id });
    if (!updated) return;
    const refundedFen = await sumRefunds(tx, sql`payment_id = ${payment.id} and status = 'succeeded'`);
    await applyPaymentReversal(
      tx,
      { provider: payment.provider, eventId: `refund:${refund.id}`, eventType: 'refund.requested_by_finance', receivedAt: now },
      { type: 'refund', objectId: refund.id, providerIntentId: null, paymentRef: payment.id, refundedFen, currency: payment.currency },
    );
    const [transfer] = await queryRows<{ id: unknown }>(
      tx,
      sql`select id::text as id from ledger_transfers where kind = 'refund' and reference = ${payment.id} and memo = ${refund.id} order by id desc limit 1`,
    );
    if (transfer) await tx.update(paymentRefunds).set({ ledgerTransferId: toBigint(transfer.id) }).where(eq(paymentRefunds.id, refund.id));
  });
  return { refundId: refund.id, amountFen: refund.amountFen, status: 'succeeded' };
}

/** Refunds whose provider call did not answer: asked again (same refund id) by the billing run. */
export async function retryPendingRefunds(db: Db, providerFor: (name: string) => PaymentProvider<ProviderEvent> | null, now: Date): Promise<number> {
  const rows = await db
    .select({ refund: paymentRefunds, provider: payments.provider })
    .from(paymentRefunds)
    .innerJoin(payments, eq(payments.id, paymentRefunds.paymentId))
    .where(and(eq(paymentRefunds.status, 'pending'), lte(paymentRefunds.createdAt, new Date(now.getTime() - 60_000))))
    .limit(100);
  let done = 0;
  for (const row of rows) {
    const provider = providerFor(row.provider);
    if (!provider) continue;
    // Settled: refunded, or refused by the provider (failed) or no longer possible.
    try {
      if ((await completeRefund(db, provider, row.refund, now)).status === 'succeeded') done += 1;
    } catch (error) {
      if (!(error instanceof RefundError)) throw error;
      done += 1;
    }
  }
  return done;
}

/** Recent finance refunds across all accounts, newest first (for /finance). */
export async function listRecentRefunds(db: Db, limit = 50): Promise<PaymentRefund[]> {
  return db.select().from(paymentRefunds).orderBy(desc(paymentRefunds.createdAt)).limit(limit);
}
