import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithAccount } from '@/lib/accounts/customer-accounts';
import { creditWallet } from '@/lib/billing/credit-wallet';
import { emptyHistoryFilter } from '@/lib/charges/history-filter';
import { listWalletMovements } from '@/lib/charges/wallet-history';
import { closeRawConnection, getDb, getReadDb, openReadConnection, setProcessConnection, setProcessReadConnection, type Db, type RawConnection } from './client';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from './testing';

async function databaseName(db: Db): Promise<string> {
  const result = await db.execute(sql`select current_database() as name`);
  return (result.rows[0] as { name: string }).name;
}

describe.each(testDatabaseKinds())('without DATABASE_READ_URL (%s)', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  it('getReadDb() is the primary, and no replica is opened', async () => {
    setProcessConnection(t.raw);
    setProcessReadConnection(await openReadConnection({ databaseUrl: t.url, databaseReadUrl: null, dataDir: '/nonexistent' }));
    expect(getReadDb()).toBe(getDb());
  });
});

/*
 * Two databases stand for a primary and a replica that has not caught up: what a read through
 * getReadDb() finds is the replica's, and a write through getDb() lands on the primary only.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)('with DATABASE_READ_URL (postgres)', () => {
  let primary: TestDatabase;
  let replica: TestDatabase;
  let readRaw: RawConnection | null = null;
  beforeAll(async () => {
    primary = await createTestDatabase('postgres');
    replica = await createTestDatabase('postgres');
  });
  afterEach(() => setProcessReadConnection(null));
  afterAll(async () => {
    if (readRaw) await closeRawConnection(readRaw);
    await primary?.close();
    await replica?.close();
  });

  it('history reads go to the replica URL; writes (and the balance read after them) go to the primary', async () => {
    setProcessConnection(primary.raw);
    readRaw = await openReadConnection({ databaseUrl: primary.url, databaseReadUrl: replica.url, dataDir: '/nonexistent' });
    setProcessReadConnection(readRaw);
    const [primaryName, replicaName] = [await databaseName(primary.db), await databaseName(replica.db)];
    expect(await databaseName(getReadDb())).toBe(replicaName);
    expect(await databaseName(getDb())).toBe(primaryName);

    // The same customer on both (as replication would have copied it), then a top-up on the primary.
    const now = new Date();
    const user = await createUserWithAccount(getDb(), { email: 'replica-reader@demo.test', name: 'reader', now });
    await replica.db.execute(sql`insert into customer_accounts (id, name) values (${user.accountId}, 'reader')`);
    await creditWallet(getDb(), { accountId: user.accountId, amountFen: 5_000n, idempotencyKey: 'replica-test:1', source: 'top_up', now });
    const countIn = async (db: Db) => Number(((await db.execute(sql`select count(*)::int as n from ledger_transfers`)).rows[0] as { n: number }).n);
    expect(await countIn(primary.db)).toBe(1);
    expect(await countIn(replica.db)).toBe(0);

    // The history loader through getReadDb() reads the replica (not caught up: nothing yet) …
    const query = { accountId: user.accountId, filter: emptyHistoryFilter, after: null, limit: 50, timeZone: 'Asia/Shanghai' };
    expect((await listWalletMovements(getReadDb(), query)).movements).toHaveLength(0);
    // … while the primary has the movement.
    expect((await listWalletMovements(getDb(), query)).movements).toHaveLength(1);
  });
});
