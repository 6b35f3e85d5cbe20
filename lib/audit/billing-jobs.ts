import type { BillingJob } from '@/lib/billing/run-due-billing';
import { closeExpiredImpersonations } from '@/lib/auth/impersonation';
import { purgeExpiredActivity } from './retention';

/**
 * The activity records' share of every billing run (`billingJobs.push(...activityBillingJobs)`):
 * first record the end of impersonations nobody came back to, then the 90-day retention purge.
 */
export const activityBillingJobs: BillingJob[] = [
  {
    name: 'impersonation_expiry',
    run: async (db, { now }) => `${await closeExpiredImpersonations(db, now)} expired impersonation(s) closed`,
  },
  {
    name: 'activity_retention',
    run: async (db, { now }) => {
      const { purged, cutoff } = await purgeExpiredActivity(db, now);
      return `${purged} activity record(s) before ${cutoff.toISOString()} purged`;
    },
  },
];
