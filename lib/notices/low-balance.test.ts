import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerAccounts, notices } from '@/lib/db/schema';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { evaluateLowBalance } from './low-balance';
import { insertCustomer } from './testing';

const T0 = new Date('2026-03-10T08:00:00Z');
const at = (i: number) => new Date(T0.getTime() + i * 60_000);

describe.each(testDatabaseKinds())('low balance alert on %s', (kind) => {
  let t: TestDatabase;
  let n = 0;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  async function customer(thresholdFen: bigint | null) {
    n += 1;
    return (await insertCustomer(t.db, { id: `L${kind}${n}`, lowBalanceThresholdFen: thresholdFen })).accountId;
  }
  const alerts = (accountId: string) => t.db.select().from(notices).where(and(eq(notices.accountId, accountId), eq(notices.kind, 'low_balance')));

  it('alerts once per crossing below the threshold, not once per posting', async () => {
    const accountId = await customer(5000n);
    const balances = [10_000n, 4_000n, 3_000n, 2_000n, 4_999n, 5_000n, 6_000n, 4_500n, 100n];
    const outcomes = [];
    for (const [i, balanceFen] of balances.entries()) outcomes.push(await evaluateLowBalance(t.db, { accountId, balanceFen, now: at(i) }));
    expect(outcomes).toEqual(['above', 'alerted', 'still_below', 'still_below', 'still_below', 'rearmed', 'above', 'alerted', 'still_below']);
    const rows = await alerts(accountId);
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.params).sort((a, b) => String(a.balanceFen).localeCompare(String(b.balanceFen)))).toEqual([
      { balanceFen: '4000', thresholdFen: '5000' },
      { balanceFen: '4500', thresholdFen: '5000' },
    ]);
  });

  it('no threshold set: no alert', async () => {
    const accountId = await customer(null);
    expect(await evaluateLowBalance(t.db, { accountId, balanceFen: -100n, now: T0 })).toBe('no_threshold');
    expect(await alerts(accountId)).toHaveLength(0);
  });

  it('a threshold raised above the balance alerts at the next posting', async () => {
    const accountId = await customer(1000n);
    expect(await evaluateLowBalance(t.db, { accountId, balanceFen: 2000n, now: at(0) })).toBe('above');
    await t.db.update(customerAccounts).set({ lowBalanceThresholdFen: 3000n }).where(eq(customerAccounts.id, accountId));
    expect(await evaluateLowBalance(t.db, { accountId, balanceFen: 1900n, now: at(1) })).toBe('alerted');
  });

  it('concurrent postings below the threshold alert once', async () => {
    const accountId = await customer(5000n);
    await Promise.all(Array.from({ length: 8 }, (_, i) => evaluateLowBalance(t.db, { accountId, balanceFen: BigInt(1000 + i), now: at(i) })));
    expect(await alerts(accountId)).toHaveLength(1);
  });

  it('property: alerts equal the number of downward crossings of the threshold', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: -2000, max: 8000 }), { minLength: 1, maxLength: 15 }), async (balances) => {
        const accountId = await customer(3000n);
        let below = false;
        let crossings = 0;
        for (const [i, b] of balances.entries()) {
          if (b < 3000 && !below) crossings += 1;
          below = b < 3000;
          await evaluateLowBalance(t.db, { accountId, balanceFen: BigInt(b), now: at(i) });
        }
        expect(await alerts(accountId)).toHaveLength(crossings);
      }),
      { numRuns: 25 },
    );
  });
});
