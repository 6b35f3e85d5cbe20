import { closeExpiredImpersonations } from '@/lib/auth/impersonation';
import { purgeExpiredActivity } from '@/lib/audit/retention';
import { billingJobs, type BillingJob } from '@/lib/billing/run-due-billing';
import type { PortalConfig } from '@/lib/config';
import { paymentJobs } from '@/lib/payments/payment-jobs';
import { statementBillingJobs } from '@/lib/statements/billing-jobs';

/**
 * The activity records' share of every billing run: first record the end of impersonations nobody
 * came back to, then the retention purge (`ACTIVITY_RETENTION_DAYS`, default 180). Wired here, not
 * in lib/audit, so the audit trail depends on neither billing nor auth.
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

/**
 * The work every billing run does after posting: impersonation expiry and the activity retention
 * purge (`ACTIVITY_RETENTION_DAYS`), abandoned top-ups and sandbox webhook redelivery, the monthly statements by email. Registered once per process by the
 * server and by `npm run billing`; the list lives on globalThis, so the Next.js bundle sees it too.
 */
export function registerBillingJobs(cfg: PortalConfig): void {
  for (const job of [...activityBillingJobsFor(cfg.activityRetentionDays), ...paymentJobs(cfg), ...statementBillingJobs]) {
    if (!billingJobs.some((existing) => existing.name === job.name)) billingJobs.push(job);
  }
}
