import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { RawConnection } from './client';

export const migrationsFolder = path.resolve(process.cwd(), 'lib/db/migrations');

/** Applies pending migrations. On PostgreSQL an advisory lock keeps concurrent instances in line. */
export async function migrateDatabase(raw: RawConnection, folder = migrationsFolder): Promise<void> {
  if (raw.kind === 'pglite') {
    await migratePglite(drizzlePglite({ client: raw.client }), { migrationsFolder: folder });
    return;
  }
  const client = await raw.pool.connect();
  try {
    const db = drizzlePg({ client });
    await db.execute(sql`select pg_advisory_lock(7242001)`);
    try {
      await migrateNodePg(db, { migrationsFolder: folder });
    } finally {
      await db.execute(sql`select pg_advisory_unlock(7242001)`);
    }
  } finally {
    client.release();
  }
}
