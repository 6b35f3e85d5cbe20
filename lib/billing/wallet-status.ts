import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { walletStatusChanges } from '@/lib/db/schema';
import { fenToDecimalString } from '@/lib/money';
import { createNotice } from '@/lib/notices/create-notice';
import { evaluateLowBalance } from '@/lib/notices/low-balance';
import { epochMs, fromEpochMs, jsonParam, queryRows, toBigint } from '@/lib/db/sql-rows';

export interface WalletTransitions {
  suspended: string[];
  reinstated: string[];
}

/**
 * Suspension and reinstatement (DESIGN: "Suspension and overdue penalty"): a posting that leaves
 * the balance below zero suspends the account at that moment; a balance back at ≥ 0 reinstates it
 * at once. Each change is recorded and announced with a notice (deduplicated per change). Then the
 * low-balance alert is evaluated. Call inside the transaction of the postings (`postAndApply` does).
 */
export async function applyWalletAttention(db: Db, accountIds: string[], at: Date): Promise<WalletTransitions> {
  const transitions: WalletTransitions = { suspended: [], reinstated: [] };
  if (accountIds.length === 0) return transitions;
  const unique = [...new Set(accountIds)].sort();
  const wallets = await queryRows<{ account_id: string; balance_fen: unknown; suspended_at: unknown }>(
    db,
    sql`select w.account_id, w.balance_fen::text as balance_fen, ${epochMs(sql`w.suspended_at`)} as suspended_at
        from wallets w join json_to_recordset(${jsonParam(unique.map((id) => ({ id })))}) as x(id text) on x.id = w.account_id
        order by w.account_id
        for update of w`,
  );
  for (const wallet of wallets) {
    const balanceFen = toBigint(wallet.balance_fen);
    const suspendedAt = fromEpochMs(wallet.suspended_at);
    if (balanceFen < 0n && suspendedAt === null) {
      await db.execute(sql`update wallets set suspended_at = ${at} where account_id = ${wallet.account_id}`);
      await db.insert(walletStatusChanges).values({ accountId: wallet.account_id, status: 'suspended', at, balanceFen });
      await createNotice(db, {
        accountId: wallet.account_id,
        kind: 'suspended',
        params: { balanceFen: balanceFen.toString(), balance: fenToDecimalString(balanceFen) },
        dedupeKey: `suspended:${wallet.account_id}:${at.toISOString()}`,
        now: at,
      });
      transitions.suspended.push(wallet.account_id);
    } else if (balanceFen >= 0n && suspendedAt !== null) {
      await db.execute(sql`update wallets set suspended_at = null where account_id = ${wallet.account_id}`);
      await db.insert(walletStatusChanges).values({ accountId: wallet.account_id, status: 'reinstated', at, balanceFen });
      await createNotice(db, {
        accountId: wallet.account_id,
        kind: 'reinstated',
        params: { balanceFen: balanceFen.toString(), balance: fenToDecimalString(balanceFen) },
        dedupeKey: `reinstated:${wallet.account_id}:${at.toISOString()}`,
        now: at,
      });
      transitions.reinstated.push(wallet.account_id);
    }
    await evaluateLowBalance(db, { accountId: wallet.account_id, balanceFen, now: at });
  }
  return transitions;
}

/**
 * Wallets whose status disagrees with their balance (a crash between a posting and its status
 * change, or deferred postings): the partial indexes keep this cheap.
 */
export async function walletsNeedingStatusChange(db: Db): Promise<string[]> {
  const rows = await queryRows<{ account_id: string }>(
    db,
    sql`select account_id from wallets where balance_fen < 0 and suspended_at is null
        union
        select account_id from wallets where suspended_at is not null and balance_fen >= 0`,
  );
  return rows.map((r) => r.account_id);
}
