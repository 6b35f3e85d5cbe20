import { sql } from 'drizzle-orm';
import { seedDemoCatalogue } from '@/lib/demo/catalogue';
import type { Db } from '@/lib/db/client';
import { customerAccounts } from '@/lib/db/schema';
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '@/lib/db/testing';
import { queryRows } from '@/lib/db/sql-rows';
import { OPERATOR, walletLedgerAccountId } from '@/lib/ledger/ledger-accounts';
import type { NewTransfer } from '@/lib/ledger/post-transfers';
import { recordIncident, type IncidentInput } from './record-incident';
import { recordUsage, type UsageEventInput } from './record-usage';

/** Test fixtures for billing: a migrated database with the demo catalogue. */
export const TZ = 'Asia/Shanghai';

export async function createBillingTestDatabase(kind: TestDatabaseKind, opts: { poolSize?: number } = {}): Promise<TestDatabase> {
  const t = await createTestDatabase(kind, opts);
  await seedDemoCatalogue(t.db);
  return t;
}

/** A daily charge of ¥1.06 (¥1.00 net + ¥0.06 VAT) out of the account's wallet, as settlement posts one. */
export function chargeOf106(accountId: string, idempotencyKey: string, effectiveAt: Date): NewTransfer {
  return {
    idempotencyKey,
    kind: 'charge',
    accountId,
    effectiveAt,
    legs: [
      { ledgerAccountId: walletLedgerAccountId(accountId), amountFen: -106n },
      { ledgerAccountId: OPERATOR.revenue, amountFen: 100n },
      { ledgerAccountId: OPERATOR.vatPayable, amountFen: 6n },
    ],
  };
}

export async function addAccounts(db: Db, ...ids: string[]): Promise<void> {
  await db
    .insert(customerAccounts)
    .values(ids.map((id) => ({ id, name: `Customer ${id}` })))
    .onConflictDoNothing();
}

export async function reportUsage(db: Db, now: Date, events: UsageEventInput[]): Promise<void> {
  const result = await recordUsage(db, events, { now, timeZone: TZ });
  if (!result.ok) throw new Error(`usage refused: ${result.message}`);
}

export async function reportIncident(db: Db, now: Date, incident: IncidentInput): Promise<void> {
  const result = await recordIncident(db, incident, { now, timeZone: TZ });
  if (!result.ok) throw new Error(`incident refused: ${result.message}`);
}

export interface LineView {
  key: string;
  kind: string;
  quantity: string;
  net: bigint;
  tax: bigint;
  gross: bigint;
}

export async function chargeLinesOf(db: Db, accountId: string): Promise<LineView[]> {
  const rows = await queryRows<{ key: string; kind: string; quantity: string; net: string; tax: string; gross: string }>(
    db,
    sql`select idempotency_key as key, kind, quantity::text as quantity, net_fen::text as net, tax_fen::text as tax, gross_fen::text as gross
        from charge_lines where account_id = ${accountId} order by id`,
  );
  return rows.map((r) => ({ key: r.key, kind: r.kind, quantity: r.quantity, net: BigInt(r.net), tax: BigInt(r.tax), gross: BigInt(r.gross) }));
}

/** Every transfer with its postings, in key order: two equal snapshots are the same ledger. */
export async function ledgerSnapshot(db: Db): Promise<string[]> {
  const rows = await queryRows<{ line: string }>(
    db,
    sql`select t.idempotency_key || ' ' || t.kind || ' ' ||
               string_agg(p.ledger_account_id || '=' || p.amount_fen::text, ',' order by p.ledger_account_id) as line
        from ledger_transfers t join ledger_postings p on p.transfer_id = t.id
        group by t.id, t.idempotency_key, t.kind
        order by t.idempotency_key`,
  );
  return rows.map((r) => r.line);
}

/** Empties every billing and ledger table (between property-test cases). TRUNCATE bypasses the append-only row triggers on purpose. */
export async function resetBilling(db: Db): Promise<void> {
  await db.execute(sql`truncate ledger_postings, ledger_transfers, charge_lines, penalties, usage_events, usage_late_keys, settled_days,
                       incidents, credit_reviews, wallet_status_changes, wallets, notices, low_balance_states cascade`);
  await db.execute(sql`delete from ledger_accounts where kind = 'wallet'`);
}
