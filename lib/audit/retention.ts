import { sql } from 'drizzle-orm';
import { DEFAULT_ACTIVITY_RETENTION_DAYS } from '@/lib/config/activity-retention';
import type { Db } from '@/lib/db/client';

/**
 * Activity records are kept at least this long (DESIGN: "Activity records": 180 days, the PRC
 * Cybersecurity Law's six months), then purged. `ACTIVITY_RETENTION_DAYS` may keep them longer; the
 * customer's own pages show this window, which every configuration keeps.
 */
export const ACTIVITY_RETENTION_DAYS = DEFAULT_ACTIVITY_RETENTION_DAYS;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Records at or after this instant are kept; older ones are due for the purge. */
export function activityRetentionCutoff(now: Date, retentionDays: number = ACTIVITY_RETENTION_DAYS): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

/**
 * The retention purge: deletes activity records older than the retention period (default 180
 * days), in batches of short transactions. The table refuses DELETE unless the transaction-local
 * `portal.retention_purge` is on, which only this function sets. Idempotent and safe on several
 * instances at once (`skip locked`). Returns how many records were deleted.
 */
export async function purgeExpiredActivity(
  db: Db,
  now: Date,
  options: { retentionDays?: number; batchSize?: number } = {},
): Promise<{ purged: number; cutoff: Date }> {
  const cutoff = activityRetentionCutoff(now, options.retentionDays);
  const batchSize = options.batchSize ?? 5000;
  let purged = 0;
  for (;;) {
    const deleted = await db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('portal.retention_purge', 'on', true)`);
      const result = await tx.execute(sql`
        delete from activity_records where id in (
          select id from activity_records where at < ${cutoff.toISOString()}::timestamptz order by at limit ${batchSize} for update skip locked
        ) returning id`);
      return result.rows.length;
    });
    purged += deleted;
    if (deleted < batchSize) return { purged, cutoff };
  }
}
