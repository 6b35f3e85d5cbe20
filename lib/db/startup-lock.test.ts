import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFrom } from '@/lib/config';
import { runStartupTasks } from '../../server/startup-tasks';
import { drizzleFor } from './client';
import { withStartupLock } from './startup-lock';
import { createTestDatabase, type TestDatabase } from './testing';
import { demoPeople } from '@/lib/demo/seed-demo-users';

/*
 * Two instances starting together on a fresh PostgreSQL database (drill 1 found the second one
 * failing on a duplicate demo user): under the start-up lock both start, and the data is there once.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)('start-up tasks of two instances at once (postgres)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('postgres');
  });
  afterAll(async () => t?.close());

  it('both instances seed side by side without an error, and the demo cast exists once', async () => {
    const cfg = configFrom({ DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'portal-startup-lock-')), PORT: '3999' });
    const instance = () => {
      const db = drizzleFor(t.raw);
      return withStartupLock(t.raw, () => runStartupTasks(db, cfg, new Date()));
    };
    await expect(Promise.all([instance(), instance()])).resolves.toHaveLength(2);
    const rows = await t.db.execute(sql`select count(*)::int as n from users where email like '%@demo.test'`);
    expect((rows.rows[0] as { n: number }).n).toBe(demoPeople.length);
  }, 300_000);
});
