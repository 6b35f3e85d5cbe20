import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonFirstRow, jsonRows, jsonScalar, readJson, readTogether, type JsonRead } from './read-together';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from './testing';

describe.each(testDatabaseKinds())('readTogether on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  const numbers: JsonRead<number[]> = {
    json: jsonRows(sql`select n from generate_series(1, 3) as g(n) order by n desc`),
    decode: (value) => (value as { n: number }[]).map((r) => r.n),
  };
  const first: JsonRead<{ word: string; big: string } | null> = {
    json: jsonFirstRow(sql`select 'héllo "quoted"' as word, (9007199254740993)::bigint::text as big`),
    decode: (value) => value as { word: string; big: string } | null,
  };
  const none: JsonRead<string | null> = { json: jsonScalar(sql`select 'x' where false`), decode: (value) => value as string | null };
  const nothing: JsonRead<unknown[]> = { json: jsonRows(sql`select 1 as n where false`), decode: (value) => value as unknown[] };

  it('answers every read from one statement, each decoded by its own read, in the order of the query', async () => {
    expect(await readTogether(t.db, { numbers, first, none, nothing })).toEqual({
      numbers: [3, 2, 1],
      first: { word: 'héllo "quoted"', big: '9007199254740993' },
      none: null,
      nothing: [],
    });
  });

  it('a read alone gives the same answer', async () => {
    expect(await readJson(t.db, numbers)).toEqual([3, 2, 1]);
    expect(await readJson(t.db, jsonReadOfMissingRow())).toBeNull();
  });

  function jsonReadOfMissingRow(): JsonRead<unknown> {
    return { json: jsonFirstRow(sql`select 1 as n where false`), decode: (value) => value };
  }
});
