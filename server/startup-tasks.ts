import type { PortalConfig } from '@/lib/config';
import type { Db } from '@/lib/db/client';
import { seedDemoUsers } from '@/lib/demo/seed-demo-users';

/** Reference data and demo data, all idempotent: run at every start. */
export async function runStartupTasks(db: Db, cfg: PortalConfig, now: Date): Promise<void> {
  if (cfg.demoMode) {
    await seedDemoUsers(db, now);
  }
}

/** Background work of a server instance; returns a function that stops it. */
export function startBackgroundWork(getDb: () => Db, cfg: PortalConfig): () => void {
  const stops: Array<() => void> = [];
  void getDb;
  void cfg;
  return () => stops.forEach((stop) => stop());
}
