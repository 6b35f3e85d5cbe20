import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { drizzleFor, type Db, type RawConnection } from './client';
import { migrateDatabase } from './migrate';

/**
 * Database fixtures for integration tests: a fresh migrated PGlite in memory, and, when
 * TEST_DATABASE_URL is set, a fresh database on that PostgreSQL server, dropped afterwards.
 */
export type TestDatabaseKind = 'pglite' | 'postgres';

export interface TestDatabase {
  kind: TestDatabaseKind;
  db: Db;
  raw: RawConnection;
  /** The database's address (PostgreSQL only): `openTestPool` opens other pools on it for concurrency tests. */
  url: string | null;
  close(): Promise<void>;
}

export function testDatabaseKinds(): TestDatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

function assertLocal(url: URL): void {
  // Tests create and drop databases: never point them at anything but this machine.
  if (!['localhost', '127.0.0.1', '::1', '[::1]'].includes(url.hostname)) {
    throw new Error(`TEST_DATABASE_URL must point at a local server, not ${url.hostname}`);
  }
}

export async function createTestDatabase(kind: TestDatabaseKind, opts: { poolSize?: number } = {}): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const client = await PGlite.create();
    const raw: RawConnection = { kind: 'pglite', client };
    await migrateDatabase(raw);
    return { kind, raw, db: drizzleFor(raw), url: null, close: () => client.close() };
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const adminUrl = new URL(base);
  assertLocal(adminUrl);
  const name = `portal_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: opts.poolSize ?? 20 });
  // Dropping the database ends idle clients; that is expected, not an error.
  pool.on('error', () => {});
  const raw: RawConnection = { kind: 'postgres', pool };
  await migrateDatabase(raw);
  return {
    kind,
    raw,
    db: drizzleFor(raw),
    url: url.toString(),
    async close() {
      await pool.end();
      const cleanup = new pg.Client({ connectionString: base });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/**
 * Another independent pool on a test database (PostgreSQL), as another instance of the portal would
 * have. End it before the database is closed; its idle clients ended by the database's drop are
 * expected, not errors.
 */
export function openTestPool(t: TestDatabase, max: number): pg.Pool {
  if (!t.url) throw new Error('openTestPool: a PostgreSQL test database is needed');
  const pool = new pg.Pool({ connectionString: t.url, max });
  pool.on('error', () => {});
  return pool;
}
