import { and, asc, eq, gt, gte, lt, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { endOfDateIn, isIsoDate, startOfDateIn } from '@/lib/time/zoned-date';
import type { Db } from '@/lib/db/client';
import { keysetPages } from '@/lib/db/keyset';
import { activityRecords } from '@/lib/db/schema';
import { csvChunks, spreadsheetSafe } from '@/lib/http/csv';

/*
 * Finance and admin export activity records for a date range (DESIGN: "Activity records"), as CSV
 * for spreadsheets or JSON lines for tools. Days are calendar days in the billing time zone.
 */

export const ACTIVITY_EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type ActivityExportFormat = (typeof ACTIVITY_EXPORT_FORMATS)[number];

const day = z.string().refine(isIsoDate, { message: 'Use a date as YYYY-MM-DD' });

export const activityExportQuerySchema = z
  .object({
    from: day,
    to: day,
    format: z.enum(ACTIVITY_EXPORT_FORMATS).default('csv'),
    account: z
      .string()
      .trim()
      .regex(/^A\d{9}$/, { message: 'An account id is A and nine digits' })
      .optional(),
  })
  .refine((q) => q.from <= q.to, { message: 'The first day must not be after the last day', path: ['to'] });

export type ActivityExportQuery = z.infer<typeof activityExportQuerySchema>;

type ActivityRow = typeof activityRecords.$inferSelect;

export interface ActivityExportRange {
  /** Inclusive. */
  start: Date;
  /** Exclusive. */
  end: Date;
  accountId?: string;
}

/** The instants a query's days cover: from the start of `from` to the end of `to`. */
export function exportRangeOf(query: ActivityExportQuery, timeZone: string): ActivityExportRange {
  return { start: startOfDateIn(query.from, timeZone), end: endOfDateIn(query.to, timeZone), accountId: query.account };
}

/** The records of a range in batches, oldest first (keyset pagination: memory stays flat for any range). */
export function activityRecordBatches(db: Db, range: ActivityExportRange, batchSize = 1000): AsyncGenerator<ActivityRow[]> {
  return keysetPages(
    batchSize,
    (after: { at: Date; id: bigint } | null) => {
      const conditions: (SQL | undefined)[] = [gte(activityRecords.at, range.start), lt(activityRecords.at, range.end)];
      if (range.accountId) conditions.push(eq(activityRecords.accountId, range.accountId));
      if (after) conditions.push(or(gt(activityRecords.at, after.at), and(eq(activityRecords.at, after.at), gt(activityRecords.id, after.id))));
      return db
        .select()
        .from(activityRecords)
        .where(and(...conditions))
        .orderBy(asc(activityRecords.at), asc(activityRecords.id))
        .limit(batchSize);
    },
    (last) => ({ at: last.at, id: last.id }),
  );
}

export const ACTIVITY_CSV_COLUMNS = ['id', 'at', 'account_id', 'actor_user_id', 'actor_name', 'kind', 'impersonation', 'ip', 'user_agent', 'details'] as const;

export function activityCsvRows(rows: ActivityRow[]): string[][] {
  return rows.map((r) => [
    r.id.toString(),
    r.at.toISOString(),
    r.accountId ?? '',
    r.actorUserId ?? '',
    spreadsheetSafe(r.actorName),
    spreadsheetSafe(r.kind),
    r.impersonation ? 'true' : 'false',
    spreadsheetSafe(r.ip),
    spreadsheetSafe(r.userAgent),
    JSON.stringify(r.details ?? {}),
  ]);
}

async function* csvBatches(batches: AsyncIterable<ActivityRow[]>): AsyncGenerator<string[][]> {
  for await (const batch of batches) yield activityCsvRows(batch);
}

export function activityJsonLine(r: ActivityRow): string {
  return `${JSON.stringify({
    id: r.id.toString(),
    at: r.at.toISOString(),
    accountId: r.accountId,
    actorUserId: r.actorUserId,
    actorName: r.actorName,
    kind: r.kind,
    impersonation: r.impersonation,
    ip: r.ip,
    userAgent: r.userAgent,
    details: r.details ?? {},
  })}\n`;
}

/**
 * The export as a stream of text chunks: CSV (with a byte-order mark so spreadsheets read Chinese
 * names as UTF-8, and a header even when empty) or JSON lines.
 */
export async function* activityExportChunks(db: Db, range: ActivityExportRange, format: ActivityExportFormat): AsyncGenerator<string> {
  if (format === 'csv') {
    yield* csvChunks(ACTIVITY_CSV_COLUMNS, csvBatches(activityRecordBatches(db, range)), { recordDelimiter: 'unix' });
    return;
  }
  for await (const batch of activityRecordBatches(db, range)) yield batch.map(activityJsonLine).join('');
}
