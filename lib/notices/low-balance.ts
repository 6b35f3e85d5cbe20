import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { customerAccounts, lowBalanceStates } from '@/lib/db/schema';
import { createNotice } from './create-notice';

export type LowBalanceOutcome = 'alerted' | 'still_below' | 'rearmed' | 'above' | 'no_threshold';

/**
 * Call after every wallet posting (inside its transaction) with the balance it left. A balance
 * that crosses below the account's low-balance threshold creates one `low_balance` notice; further
 * postings while it stays below create none; going back to or above the threshold re-arms the alert.
 * The state flip is a single conditional upsert, so concurrent postings alert once.
 */
export async function evaluateLowBalance(db: Db, input: { accountId: string; balanceFen: bigint; now: Date }): Promise<LowBalanceOutcome> {
  const { accountId, balanceFen, now } = input;
  const [account] = await db.select({ threshold: customerAccounts.lowBalanceThresholdFen }).from(customerAccounts).where(eq(customerAccounts.id, accountId));
  const threshold = account?.threshold ?? null;
  const below = threshold !== null && balanceFen < threshold;

  if (!below) {
    const cleared = await db
      .update(lowBalanceStates)
      .set({ below: false, changedAt: now })
      .where(and(eq(lowBalanceStates.accountId, accountId), eq(lowBalanceStates.below, true)))
      .returning({ accountId: lowBalanceStates.accountId });
    if (cleared.length > 0) return 'rearmed';
    return threshold === null ? 'no_threshold' : 'above';
  }

  const crossed = await db
    .insert(lowBalanceStates)
    .values({ accountId, below: true, changedAt: now })
    .onConflictDoUpdate({
      target: lowBalanceStates.accountId,
      set: { below: true, changedAt: now },
      setWhere: sql`${lowBalanceStates.below} = false`,
    })
    .returning({ changedAt: lowBalanceStates.changedAt });
  if (crossed.length === 0) return 'still_below';

  await createNotice(db, {
    accountId,
    kind: 'low_balance',
    params: { balanceFen: balanceFen.toString(), thresholdFen: threshold.toString() },
    dedupeKey: `low_balance:${accountId}:${now.toISOString()}`,
    now,
  });
  return 'alerted';
}
