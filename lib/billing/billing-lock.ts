import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';

/** Advisory lock id shared by every instance's billing work (PostgreSQL; PGlite has one connection anyway). */
const BILLING_LOCK_ID = 7242003;

/**
 * Runs one step of billing in its own transaction holding the billing lock, so instances
 * serialise: the second finds the first's work done (unique keys guard it as well).
 */
export async function withBillingLock<T>(db: Db, step: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    // One round trip: the lock, and for the settlement statements (which sort and hash many rows)
    // memory for that and no JIT (compiling costs more than running them).
    await tx.execute(
      sql`select pg_advisory_xact_lock(${sql.raw(String(BILLING_LOCK_ID))}), set_config('work_mem', '64MB', true), set_config('jit', 'off', true)`,
    );
    return step(tx);
  });
}
