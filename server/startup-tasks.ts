import type { PortalConfig } from '@/lib/config';
import type { Db } from '@/lib/db/client';
import { seedDemoMoneyHistory } from '@/lib/billing/demo-history';
import { startBillingScheduler } from '@/lib/billing/scheduler';
import { hasCatalogue } from '@/lib/catalogue/catalogue-file';
import { seedCatalogue } from '@/lib/catalogue/seed-catalogue';
import { seedDemoContacts } from '@/lib/contact/seed-demo-contacts';
import { seedDemoUsers } from '@/lib/demo/seed-demo-users';
import { seedDemoInvoiceTitles } from '@/lib/invoices/seed-demo-titles';
import { startNoticeDelivery } from './notice-delivery';
import { seedTerms } from '@/lib/terms/seed-terms';
import { registerBillingJobs } from './billing-jobs';

/** Reference data and demo data, all idempotent: run at every start. */
export async function runStartupTasks(db: Db, cfg: PortalConfig, now: Date): Promise<void> {
  registerBillingJobs(cfg);
  if (cfg.demoMode) {
    // Production seeds nothing from code: the operator imports its catalogue (npm run catalogue).
    await seedCatalogue(db);
    await seedDemoUsers(db, now);
    // Money history before contacts: its old suspensions must not email anyone today.
    await seedDemoMoneyHistory(db, { now, timeZone: cfg.billingTimeZone });
    await seedDemoContacts(db, now);
    await seedDemoInvoiceTitles(db, now);
  }
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
