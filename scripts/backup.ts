/**
 * `npm run backup -- FILE`: a consistent backup of the portal's database while it runs.
 * Embedded PGlite: a gzipped tarball of the database in DATA_DIR, taken by the server holding the
 * folder (POST /api/internal/backup) or, with no server, by this command. PostgreSQL
 * (DATABASE_URL): `pg_dump --format=custom`. Restore with `npm run restore -- FILE`.
 */
import { existsSync } from 'node:fs';
import { config } from '@/lib/config';
import { dumpEmbeddedDatabase, dumpPostgres, writeBlob } from '@/lib/db/backup';
import { openScriptDatabase } from '@/lib/db/script';
import { fileArgument, runMain } from './lib/cli';

const usage = 'usage: npm run backup -- FILE';

async function viaServer(port: number, file: string): Promise<number> {
  const response = await fetch(`http://localhost:${port}/api/internal/backup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-internal-token': config().internalToken },
    body: '{}',
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: { message: string } };
    console.error(`The server refused the backup (${response.status}): ${body.error?.message ?? 'no reason given'}`);
    return 1;
  }
  await writeBlob(await response.blob(), file);
  console.log(`Backed up the embedded database (through the running server on port ${port}) to ${file}`);
  return 0;
}

async function main(): Promise<number> {
  const file = fileArgument(usage);
  if (file === null) return 2;
  if (existsSync(file)) {
    console.error(`${file} exists: a backup never overwrites a file`);
    return 2;
  }
  const cfg = config();
  if (cfg.databaseUrl) {
    await dumpPostgres(cfg.databaseUrl, file);
    console.log(`Backed up the PostgreSQL database (pg_dump, custom format) to ${file}`);
    return 0;
  }
  const opened = await openScriptDatabase('npm run backup');
  if (opened.kind === 'server') {
    if (!opened.server.port) {
      console.error(`Process ${opened.server.pid} (${opened.server.purpose}) holds the embedded database in ${cfg.dataDir}; stop it and run again.`);
      return 1;
    }
    return viaServer(opened.server.port, file);
  }
  try {
    await writeBlob(await dumpEmbeddedDatabase(opened.raw), file);
    console.log(`Backed up the embedded database in ${cfg.dataDir} to ${file}`);
    return 0;
  } finally {
    await opened.close();
  }
}

runMain(main, { errorMessageOnly: true });
