import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { creditWallet } from '@/lib/billing/credit-wallet';
import { addAccounts, createBillingTestDatabase, resetBilling } from '@/lib/billing/testing';
import type { Db } from '@/lib/db/client';
import { migrationsFolder } from '@/lib/db/migrate';
import { testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { getWalletSnapshot } from '@/lib/billing/account-status';
import { OPERATOR, walletLedgerAccountId } from '@/lib/ledger/ledger-accounts';
import { postAndApply } from '@/lib/billing/post-and-apply';
import { queryRows } from '@/lib/db/sql-rows';
import { verifyBooks } from '@/lib/billing/verify-books';

/*
 * The running balance the history shows is stored with each wallet posting (balance_after_fen),
 * written by the posting statement. These tests hold it to the balance after each movement, also
 * when transactions interleave, and check that verification and the migration's backfill agree.
 */

const at = new Date('2026-03-10T08:00:00Z');
const credit = (db: Db, accountId: string, fen: bigint, key: string) => creditWallet(db, { accountId, amountFen: fen, idempotencyKey: key, source: 'top_up', now: at });

async function postings(db: Db, accountId: string): Promise<{ id: bigint; amount: bigint; after: bigint | null }[]> {
  const rows = await queryRows<{ id: string; amount: string; after: string | null }>(
    db,
    sql`select transfer_id::text as id, amount_fen::text as amount, balance_after_fen::text as after
        from ledger_postings where ledger_account_id = ${walletLedgerAccountId(accountId)} order by transfer_id`,
  );
  return rows.map((r) => ({ id: BigInt(r.id), amount: BigInt(r.amount), after: r.after === null ? null : BigInt(r.after) }));
}

/** One batch of three transfers to one wallet, as a billing run posts them. */
async function batch(db: Db, accountId: string, prefix: string, amounts: bigint[]): Promise<void> {
  await postAndApply(
    db,
    {
      transfers: amounts.map((fen, i) => ({
        idempotencyKey: `${prefix}:${i}`,
        kind: fen < 0n ? ('charge' as const) : ('adjustment' as const),
        accountId,
        effectiveAt: at,
        legs: [
          { ledgerAccountId: walletLedgerAccountId(accountId), amountFen: fen },
          { ledgerAccountId: fen < 0n ? OPERATOR.revenue : OPERATOR.adjustments, amountFen: -fen },
        ],
      })),
    },
    { at },
  );
}

describe.each(testDatabaseKinds())('running balances on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createBillingTestDatabase(kind);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await resetBilling(t.db);
    await addAccounts(t.db, 'R1', 'R2');
  });

  it('each wallet posting records the balance right after it, within a batch and across batches', async () => {
    await credit(t.db, 'R1', 1_000n, 'pay:1');
    await batch(t.db, 'R1', 'b1', [-300n, -450n, 25n]);
    await batch(t.db, 'R2', 'b2', [500n]);
    await batch(t.db, 'R1', 'b3', [-400n, 100n]);
    expect((await postings(t.db, 'R1')).map((p) => p.after)).toEqual([1_000n, 700n, 250n, 275n, -125n, -25n]);
    expect((await postings(t.db, 'R2')).map((p) => p.after)).toEqual([500n]);
    expect((await getWalletSnapshot(t.db, 'R1'))?.balanceFen).toBe(-25n);
    // Operator postings carry none.
    const [operator] = await queryRows<{ n: string }>(t.db, sql`select count(*)::text as n from ledger_postings where ledger_account_id not like 'wallet:%' and balance_after_fen is not null`);
    expect(operator.n).toBe('0');
    expect((await verifyBooks(t.db)).ok).toBe(true);
  });

  it('a retried batch posts nothing and leaves the running balances as they were', async () => {
    await batch(t.db, 'R1', 'b1', [100n, 200n]);
    await batch(t.db, 'R1', 'b1', [100n, 200n]);
    await batch(t.db, 'R1', 'b2', [-50n]);
    expect((await postings(t.db, 'R1')).map((p) => p.after)).toEqual([100n, 300n, 250n]);
  });

  it('verification finds a running balance that does not chain, and a wallet posting without one', async () => {
    await batch(t.db, 'R1', 'b1', [100n, 200n]);
    await t.db.execute(sql`alter table ledger_postings disable trigger ledger_postings_append_only`);
    try {
      await t.db.execute(sql`update ledger_postings set balance_after_fen = 150 where ledger_account_id = 'wallet:R1' and amount_fen = 100`);
      expect(await verifyBooks(t.db)).toMatchObject({ ok: false, runningBalanceMismatches: ['wallet:R1'] });
      await t.db.execute(sql`update ledger_postings set balance_after_fen = null where ledger_account_id = 'wallet:R1' and amount_fen = 100`);
      expect(await verifyBooks(t.db)).toMatchObject({ ok: false, runningBalanceMismatches: ['wallet:R1'] });
    } finally {
      await t.db.execute(sql`alter table ledger_postings enable trigger ledger_postings_append_only`);
    }
  });

  it('the migration backfills postings written before the column existed', async () => {
    await credit(t.db, 'R1', 1_000n, 'pay:1');
    await batch(t.db, 'R1', 'b1', [-300n, -450n]);
    await batch(t.db, 'R2', 'b2', [500n, 7n]);
    const expected = [...(await postings(t.db, 'R1')), ...(await postings(t.db, 'R2'))];
    await t.db.execute(sql`alter table ledger_postings disable trigger ledger_postings_append_only`);
    await t.db.execute(sql`update ledger_postings set balance_after_fen = null`);
    await t.db.execute(sql`alter table ledger_postings enable trigger ledger_postings_append_only`);
    const backfill = readFileSync(path.join(migrationsFolder, '0014_ledger-balance-after-backfill.sql'), 'utf8');
    for (const statement of backfill.split('--> statement-breakpoint')) await t.db.execute(sql.raw(statement));
    expect([...(await postings(t.db, 'R1')), ...(await postings(t.db, 'R2'))]).toEqual(expected);
    expect((await verifyBooks(t.db)).ok).toBe(true);
    // The trigger is back.
    await expect(t.db.execute(sql`update ledger_postings set amount_fen = 1`)).rejects.toThrow();
  });
});

describe.runIf(testDatabaseKinds().includes('postgres'))('running balances with interleaved transactions on PostgreSQL', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createBillingTestDatabase('postgres');
    await addAccounts(t.db, 'R1');
  });
  afterAll(async () => t?.close());

  it('follow the order the wallet was moved in, not the transfer ids (allocated before the wallet is locked)', async () => {
    await credit(t.db, 'R1', 1_000n, 'pay:1');
    let allocated: () => void = () => {};
    const idAllocated = new Promise<void>((resolve) => (allocated = resolve));
    let proceed: () => void = () => {};
    const mayProceed = new Promise<void>((resolve) => (proceed = resolve));
    // A run allocates its transfer id, then a top-up commits, then the run posts with the older id.
    const run = t.db.transaction(async (tx) => {
      const [row] = await queryRows<{ id: string }>(tx, sql`select nextval('ledger_transfers_id_seq')::text as id`);
      allocated();
      await mayProceed;
      const id = sql`${row.id}::bigint`;
      await postAndApply(
        tx,
        {
          transfers: sql`select ${id} as id, 'charge:late' as idempotency_key, 'charge' as kind, 'R1' as customer_account_id,
                                ${at}::timestamptz as effective_at, null::text as reference, null::text as memo`,
          legs: sql`select ${id} as transfer_id, 'wallet:R1' as ledger_account_id, -300::bigint as amount_fen
                    union all select ${id}, ${OPERATOR.revenue}, 300::bigint`,
        },
        { at },
      );
      return BigInt(row.id);
    });
    await idAllocated;
    const topUp = await credit(t.db, 'R1', 500n, 'pay:2');
    proceed();
    const chargeId = await run;
    expect(chargeId).toBeLessThan(topUp.transferId);
    const byId = new Map((await postings(t.db, 'R1')).map((p) => [p.id, p.after]));
    // The top-up came first: 1,000 + 500; then the charge: 1,500 − 300.
    expect(byId.get(topUp.transferId)).toBe(1_500n);
    expect(byId.get(chargeId)).toBe(1_200n);
    expect((await getWalletSnapshot(t.db, 'R1'))?.balanceFen).toBe(1_200n);
    expect((await verifyBooks(t.db)).ok).toBe(true);
  });
});
