import type { BillingJob } from '@/lib/billing/run-due-billing';
import type { PortalConfig } from '@/lib/config';
import { expireAbandonedPayments } from './apply-payment-update';
import { configuredPaymentProviders } from './providers';
import { retryPendingRefunds } from './refund-top-up';
import { settleUnconfirmedPayments } from './settle-unconfirmed-payments';
import { redeliverSandboxWebhooks, sandboxWebhookUrl } from './sandbox/deliver-sandbox-webhook';

/**
 * Background work of top-ups, shaped as billing-run jobs (`billingJobs.push(...paymentJobs(cfg))`):
 * ask Alipay / WeChat Pay about payments whose notification never came, close payments abandoned for 30 minutes, and (demo mode only: the sandbox does not exist in
 * production) have the sandbox processor retry webhooks the portal did not acknowledge. Both are
 * idempotent and safe on several instances at once.
 */
export function paymentJobs(cfg: Pick<PortalConfig, 'demoMode' | 'appUrl' | 'sandboxWebhookSecret'> & Partial<Pick<PortalConfig, 'stripe' | 'alipay' | 'wechatpay'>>): BillingJob[] {
  const queryable = configuredPaymentProviders({ stripe: null, ...cfg }).filter((p) => p.queryPayment);
  const jobs: BillingJob[] = [];
  // Before the expiry: a payment whose notification was lost is asked about first.
  if (queryable.length > 0) {
    jobs.push({
      name: 'settle-unconfirmed-top-ups',
      run: async (db, { now }) => {
        const s = await settleUnconfirmedPayments(db, queryable, now);
        return `${s.asked} asked, ${s.credited} credited, ${s.closed} closed, ${s.errors} errors`;
      },
    });
  }
  const providers = configuredPaymentProviders({ stripe: null, ...cfg });
  jobs.push(
    {
      name: 'retry-pending-refunds',
      run: async (db, { now }) => `${await retryPendingRefunds(db, (name) => providers.find((p) => p.name === name) ?? null, now)} settled`,
    },
    {
      name: 'expire-abandoned-top-ups',
      run: async (db, { now }) => `${(await expireAbandonedPayments(db, now)).length} expired`,
    },
  );
  if (cfg.demoMode) {
    jobs.push({
      name: 'sandbox-webhook-redelivery',
      run: async (db, { now }) => `${await redeliverSandboxWebhooks(db, { url: sandboxWebhookUrl(cfg.appUrl), secret: cfg.sandboxWebhookSecret }, now)} delivered`,
    });
  }
  return jobs;
}
