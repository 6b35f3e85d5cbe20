import type { BillingJob } from '@/lib/billing/run-due-billing';
import { closeExpiredImpersonations } from '@/lib/auth/impersonation';
import { ACTIVITY_RETENTION_DAYS, purgeExpiredActivity } from './retention';

/**
 * The activity records' share of every billing run (`billingJobs.push(...activityBillingJobsFor(days))`):
 * first record the end of impersonations nobody came back to, then the retention purge
 * (`ACTIVITY_RETENTION_DAYS`, default 180).
 */
export function activityBillingJobsFor(retentionDays: number): BillingJob[] {
  return [
    {
      name: 'impersonation_expiry',
      run: async (db, { now }) => `${await closeExpiredImpersonations(db, now)} expired impersonation(s) closed`,
    },
    {
      name: 'activity_retention',
      run: async (db, { now }) => {
        const { purged, cutoff } = await purgeExpiredActivity(db, now, { retentionDays });
        return `${purged} activity record(s) before ${cutoff.toISOString()} purged`;
      },
    },
  ];
}

/** The jobs with the default retention (180 days). */
export const activityBillingJobs: BillingJob[] = activityBillingJobsFor(ACTIVITY_RETENTION_DAYS);
