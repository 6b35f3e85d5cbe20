import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { fenToDecimalString } from '@/lib/money';
import { epochMs, fromEpochMs, queryRows, toBigint } from './sql-rows';

/** The machine API's account shape (CONTRACT.md). */
export interface AccountStatus {
  id: string;
  status: 'active' | 'suspended';
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
}

const GRACE_MS = 24 * 3_600_000;

interface Row extends Record<string, unknown> {
  id: string;
  balance_fen: unknown;
  penalty_arrears_fen: unknown;
  suspended_at: unknown;
}

const selectStatus = sql`select c.id, coalesce(w.balance_fen, 0)::text as balance_fen,
       coalesce(w.penalty_arrears_fen, 0)::text as penalty_arrears_fen, ${epochMs(sql`w.suspended_at`)} as suspended_at
  from customer_accounts c left join wallets w on w.account_id = c.id`;

function snapshotOf(row: Row): WalletSnapshot {
  const balanceFen = toBigint(row.balance_fen);
  const penaltyArrearsFen = toBigint(row.penalty_arrears_fen);
  const suspendedAt = fromEpochMs(row.suspended_at);
  const arrears = balanceFen < 0n ? -balanceFen : 0n;
  return {
    accountId: row.id,
    balanceFen,
    status: suspendedAt ? 'suspended' : 'active',
    suspendedAt,
    graceEndsAt: suspendedAt ? new Date(suspendedAt.getTime() + GRACE_MS) : null,
    serviceArrearsFen: arrears > penaltyArrearsFen ? arrears - penaltyArrearsFen : 0n,
    penaltyArrearsFen,
  };
}

function statusOf(s: WalletSnapshot): AccountStatus {
  return {
    id: s.accountId,
    status: s.status,
    balance: fenToDecimalString(s.balanceFen),
    currency: 'CNY',
    suspendedAt: s.suspendedAt ? s.suspendedAt.toISOString() : null,
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

/** The accounts of the users with this email (case-insensitive), for the platform's lookup. */
export async function findAccountStatusesByEmail(db: Db, email: string): Promise<AccountStatus[]> {
  const rows = await queryRows<Row>(
    db,
    sql`${selectStatus} where c.id in (select u.account_id from users u where lower(u.email) = lower(${email})) order by c.id`,
  );
  return rows.map((r) => statusOf(snapshotOf(r)));
}
