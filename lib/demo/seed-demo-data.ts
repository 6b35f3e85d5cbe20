import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { seedDemoCatalogue } from './catalogue';
import { seedDemoContacts } from './contacts';
import { seedDemoInvoiceTitles } from './invoice-titles';
import { seedDemoMoneyHistory } from './money-history';
import { seedDemoUsers } from './seed-demo-users';

/**
 * Every piece of demo data, in order, all idempotent (run at every start in demo mode). The one
 * entry point of lib/demo: production never calls it (server/startup-tasks.ts and `npm run billing`
 * call it only when `config().demoMode`), and nothing outside lib/demo, tests and benchmarks imports
 * a demo seeder.
 */
export async function seedDemoData(db: Db, options: { now: Date; timeZone: string }): Promise<void> {
  await seedDemoCatalogue(db);
  await seedDemoUsers(db, options.now);
  // Money history before contacts: its old suspensions must not email anyone today.
  await seedDemoMoneyHistory(db, options);
  await seedDemoContacts(db, options.now);
  await seedDemoInvoiceTitles(db, options.now);
  // A bulk load: the planner needs statistics of the new rows now, not when autovacuum (if it is on
  // at all) gets round to them. Without them it expects a handful of rows per account and plans the
  // history's latest-first read as "join everything, then sort" (15 ms instead of 1 on the demo data).
  await db.execute(sql`analyze`);
}
