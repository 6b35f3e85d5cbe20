import type { PortalConfig } from '@/lib/config';
import type { PaymentProviderName } from '@/lib/db/schema';
import type { PaymentProvider, ProviderEvent } from './provider';
import { sandboxProvider } from './sandbox-provider';
import { stripeProvider } from './stripe-provider';

type ProviderConfig = Pick<PortalConfig, 'demoMode' | 'stripe' | 'sandboxWebhookSecret' | 'appUrl'>;

/**
 * The provider new top-ups use: Stripe when configured, else (demo mode only) the embedded
 * sandbox processor. Null in production without Stripe: card top-ups are not available, and the
 * sandbox is never a fallback (its test cards would credit real wallets).
 */
export function activePaymentProviderName(cfg: ProviderConfig): PaymentProviderName | null {
  if (cfg.stripe) return 'stripe';
  return cfg.demoMode ? 'sandbox' : null;
}

/**
 * A provider by name, or null when it is not available (Stripe without keys; the sandbox outside
 * demo mode). In demo mode the sandbox stays available so its payments started before a switch
 * to Stripe can still be confirmed.
 */
export function paymentProviderFor(name: string, cfg: ProviderConfig): PaymentProvider<ProviderEvent> | null {
  if (name === 'sandbox' && cfg.demoMode) return sandboxProvider({ webhookSecret: cfg.sandboxWebhookSecret });
  if (name === 'stripe' && cfg.stripe) return stripeProvider({ ...cfg.stripe, appUrl: cfg.appUrl });
  return null;
}
