import type { CreatePaymentInput, PaymentProvider, PaymentUpdate, VerifiedConfirmation, WebhookDelivery } from './provider';
import { SANDBOX_SIGNATURE_HEADER, verifySandboxSignature } from './sandbox-signature';
import { createSandboxCheckout, sandboxCheckoutPath } from './sandbox/sandbox-checkouts';
import { sandboxEventSchema, type SandboxEvent } from './sandbox/sandbox-event';

/*
 * The adapter for the embedded sandbox card processor: the portal talks to it through the same
 * two operations as to any provider (create a payment, verify a signed confirmation).
 */

function sandboxPaymentSucceeded(event: SandboxEvent): PaymentUpdate {
  const payment = event.data.object;
  return { kind: 'succeeded', providerPaymentId: payment.id, amountFen: BigInt(payment.amount), currency: payment.currency };
}

function sandboxPaymentDeclined(event: SandboxEvent): PaymentUpdate {
  const payment = event.data.object;
  return { kind: 'declined', providerPaymentId: payment.id, reason: payment.failure_code ?? 'card_declined' };
}

function sandboxPaymentFailed(event: SandboxEvent): PaymentUpdate {
  const payment = event.data.object;
  return { kind: 'failed', providerPaymentId: payment.id, reason: payment.failure_code ?? 'payment_failed' };
}

export function sandboxProvider(options: { webhookSecret: string }): PaymentProvider<SandboxEvent> {
  return {
    name: 'sandbox',

    async createPayment(db, input: CreatePaymentInput) {
      const checkout = await createSandboxCheckout(db, {
        reference: input.paymentId,
        amountFen: input.amountFen,
        currency: input.currency,
        description: input.description,
        returnUrl: input.returnPath,
        expiresAt: input.expiresAt,
        payerSessionId: input.sessionId,
        now: input.now,
      });
      // Same origin as the portal: a relative address keeps the browser on the host it uses.
      return { providerPaymentId: checkout.id, checkoutUrl: sandboxCheckoutPath(checkout.id) };
    },

    verifyConfirmation(delivery: WebhookDelivery): VerifiedConfirmation<SandboxEvent> {
      const signature = verifySandboxSignature(delivery.body, delivery.headers.get(SANDBOX_SIGNATURE_HEADER), options.webhookSecret, delivery.now);
      if (!signature.ok) return { ok: false, reason: signature.reason };
      let json: unknown;
      try {
        json = JSON.parse(delivery.body);
      } catch {
        return { ok: false, reason: 'malformed_body' };
      }
      const parsed = sandboxEventSchema.safeParse(json);
      return parsed.success ? { ok: true, event: parsed.data } : { ok: false, reason: 'malformed_body' };
    },

    /** The sandbox holds no money: a refund is accepted at once (the ledger reversal is what matters). */
    async refund(input) {
      return { ok: true, providerRefundId: `sbx_re_${input.refundId}` };
    },

    eventHandlers: {
      'payment.succeeded': sandboxPaymentSucceeded,
      'payment.declined': sandboxPaymentDeclined,
      'payment.failed': sandboxPaymentFailed,
    },
  };
}
