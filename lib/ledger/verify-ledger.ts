import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { queryRows, toBigint } from '@/lib/db/sql-rows';

export interface LedgerVerification {
  ok: boolean;
  transfers: number;
  postings: number;
  /** Σ of all postings; must be 0. */
  totalFen: bigint;
  /** Transfers whose postings do not sum to zero, or that have none. */
  unbalancedTransfers: string[];
  /** Wallets whose cached balance differs from Σ of their postings. */
  walletMismatches: { accountId: string; cachedFen: bigint; postedFen: bigint }[];
  /** References the poster guarantees without per-row foreign keys: postings to a missing transfer or ledger account. */
  brokenReferences: string[];
  /**
   * Wallets whose postings' `balance_after_fen` do not chain: a wallet posting without one (or an
   * operator posting with one), or balances-after that are not the steps from 0 to the cached balance.
   */
  runningBalanceMismatches: string[];
}

/**
 * Checks double entry's invariants: Σ postings = 0 overall and per transfer; each cached wallet
 * balance = Σ of its postings; every posting's transfer and ledger account exist; every wallet
 * posting's balance after it chains from 0 to the cached balance. What the postings mean for an
 * account (penalty arrears, charge lines) is billing's to check: `verifyBooks` (lib/billing/verify-books.ts).
 */
export async function verifyLedger(db: Db): Promise<LedgerVerification> {
  const [totals] = await queryRows<{ transfers: unknown; postings: unknown; total: unknown }>(
    db,
    sql`select (select count(*) from ledger_transfers)::text as transfers,
               (select count(*) from ledger_postings)::text as postings,
               (select coalesce(sum(amount_fen), 0) from ledger_postings)::text as total`,
  );
  const unbalanced = await queryRows<{ key: string }>(
    db,
    sql`select t.idempotency_key as key
        from ledger_transfers t left join ledger_postings p on p.transfer_id = t.id
        group by t.id, t.idempotency_key
        having count(p.transfer_id) = 0 or sum(p.amount_fen) <> 0
        limit 100`,
  );
  const mismatches = await queryRows<{ account_id: string; cached: unknown; posted: unknown }>(
    db,
    sql`select w.account_id, w.balance_fen::text as cached, coalesce(s.total, 0)::text as posted
        from wallets w
        left join (select ledger_account_id, sum(amount_fen) as total from ledger_postings group by ledger_account_id) s
          on s.ledger_account_id = w.ledger_account_id
        where w.balance_fen <> coalesce(s.total, 0)
        limit 100`,
  );
  const broken = await queryRows<{ problem: string }>(
    db,
    sql`(select 'posting of missing transfer ' || p.transfer_id as problem from ledger_postings p
          where not exists (select 1 from ledger_transfers t where t.id = p.transfer_id) limit 20)
        union all
        (select 'posting to unknown ledger account ' || p.ledger_account_id from ledger_postings p
          where not exists (select 1 from ledger_accounts a where a.id = p.ledger_account_id) limit 20)`,
  );
  // The chain is checked as multisets: each posting steps from (after − amount) to (after), so
  // {afters} ∪ {0} = {befores} ∪ {cached balance}. Transfer-id order is not the posting order when
  // transactions interleave (ids are allocated before a wallet is locked), so none is assumed.
  const running = await queryRows<{ ledger_account_id: string }>(
    db,
    sql`(select ledger_account_id from ledger_postings
          where (ledger_account_id like 'wallet:%') = (balance_after_fen is null) limit 20)
        union
        (select ledger_account_id from (
           select ledger_account_id, balance_after_fen as v, 1 as n from ledger_postings where ledger_account_id like 'wallet:%'
           union all select ledger_account_id, balance_after_fen - amount_fen, -1 from ledger_postings where ledger_account_id like 'wallet:%'
           union all select ledger_account_id, balance_fen, -1 from wallets
           union all select ledger_account_id, 0, 1 from wallets
         ) steps
         group by ledger_account_id, v having sum(n) <> 0 limit 100)`,
  );
  const totalFen = toBigint(totals.total);
  return {
    ok: totalFen === 0n && unbalanced.length === 0 && mismatches.length === 0 && broken.length === 0 && running.length === 0,
    transfers: Number(totals.transfers),
    postings: Number(totals.postings),
    totalFen,
    unbalancedTransfers: unbalanced.map((r) => r.key),
    walletMismatches: mismatches.map((r) => ({ accountId: r.account_id, cachedFen: toBigint(r.cached), postedFen: toBigint(r.posted) })),
    brokenReferences: broken.map((r) => r.problem),
    runningBalanceMismatches: [...new Set(running.map((r) => r.ledger_account_id))],
  };
}
