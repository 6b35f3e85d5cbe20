import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { fenToDecimalString } from '@/lib/money';
import { epochMs, fromEpochMs, queryRows, toBigint } from '@/lib/db/sql-rows';
import { serviceArrearsFen } from './arrears';
import { GRACE_MS } from './rules';

/**
 * The machine API's account shape (CONTRACT.md). `closed`: closed by the customer; `terminated`: by
 * the operator for cause (both refuse usage: 422 `account_closed`); `suspended`: a negative balance
 * or an admin's suspension for cause.
 */
export interface AccountStatus {
  id: string;
  status: 'active' | 'suspended' | 'closed' | 'terminated';
  /** Decimal string in yuan, e.g. "-12.34". */
  balance: string;
  currency: 'CNY';
  suspendedAt: string | null;
}

/** A wallet as the portal shows it. */
export interface WalletSnapshot {
  accountId: string;
  balanceFen: bigint;
  status: 'active' | 'suspended';
  suspendedAt: Date | null;
  /** End of the 24-hour grace after suspension (penalties accrue after it); null while active. */
  graceEndsAt: Date | null;
  /** Outstanding service charges (paid first by a top-up). */
  serviceArrearsFen: bigint;
  /** Outstanding penalties (paid after service arrears). */
  penaltyArrearsFen: bigint;
  /** Closed, terminated or suspended for cause (lib/accounts/account-standing.ts); null: good standing. */
  standing?: { state: 'closed' | 'terminated' | 'suspended_for_cause'; since: Date; reason: string | null } | null;
}

interface Row extends Record<string, unknown> {
  id: string;
  balance_fen: unknown;
  penalty_arrears_fen: unknown;
  suspended_at: unknown;
  standing_state: 'closed' | 'terminated' | 'suspended_for_cause' | null;
  standing_since: unknown;
  standing_reason: string | null;
}

const selectStatus = sql`select c.id, coalesce(w.balance_fen, 0)::text as balance_fen,
       coalesce(w.penalty_arrears_fen, 0)::text as penalty_arrears_fen, ${epochMs(sql`w.suspended_at`)} as suspended_at,
       s.state as standing_state, ${epochMs(sql`s.since`)} as standing_since, s.reason as standing_reason
  from customer_accounts c left join wallets w on w.account_id = c.id left join account_standings s on s.account_id = c.id`;

function snapshotOf(row: Row): WalletSnapshot {
  const balanceFen = toBigint(row.balance_fen);
  const penaltyArrearsFen = toBigint(row.penalty_arrears_fen);
  const suspendedAt = fromEpochMs(row.suspended_at);
  return {
    accountId: row.id,
    balanceFen,
    status: suspendedAt ? 'suspended' : 'active',
    suspendedAt,
    graceEndsAt: suspendedAt ? new Date(suspendedAt.getTime() + GRACE_MS) : null,
    serviceArrearsFen: serviceArrearsFen(balanceFen, penaltyArrearsFen),
    penaltyArrearsFen,
    standing: row.standing_state ? { state: row.standing_state, since: fromEpochMs(row.standing_since) as Date, reason: row.standing_reason } : null,
  };
}

/**
 * What the platform sees: closed and terminated accounts say so; an admin's suspension for cause is
 * `suspended` (since the earlier of it and the wallet's own suspension); otherwise the wallet decides.
 */
export function platformStatusOf(s: WalletSnapshot): Pick<AccountStatus, 'status' | 'suspendedAt'> {
  const walletSuspendedAt = s.suspendedAt ? s.suspendedAt.toISOString() : null;
  if (s.standing?.state === 'closed' || s.standing?.state === 'terminated') return { status: s.standing.state, suspendedAt: walletSuspendedAt };
  if (s.standing?.state === 'suspended_for_cause') {
    const since = s.suspendedAt && s.suspendedAt < s.standing.since ? s.suspendedAt : s.standing.since;
    return { status: 'suspended', suspendedAt: since.toISOString() };
  }
  return { status: s.status, suspendedAt: walletSuspendedAt };
}

function statusOf(s: WalletSnapshot): AccountStatus {
  const platform = platformStatusOf(s);
  return {
    id: s.accountId,
    status: platform.status,
    balance: fenToDecimalString(s.balanceFen),
    currency: 'CNY',
    suspendedAt: platform.suspendedAt,
  };
}

/** Balance and status of one customer account; null when the account does not exist. */
export async function getWalletSnapshot(db: Db, accountId: string): Promise<WalletSnapshot | null> {
  const [row] = await queryRows<Row>(db, sql`${selectStatus} where c.id = ${accountId}`);
  return row ? snapshotOf(row) : null;
}

export async function getAccountStatus(db: Db, accountId: string): Promise<AccountStatus | null> {
  const snapshot = await getWalletSnapshot(db, accountId);
  return snapshot ? statusOf(snapshot) : null;
}

/** Every account the user with this email (case-insensitive) is a member of, in any role, for the platform's lookup. */
export async function findAccountStatusesByEmail(db: Db, email: string): Promise<AccountStatus[]> {
  const rows = await queryRows<Row>(
    db,
    sql`${selectStatus} where c.id in (select m.account_id from account_members m join users u on u.id = m.user_id where lower(u.email) = lower(${email})) order by c.id`,
  );
  return rows.map((r) => statusOf(snapshotOf(r)));
}
