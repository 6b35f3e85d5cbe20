import type { PortalConfig } from '@/lib/config';
import type { PaymentProviderName } from '@/lib/db/schema';
import { alipayProvider } from './alipay-provider';
import type { PaymentProvider, ProviderEvent } from './provider';
import { sandboxProvider } from './sandbox-provider';
import { stripeProvider } from './stripe-provider';
import type { TopUpLimits } from './top-up-amount';
import { wechatpayProvider } from './wechatpay-provider';

type ProviderConfig = Pick<PortalConfig, 'demoMode' | 'stripe' | 'sandboxWebhookSecret' | 'appUrl'> &
  Partial<Pick<PortalConfig, 'alipay' | 'wechatpay' | 'topUpMinFen' | 'topUpMaxFen'>>;

/**
 * The card provider new card top-ups use: Stripe when configured, else (demo mode only) the
 * embedded sandbox processor. Null in production without Stripe: the sandbox is never a fallback
 * (its test cards would credit real wallets).
 */
export function activePaymentProviderName(cfg: ProviderConfig): PaymentProviderName | null {
  if (cfg.stripe) return 'stripe';
  return cfg.demoMode ? 'sandbox' : null;
}

export interface OfferedProvider {
  name: PaymentProviderName;
  limits: TopUpLimits;
}

/**
 * The providers the top-up page offers, in order: the card provider (above), then Alipay and WeChat
 * Pay when configured. Each has its own limits (`<PROVIDER>_MIN_FEN` / `_MAX_FEN`, else TOPUP_*).
 */
export function offeredPaymentProviders(cfg: ProviderConfig): OfferedProvider[] {
  const portalLimits: TopUpLimits = { minFen: cfg.topUpMinFen ?? 100n, maxFen: cfg.topUpMaxFen ?? 5_000_000n };
  const offered: OfferedProvider[] = [];
  const card = activePaymentProviderName(cfg);
  if (card === 'stripe' && cfg.stripe) offered.push({ name: 'stripe', limits: cfg.stripe.limits ?? portalLimits });
  if (card === 'sandbox') offered.push({ name: 'sandbox', limits: portalLimits });
  if (cfg.alipay) offered.push({ name: 'alipay', limits: cfg.alipay.limits });
  if (cfg.wechatpay) offered.push({ name: 'wechatpay', limits: cfg.wechatpay.limits });
  return offered;
}

/**
 * A provider by name, or null when it is not available (one without configuration; the sandbox
 * outside demo mode). In demo mode the sandbox stays available so its payments started before a
 * switch to Stripe can still be confirmed.
 */
export function paymentProviderFor(name: string, cfg: ProviderConfig): PaymentProvider<ProviderEvent> | null {
  if (name === 'sandbox' && cfg.demoMode) return sandboxProvider({ webhookSecret: cfg.sandboxWebhookSecret });
  if (name === 'stripe' && cfg.stripe) return stripeProvider({ ...cfg.stripe, appUrl: cfg.appUrl });
  if (name === 'alipay' && cfg.alipay) return alipayProvider({ ...cfg.alipay, appUrl: cfg.appUrl });
  if (name === 'wechatpay' && cfg.wechatpay) return wechatpayProvider({ ...cfg.wechatpay, appUrl: cfg.appUrl });
  return null;
}

/** Every provider the configuration switches on (for jobs that ask each one about its payments). */
export function configuredPaymentProviders(cfg: ProviderConfig): PaymentProvider<ProviderEvent>[] {
  return (['sandbox', 'stripe', 'alipay', 'wechatpay'] as const).map((name) => paymentProviderFor(name, cfg)).filter((p) => p !== null);
}
