import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerAccounts } from './schema';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from './testing';

describe.each(testDatabaseKinds())('database on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  it('returns bigints beyond 2^53 exactly', async () => {
    await t.db.insert(customerAccounts).values({ id: 'A1', name: 'x', lowBalanceThresholdFen: 9007199254740993n });
    const [row] = await t.db.select().from(customerAccounts);
    expect(row.lowBalanceThresholdFen).toBe(9007199254740993n);
    const r = await t.db.execute(sql`select 1 as one`);
    expect(r.rows[0]).toEqual({ one: 1 });
  });
});
