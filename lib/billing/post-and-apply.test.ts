import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { OPERATOR, walletLedgerAccountId } from '@/lib/ledger/ledger-accounts';
import type { NewTransfer } from '@/lib/ledger/post-transfers';
import { queryRows } from '@/lib/db/sql-rows';
import { getWalletSnapshot } from './account-status';
import { postAndApply, postAndApplyOne } from './post-and-apply';
import { addAccounts, chargeOf106, resetBilling } from './testing';

const now = new Date('2026-03-10T00:00:00Z');

function move(key: string, kind: NewTransfer['kind'], accountId: string, fen: bigint, other: string): NewTransfer {
  return {
    idempotencyKey: key,
    kind,
    accountId,
    effectiveAt: now,
    legs: [
      { ledgerAccountId: walletLedgerAccountId(accountId), amountFen: fen },
      { ledgerAccountId: other, amountFen: -fen },
    ],
  };
}

/** What a posting means for the account: billing's step after the ledger's double entry. */
describe.each(testDatabaseKinds())('postAndApply on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await resetBilling(t.db);
    await addAccounts(t.db, 'P1', 'P2');
  });

  it('a posting that leaves the balance below zero suspends the account at that moment, with a notice', async () => {
    const result = await postAndApplyOne(t.db, chargeOf106('P1', 'charge:P1', now));
    expect(result.transitions.suspended).toEqual(['P1']);
    expect((await getWalletSnapshot(t.db, 'P1'))?.suspendedAt?.toISOString()).toBe(now.toISOString());
    const notices = await queryRows<{ kind: string; dedupe_key: string }>(t.db, sql`select kind, dedupe_key from notices where account_id = 'P1'`);
    expect(notices).toEqual([{ kind: 'suspended', dedupe_key: `suspended:P1:${now.toISOString()}` }]);
  });

  it('deferred: reports the wallets needing a status change and changes nothing yet', async () => {
    const result = await postAndApply(t.db, { transfers: [move('charge:P2', 'charge', 'P2', -50n, OPERATOR.revenue)] }, { at: now, deferWalletStatus: true });
    expect(result).toMatchObject({ posted: 1, attention: ['P2'], transitions: { suspended: [], reinstated: [] } });
    expect((await getWalletSnapshot(t.db, 'P2'))?.status).toBe('active');
  });

  it('a penalty adds to the penalty arrears; a credit pays service arrears first, so penalty arrears never exceed the debt', async () => {
    await postAndApplyOne(t.db, move('charge:P1', 'charge', 'P1', -10_000n, OPERATOR.revenue));
    await postAndApplyOne(t.db, move('penalty:P1', 'penalty', 'P1', -30n, OPERATOR.penaltyIncome));
    expect(await getWalletSnapshot(t.db, 'P1')).toMatchObject({ balanceFen: -10_030n, serviceArrearsFen: 10_000n, penaltyArrearsFen: 30n });
    // The same penalty again is no posting and adds nothing.
    expect((await postAndApplyOne(t.db, move('penalty:P1', 'penalty', 'P1', -30n, OPERATOR.penaltyIncome))).posted).toBe(false);
    await postAndApplyOne(t.db, move('pay:1', 'top_up', 'P1', 10_010n, OPERATOR.cash));
    expect(await getWalletSnapshot(t.db, 'P1')).toMatchObject({ balanceFen: -20n, serviceArrearsFen: 0n, penaltyArrearsFen: 20n, status: 'suspended' });
    const reinstated = await postAndApplyOne(t.db, move('pay:2', 'top_up', 'P1', 20n, OPERATOR.cash));
    expect(reinstated.transitions.reinstated).toEqual(['P1']);
    expect(await getWalletSnapshot(t.db, 'P1')).toMatchObject({ balanceFen: 0n, penaltyArrearsFen: 0n, status: 'active' });
  });

  it('a bulk (set-based) posting may not carry penalties, and then posts nothing', async () => {
    const [{ id }] = await queryRows<{ id: string }>(t.db, sql`select nextval('ledger_transfers_id_seq')::text as id`);
    const transfer = sql`${id}::bigint`;
    const bulk = {
      transfers: sql`select ${transfer} as id, 'penalty:bulk' as idempotency_key, 'penalty' as kind, 'P2' as customer_account_id,
                            ${now}::timestamptz as effective_at, null::text as reference, null::text as memo`,
      legs: sql`select ${transfer} as transfer_id, 'wallet:P2' as ledger_account_id, -30::bigint as amount_fen
                union all select ${transfer}, ${OPERATOR.penaltyIncome}, 30::bigint`,
    };
    await expect(postAndApply(t.db, bulk, { at: now })).rejects.toThrow(/explicit transfers/);
    expect(await queryRows(t.db, sql`select 1 from ledger_transfers where idempotency_key = 'penalty:bulk'`)).toEqual([]);
  });
});
