import { describe, expect, it } from 'vitest';
import { paymentJobs } from './payment-jobs';
import { activePaymentProviderName, paymentProviderFor } from './providers';

const stripe = { secretKey: 'sk_test_offline', webhookSecret: 'whsec_offline' };
const base = { appUrl: 'https://portal.example.com', sandboxWebhookSecret: 'sandbox-secret' };

describe('payment providers by mode', () => {
  it('production without Stripe has no card provider: never the sandbox (its test cards would credit real wallets)', () => {
    const production = { ...base, demoMode: false, stripe: null };
    expect(activePaymentProviderName(production)).toBeNull();
    expect(paymentProviderFor('sandbox', production)).toBeNull();
    expect(paymentProviderFor('stripe', production)).toBeNull();
  });

  it('production with Stripe uses Stripe, and the sandbox still does not exist (its webhook answers 404)', () => {
    const production = { ...base, demoMode: false, stripe };
    expect(activePaymentProviderName(production)).toBe('stripe');
    expect(paymentProviderFor('stripe', production)?.name).toBe('stripe');
    expect(paymentProviderFor('sandbox', production)).toBeNull();
  });

  it('demo mode uses the sandbox without Stripe, and keeps it for earlier payments once Stripe is configured', () => {
    expect(activePaymentProviderName({ ...base, demoMode: true, stripe: null })).toBe('sandbox');
    expect(activePaymentProviderName({ ...base, demoMode: true, stripe })).toBe('stripe');
    expect(paymentProviderFor('sandbox', { ...base, demoMode: true, stripe })?.name).toBe('sandbox');
  });

  it('the sandbox webhook redelivery job runs in demo mode only', () => {
    expect(paymentJobs({ ...base, demoMode: true }).map((j) => j.name)).toEqual(['expire-abandoned-top-ups', 'sandbox-webhook-redelivery']);
    expect(paymentJobs({ ...base, demoMode: false }).map((j) => j.name)).toEqual(['expire-abandoned-top-ups']);
  });
});
