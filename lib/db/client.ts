import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg, type NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { ensurePrivateDir } from '../config/private-files';
import * as schema from './schema';

export type Schema = typeof schema;
/**
 * The database handle every domain function takes; a transaction is one too. Typed with
 * node-postgres results: `execute()` gives `{ rows }` on PGlite and PostgreSQL alike.
 */
export type Db = PgDatabase<NodePgQueryResultHKT, Schema>;

export type RawConnection = { kind: 'pglite'; client: PGlite } | { kind: 'postgres'; pool: pg.Pool };

// Bigint columns come back as strings from pg by default; drizzle maps them with mode 'bigint'.

/** Wraps a raw connection in drizzle. Cheap: each module graph (server, Next bundle) makes its own. */
export function drizzleFor(raw: RawConnection): Db {
  const db =
    raw.kind === 'pglite' ? drizzlePglite({ client: raw.client, schema }) : drizzlePg({ client: raw.pool, schema });
  return db as unknown as Db;
}

export async function openRawConnection(opts: { databaseUrl: string | null; dataDir: string; max?: number }): Promise<RawConnection> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.max ?? 10 });
    pool.on('error', (error) => console.error('[db] idle client error:', error.message));
    return { kind: 'postgres', pool };
  }
  const dir = path.join(opts.dataDir, 'pglite');
  ensurePrivateDir(opts.dataDir);
  ensurePrivateDir(dir);
  const client = await PGlite.create(dir);
  return { kind: 'pglite', client };
}

export async function closeRawConnection(raw: RawConnection): Promise<void> {
  if (raw.kind === 'pglite') await raw.client.close();
  else await raw.pool.end();
}

/*
 * The process-wide connection lives on globalThis: the custom server opens it (after taking the
 * data-folder lock and migrating), and the Next.js bundle, a separate module graph, reuses it.
 */
const holder = globalThis as unknown as { __portalRaw?: RawConnection; __portalReadRaw?: RawConnection | null; __portalRawOpening?: Promise<RawConnection> };
let cached: { raw: RawConnection; db: Db } | null = null;
let cachedRead: { raw: RawConnection; db: Db } | null = null;

export function setProcessConnection(raw: RawConnection): void {
  holder.__portalRaw = raw;
}

export function processConnection(): RawConnection | undefined {
  return holder.__portalRaw;
}

/** The database of this process. Throws when the server has not opened it. */
export function getDb(): Db {
  const raw = holder.__portalRaw;
  if (!raw) throw new Error('The database is not open in this process (start the portal with `npm start`).');
  if (!cached || cached.raw !== raw) cached = { raw, db: drizzleFor(raw) };
  return cached.db;
}

/** Opens the read replica a configuration names (`DATABASE_READ_URL`, only next to `DATABASE_URL`), or null. */
export async function openReadConnection(cfg: { databaseUrl: string | null; databaseReadUrl: string | null; dataDir: string }): Promise<RawConnection | null> {
  if (!cfg.databaseUrl || !cfg.databaseReadUrl) return null;
  return openRawConnection({ databaseUrl: cfg.databaseReadUrl, dataDir: cfg.dataDir });
}

/** The read replica of this process (`DATABASE_READ_URL`), or null to read from the primary. */
export function setProcessReadConnection(raw: RawConnection | null): void {
  holder.__portalReadRaw = raw;
}

/**
 * The database for reads that may lag the primary by a moment: history and overview queries.
 * The read replica when `DATABASE_READ_URL` is set, else the primary (`getDb()`). Never for a
 * write, nor for what the viewer must see right after one (a balance after a top-up): use getDb().
 */
export function getReadDb(): Db {
  const raw = holder.__portalReadRaw;
  if (!raw) return getDb();
  if (!cachedRead || cachedRead.raw !== raw) cachedRead = { raw, db: drizzleFor(raw) };
  return cachedRead.db;
}
