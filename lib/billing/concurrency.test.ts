import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drizzleFor, type Db } from '@/lib/db/client';
import { openTestPool, testDatabaseKinds, type TestDatabase, type TestDatabaseKind } from '@/lib/db/testing';
import { getWalletSnapshot } from '@/lib/billing/account-status';
import { verifyBooks } from '@/lib/billing/verify-books';
import { creditWallet, type WalletCredit } from './credit-wallet';
import { runDueBilling } from './run-due-billing';
import { addAccounts, createBillingTestDatabase, ledgerSnapshot, reportIncident, reportUsage, resetBilling, TZ } from './testing';

const ACCOUNTS = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6'];
const at = (iso: string) => new Date(iso);
const RUN_AT = at('2026-03-10T00:30:00+08:00');

/** Three days of usage, two incidents, one account suspended since 03-08 00:30 and overdue by 03-10 00:30. */
async function scenario(db: Db): Promise<void> {
  await addAccounts(db, ...ACCOUNTS);
  for (const [i, id] of ACCOUNTS.entries()) {
    if (id !== 'C6') await creditWallet(db, { accountId: id, amountFen: 50_000n + BigInt(i), idempotencyKey: `seed:${id}`, source: 'top_up', now: at('2026-03-06T00:00:00Z') });
  }
  for (const day of ['2026-03-07', '2026-03-08', '2026-03-09']) {
    await reportUsage(
      db,
      at(`${day}T23:00:00+08:00`),
      ACCOUNTS.flatMap((account, i) =>
        ['compute', 'storage', 'traffic'].map((service, j) => ({
          id: `${account}-${service}-${day}`,
          account,
          service,
          quantity: `${(i + 1) * 7 + j}.${(i * 37 + j * 11) % 1000}`,
          occurredAt: `${day}T${String(8 + j).padStart(2, '0')}:15:00+08:00`,
        })),
      ),
    );
  }
  await runDueBilling(db, { now: at('2026-03-08T00:30:00+08:00'), timeZone: TZ, jobs: [] }); // settles 03-07; C6 suspended
  await reportIncident(db, at('2026-03-09T20:00:00+08:00'), {
    id: 'inc-all',
    service: 'compute',
    startedAt: '2026-03-08T23:00:00+08:00',
    endedAt: '2026-03-09T01:30:00+08:00',
  });
  await reportIncident(db, at('2026-03-09T20:00:00+08:00'), {
    id: 'inc-c2',
    service: 'traffic',
    startedAt: '2026-03-09T10:00:00+08:00',
    endedAt: '2026-03-09T10:00:59.010+08:00',
    accounts: ['C2'],
  });
}

/** Credits arriving at the moment of the run (one of them twice). */
const credits: WalletCredit[] = [
  ...['C1', 'C2', 'C3', 'C6'].map((accountId, i) => ({
    accountId,
    amountFen: 1_000n * BigInt(i + 1),
    idempotencyKey: `pay:${accountId}`,
    source: 'top_up' as const,
    now: RUN_AT,
  })),
  { accountId: 'C3', amountFen: 3_000n, idempotencyKey: 'pay:C3', source: 'top_up', now: RUN_AT },
];

async function state(db: Db): Promise<{ ledger: string[]; balances: (bigint | undefined)[] }> {
  const balances = [];
  for (const id of ACCOUNTS) balances.push((await getWalletSnapshot(db, id))?.balanceFen);
  return { ledger: await ledgerSnapshot(db), balances };
}

async function reference(kind: TestDatabaseKind, withCredits: boolean): Promise<{ ledger: string[]; balances: (bigint | undefined)[] }> {
  const t = await createBillingTestDatabase(kind);
  try {
    await scenario(t.db);
    await runDueBilling(t.db, { now: RUN_AT, timeZone: TZ, jobs: [] });
    if (withCredits) for (const credit of credits) await creditWallet(t.db, credit);
    return await state(t.db);
  } finally {
    await t.close();
  }
}

const open: TestDatabase[] = [];
afterAll(async () => {
  for (const t of open) await t.close();
});

describe.runIf(testDatabaseKinds().includes('postgres'))('several instances on PostgreSQL', () => {
  it('8 settlement runs in parallel plus concurrent wallet credits give the same ledger as one serial run', async () => {
    const expected = await reference('postgres', true);
    const t = await createBillingTestDatabase('postgres', { poolSize: 24 });
    open.push(t);
    await scenario(t.db);
    // Separate pools behave like separate instances.
    const instances = Array.from({ length: 8 }, () => openTestPool(t, 2));
    try {
      const runs = instances.map((pool) => runDueBilling(drizzleFor({ kind: 'postgres', pool }), { now: RUN_AT, timeZone: TZ, jobs: [] }));
      const paid = credits.map((credit) => creditWallet(t.db, credit));
      const summaries = await Promise.all(runs);
      await Promise.all(paid);
      // Exactly one instance settled 03-08 and 03-09; the others found nothing to do.
      expect(summaries.filter((s) => s.settledDays.length > 0).map((s) => s.settledDays)).toEqual([['2026-03-08', '2026-03-09']]);
      expect(summaries.reduce((n, s) => n + s.penalties.count, 0)).toBeLessThanOrEqual(1);
    } finally {
      for (const pool of instances) await pool.end();
    }
    expect(await state(t.db)).toEqual(expected);
    expect((await verifyBooks(t.db)).ok).toBe(true);
  });

  it('a run whose connection is killed midway is rolled back, and the next run converges to the same ledger', async () => {
    const expected = await reference('postgres', false);
    const t = await createBillingTestDatabase('postgres');
    open.push(t);
    await scenario(t.db);
    // The instance whose connection gets killed: its clients report the end, which is the point here.
    const victim = openTestPool(t, 1);
    victim.on('connect', (client) => client.on('error', () => {}));
    victim.on('error', () => {});
    const killer = new pg.Client({ connectionString: t.url ?? '' });
    await killer.connect();
    try {
      const killed = runDueBilling(drizzleFor({ kind: 'postgres', pool: victim }), {
        now: RUN_AT,
        timeZone: TZ,
        jobs: [],
        hooks: {
          afterPosting: async (step, tx) => {
            if (step !== 'settle') return;
            const [row] = (await tx.execute(sql`select pg_backend_pid() as pid`)).rows as { pid: number }[];
            await killer.query('select pg_terminate_backend($1)', [row.pid]);
            await tx.execute(sql`select 1`);
          },
        },
      });
      await expect(killed).rejects.toThrow();
    } finally {
      await killer.end();
      await victim.end();
    }
    await runDueBilling(t.db, { now: RUN_AT, timeZone: TZ, jobs: [] });
    expect(await state(t.db)).toEqual(expected);
  });
});

describe.each(testDatabaseKinds())('an aborted run on %s', (kind) => {
  let t: TestDatabase;
  let expected: { ledger: string[]; balances: (bigint | undefined)[] };
  beforeAll(async () => {
    t = await createBillingTestDatabase(kind);
    open.push(t);
    await scenario(t.db);
    await runDueBilling(t.db, { now: RUN_AT, timeZone: TZ, jobs: [] });
    expected = await state(t.db);
  });

  it.each(['penalties', 'settle', 'late-usage', 'outage-credits'])('aborting after the postings of step %s and re-running converges to the same ledger', async (failing) => {
    await resetBilling(t.db);
    await scenario(t.db);
    await reportUsage(t.db, at('2026-03-08T09:00:00+08:00'), [
      { id: 'late-C1', account: 'C1', service: 'compute', quantity: '1', occurredAt: '2026-03-07T12:00:00+08:00' },
    ]);
    const aborted = runDueBilling(t.db, {
      now: RUN_AT,
      timeZone: TZ,
      jobs: [],
      hooks: {
        afterPosting: async (step) => {
          if (step === failing) throw new Error(`abort in ${step}`);
        },
      },
    });
    await expect(aborted).rejects.toThrow(`abort in ${failing}`);
    await runDueBilling(t.db, { now: RUN_AT, timeZone: TZ, jobs: [] });
    const result = await state(t.db);
    // The late usage line is the only difference from the reference, which never saw it.
    expect(result.ledger.filter((line) => !line.startsWith('charge:C1:compute:2026-03-07:s1'))).toEqual(expected.ledger);
    expect((await verifyBooks(t.db)).ok).toBe(true);
  });
});
