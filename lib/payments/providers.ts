import type { PortalConfig } from '@/lib/config';
import type { PaymentProviderName } from '@/lib/db/schema';
import type { PaymentProvider, ProviderEvent } from './provider';
import { sandboxProvider } from './sandbox-provider';
import { stripeProvider } from './stripe-provider';

type ProviderConfig = Pick<PortalConfig, 'stripe' | 'sandboxWebhookSecret' | 'appUrl'>;

/** The provider new top-ups use: Stripe when configured, else the embedded sandbox processor. */
export function activePaymentProviderName(cfg: ProviderConfig): PaymentProviderName {
  return cfg.stripe ? 'stripe' : 'sandbox';
}

/**
 * A provider by name, or null when it is not available (Stripe without keys). The sandbox stays
 * available so its payments started before a switch to Stripe can still be confirmed.
 */
export function paymentProviderFor(name: string, cfg: ProviderConfig): PaymentProvider<ProviderEvent> | null {
  if (name === 'sandbox') return sandboxProvider({ webhookSecret: cfg.sandboxWebhookSecret });
  if (name === 'stripe' && cfg.stripe) return stripeProvider({ ...cfg.stripe, appUrl: cfg.appUrl });
  return null;
}
