import { NextResponse } from 'next/server';
import type { Db } from '@/lib/db/client';
import { apiError } from '@/lib/http/api-error';
import { applyPaymentUpdate } from './apply-payment-update';
import type { PaymentProvider, ProviderEvent, WebhookDelivery } from './provider';

/**
 * One webhook delivery, the dub way: verify (signature and timestamp over the raw body), then
 * dispatch on the provider's allow-list of event types to a small named function, then apply the
 * result idempotently. Answers 400 to anything unverified (nothing is written), 200 to handled,
 * duplicate and ignored events, 422 to a refused amount/currency mismatch (or a reversal of an unpaid payment), 404 to a payment we
 * do not know (the provider retries; it may not be stored yet).
 */
export async function handlePaymentWebhook(db: Db, provider: PaymentProvider<ProviderEvent>, delivery: WebhookDelivery): Promise<Response> {
  const answer = provider.answer?.bind(provider);
  const verified = provider.verifyConfirmation(delivery);
  if (!verified.ok) {
    console.warn(`[payments] ${provider.name} webhook rejected: ${verified.reason}`);
    if (answer) return answer({ kind: 'rejected', message: `Notification verification failed (${verified.reason})` });
    return verified.reason === 'malformed_body'
      ? apiError(400, 'invalid_payload', 'The webhook body is not a valid event')
      : apiError(400, 'invalid_signature', `Webhook signature verification failed (${verified.reason})`);
  }
  const { event } = verified;
  const handler = Object.hasOwn(provider.eventHandlers, event.type) ? provider.eventHandlers[event.type] : undefined;
  if (!handler) return answer ? answer({ kind: 'handled' }) : NextResponse.json({ received: true, ignored: event.type });

  const result = await applyPaymentUpdate(db, { provider: provider.name, eventId: event.id, eventType: event.type, receivedAt: delivery.now }, handler(event));
  if (result.outcome === 'refused') {
    // A refund or dispute of a payment that never succeeded (or in another currency) is refused the same way.
    const message = 'The event does not match the payment created (amount, currency or status); refused';
    return answer ? answer({ kind: 'refused', message }) : apiError(422, 'amount_mismatch', message);
  }
  if (result.outcome === 'unknown_payment') {
    const message = 'No payment with this provider payment id';
    return answer ? answer({ kind: 'unknown_payment', message }) : apiError(404, 'unknown_payment', message);
  }
  return answer ? answer({ kind: 'handled' }) : NextResponse.json({ received: true, outcome: result.outcome, paymentId: result.paymentId });
}
