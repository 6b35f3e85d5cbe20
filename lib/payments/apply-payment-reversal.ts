import { and, eq, or, sql } from 'drizzle-orm';
import { creditWallet } from '@/lib/billing/credit-wallet';
import { postAndApplyOne } from '@/lib/billing/post-and-apply';
import type { Db } from '@/lib/db/client';
import { payments, type PaymentProviderName, type TransferKind } from '@/lib/db/schema';
import { OPERATOR, walletLedgerAccountId } from '@/lib/ledger/ledger-accounts';
import { queryRows, toBigint } from '@/lib/db/sql-rows';
import { createNotice } from '@/lib/notices/create-notice';
import { logPaymentEvent, type AppliedUpdate, type ConfirmationSource } from './payment-event-log';
import type { PaymentReversal } from './provider';

/*
 * Money after payment: a refund or a chargeback takes a top-up's money back out of the wallet; a
 * dispute won gives it back. Each is a ledger transfer of its own (never an edit of the top-up),
 * keyed by the provider's object, posted through the usual path, so a balance pushed below zero
 * suspends the account by the usual rule and a dispute won pays arrears and reinstates it. The
 * customer gets a notice. Safe to apply any number of times, in any order (convergent).
 */

type Payment = typeof payments.$inferSelect;

export const reversalTransferKinds = ['refund', 'chargeback', 'chargeback_reversal'] as const satisfies readonly TransferKind[];
export type ReversalTransferKind = (typeof reversalTransferKinds)[number];

/** Idempotency keys: a refund by its charge and the cumulative amount refunded; a dispute by its id. */
export function reversalIdempotencyKey(provider: PaymentProviderName, kind: ReversalTransferKind, objectId: string, refundedFen?: bigint): string {
  return kind === 'refund' ? `refund:${provider}:${objectId}:${refundedFen ?? 0n}` : `${kind}:${provider}:${objectId}`;
}

async function lockPaymentOf(tx: Db, provider: PaymentProviderName, reversal: PaymentReversal): Promise<Payment | null> {
  const byIntent = reversal.providerIntentId ? eq(payments.providerIntentId, reversal.providerIntentId) : undefined;
  const byRef = reversal.paymentRef ? eq(payments.id, reversal.paymentRef) : undefined;
  if (!byIntent && !byRef) return null;
  const [payment] = await tx
    .select()
    .from(payments)
    .where(and(eq(payments.provider, provider), or(byIntent, byRef)))
    .limit(1)
    .for('update');
  return payment ?? null;
}

/** Fen already taken back from a payment by transfers of one kind (wallet legs, as a positive amount). */
async function reversedFen(tx: Db, paymentId: string, kind: ReversalTransferKind): Promise<bigint> {
  const [row] = await queryRows<{ total: unknown }>(
    tx,
    sql`select coalesce(sum(-p.amount_fen), 0)::text as total
        from ledger_transfers t join ledger_postings p on p.transfer_id = t.id and p.ledger_account_id like 'wallet:%'
        where t.kind = ${kind} and t.reference = ${paymentId}`,
  );
  return toBigint(row?.total ?? 0);
}

async function debitWallet(tx: Db, payment: Payment, kind: 'refund' | 'chargeback', key: string, amountFen: bigint, memo: string, now: Date) {
  const posted = await postAndApplyOne(
    tx,
    {
      idempotencyKey: key,
      kind,
      accountId: payment.accountId,
      effectiveAt: now,
      reference: payment.id,
      memo,
      legs: [
        { ledgerAccountId: walletLedgerAccountId(payment.accountId), amountFen: -amountFen },
        { ledgerAccountId: OPERATOR.cash, amountFen },
      ],
    },
    { at: now },
  );
  return posted.posted;
}

async function balanceOf(tx: Db, accountId: string): Promise<bigint> {
  const [row] = await queryRows<{ balance: unknown }>(tx, sql`select balance_fen::text as balance from wallets where account_id = ${accountId}`);
  return toBigint(row?.balance ?? 0);
}

async function notify(tx: Db, payment: Payment, kind: 'payment_refunded' | 'payment_charged_back' | 'chargeback_reversed', key: string, amountFen: bigint, now: Date) {
  await createNotice(tx, {
    accountId: payment.accountId,
    kind,
    params: { amountFen: amountFen.toString(), balanceFen: (await balanceOf(tx, payment.accountId)).toString(), payment: payment.id },
    dedupeKey: `notice:${key}`,
    now,
  });
}

/** A refund: takes back the difference between what the provider says was refunded so far and what was already taken. */
async function applyRefund(tx: Db, source: ConfirmationSource, payment: Payment, reversal: Extract<PaymentReversal, { type: 'refund' }>): Promise<AppliedUpdate> {
  const total = reversal.refundedFen < payment.amountFen ? reversal.refundedFen : payment.amountFen;
  const delta = total - (await reversedFen(tx, payment.id, 'refund'));
  if (delta <= 0n) return logPaymentEvent(tx, source, payment.providerPaymentId, payment, 'duplicate', { refundedFen: total.toString() });
  const key = reversalIdempotencyKey(source.provider, 'refund', reversal.objectId, total);
  const posted = await debitWallet(tx, payment, 'refund', key, delta, reversal.objectId, source.receivedAt);
  if (posted) await notify(tx, payment, 'payment_refunded', key, delta, source.receivedAt);
  return logPaymentEvent(tx, source, payment.providerPaymentId, payment, posted ? 'reversed' : 'duplicate', { kind: 'refund', amountFen: delta.toString(), refundedFen: total.toString() });
}

/**
 * A dispute: its opening (or any later state but an inquiry) means the chargeback happened; a
 * dispute won gives the same amount back. A `closed` that arrives before its `created` posts both,
 * so the ledger ends the same whatever the order of delivery.
 */
async function applyDispute(tx: Db, source: ConfirmationSource, payment: Payment, reversal: Extract<PaymentReversal, { type: 'dispute' }>): Promise<AppliedUpdate> {
  if (reversal.state === 'inquiry') return logPaymentEvent(tx, source, payment.providerPaymentId, payment, 'unchanged', { kind: 'dispute', state: 'inquiry' });
  const amount = reversal.amountFen < payment.amountFen ? reversal.amountFen : payment.amountFen;
  const now = source.receivedAt;
  const chargebackKey = reversalIdempotencyKey(source.provider, 'chargeback', reversal.objectId);
  const chargedBack = await debitWallet(tx, payment, 'chargeback', chargebackKey, amount, reversal.objectId, now);
  if (chargedBack) await notify(tx, payment, 'payment_charged_back', chargebackKey, amount, now);
  let givenBack = false;
  if (reversal.state === 'won') {
    const reversalKey = reversalIdempotencyKey(source.provider, 'chargeback_reversal', reversal.objectId);
    const credit = await creditWallet(tx, {
      accountId: payment.accountId,
      amountFen: amount,
      idempotencyKey: reversalKey,
      source: 'chargeback_reversal',
      reference: payment.id,
      memo: reversal.objectId,
      now,
    });
    givenBack = credit.posted;
    if (givenBack) await notify(tx, payment, 'chargeback_reversed', reversalKey, amount, now);
  }
  const outcome = chargedBack || givenBack ? 'reversed' : 'duplicate';
  return logPaymentEvent(tx, source, payment.providerPaymentId, payment, outcome, { kind: 'dispute', state: reversal.state, amountFen: amount.toString(), chargedBack, givenBack });
}

/**
 * Applies a refund or dispute to the payment it names, in one transaction holding the payment's
 * row lock. Only a succeeded payment in the same currency can be reversed; anything else is
 * logged and changes nothing (`unknown_payment` lets the provider retry one not stored yet).
 */
export async function applyPaymentReversal(db: Db, source: ConfirmationSource, reversal: PaymentReversal): Promise<AppliedUpdate> {
  return db.transaction(async (tx) => {
    const payment = await lockPaymentOf(tx, source.provider, reversal);
    if (!payment) return logPaymentEvent(tx, source, reversal.providerIntentId, null, 'unknown_payment', { kind: reversal.type, objectId: reversal.objectId });
    if (payment.status !== 'succeeded' || reversal.currency !== payment.currency) {
      return logPaymentEvent(tx, source, payment.providerPaymentId, payment, 'refused', {
        kind: reversal.type,
        objectId: reversal.objectId,
        status: payment.status,
        currency: reversal.currency,
      });
    }
    return reversal.type === 'refund' ? applyRefund(tx, source, payment, reversal) : applyDispute(tx, source, payment, reversal);
  });
}

/** One refund, chargeback or returned chargeback, as finance sees it. */
export interface PaymentReversalRow {
  transferId: string;
  kind: ReversalTransferKind;
  accountId: string;
  paymentId: string | null;
  /** The provider's object: the refunded charge or the dispute. */
  providerObject: string | null;
  /** Change of the customer's balance in fen: negative when money was taken back. */
  amountFen: bigint;
  at: Date;
}

/** The most recent refunds and disputes across all accounts, newest first (for /finance). */
export async function listPaymentReversals(db: Db, limit = 50): Promise<PaymentReversalRow[]> {
  const rows = await queryRows<{ id: unknown; kind: ReversalTransferKind; account_id: string; reference: string | null; memo: string | null; amount: unknown; at: unknown }>(
    db,
    sql`select t.id::text as id, t.kind, t.customer_account_id as account_id, t.reference, t.memo, p.amount_fen::text as amount, t.effective_at as at
        from ledger_transfers t join ledger_postings p on p.transfer_id = t.id and p.ledger_account_id = 'wallet:' || t.customer_account_id
        where t.kind in ('refund', 'chargeback', 'chargeback_reversal')
        order by t.effective_at desc, t.id desc
        limit ${limit}`,
  );
  return rows.map((r) => ({
    transferId: String(r.id),
    kind: r.kind,
    accountId: r.account_id,
    paymentId: r.reference,
    providerObject: r.memo,
    amountFen: toBigint(r.amount),
    at: r.at instanceof Date ? r.at : new Date(String(r.at)),
  }));
}
