import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, readdirSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { ensurePrivateDir } from '../config/private-files';
import type { RawConnection } from './client';

/**
 * Backups (`npm run backup -- FILE`, `npm run restore -- FILE`).
 *
 * - Embedded PGlite: a gzipped tarball of its data folder (`PGlite.dumpDataDir`), taken inside one
 *   PGlite transaction, so no other transaction is half-way through while the files are read (PGlite
 *   has one connection; every write waits for the dump). While a server holds `DATA_DIR` the dump
 *   is taken by that server (`POST /api/internal/backup`), as `npm run billing` does.
 * - PostgreSQL: `pg_dump --format=custom` (restore with `pg_restore`, or this command), run with
 *   the PostgreSQL client programs on the PATH (`apt-get install postgresql-client`).
 *
 * The generated secrets of `DATA_DIR` (secrets.json, the demo provider's keys) are not in a
 * backup: production takes its secrets from the environment (AUTH_SECRET, PLATFORM_API_KEY, …).
 */
export type BackupFormat = 'pglite-tar-gzip' | 'pg-dump-custom';

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);
const PG_DUMP_MAGIC = Buffer.from('PGDMP');

/** What a backup file holds, from its first bytes (null: not a backup this portal writes). */
export async function backupFormatOf(file: string): Promise<BackupFormat | null> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(5);
    await handle.read(head, 0, 5, 0);
    if (head.subarray(0, 2).equals(GZIP_MAGIC)) return 'pglite-tar-gzip';
    if (head.equals(PG_DUMP_MAGIC)) return 'pg-dump-custom';
    return null;
  } finally {
    await handle.close();
  }
}

/** A consistent gzipped tarball of an open embedded database (waits for transactions in flight). */
export async function dumpEmbeddedDatabase(raw: RawConnection): Promise<Blob> {
  if (raw.kind !== 'pglite') throw new Error('dumpEmbeddedDatabase: not the embedded database');
  const client = raw.client;
  // Inside a transaction of its own: PGlite runs one transaction at a time, so none is half-done
  // while the files are read; autocommit statements wait for the dump as well.
  return client.transaction(async () => client.dumpDataDir('gzip'));
}

/** Restores an embedded-database tarball into `dataDir`, which must not hold a database yet. */
export async function restoreEmbeddedDatabase(file: string, dataDir: string): Promise<void> {
  const dir = path.join(dataDir, 'pglite');
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new Error(`${dir} already holds a database: restore into a fresh DATA_DIR (the backup never overwrites one)`);
  }
  ensurePrivateDir(dataDir);
  ensurePrivateDir(dir);
  const bytes = await readFileBlob(file);
  const client = await PGlite.create(dir, { loadDataDir: bytes });
  await client.query('checkpoint');
  await client.close();
}

async function readFileBlob(file: string): Promise<Blob> {
  const chunks: Buffer[] = [];
  for await (const chunk of createReadStream(file)) chunks.push(chunk as Buffer);
  return new Blob([Buffer.concat(chunks)]);
}

/** Writes a Blob to a file (a backup from the server or from PGlite). */
export async function writeBlob(blob: Blob, file: string): Promise<void> {
  await pipeline(blob.stream() as unknown as NodeJS.ReadableStream, createWriteStream(file, { mode: 0o600 }));
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new Error(`${command} is not installed: PostgreSQL backups use the PostgreSQL client programs (Debian/Ubuntu: apt-get install postgresql-client, of the server's major version or newer)`)
          : error,
      ),
    );
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with code ${code}: ${stderr.trim()}`))));
  });
}

/** `pg_dump --format=custom` of the database at `url` into `file`: a snapshot, consistent while the portal runs. */
export async function dumpPostgres(url: string, file: string): Promise<void> {
  await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', '--file', file, '--dbname', url]);
}

/** Restores a `pg_dump` custom-format file into the database at `url`, which must be empty (no tables). */
export async function restorePostgres(file: string, url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from pg_tables where schemaname not in ('pg_catalog', 'information_schema')`,
    );
    if (rows[0].n > 0) throw new Error('The target database already has tables: restore into a fresh, empty database (createdb), then point DATABASE_URL at it');
  } finally {
    await client.end();
  }
  await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', '--dbname', url, file]);
}
