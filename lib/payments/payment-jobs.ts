import type { BillingJob } from '@/lib/billing/run-due-billing';
import type { PortalConfig } from '@/lib/config';
import { expireAbandonedPayments } from './apply-payment-update';
import { redeliverSandboxWebhooks, sandboxWebhookUrl } from './sandbox/deliver-sandbox-webhook';

/**
 * Background work of top-ups, shaped as billing-run jobs (`billingJobs.push(...paymentJobs(cfg))`):
 * close payments abandoned for 30 minutes, and (demo mode only: the sandbox does not exist in
 * production) have the sandbox processor retry webhooks the portal did not acknowledge. Both are
 * idempotent and safe on several instances at once.
 */
export function paymentJobs(cfg: Pick<PortalConfig, 'demoMode' | 'appUrl' | 'sandboxWebhookSecret'>): BillingJob[] {
  const jobs: BillingJob[] = [
    {
      name: 'expire-abandoned-top-ups',
      run: async (db, { now }) => `${(await expireAbandonedPayments(db, now)).length} expired`,
    },
  ];
  if (cfg.demoMode) {
    jobs.push({
      name: 'sandbox-webhook-redelivery',
      run: async (db, { now }) => `${await redeliverSandboxWebhooks(db, { url: sandboxWebhookUrl(cfg.appUrl), secret: cfg.sandboxWebhookSecret }, now)} delivered`,
    });
  }
  return jobs;
}
