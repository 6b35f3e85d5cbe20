import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '@/lib/db/schema';
import { testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { getWalletSnapshot } from '@/lib/billing/account-status';
import { queryRows } from '@/lib/db/sql-rows';
import { verifyBooks } from '@/lib/billing/verify-books';
import { seedDemoMoneyHistory } from './money-history';
import { runDueBilling } from '@/lib/billing/run-due-billing';
import { addAccounts, createBillingTestDatabase, ledgerSnapshot, reportUsage, resetBilling, TZ } from '@/lib/billing/testing';

const NOW = new Date('2026-03-15T10:00:00+08:00');

describe.each(testDatabaseKinds())('demo money history on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createBillingTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  it('does nothing when the demo customers do not exist', async () => {
    expect(await seedDemoMoneyHistory(t.db, { now: NOW, timeZone: TZ })).toMatchObject({ seeded: [], runs: 0 });
  });

  it('gives alice and bob six months of usage, outages, a paid suspension (alice) and healthy balances; twice is once', async () => {
    await addAccounts(t.db, 'A200000001', 'A200000002');
    await t.db.insert(users).values([
      { email: 'alice@demo.test', name: 'Alice', accountId: 'A200000001' },
      { email: 'bob@demo.test', name: 'Bob', accountId: 'A200000002' },
    ]);
    const result = await seedDemoMoneyHistory(t.db, { now: NOW, timeZone: TZ });
    expect(result.seeded).toEqual(['A200000001', 'A200000002']);
    console.log(`demo money history on ${kind}: ${result.runs} billing runs in ${result.ms} ms`);

    const lines = await queryRows<{ account_id: string; kind: string; days: string; services: string }>(
      t.db,
      sql`select account_id, kind, count(distinct service_day)::text as days, count(distinct service_id)::text as services
          from charge_lines group by 1, 2 order by 1, 2`,
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        { account_id: 'A200000001', kind: 'usage', days: '182', services: '3' },
        { account_id: 'A200000002', kind: 'usage', days: '182', services: '3' },
        expect.objectContaining({ account_id: 'A200000001', kind: 'sla_credit' }),
        expect.objectContaining({ account_id: 'A200000002', kind: 'sla_credit' }),
      ]),
    );
    const changes = await queryRows<{ status: string }>(t.db, sql`select status from wallet_status_changes where account_id = 'A200000001' order by at`);
    expect(changes.map((c) => c.status)).toEqual(['suspended', 'reinstated']);
    const [penalties] = await queryRows<{ n: string }>(t.db, sql`select count(*)::text as n from penalties where account_id = 'A200000001' and amount_fen > 0`);
    expect(Number(penalties.n)).toBeGreaterThanOrEqual(1);

    const alice = await getWalletSnapshot(t.db, 'A200000001');
    const bob = await getWalletSnapshot(t.db, 'A200000002');
    expect(alice).toMatchObject({ status: 'active', penaltyArrearsFen: 0n });
    expect(alice?.balanceFen).toBeGreaterThan(10_000n);
    expect(bob).toMatchObject({ status: 'active' });
    expect(bob?.balanceFen).toBeGreaterThan(500_000n);
    expect((await verifyBooks(t.db)).ok).toBe(true);

    await expectNoDayBilledBeforeItEnded();

    const before = await ledgerSnapshot(t.db);
    expect(await seedDemoMoneyHistory(t.db, { now: NOW, timeZone: TZ })).toMatchObject({ seeded: [] });
    expect(await ledgerSnapshot(t.db)).toEqual(before);
  });

  it('still builds a proper history when the scheduler settled recent days before the seed ran', async () => {
    await resetBilling(t.db);
    await addAccounts(t.db, 'A200000009');
    await reportUsage(t.db, new Date('2026-03-14T12:00:00+08:00'), [
      { id: 'other', account: 'A200000009', service: 'compute', quantity: '1', occurredAt: '2026-03-14T11:00:00+08:00' },
    ]);
    await runDueBilling(t.db, { now: NOW, timeZone: TZ, jobs: [] });
    expect((await seedDemoMoneyHistory(t.db, { now: NOW, timeZone: TZ })).seeded).toHaveLength(2);
    await expectNoDayBilledBeforeItEnded();
    const changes = await queryRows<{ status: string }>(t.db, sql`select status from wallet_status_changes where account_id = 'A200000001' order by at`);
    expect(changes.map((c) => c.status)).toEqual(['suspended', 'reinstated']);
    expect((await verifyBooks(t.db)).ok).toBe(true);
  });

  async function expectNoDayBilledBeforeItEnded(): Promise<void> {
    const early = await queryRows<{ n: string }>(
      t.db,
      sql`select count(*)::text as n from charge_lines where posted_at < (service_day + 1)::timestamp at time zone 'Asia/Shanghai'`,
    );
    expect(early[0].n).toBe('0');
  }
});
