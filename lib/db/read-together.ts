import { sql, type SQL } from 'drizzle-orm';
import type { Db } from './client';

/*
 * Several small reads in one statement. Every signed-in page asks the same handful of questions
 * (unread notices, the terms banner, outages, standing, memberships …); asked one statement each,
 * their round trips cost more than the answers. Each area states its read once as a `JsonRead` — SQL
 * yielding one JSON value and how to decode it — and runs it alone with `readJson`, while the shell
 * asks them all at once with `readTogether`.
 */

/** A read one statement can carry: SQL yielding a single JSON value, and how to turn that into `T`. */
export interface JsonRead<T> {
  json: SQL;
  decode: (value: unknown) => T;
}

/** The rows of a query as a JSON array of objects keyed by the query's column names (aliases). */
export function jsonRows(query: SQL): SQL {
  return sql`(select coalesce(json_agg(q), '[]'::json) from (${query}) q)`;
}

/** The first row of a query as a JSON object keyed by its column names, or null when there is none. */
export function jsonFirstRow(query: SQL): SQL {
  return sql`(select row_to_json(q) from (${query}) q limit 1)`;
}

/** A scalar subquery's value as JSON (null when it yields no row). */
export function jsonScalar(query: SQL): SQL {
  return sql`to_json((${query}))`;
}

type Results<R> = { [K in keyof R]: R[K] extends JsonRead<infer T> ? T : never };

/** Runs every read in one statement; each answer decoded by its own read. */
export async function readTogether<R extends Record<string, JsonRead<unknown>>>(db: Db, reads: R): Promise<Results<R>> {
  const entries = Object.entries(reads);
  if (entries.length === 0) return {} as Results<R>;
  // As text, so both drivers hand back the same thing (PGlite and node-postgres parse json differently).
  const columns = entries.map(([, read], i) => sql`(${read.json})::text as ${sql.raw(`r${i}`)}`);
  const result = await db.execute(sql`select ${sql.join(columns, sql`, `)}`);
  const row = result.rows[0] as Record<string, string | null>;
  return Object.fromEntries(
    entries.map(([key, read], i) => {
      const text = row[`r${i}`];
      return [key, read.decode(text === null ? null : JSON.parse(text))];
    }),
  ) as Results<R>;
}

/** Runs one read alone. */
export async function readJson<T>(db: Db, read: JsonRead<T>): Promise<T> {
  return (await readTogether(db, { value: read })).value;
}
