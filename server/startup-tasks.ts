import type { PortalConfig } from '@/lib/config';
import type { Db } from '@/lib/db/client';
import { seedDemoUsers } from '@/lib/demo/seed-demo-users';
import { seedTerms } from '@/lib/terms/seed-terms';
import { seedDemoContacts } from '@/lib/contact/seed-demo-contacts';
import { seedDemoInvoiceTitles } from '@/lib/invoices/seed-demo-titles';
import { startNoticeDelivery } from '@/lib/notices/start-notice-delivery';

/** Reference data and demo data, all idempotent: run at every start. */
export async function runStartupTasks(db: Db, cfg: PortalConfig, now: Date): Promise<void> {
  if (cfg.demoMode) {
    await seedDemoUsers(db, now);
    await seedDemoContacts(db, now);
    await seedDemoInvoiceTitles(db, now);
  }
  // The operator's current terms are version 1 in every mode; demo users have accepted them.
  await seedTerms(db, { now, timeZone: cfg.billingTimeZone });
}

/** Background work of a server instance; returns a function that stops it and waits for it. */
export function startBackgroundWork(getDb: () => Db, cfg: PortalConfig): () => Promise<void> {
  const stops: Array<() => unknown> = [];
  stops.push(startNoticeDelivery(getDb, cfg));
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}
