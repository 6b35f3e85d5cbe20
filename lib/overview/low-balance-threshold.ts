import { eq } from 'drizzle-orm';
import { recordActivity } from '@/lib/audit/record-activity';
import type { Db } from '@/lib/db/client';
import { customerAccounts } from '@/lib/db/schema';
import { getWalletSnapshot } from '@/lib/billing/account-status';
import { parseYuanToFen } from '@/lib/money';
import { evaluateLowBalance, type LowBalanceOutcome } from '@/lib/notices/low-balance';
import { activityActor, type ActorRef } from '@/lib/audit/actor';

/** The highest threshold a customer can set (¥10,000,000.00). */
export const MAX_LOW_BALANCE_THRESHOLD_FEN = 1_000_000_000n;

export type ThresholdProblem = 'not_a_number' | 'too_large';

/**
 * A threshold as typed ("100", "¥1,000.50"); empty clears it (no alert). Never rounded: more than
 * two decimals, a minus sign or anything else that is not an amount is refused.
 */
export function parseLowBalanceThreshold(typed: string): { ok: true; thresholdFen: bigint | null } | { ok: false; problem: ThresholdProblem } {
  const text = typed.trim().replace(/^[¥￥]\s*/, '').replace(/,(?=\d{3}(?:\D|$))/g, '');
  if (text === '') return { ok: true, thresholdFen: null };
  const fen = parseYuanToFen(text);
  if (fen === null) return { ok: false, problem: 'not_a_number' };
  if (fen > MAX_LOW_BALANCE_THRESHOLD_FEN) return { ok: false, problem: 'too_large' };
  return { ok: true, thresholdFen: fen };
}

/**
 * Saves the customer's low-balance threshold, then evaluates the alert against the current balance
 * in the same transaction: a threshold set above the balance alerts once, now, instead of waiting
 * for the next posting; a lowered or cleared one re-arms it.
 */
export async function setLowBalanceThreshold(
  db: Db,
  input: { accountId: string; thresholdFen: bigint | null; now: Date; actor: ActorRef },
): Promise<LowBalanceOutcome> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ threshold: customerAccounts.lowBalanceThresholdFen })
      .from(customerAccounts)
      .where(eq(customerAccounts.id, input.accountId))
      .for('update');
    if ((before?.threshold ?? null) !== input.thresholdFen) {
      await tx.update(customerAccounts).set({ lowBalanceThresholdFen: input.thresholdFen }).where(eq(customerAccounts.id, input.accountId));
      await recordActivity(tx, {
        accountId: input.accountId,
        ...activityActor(input.actor),
        kind: 'low_balance_threshold_changed',
        details: { threshold: input.thresholdFen === null ? null : input.thresholdFen.toString(), before: before?.threshold?.toString() ?? null },
        at: input.now,
      });
    }
    const wallet = await getWalletSnapshot(tx, input.accountId);
    return evaluateLowBalance(tx, { accountId: input.accountId, balanceFen: wallet?.balanceFen ?? 0n, now: input.now });
  });
}

export async function getLowBalanceThreshold(db: Db, accountId: string): Promise<bigint | null> {
  const [row] = await db.select({ threshold: customerAccounts.lowBalanceThresholdFen }).from(customerAccounts).where(eq(customerAccounts.id, accountId));
  return row?.threshold ?? null;
}
