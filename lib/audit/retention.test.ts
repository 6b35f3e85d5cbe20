import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityRecords } from '@/lib/db/schema';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { recordActivity } from './record-activity';
import { activityRetentionCutoff, purgeExpiredActivity } from './retention';

const now = new Date('2026-11-26T08:00:00Z');
const daysAgo = (days: number, extraMs = 0) => new Date(now.getTime() - days * 86_400_000 + extraMs);

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause;
    return cause?.message ?? (error as Error).message;
  }
  return 'allowed';
}

describe.each(testDatabaseKinds())('activity records on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  const record = (accountId: string, at: Date, kindName = 'sign_in') => recordActivity(t.db, { accountId, actorUserId: null, kind: kindName, at });

  it('are kept for 90 days and purged after, in batches; a second purge finds nothing', async () => {
    await record('A900000001', daysAgo(200));
    await record('A900000001', daysAgo(91));
    await record('A900000001', daysAgo(90, -1)); // one millisecond past the 90 days
    await record('A900000001', daysAgo(90)); // exactly 90 days: still kept
    await record('A900000001', daysAgo(89));
    await record('A900000001', daysAgo(0));
    const result = await purgeExpiredActivity(t.db, now, 2);
    expect(result).toEqual({ purged: 3, cutoff: activityRetentionCutoff(now) });
    const left = await t.db.select({ at: activityRecords.at }).from(activityRecords).where(eq(activityRecords.accountId, 'A900000001'));
    expect(left.map((r) => r.at.toISOString()).sort()).toEqual([daysAgo(90), daysAgo(89), daysAgo(0)].map((d) => d.toISOString()).sort());
    expect((await purgeExpiredActivity(t.db, now)).purged).toBe(0);
  });

  it('refuse UPDATE, even of an old record', async () => {
    await record('A900000002', daysAgo(120));
    const message = await refusal(t.db.update(activityRecords).set({ kind: 'edited' }).where(eq(activityRecords.accountId, 'A900000002')));
    expect(message).toMatch(/append-only: UPDATE refused/);
  });

  it('refuse DELETE and TRUNCATE outside the retention purge', async () => {
    await record('A900000003', daysAgo(120));
    expect(await refusal(t.db.delete(activityRecords).where(eq(activityRecords.accountId, 'A900000003')))).toMatch(/append-only: DELETE refused/);
    expect(await refusal(t.db.execute(sql`truncate activity_records`))).toMatch(/append-only: TRUNCATE refused/);
    const left = await t.db.select().from(activityRecords).where(eq(activityRecords.accountId, 'A900000003'));
    expect(left).toHaveLength(1);
  });

  it('the purge switch lasts only for its own transaction', async () => {
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('portal.retention_purge', 'on', true)`);
    });
    await record('A900000004', daysAgo(1));
    expect(await refusal(t.db.delete(activityRecords).where(eq(activityRecords.accountId, 'A900000004')))).toMatch(/DELETE refused/);
    await purgeExpiredActivity(t.db, now);
    expect(await refusal(t.db.delete(activityRecords).where(eq(activityRecords.accountId, 'A900000004')))).toMatch(/DELETE refused/);
  });
});

describe.each(testDatabaseKinds())('the billing run’s activity jobs on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  it('purge what is past 90 days and say how much', async () => {
    const { activityBillingJobs } = await import('./billing-jobs');
    await recordActivity(t.db, { accountId: 'A900000030', actorUserId: null, kind: 'sign_in', at: daysAgo(100) });
    const results = [];
    for (const job of activityBillingJobs) results.push(await job.run(t.db, { now, timeZone: 'Asia/Shanghai' }));
    expect(results).toEqual(['0 expired impersonation(s) closed', `1 activity record(s) before ${activityRetentionCutoff(now).toISOString()} purged`]);
  });
});
