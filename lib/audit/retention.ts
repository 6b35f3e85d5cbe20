import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';

/** Activity records are kept this long (DESIGN: "Activity records"), then purged. */
export const ACTIVITY_RETENTION_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Records at or after this instant are kept; older ones are due for the purge. */
export function activityRetentionCutoff(now: Date): Date {
  return new Date(now.getTime() - ACTIVITY_RETENTION_DAYS * DAY_MS);
}

/**
 * The retention purge: deletes activity records older than 90 days, in batches of short
 * transactions. The table refuses DELETE unless the transaction-local `portal.retention_purge`
 * is on, which only this function sets. Idempotent and safe on several instances at once
 * (`skip locked`). Returns how many records were deleted.
 */
export async function purgeExpiredActivity(db: Db, now: Date, batchSize = 5000): Promise<{ purged: number; cutoff: Date }> {
  const cutoff = activityRetentionCutoff(now);
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
