/**
 * `npm run restore -- FILE`: restores a backup of `npm run backup` into a fresh database: the
 * embedded database into DATA_DIR (which must not hold one yet), or, with DATABASE_URL, a pg_dump
 * file into that (empty) PostgreSQL database with pg_restore. It never overwrites data. Then start
 * the portal as usual: it migrates a backup from an older version on start.
 */
import { existsSync } from 'node:fs';
import { config } from '@/lib/config';
import { backupFormatOf, restoreEmbeddedDatabase, restorePostgres } from '@/lib/db/backup';
import { readDataDirLock } from '@/lib/db/lock';
import { fileArgument, runMain } from './lib/cli';

const usage = 'usage: npm run restore -- FILE   (into DATA_DIR, or into DATABASE_URL when set)';

async function main(): Promise<number> {
  const file = fileArgument(usage);
  if (file === null) return 2;
  if (!existsSync(file)) {
    console.error(`${file}: no such file`);
    return 2;
  }
  const cfg = config();
  const format = await backupFormatOf(file);
  if (format === null) {
    console.error(`${file} is not a backup of npm run backup (neither an embedded-database tarball nor a pg_dump custom-format file)`);
    return 2;
  }
  if (cfg.databaseUrl) {
    if (format !== 'pg-dump-custom') {
      console.error(`${file} is a backup of the embedded database; DATABASE_URL is set, so this would restore into PostgreSQL. Unset DATABASE_URL to restore it into DATA_DIR.`);
      return 2;
    }
    await restorePostgres(file, cfg.databaseUrl);
    console.log(`Restored ${file} into the PostgreSQL database of DATABASE_URL`);
    return 0;
  }
  if (format !== 'pglite-tar-gzip') {
    console.error(`${file} is a pg_dump file: set DATABASE_URL to the (empty) PostgreSQL database to restore it into`);
    return 2;
  }
  const holder = readDataDirLock(cfg.dataDir);
  if (holder) {
    console.error(`Process ${holder.pid} (${holder.purpose}) holds ${cfg.dataDir}: restore into another DATA_DIR`);
    return 1;
  }
  await restoreEmbeddedDatabase(file, cfg.dataDir);
  console.log(`Restored ${file} into ${cfg.dataDir}`);
  return 0;
}

runMain(main, { errorMessageOnly: true });
