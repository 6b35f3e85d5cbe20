import type { RawConnection } from './client';

/** Session advisory lock of start-up seeding (migrations use 7242001, billing 7242003). */
const STARTUP_LOCK_ID = 7242002;

/**
 * Runs the start-up tasks (reference and demo data) one instance at a time. The seeders are
 * idempotent one after another but not side by side: two instances starting together on a fresh
 * database both found no demo user and both inserted one (`users_email_key`), and the second
 * failed to start (drill 1). On PostgreSQL a session advisory lock, held on a connection of its
 * own while `work` uses the pool, makes the second wait and then find everything there. PGlite
 * has one process.
 */
export async function withStartupLock<T>(raw: RawConnection, work: () => Promise<T>): Promise<T> {
  if (raw.kind === 'pglite') return work();
  const client = await raw.pool.connect();
  try {
    await client.query(`select pg_advisory_lock(${STARTUP_LOCK_ID})`);
    try {
      return await work();
    } finally {
      await client.query(`select pg_advisory_unlock(${STARTUP_LOCK_ID})`);
    }
  } finally {
    client.release();
  }
}
