import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { penalties } from '@/lib/db/schema';
import { OPERATOR, walletLedgerAccountId } from '@/lib/ledger/ledger-accounts';
import { postLedgerTransfer } from '@/lib/ledger/post-transfers';
import { epochMs, fromEpochMs, queryRows, toBigint } from '@/lib/ledger/sql-rows';
import { fenToDecimalString } from '@/lib/money';
import { createNotice } from '@/lib/notices/create-notice';
import { withBillingLock } from './billing-lock';
import type { BillingContext } from './billing-context';
import { completedOverduePeriods, overduePeriod, penaltyFor } from './penalty-periods';
import { GRACE_MS, OVERDUE_PERIOD_MS, PENALTY_RATE } from './rules';

export interface PostedPenalty {
  accountId: string;
  periodIndex: number;
  periodEnd: Date;
  arrearsFen: bigint;
  amountFen: bigint;
}

/**
 * Posts the overdue penalties of one account that are due by `now` (DESIGN "Suspension and overdue
 * penalty"): after the 24-hour grace, at the end of each complete 24-hour period the account stays
 * suspended, 0.3 % of the outstanding service-charge arrears (penalties excluded), half up, keyed
 * `penalty:{account}:{period start}`. Locks the wallet first, so a concurrent top-up and a run agree.
 * Penalties are caught up before any other posting to the wallet (runs do this step first, and
 * `creditWallet` before crediting), so the arrears read here are the arrears at each period's end.
 */
export async function postDuePenaltiesForAccount(db: Db, accountId: string, now: Date, options: { deferWalletStatus?: boolean } = {}): Promise<PostedPenalty[]> {
  const [wallet] = await queryRows<{ balance_fen: unknown; penalty_arrears_fen: unknown; suspended_at: unknown }>(
    db,
    sql`select balance_fen::text as balance_fen, penalty_arrears_fen::text as penalty_arrears_fen, ${epochMs(sql`suspended_at`)} as suspended_at
        from wallets where account_id = ${accountId} for update`,
  );
  const suspendedAt = wallet ? fromEpochMs(wallet.suspended_at) : null;
  if (!wallet || !suspendedAt) return [];
  const due = completedOverduePeriods(suspendedAt, now);
  if (due === 0) return [];
  const [done] = await queryRows<{ last: unknown }>(
    db,
    sql`select coalesce(max(period_index), 0)::text as last from penalties where account_id = ${accountId} and suspended_at = ${suspendedAt}`,
  );
  let balanceFen = toBigint(wallet.balance_fen);
  let penaltyArrearsFen = toBigint(wallet.penalty_arrears_fen);
  const posted: PostedPenalty[] = [];
  for (let index = Number(toBigint(done.last)) + 1; index <= due; index++) {
    const period = overduePeriod(suspendedAt, index);
    const arrears = balanceFen < 0n ? -balanceFen : 0n;
    const serviceArrearsFen = arrears > penaltyArrearsFen ? arrears - penaltyArrearsFen : 0n;
    const amountFen = penaltyFor(serviceArrearsFen);
    const key = `penalty:${accountId}:${period.start.toISOString()}`;
    let transferId: bigint | null = null;
    if (amountFen > 0n) {
      const result = await postLedgerTransfer(
        db,
        {
          idempotencyKey: key,
          kind: 'penalty',
          accountId,
          effectiveAt: period.end,
          memo: `overdue day ${index}: ${PENALTY_RATE} × ${fenToDecimalString(serviceArrearsFen)}`,
          legs: [
            { ledgerAccountId: walletLedgerAccountId(accountId), amountFen: -amountFen },
            { ledgerAccountId: OPERATOR.penaltyIncome, amountFen },
          ],
        },
        { at: period.end, deferWalletStatus: options.deferWalletStatus },
      );
      transferId = result.transferId;
    }
    if (transferId !== null) {
      balanceFen -= amountFen;
      penaltyArrearsFen += amountFen;
      await createNotice(db, {
        accountId,
        kind: 'penalty_posted',
        params: {
          amountFen: amountFen.toString(),
          amount: fenToDecimalString(amountFen),
          balanceFen: balanceFen.toString(),
          balance: fenToDecimalString(balanceFen),
        },
        dedupeKey: `penalty_posted:${key}`,
        now: period.end,
      });
      posted.push({ accountId, periodIndex: index, periodEnd: period.end, arrearsFen: serviceArrearsFen, amountFen });
    }
    await db
      .insert(penalties)
      .values({
        accountId,
        suspendedAt,
        periodIndex: index,
        periodStart: period.start,
        periodEnd: period.end,
        arrearsFen: serviceArrearsFen,
        rate: PENALTY_RATE,
        amountFen,
        transferId,
      })
      .onConflictDoNothing();
  }
  return posted;
}

/** Every suspended account's due penalties, as one step of a billing run. */
export async function postDuePenalties(db: Db, ctx: BillingContext): Promise<{ penalties: PostedPenalty[]; attention: string[] }> {
  return withBillingLock(db, async (tx) => {
    const due = await queryRows<{ account_id: string }>(
      tx,
      sql`select account_id from wallets
          where suspended_at is not null and suspended_at <= ${new Date(ctx.now.getTime() - GRACE_MS - OVERDUE_PERIOD_MS)}
          order by account_id`,
    );
    const posted: PostedPenalty[] = [];
    for (const { account_id } of due) posted.push(...(await postDuePenaltiesForAccount(tx, account_id, ctx.now, { deferWalletStatus: true })));
    await ctx.hooks?.afterPosting?.('penalties', tx);
    return { penalties: posted, attention: posted.map((p) => p.accountId) };
  });
}
