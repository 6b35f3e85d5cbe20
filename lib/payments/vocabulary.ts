/**
 * Payment providers, payment and refund states, webhook outcomes, sandbox checkout states: the
 * domain's words, plain data (safe for client components), imported by the schema (lib/db/schema,
 * by relative path for drizzle-kit) and re-exported there.
 */

export const paymentProviderNames = ['sandbox', 'stripe', 'alipay', 'wechatpay'] as const;
export type PaymentProviderName = (typeof paymentProviderNames)[number];

export const paymentStatuses = ['pending', 'succeeded', 'declined', 'failed', 'expired'] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

export const paymentEventOutcomes = ['credited', 'duplicate', 'declined', 'failed', 'expired', 'unchanged', 'refused', 'unknown_payment', 'reversed'] as const;
export type PaymentEventOutcome = (typeof paymentEventOutcomes)[number];

export const sandboxCheckoutStatuses = ['open', 'challenge', 'succeeded', 'declined', 'failed'] as const;
export type SandboxCheckoutStatus = (typeof sandboxCheckoutStatuses)[number];

export const paymentRefundStatuses = ['pending', 'succeeded', 'failed'] as const;
export type PaymentRefundStatus = (typeof paymentRefundStatuses)[number];
