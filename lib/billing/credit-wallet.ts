import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { OPERATOR, walletLedgerAccountId } from '@/lib/ledger/ledger-accounts';
import { queryRows, toBigint } from '@/lib/db/sql-rows';
import { serviceArrearsFen as serviceArrears } from './arrears';
import { postDuePenaltiesForAccount } from './penalties';
import { postAndApplyOne } from './post-and-apply';

export interface WalletCredit {
  accountId: string;
  /** Positive amount in fen. */
  amountFen: bigint;
  /** Unique per credit, e.g. `payment:{provider}:{paymentId}`; a retry with the same key posts nothing. */
  idempotencyKey: string;
  /**
   * `top_up`: money received (operator cash → wallet); `adjustment`: an operator's goodwill credit;
   * `chargeback_reversal`: a dispute won, the charged-back money comes back (operator cash → wallet).
   */
  source: 'top_up' | 'adjustment' | 'chargeback_reversal';
  /** Payment id, ticket … shown in the ledger. */
  reference?: string | null;
  /** The provider's object (dispute id …), kept on the transfer. */
  memo?: string | null;
  now: Date;
  /** Billing time zone (dates the penalties caught up first); default Asia/Shanghai. */
  timeZone?: string;
}

export interface WalletCreditResult {
  /** False when the idempotency key was posted before (nothing happened now). */
  posted: boolean;
  transferId: bigint;
  balanceFen: bigint;
  status: 'active' | 'suspended';
  reinstated: boolean;
  /** How the credit was applied: service arrears first (oldest first), then penalties. */
  paidServiceArrearsFen: bigint;
  paidPenaltiesFen: bigint;
}

interface WalletRow extends Record<string, unknown> {
  balance_fen: unknown;
  penalty_arrears_fen: unknown;
  suspended: boolean;
}

async function lockWallet(db: Db, accountId: string): Promise<{ balanceFen: bigint; penaltyArrearsFen: bigint; suspended: boolean }> {
  const [row] = await queryRows<WalletRow>(
    db,
    sql`select balance_fen::text as balance_fen, penalty_arrears_fen::text as penalty_arrears_fen, (suspended_at is not null) as suspended
        from wallets where account_id = ${accountId} for update`,
  );
  if (!row) return { balanceFen: 0n, penaltyArrearsFen: 0n, suspended: false };
  return { balanceFen: toBigint(row.balance_fen), penaltyArrearsFen: toBigint(row.penalty_arrears_fen), suspended: row.suspended === true };
}

/**
 * Credits a wallet (a confirmed top-up or an adjustment). Runs in the caller's transaction when
 * given one (a savepoint), else in its own. Penalties that fell due before `now` are posted first;
 * the credit then pays service arrears (oldest first), then penalties; a balance back at ≥ 0
 * reinstates the account at once (with its notice), which stops the penalty clock.
 */
export async function creditWallet(db: Db, credit: WalletCredit): Promise<WalletCreditResult> {
  if (credit.amountFen <= 0n) throw new RangeError('A wallet credit must be a positive amount of fen');
  return db.transaction(async (tx) => {
    await postDuePenaltiesForAccount(tx, credit.accountId, credit.now, { timeZone: credit.timeZone });
    const before = await lockWallet(tx, credit.accountId);
    const result = await postAndApplyOne(
      tx,
      {
        idempotencyKey: credit.idempotencyKey,
        kind: credit.source,
        accountId: credit.accountId,
        effectiveAt: credit.now,
        reference: credit.reference ?? null,
        memo: credit.memo ?? null,
        legs: [
          { ledgerAccountId: walletLedgerAccountId(credit.accountId), amountFen: credit.amountFen },
          { ledgerAccountId: credit.source === 'adjustment' ? OPERATOR.adjustments : OPERATOR.cash, amountFen: -credit.amountFen },
        ],
      },
      { at: credit.now },
    );
    const after = await lockWallet(tx, credit.accountId);
    const paidServiceArrearsFen = result.posted ? serviceArrears(before.balanceFen, before.penaltyArrearsFen) - serviceArrears(after.balanceFen, after.penaltyArrearsFen) : 0n;
    const paidPenaltiesFen = result.posted ? before.penaltyArrearsFen - after.penaltyArrearsFen : 0n;
    return {
      posted: result.posted,
      transferId: result.transferId,
      balanceFen: after.balanceFen,
      status: after.suspended ? 'suspended' : 'active',
      reinstated: result.transitions.reinstated.includes(credit.accountId),
      paidServiceArrearsFen,
      paidPenaltiesFen,
    };
  });
}
