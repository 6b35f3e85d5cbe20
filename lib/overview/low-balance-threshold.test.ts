import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditWallet } from '@/lib/billing/credit-wallet';
import { activityRecords, notices } from '@/lib/db/schema';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { insertCustomer } from '@/lib/notices/testing';
import { getLowBalanceThreshold, parseLowBalanceThreshold, setLowBalanceThreshold } from './low-balance-threshold';

describe('the typed threshold', () => {
  it('reads yuan with up to two decimals, a ¥ sign and grouping; empty clears', () => {
    expect(parseLowBalanceThreshold('100')).toEqual({ ok: true, thresholdFen: 10_000n });
    expect(parseLowBalanceThreshold(' ¥1,000.5 ')).toEqual({ ok: true, thresholdFen: 100_050n });
    expect(parseLowBalanceThreshold('')).toEqual({ ok: true, thresholdFen: null });
    expect(parseLowBalanceThreshold('0')).toEqual({ ok: true, thresholdFen: 0n });
  });
  it('refuses what is not an amount instead of rounding it', () => {
    for (const typed of ['1.005', '-5', 'abc', '1e3', '12,34']) expect(parseLowBalanceThreshold(typed)).toEqual({ ok: false, problem: 'not_a_number' });
    expect(parseLowBalanceThreshold('10000000.01')).toEqual({ ok: false, problem: 'too_large' });
  });
});

describe.each(testDatabaseKinds())('saving the low-balance threshold on %s', (kind) => {
  let t: TestDatabase;
  const now = (minute: number) => new Date(Date.UTC(2026, 2, 10, 8, minute));
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  it('a threshold above the current balance alerts once, at once; lowering it re-arms; every change is recorded', async () => {
    const { accountId, userId } = await insertCustomer(t.db, { id: `T${kind}` });
    await creditWallet(t.db, { accountId, amountFen: 5_000n, idempotencyKey: `pay:${accountId}`, source: 'top_up', now: now(0) });
    const actor = { userId, name: 'T' };
    const alerts = () => t.db.select().from(notices).where(and(eq(notices.accountId, accountId), eq(notices.kind, 'low_balance')));

    expect(await setLowBalanceThreshold(t.db, { accountId, thresholdFen: 10_000n, now: now(1), actor })).toBe('alerted');
    expect(await alerts()).toHaveLength(1);
    expect((await alerts())[0].params).toEqual({ balanceFen: '5000', thresholdFen: '10000' });
    expect(await setLowBalanceThreshold(t.db, { accountId, thresholdFen: 12_000n, now: now(2), actor })).toBe('still_below');
    expect(await setLowBalanceThreshold(t.db, { accountId, thresholdFen: 12_000n, now: now(3), actor })).toBe('still_below');
    expect(await alerts()).toHaveLength(1);
    expect(await getLowBalanceThreshold(t.db, accountId)).toBe(12_000n);

    expect(await setLowBalanceThreshold(t.db, { accountId, thresholdFen: 1_000n, now: now(4), actor })).toBe('rearmed');
    expect(await setLowBalanceThreshold(t.db, { accountId, thresholdFen: 6_000n, now: now(5), actor })).toBe('alerted');
    expect(await alerts()).toHaveLength(2);
    expect(await setLowBalanceThreshold(t.db, { accountId, thresholdFen: null, now: now(6), actor })).toBe('rearmed');
    expect(await getLowBalanceThreshold(t.db, accountId)).toBeNull();

    const records = await t.db.select().from(activityRecords).where(and(eq(activityRecords.accountId, accountId), eq(activityRecords.kind, 'low_balance_threshold_changed'))).orderBy(activityRecords.id);
    // Saving the same value again changes nothing and is not recorded.
    expect(records.map((r) => r.details.threshold)).toEqual(['10000', '12000', '1000', '6000', null]);
  });
});
