import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { getAccountStatus, getWalletSnapshot } from '@/lib/billing/account-status';
import { queryRows } from '@/lib/db/sql-rows';
import { verifyBooks } from '@/lib/billing/verify-books';
import { creditWallet } from './credit-wallet';
import { runDueBilling } from './run-due-billing';
import { addAccounts, createBillingTestDatabase, reportUsage, resetBilling, TZ } from './testing';

const at = (iso: string) => new Date(iso);

describe.each(testDatabaseKinds())('suspension, grace, penalty and reinstatement on %s', (kind) => {
  let t: TestDatabase;
  const run = (iso: string) => runDueBilling(t.db, { now: at(iso), timeZone: TZ, jobs: [] });
  const balance = async () => (await getWalletSnapshot(t.db, 'S1'))?.balanceFen;
  const topUp = (fen: bigint, iso: string, key = `pay:${iso}`) =>
    creditWallet(t.db, { accountId: 'S1', amountFen: fen, idempotencyKey: key, source: 'top_up', reference: key, now: at(iso) });
  const penalties = async () =>
    (
      await queryRows<{ key: string; amount: string }>(
        t.db,
        sql`select t.idempotency_key as key, p.amount_fen::text as amount from penalties p join ledger_transfers t on t.id = p.transfer_id order by p.period_end`,
      )
    ).map((r) => [r.key, BigInt(r.amount)]);
  const penaltyLegs = async () =>
    Object.fromEntries(
      (
        await queryRows<{ account: string; amount: string }>(
          t.db,
          sql`select p.ledger_account_id as account, sum(p.amount_fen)::text as amount from ledger_postings p
              join ledger_transfers t on t.id = p.transfer_id where t.kind = 'penalty' group by p.ledger_account_id order by 1`,
        )
      ).map((r) => [r.account, BigInt(r.amount)]),
    );
  const notices = async () =>
    (await queryRows<{ kind: string }>(t.db, sql`select kind from notices where account_id = 'S1' order by created_at, kind`)).map((r) => r.kind);

  beforeAll(async () => {
    t = await createBillingTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  /** A day charge of exactly ¥100.00 on 03-09 (net 94.34 + VAT 5.66) on an empty wallet, settled 03-10 00:30. */
  beforeEach(async () => {
    await resetBilling(t.db);
    await addAccounts(t.db, 'S1');
    await reportUsage(t.db, at('2026-03-09T20:00:00+08:00'), [
      { id: 'day', account: 'S1', service: 'compute', quantity: '786.1667', occurredAt: '2026-03-09T12:00:00+08:00' },
    ]);
  });

  it('DESIGN worked example: −100.00 at 03-10 00:30 → suspended; grace to 03-11 00:30; penalty 0.30 at 03-12 00:30; top-up 100.30 at 03-12 09:00 reinstates; no further penalty', async () => {
    const settled = await run('2026-03-10T00:30:00+08:00');
    expect(settled.suspended).toEqual(['S1']);
    expect(await getAccountStatus(t.db, 'S1')).toEqual({
      id: 'S1',
      status: 'suspended',
      balance: '-100.00',
      currency: 'CNY',
      suspendedAt: '2026-03-09T16:30:00.000Z',
    });

    const inGrace = await run('2026-03-11T00:30:00+08:00');
    expect(inGrace.penalties.count).toBe(0);

    const overdue = await run('2026-03-12T00:30:00+08:00');
    expect(overdue.penalties.amountFen).toBe(30n);
    expect(await balance()).toBe(-10_030n);
    expect(await penalties()).toEqual([['penalty:S1:2026-03-10T16:30:00.000Z', 30n]]);
    // The penalty is VAT-inclusive and the arrears are all compute (VAT 6 %): one part of 0.30,
    // VAT = 30 × 0.06 / 1.06 = 1.698… fen → 2 fen (half up), net 0.28 to penalty income.
    expect(overdue.penalties.items[0].parts).toEqual([{ taxKind: 'vat', taxRate: '0.06', arrearsFen: 10_000n, grossFen: 30n, taxFen: 2n, netFen: 28n }]);
    expect(await penaltyLegs()).toEqual({ 'operator:penalty_income': 28n, 'operator:vat_payable': 2n, 'wallet:S1': -30n });

    const paid = await topUp(10_030n, '2026-03-12T09:00:00+08:00');
    expect(paid).toMatchObject({ posted: true, balanceFen: 0n, status: 'active', reinstated: true, paidServiceArrearsFen: 10_000n, paidPenaltiesFen: 30n });
    expect((await getAccountStatus(t.db, 'S1'))?.status).toBe('active');

    await run('2026-03-13T00:30:00+08:00');
    await run('2026-03-14T00:30:00+08:00');
    expect(await penalties()).toHaveLength(1);
    expect(await balance()).toBe(0n);
    expect(await notices()).toEqual(['suspended', 'penalty_posted', 'reinstated']);
    expect((await verifyBooks(t.db)).ok).toBe(true);
  });

  it('penalty period boundary: nothing at 03-12 00:29:59.999, the penalty at 00:30:00.000, once', async () => {
    await run('2026-03-10T00:30:00+08:00');
    expect((await run('2026-03-12T00:29:59.999+08:00')).penalties.count).toBe(0);
    expect((await run('2026-03-12T00:30:00.000+08:00')).penalties.count).toBe(1);
    expect((await run('2026-03-12T00:30:00.001+08:00')).penalties.count).toBe(0);
  });

  it('no compounding: each overdue day is 0.3 % of the service arrears only', async () => {
    await run('2026-03-10T00:30:00+08:00');
    await run('2026-03-15T00:30:00+08:00'); // overdue days ending 03-12, 03-13, 03-14 and 03-15 00:30
    expect((await penalties()).map(([, amount]) => amount)).toEqual([30n, 30n, 30n, 30n]);
    expect(await balance()).toBe(-10_120n);
  });

  it('a top-up pays service arrears first, then penalties; the account stays suspended until the balance is ≥ 0', async () => {
    await run('2026-03-10T00:30:00+08:00');
    await run('2026-03-12T00:30:00+08:00');
    const partial = await topUp(10_000n, '2026-03-12T09:00:00+08:00');
    expect(partial).toMatchObject({ balanceFen: -30n, status: 'suspended', reinstated: false, paidServiceArrearsFen: 10_000n, paidPenaltiesFen: 0n });
    // Only penalties are outstanding now: the next overdue day costs nothing (0.3 % of 0).
    await run('2026-03-13T00:30:00+08:00');
    expect(await balance()).toBe(-30n);
    const rest = await topUp(30n, '2026-03-13T08:00:00+08:00');
    expect(rest).toMatchObject({ balanceFen: 0n, status: 'active', reinstated: true, paidServiceArrearsFen: 0n, paidPenaltiesFen: 30n });
  });

  it('a partial payment during the overdue day lowers the base of its penalty', async () => {
    await run('2026-03-10T00:30:00+08:00');
    await topUp(5_000n, '2026-03-11T12:00:00+08:00');
    await run('2026-03-12T00:30:00+08:00');
    expect((await penalties()).map(([, amount]) => amount)).toEqual([15n]);
  });

  it('paying within the grace reinstates at once and no penalty is ever posted', async () => {
    await run('2026-03-10T00:30:00+08:00');
    const paid = await topUp(10_000n, '2026-03-10T18:00:00+08:00');
    expect(paid.reinstated).toBe(true);
    await run('2026-03-20T00:30:00+08:00');
    expect(await penalties()).toEqual([]);
  });

  it('a late scheduler changes nothing: a top-up first posts the penalty that fell due before it', async () => {
    await run('2026-03-10T00:30:00+08:00');
    // No run at 03-12 00:30; the customer pays ¥100.00 at 09:00.
    const paid = await topUp(10_000n, '2026-03-12T09:00:00+08:00');
    expect(paid).toMatchObject({ balanceFen: -30n, status: 'suspended', paidServiceArrearsFen: 10_000n });
    expect(await penalties()).toEqual([['penalty:S1:2026-03-10T16:30:00.000Z', 30n]]);
    await run('2026-03-12T10:00:00+08:00');
    expect(await penalties()).toHaveLength(1);
  });

  it('the same top-up twice is credited once', async () => {
    await run('2026-03-10T00:30:00+08:00');
    const first = await topUp(20_000n, '2026-03-10T09:00:00+08:00', 'pay:once');
    const second = await topUp(20_000n, '2026-03-10T09:01:00+08:00', 'pay:once');
    expect(first.posted).toBe(true);
    expect(second).toMatchObject({ posted: false, transferId: first.transferId, balanceFen: 10_000n, reinstated: false });
    expect(await notices()).toEqual(['suspended', 'reinstated']);
  });

  it('an adjustment credits the wallet from the operator adjustments account', async () => {
    const result = await creditWallet(t.db, {
      accountId: 'S1',
      amountFen: 500n,
      idempotencyKey: 'adj:1',
      source: 'adjustment',
      reference: 'ticket 42',
      now: at('2026-03-09T21:00:00+08:00'),
    });
    expect(result.balanceFen).toBe(500n);
    const legs = await queryRows<{ id: string; amount: string }>(
      t.db,
      sql`select p.ledger_account_id as id, p.amount_fen::text as amount from ledger_postings p join ledger_transfers t on t.id = p.transfer_id
          where t.idempotency_key = 'adj:1' order by 1`,
    );
    expect(legs).toEqual([
      { id: 'operator:adjustments', amount: '-500' },
      { id: 'wallet:S1', amount: '500' },
    ]);
  });
});
