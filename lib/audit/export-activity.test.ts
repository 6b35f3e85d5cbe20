import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { activityExportChunks, activityExportQuerySchema, exportRangeOf } from './export-activity';
import { recordActivity } from './record-activity';

const TZ = 'Asia/Shanghai';

/** RFC 4180 reader, enough to check what spreadsheets will see. */
function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  const [header, ...rows] = records;
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

async function collect(chunks: AsyncGenerator<string>): Promise<string> {
  let out = '';
  for await (const chunk of chunks) out += chunk;
  return out;
}

describe('activityExportQuerySchema', () => {
  it('needs two dates in order and a known format', () => {
    expect(activityExportQuerySchema.safeParse({ from: '2026-11-01', to: '2026-11-30' }).data).toEqual({ from: '2026-11-01', to: '2026-11-30', format: 'csv' });
    expect(activityExportQuerySchema.safeParse({ from: '2026-11-30', to: '2026-11-01' }).success).toBe(false);
    expect(activityExportQuerySchema.safeParse({ from: '2026-02-30', to: '2026-03-01' }).success).toBe(false);
    expect(activityExportQuerySchema.safeParse({ from: '2026-11-01', to: '2026-11-02', format: 'xml' }).success).toBe(false);
    expect(activityExportQuerySchema.safeParse({ from: '2026-11-01', to: '2026-11-02', account: 'A12' }).success).toBe(false);
  });
});

describe.each(testDatabaseKinds())('activity export on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    // 2026-11-10 in Beijing runs from 2026-11-09T16:00Z to 2026-11-10T16:00Z.
    await recordActivity(t.db, { accountId: 'A900000020', actorUserId: null, kind: 'sign_in', at: new Date('2026-11-09T15:59:59Z') });
    await recordActivity(t.db, { accountId: 'A900000020', actorUserId: null, actorName: '=HYPERLINK("x")', kind: 'sign_in', ip: '198.51.100.7', userAgent: 'UA, with "quotes"', details: { provider: 'demo' }, at: new Date('2026-11-09T16:00:00Z') });
    for (let i = 0; i < 2500; i += 1) {
      await recordActivity(t.db, { accountId: 'A900000021', actorUserId: null, kind: 'contact_verified', details: { i }, at: new Date('2026-11-10T08:00:00Z') });
    }
    await recordActivity(t.db, { accountId: 'A900000020', actorUserId: null, actorName: '王爱丽', kind: 'sign_out_other_sessions', at: new Date('2026-11-10T15:59:59Z') });
    await recordActivity(t.db, { accountId: 'A900000020', actorUserId: null, kind: 'sign_in', at: new Date('2026-11-10T16:00:00Z') });
  }, 120_000);
  afterAll(async () => t?.close());

  const range = (account?: string) => exportRangeOf(activityExportQuerySchema.parse({ from: '2026-11-10', to: '2026-11-10', account }), TZ);

  it('exports the days of the range in the billing time zone as CSV, every row once, safe for spreadsheets', async () => {
    const csv = await collect(activityExportChunks(t.db, range(), 'csv'));
    expect(csv.startsWith('\uFEFFid,at,account_id,')).toBe(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows).toHaveLength(2502);
    expect(new Set(rows.map((r) => r.id)).size).toBe(2502);
    expect(rows[0]).toMatchObject({ at: '2026-11-09T16:00:00.000Z', actor_name: `'=HYPERLINK("x")`, ip: '198.51.100.7', user_agent: 'UA, with "quotes"', impersonation: 'false' });
    expect(JSON.parse(rows[0].details)).toEqual({ provider: 'demo' });
    expect(rows.at(-1)).toMatchObject({ actor_name: '王爱丽', kind: 'sign_out_other_sessions' });
  });

  it('exports JSON lines, optionally for one account', async () => {
    const text = await collect(activityExportChunks(t.db, range('A900000020'), 'jsonl'));
    const lines = text.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((l) => l.kind)).toEqual(['sign_in', 'sign_out_other_sessions']);
    expect(lines[0]).toMatchObject({ accountId: 'A900000020', at: '2026-11-09T16:00:00.000Z', details: { provider: 'demo' } });
  });

  it('exports a header alone when nothing happened', async () => {
    const csv = await collect(activityExportChunks(t.db, exportRangeOf(activityExportQuerySchema.parse({ from: '2025-01-01', to: '2025-01-02' }), TZ), 'csv'));
    expect(csv.trim().split('\n')).toHaveLength(1);
  });
});
