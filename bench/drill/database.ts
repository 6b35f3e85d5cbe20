import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { drizzleFor, type Db, type RawConnection } from '@/lib/db/client';

/** Where drills create their databases: DRILL_DATABASE_URL, else TEST_DATABASE_URL (a local server). */
export function drillServerUrl(): string | null {
  return process.env.DRILL_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? null;
}

function assertLocal(base: string): void {
  const host = new URL(base).hostname;
  if (!['localhost', '127.0.0.1', '::1', '[::1]'].includes(host)) throw new Error(`Drills create and drop databases: use a local server, not ${host}`);
}

export interface DrillDatabase {
  name: string;
  url: string;
  raw: RawConnection;
  db: Db;
  /** Closes this process's pool (the database stays). */
  release(): Promise<void>;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

async function admin<T>(base: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database of its own on the drill server (or a copy of `template`). */
export async function createDrillDatabase(prefix: string, options: { template?: string; poolSize?: number } = {}): Promise<DrillDatabase> {
  const base = drillServerUrl();
  if (!base) throw new Error('Set DRILL_DATABASE_URL or TEST_DATABASE_URL to a local PostgreSQL, e.g. postgres://postgres@127.0.0.1:5432/test');
  assertLocal(base);
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await admin(base, (c) => c.query(`create database ${name}${options.template ? ` template ${options.template}` : ''}`));
  const url = new URL(base);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: options.poolSize ?? 8 });
  pool.on('error', () => {}); // clients ended by the final DROP … WITH (FORCE)
  const raw: RawConnection = { kind: 'postgres', pool };
  return {
    name,
    url: url.toString(),
    raw,
    db: drizzleFor(raw),
    async release() {
      await pool.end().catch(() => {});
    },
    async drop() {
      await pool.end().catch(() => {});
      await admin(base, (c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/** Ends every other session of a database (a template must have none while it is copied). */
export async function closeSessionsOf(name: string): Promise<void> {
  const base = drillServerUrl();
  if (!base) return;
  await admin(base, (c) => c.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [name]));
}
