import type { PortalConfig } from '@/lib/config';
import type { Db } from '@/lib/db/client';
import { startBillingScheduler } from '@/lib/billing/scheduler';
import { hasCatalogue } from '@/lib/catalogue/catalogue-file';
import { seedDemoData } from '@/lib/demo/seed-demo-data';
import { seedTerms } from '@/lib/terms/seed-terms';
import { registerBillingJobs } from './billing-jobs';
import { startNoticeDelivery } from './notice-delivery';

/** Reference data and demo data, all idempotent: run at every start. */
export async function runStartupTasks(db: Db, cfg: PortalConfig, now: Date): Promise<void> {
  registerBillingJobs(cfg);
  // Production seeds nothing from code: the operator imports its catalogue (npm run catalogue).
  if (cfg.demoMode) await seedDemoData(db, { now, timeZone: cfg.billingTimeZone });
  // The operator's current terms are version 1 in every mode; demo users have accepted them.
  await seedTerms(db, { now, timeZone: cfg.billingTimeZone });
  if (!cfg.demoMode && !(await hasCatalogue(db))) {
    console.warn('[portal] the catalogue is empty: usage cannot be priced until one is imported with `npm run catalogue -- import FILE` (see README, "Deploying").');
  }
}

/** Background work of a server instance; returns a function that stops it and waits for it. */
export function startBackgroundWork(getDb: () => Db, cfg: PortalConfig): () => Promise<void> {
  const stops: Array<() => unknown> = [
    startBillingScheduler(getDb, { intervalSeconds: cfg.billingIntervalSeconds, timeZone: cfg.billingTimeZone }),
    startNoticeDelivery(getDb, cfg),
  ];
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}
