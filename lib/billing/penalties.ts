import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { penalties, penaltyParts } from '@/lib/db/schema';
import { OPERATOR, walletLedgerAccountId } from '@/lib/ledger/ledger-accounts';
import { epochMs, fromEpochMs, queryRows, toBigint } from '@/lib/db/sql-rows';
import { fenToDecimalString } from '@/lib/money';
import { createNotice } from '@/lib/notices/create-notice';
import { serviceArrearsFen as serviceArrearsOf } from './arrears';
import { withBillingLock } from './billing-lock';
import type { BillingContext } from './billing-context';
import { completedOverduePeriods, overduePeriod, penaltyFor } from './penalty-periods';
import { arrearsByRateSql, penaltyTotals, splitPenalty, type ArrearsAtRate, type PenaltyPart } from './penalty-vat';
import { postAndApplyOne } from './post-and-apply';
import { DEFAULT_BILLING_TIME_ZONE, GRACE_MS, OVERDUE_PERIOD_MS, PENALTY_RATE } from './rules';
import { serviceDayOf } from './service-day';

export interface PostedPenalty {
  accountId: string;
  periodIndex: number;
  periodEnd: Date;
  arrearsFen: bigint;
  amountFen: bigint;
  /** The penalty divided among the tax rates of the arrears, with the VAT each part contains. */
  parts: PenaltyPart[];
}

/**
 * Posts the overdue penalties of one account that are due by `now` (DESIGN "Suspension and overdue
 * penalty"): after the 24-hour grace, at the end of each complete 24-hour period the account stays
 * suspended, 0.3 % of the outstanding service-charge arrears (penalties excluded), half up, keyed
 * `penalty:{account}:{period start}`. Locks the wallet first, so a concurrent top-up and a run agree.
 * Penalties are caught up before any other posting to the wallet (runs do this step first, and
 * `creditWallet` before crediting), so the arrears read here are the arrears at each period's end.
 * The penalty is VAT-inclusive: divided among the tax rates of those arrears (./penalty-vat), its net
 * goes to penalty income and its VAT to VAT payable, and each part is recorded (invoiceable).
 */
export async function postDuePenaltiesForAccount(
  db: Db,
  accountId: string,
  now: Date,
  options: { deferWalletStatus?: boolean; timeZone?: string } = {},
): Promise<PostedPenalty[]> {
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
  // Nothing but penalties is posted while catching up, so the service arrears (and the charges they
  // consist of) are the same at the end of each period: attribute them to tax rates once.
  const arrearsByRate = new Map<bigint, ArrearsAtRate[]>();
  for (let index = Number(toBigint(done.last)) + 1; index <= due; index++) {
    const period = overduePeriod(suspendedAt, index);
    const serviceArrearsFen = serviceArrearsOf(balanceFen, penaltyArrearsFen);
    const amountFen = penaltyFor(serviceArrearsFen);
    const key = `penalty:${accountId}:${period.start.toISOString()}`;
    let transferId: bigint | null = null;
    let parts: PenaltyPart[] = [];
    if (amountFen > 0n) {
      let rates = arrearsByRate.get(serviceArrearsFen);
      if (!rates) {
        rates = await arrearsByRateSql(db, accountId, serviceArrearsFen);
        arrearsByRate.set(serviceArrearsFen, rates);
      }
      parts = splitPenalty(amountFen, rates);
      const totals = penaltyTotals(parts);
      const result = await postAndApplyOne(
        db,
        {
          idempotencyKey: key,
          kind: 'penalty',
          accountId,
          effectiveAt: period.end,
          memo: `overdue day ${index}: ${PENALTY_RATE} × ${fenToDecimalString(serviceArrearsFen)}`,
          legs: [
            { ledgerAccountId: walletLedgerAccountId(accountId), amountFen: -amountFen },
            { ledgerAccountId: OPERATOR.penaltyIncome, amountFen: totals.netFen },
            { ledgerAccountId: OPERATOR.vatPayable, amountFen: totals.vatFen },
            { ledgerAccountId: OPERATOR.businessTaxPayable, amountFen: totals.businessTaxFen },
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
      posted.push({ accountId, periodIndex: index, periodEnd: period.end, arrearsFen: serviceArrearsFen, amountFen, parts });
    }
    const [recorded] = await db
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
      .onConflictDoNothing()
      .returning({ id: penalties.id });
    if (recorded && transferId !== null && parts.length > 0) {
      const serviceDay = serviceDayOf(period.end, options.timeZone ?? DEFAULT_BILLING_TIME_ZONE);
      await db.insert(penaltyParts).values(
        parts.map((p) => ({
          penaltyId: recorded.id,
          accountId,
          serviceDay,
          taxKind: p.taxKind,
          taxRate: p.taxRate,
          arrearsFen: p.arrearsFen,
          netFen: p.netFen,
          taxFen: p.taxFen,
          grossFen: p.grossFen,
        })),
      );
    }
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
    for (const { account_id } of due) posted.push(...(await postDuePenaltiesForAccount(tx, account_id, ctx.now, { deferWalletStatus: true, timeZone: ctx.timeZone })));
    await ctx.hooks?.afterPosting?.('penalties', tx);
    return { penalties: posted, attention: posted.map((p) => p.accountId) };
  });
}
