import type { PortalConfig } from '@/lib/config';
import type { Db } from '@/lib/db/client';
import { seedDemoUsers } from '@/lib/demo/seed-demo-users';
import { seedTerms } from '@/lib/terms/seed-terms';

/** Reference data and demo data, all idempotent: run at every start. */
export async function runStartupTasks(db: Db, cfg: PortalConfig, now: Date): Promise<void> {
  if (cfg.demoMode) {
    await seedDemoUsers(db, now);
  }
  // The operator's current terms are version 1 in every mode; demo users have accepted them.
  await seedTerms(db, { now, timeZone: cfg.billingTimeZone });
}

/** Background work of a server instance; returns a function that stops it. */
export function startBackgroundWork(getDb: () => Db, cfg: PortalConfig): () => void {
  const stops: Array<() => void> = [];
  void getDb;
  void cfg;
  return () => stops.forEach((stop) => stop());
}
