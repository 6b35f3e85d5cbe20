import type { BillingJob } from '@/lib/billing/run-due-billing';
import { enqueueMonthlyStatements } from './statement-emails';

/**
 * After each billing run: queue last month's statement for the customers who asked for it (the
 * outbox worker emails it). The first run on the 1st (billing time zone) queues the month that just
 * ended, after that run has settled the month's last day; later runs find nothing new.
 */
export const statementBillingJobs: BillingJob[] = [
  {
    name: 'monthly-statements',
    run: async (db, { now, timeZone }) => `${await enqueueMonthlyStatements(db, { now, timeZone })} queued`,
  },
];
