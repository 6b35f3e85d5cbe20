import { activityBillingJobsFor } from '@/lib/audit/billing-jobs';
import { billingJobs } from '@/lib/billing/run-due-billing';
import type { PortalConfig } from '@/lib/config';
import { paymentJobs } from '@/lib/payments/payment-jobs';
import { statementBillingJobs } from '@/lib/statements/billing-jobs';

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
