import { describe, expect, it } from 'vitest';
import { paymentJobs } from './payment-jobs';
import { activePaymentProviderName, offeredPaymentProviders, paymentProviderFor } from './providers';
import { rsaKeyPair } from './testing';

const stripe = { secretKey: 'sk_test_offline', webhookSecret: 'whsec_offline', limits: { minFen: 100n, maxFen: 5_000_000n } };
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
    expect(paymentJobs({ ...base, demoMode: true }).map((j) => j.name)).toEqual(['retry-pending-refunds', 'expire-abandoned-top-ups', 'sandbox-webhook-redelivery']);
    expect(paymentJobs({ ...base, demoMode: false }).map((j) => j.name)).toEqual(['retry-pending-refunds', 'expire-abandoned-top-ups']);
  });

  it('with Alipay or WeChat Pay configured, payments whose notification never came are asked about before abandoned ones expire', () => {
    const jobs = paymentJobs({ ...base, demoMode: false, alipay }).map((j) => j.name);
    expect(jobs.indexOf('settle-unconfirmed-top-ups')).toBeGreaterThanOrEqual(0);
    expect(jobs.indexOf('settle-unconfirmed-top-ups')).toBeLessThan(jobs.indexOf('expire-abandoned-top-ups'));
  });
});

const keys = rsaKeyPair();
const alipay = { appId: '2021000000000001', privateKey: keys.privateKey, alipayPublicKey: keys.publicKey, gateway: 'https://openapi.alipay.com/gateway.do', limits: { minFen: 1_000n, maxFen: 20_000n } };
const wechatpay = {
  mchId: '1900000109',
  appId: 'wx0000000000000001',
  merchantSerial: 'SERIAL',
  privateKey: keys.privateKey,
  apiV3Key: '0123456789abcdef0123456789abcdef',
  platformPublicKey: keys.publicKey,
  platformKeyId: 'PUB_KEY_ID_1',
  baseUrl: 'https://api.mch.weixin.qq.com',
  limits: { minFen: 100n, maxFen: 5_000_000n },
};

describe('which providers the top-up page offers', () => {
  const portal = { topUpMinFen: 100n, topUpMaxFen: 5_000_000n };

  it('offers the configured providers only, each with its own limits; production never offers the sandbox', () => {
    expect(offeredPaymentProviders({ ...base, ...portal, demoMode: false, stripe: null })).toEqual([]);
    expect(offeredPaymentProviders({ ...base, ...portal, demoMode: false, stripe: null, alipay }).map((p) => [p.name, p.limits])).toEqual([['alipay', { minFen: 1_000n, maxFen: 20_000n }]]);
    expect(offeredPaymentProviders({ ...base, ...portal, demoMode: false, stripe, alipay, wechatpay }).map((p) => p.name)).toEqual(['stripe', 'alipay', 'wechatpay']);
    expect(offeredPaymentProviders({ ...base, ...portal, demoMode: true, stripe: null, wechatpay }).map((p) => p.name)).toEqual(['sandbox', 'wechatpay']);
    expect(paymentProviderFor('alipay', { ...base, demoMode: false, stripe: null })).toBeNull();
    expect(paymentProviderFor('wechatpay', { ...base, demoMode: false, stripe: null, wechatpay })?.name).toBe('wechatpay');
  });
});
