import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { configFrom } from '@/lib/config';
import { activityRetentionProblem } from '@/lib/config/activity-retention';
import { activityRecords } from '@/lib/db/schema';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { recordActivity } from './record-activity';
import { ACTIVITY_RETENTION_DAYS, activityRetentionCutoff, purgeExpiredActivity } from './retention';

const now = new Date('2026-11-26T08:00:00Z');
const dataDir = mkdtempSync(path.join(tmpdir(), 'retention-config-'));
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

  it('are kept for 180 days by default (a record 179 days old stays, 181 days old goes), purged in batches; a second purge finds nothing', async () => {
    await record('A900000001', daysAgo(400));
    await record('A900000001', daysAgo(181));
    await record('A900000001', daysAgo(180, -1)); // one millisecond past the 180 days
    await record('A900000001', daysAgo(180)); // exactly 180 days: still kept
    await record('A900000001', daysAgo(179));
    await record('A900000001', daysAgo(91)); // past the terms' old 90 days: now kept
    await record('A900000001', daysAgo(0));
    const result = await purgeExpiredActivity(t.db, now, { batchSize: 2 });
    expect(result).toEqual({ purged: 3, cutoff: new Date(now.getTime() - 180 * 86_400_000) });
    expect(activityRetentionCutoff(now)).toEqual(result.cutoff);
    const left = await t.db.select({ at: activityRecords.at }).from(activityRecords).where(eq(activityRecords.accountId, 'A900000001'));
    expect(left.map((r) => r.at.toISOString()).sort()).toEqual([daysAgo(180), daysAgo(179), daysAgo(91), daysAgo(0)].map((d) => d.toISOString()).sort());
    expect((await purgeExpiredActivity(t.db, now)).purged).toBe(0);
  });

  it('a longer ACTIVITY_RETENTION_DAYS keeps records longer', async () => {
    await record('A900000005', daysAgo(366));
    await record('A900000005', daysAgo(364));
    const result = await purgeExpiredActivity(t.db, now, { retentionDays: 365 });
    expect(result.cutoff).toEqual(daysAgo(365));
    const left = await t.db.select({ at: activityRecords.at }).from(activityRecords).where(eq(activityRecords.accountId, 'A900000005'));
    expect(left.map((r) => r.at.toISOString())).toEqual([daysAgo(364).toISOString()]);
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

  it('purge what is past 180 days and say how much', async () => {
    const { activityBillingJobsFor } = await import('@/server/billing-jobs');
    const activityBillingJobs = activityBillingJobsFor(ACTIVITY_RETENTION_DAYS);
    await recordActivity(t.db, { accountId: 'A900000030', actorUserId: null, kind: 'sign_in', at: daysAgo(181) });
    await recordActivity(t.db, { accountId: 'A900000030', actorUserId: null, kind: 'sign_in', at: daysAgo(179) });
    const results = [];
    for (const job of activityBillingJobs) results.push(await job.run(t.db, { now, timeZone: 'Asia/Shanghai' }));
    expect(results).toEqual(['0 expired impersonation(s) closed', `1 activity record(s) before ${activityRetentionCutoff(now).toISOString()} purged`]);
    const left = await t.db.select({ at: activityRecords.at }).from(activityRecords).where(eq(activityRecords.accountId, 'A900000030'));
    expect(left.map((r) => r.at.toISOString())).toEqual([daysAgo(179).toISOString()]);
  });

  it('use the configured retention', async () => {
    const { activityBillingJobsFor } = await import('@/server/billing-jobs');
    await recordActivity(t.db, { accountId: 'A900000031', actorUserId: null, kind: 'sign_in', at: daysAgo(200) });
    const retention = activityBillingJobsFor(365).find((job) => job.name === 'activity_retention');
    expect(await retention?.run(t.db, { now, timeZone: 'Asia/Shanghai' })).toBe(`0 activity record(s) before ${daysAgo(365).toISOString()} purged`);
  });
});

describe('ACTIVITY_RETENTION_DAYS at start-up', () => {
  it('defaults to 180 days', () => {
    expect(configFrom({ NODE_ENV: 'test', DATA_DIR: dataDir }).activityRetentionDays).toBe(180);
    expect(configFrom({ NODE_ENV: 'test', DATA_DIR: dataDir, ACTIVITY_RETENTION_DAYS: '400' }).activityRetentionDays).toBe(400);
  });

  it('is refused below 180 in production, allowed in demo mode', () => {
    expect(activityRetentionProblem(179, 'production')).toMatch(/ACTIVITY_RETENTION_DAYS is 179: .* at least 180 days in production/);
    expect(activityRetentionProblem(180, 'production')).toBeNull();
    expect(activityRetentionProblem(30, 'demo')).toBeNull();
  });
});
