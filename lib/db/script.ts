import { config } from '@/lib/config';
import { closeRawConnection, drizzleFor, openRawConnection, type Db, type RawConnection } from './client';
import { acquireDataDirLock, readDataDirLock, type DataDirLockHolder } from './lock';
import { migrateDatabase } from './migrate';

/**
 * Opens the database for a command-line script. On PGlite the script must not open a folder a
 * running server holds: it gets `{ server }` back instead and should go through that server.
 */
export async function openScriptDatabase(
  purpose: string,
): Promise<{ kind: 'open'; db: Db; raw: RawConnection; close: () => Promise<void> } | { kind: 'server'; server: DataDirLockHolder }> {
  const cfg = config();
  let release = () => {};
  if (!cfg.databaseUrl) {
    const holder = readDataDirLock(cfg.dataDir);
    if (holder) return { kind: 'server', server: holder };
    release = acquireDataDirLock(cfg.dataDir, purpose);
  }
  const raw = await openRawConnection({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir, max: 4 });
  await migrateDatabase(raw);
  return {
    kind: 'open',
    raw,
    db: drizzleFor(raw),
    async close() {
      await closeRawConnection(raw);
      release();
    },
  };
}
