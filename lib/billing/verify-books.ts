import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { queryRows } from '@/lib/db/sql-rows';
import { verifyLedger, type LedgerVerification } from '@/lib/ledger/verify-ledger';
import { WALLET_PREFIX } from '@/lib/ledger/ledger-accounts';

export interface BooksVerification extends LedgerVerification {
  /** Wallets whose unpaid-penalty part is outside [0, arrears] (RULES §7). */
  arrearsOutOfRange: string[];
}

/**
 * The ledger's double entry (`verifyLedger`) and what billing keeps beside it: every wallet's
 * penalty arrears within [0, its debt]; every transfer's customer account exists; every charge line's
 * transfer moved exactly the line's gross out of (or, negative, into) the wallet. `brokenReferences`
 * lists the ledger's and billing's broken references together.
 */
export async function verifyBooks(db: Db): Promise<BooksVerification> {
  const [ledger, arrears, broken] = await Promise.all([
    verifyLedger(db),
    queryRows<{ account_id: string }>(
      db,
      sql`select account_id from wallets where penalty_arrears_fen < 0 or penalty_arrears_fen > greatest(0, -balance_fen) limit 100`,
    ),
    queryRows<{ problem: string }>(
      db,
      sql`(select 'transfer of unknown customer account ' || t.idempotency_key as problem from ledger_transfers t
            where t.customer_account_id is not null and not exists (select 1 from customer_accounts c where c.id = t.customer_account_id) limit 20)
          union all
          (select 'charge line ' || l.id || ' does not match its transfer' from charge_lines l
            left join ledger_postings p on p.transfer_id = l.transfer_id and p.ledger_account_id = ${WALLET_PREFIX} || l.account_id
            where p.amount_fen is distinct from -l.gross_fen limit 20)`,
    ),
  ]);
  return {
    ...ledger,
    ok: ledger.ok && arrears.length === 0 && broken.length === 0,
    arrearsOutOfRange: arrears.map((r) => r.account_id),
    brokenReferences: [...ledger.brokenReferences, ...broken.map((r) => r.problem)],
  };
}
