import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';

/**
 * Rows for set-based statements travel as one JSON parameter (`json_to_recordset`), which works
 * the same on PGlite and PostgreSQL and has no parameter-count limit. Bigints go as strings.
 */
export function jsonParam(rows: ReadonlyArray<Record<string, unknown>>): SQL {
  return sql`${JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value))}::json`;
}

/** Runs a statement and returns its rows (every value as the driver gives it; cast to text in SQL for uniformity). */
export async function queryRows<T extends Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result = await db.execute(query);
  return result.rows as T[];
}

/** A bigint from a SQL value cast to text (or a bigint from PGlite); null stays null. */
export function toBigint(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return BigInt(value);
  if (typeof value === 'string') return BigInt(value);
  throw new TypeError(`Not an integer value: ${String(value)}`);
}

/** SQL: a timestamptz as epoch milliseconds in text, independent of the session time zone. */
export function epochMs(expression: SQL): SQL {
  return sql`(floor(extract(epoch from ${expression}) * 1000))::bigint::text`;
}

/** A Date from `epochMs(...)` output; null stays null. */
export function fromEpochMs(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return new Date(Number(toBigint(value)));
}
