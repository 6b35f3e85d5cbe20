import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { OPERATOR, walletLedgerAccountId } from './ledger-accounts';
import { LedgerIntegrityError, postLedgerTransfer, postLedgerTransfers, type NewTransfer } from './post-transfers';
import { queryRows } from '@/lib/db/sql-rows';
import { verifyLedger } from './verify-ledger';

const now = new Date('2026-03-10T00:00:00Z');

/** The database's own message of a failed query (drizzle wraps it). */
async function causeOf(query: Promise<unknown>): Promise<string> {
  try {
    await query;
    return 'no error';
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    return cause instanceof Error ? cause.message : String(cause);
  }
}

function topUp(key: string, accountId: string, fen: bigint): NewTransfer {
  return {
    idempotencyKey: key,
    kind: 'top_up',
    accountId,
    effectiveAt: now,
    legs: [
      { ledgerAccountId: walletLedgerAccountId(accountId), amountFen: fen },
      { ledgerAccountId: OPERATOR.cash, amountFen: -fen },
    ],
  };
}

/**
 * The ledger alone (double entry, no billing rules: what a posting means for the account is
 * lib/billing/post-and-apply.test.ts).
 */
describe.each(testDatabaseKinds())('the ledger on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.db.execute(sql`truncate ledger_postings, ledger_transfers, wallets cascade`);
    await t.db.execute(sql`delete from ledger_accounts where kind = 'wallet'`);
    await t.db.execute(sql`insert into customer_accounts (id, name) values ('L1', 'Customer L1'), ('L2', 'Customer L2') on conflict do nothing`);
  });

  const balanceOf = async (accountId: string) =>
    BigInt((await queryRows<{ balance: string }>(t.db, sql`select balance_fen::text as balance from wallets where account_id = ${accountId}`))[0].balance);

  const count = async () => (await verifyLedger(t.db)).transfers;

  it('posts a balanced transfer once per idempotency key and keeps the cached balance equal to Σ postings', async () => {
    const first = await postLedgerTransfer(t.db, topUp('pay:1', 'L1', 1_234n));
    const again = await postLedgerTransfer(t.db, topUp('pay:1', 'L1', 9_999n));
    expect(first.posted).toBe(true);
    expect(again).toMatchObject({ posted: false, transferId: first.transferId });
    expect(await balanceOf('L1')).toBe(1_234n);
    expect(await verifyLedger(t.db)).toMatchObject({ ok: true, transfers: 1, postings: 2, totalFen: 0n });
  });

  it('refuses an unbalanced transfer and writes nothing', async () => {
    const bad = topUp('pay:bad', 'L1', 100n);
    bad.legs[1].amountFen = -99n;
    await expect(postLedgerTransfer(t.db, bad)).rejects.toBeInstanceOf(LedgerIntegrityError);
    expect(await count()).toBe(0);
  });

  it("refuses to move another account's wallet (no transfers between customers)", async () => {
    const theft: NewTransfer = {
      idempotencyKey: 'move',
      kind: 'adjustment',
      accountId: 'L1',
      effectiveAt: now,
      legs: [
        { ledgerAccountId: walletLedgerAccountId('L1'), amountFen: 100n },
        { ledgerAccountId: walletLedgerAccountId('L2'), amountFen: -100n },
      ],
    };
    await expect(postLedgerTransfer(t.db, theft)).rejects.toBeInstanceOf(LedgerIntegrityError);
    expect(await count()).toBe(0);
  });

  it('refuses an unknown ledger account and a transfer without postings', async () => {
    const unknown = topUp('pay:x', 'L1', 100n);
    unknown.legs[1].ledgerAccountId = 'operator:nowhere';
    await expect(postLedgerTransfer(t.db, unknown)).rejects.toBeInstanceOf(LedgerIntegrityError);
    const empty = topUp('pay:y', 'L1', 0n);
    await expect(postLedgerTransfer(t.db, empty)).rejects.toBeInstanceOf(LedgerIntegrityError);
    expect(await count()).toBe(0);
  });

  it('a batch is all or nothing', async () => {
    const good = topUp('pay:good', 'L1', 100n);
    const bad = topUp('pay:bad', 'L2', 100n);
    bad.legs[0].amountFen = 101n;
    await expect(postLedgerTransfers(t.db, { transfers: [good, bad] }, { at: now })).rejects.toBeInstanceOf(LedgerIntegrityError);
    expect(await count()).toBe(0);
  });

  it('the ledger is append-only: the database refuses UPDATE and DELETE of transfers and postings', async () => {
    await postLedgerTransfer(t.db, topUp('pay:1', 'L1', 100n));
    await expect(causeOf(t.db.execute(sql`update ledger_postings set amount_fen = 1`))).resolves.toMatch(/append-only/);
    await expect(causeOf(t.db.execute(sql`delete from ledger_transfers`))).resolves.toMatch(/append-only/);
    expect((await verifyLedger(t.db)).ok).toBe(true);
  });

  it('verification finds a cached balance that disagrees with the postings', async () => {
    await postLedgerTransfer(t.db, topUp('pay:1', 'L1', 100n));
    await t.db.execute(sql`update wallets set balance_fen = 101 where account_id = 'L1'`);
    const result = await verifyLedger(t.db);
    expect(result.ok).toBe(false);
    expect(result.walletMismatches).toEqual([{ accountId: 'L1', cachedFen: 101n, postedFen: 100n }]);
  });
});
