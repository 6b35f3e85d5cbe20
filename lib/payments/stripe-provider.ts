import Stripe from 'stripe';
import type { CreatePaymentInput, PaymentProvider, PaymentUpdate, VerifiedConfirmation, WebhookDelivery } from './provider';

/*
 * Stripe Checkout through the official SDK, switched on by STRIPE_SECRET_KEY + STRIPE_WEBHOOK_SECRET.
 * A Checkout Session is the provider payment; its id is the idempotency key of the credit.
 */

export const STRIPE_SIGNATURE_HEADER = 'stripe-signature';
export const STRIPE_WEBHOOK_TOLERANCE_SECONDS = 300;
/** Stripe refuses a Checkout Session that expires sooner than 30 minutes after creation. */
const STRIPE_MIN_SESSION_SECONDS = 30 * 60;

function sessionOf(event: Stripe.Event): Stripe.Checkout.Session {
  return event.data.object as Stripe.Checkout.Session;
}

function paid(session: Stripe.Checkout.Session): PaymentUpdate {
  // A session without a total cannot match the payment created: it is refused as a mismatch.
  return {
    kind: 'succeeded',
    providerPaymentId: session.id,
    amountFen: BigInt(session.amount_total ?? -1),
    currency: (session.currency ?? '').toUpperCase(),
    providerIntentId: idOf(session.payment_intent),
  };
}

/** An expandable Stripe field: the id whether it came as a string or as the object. */
function idOf(field: string | { id: string } | null | undefined): string | null {
  if (!field) return null;
  return typeof field === 'string' ? field : field.id;
}

/**
 * A charge was refunded (in part or in full). `amount_refunded` is cumulative, so each refund is
 * keyed by the charge and that total: a redelivery posts nothing, a later refund posts the difference.
 */
function chargeRefunded(event: Stripe.Event): PaymentUpdate {
  const charge = event.data.object as Stripe.Charge;
  return {
    kind: 'reversal',
    reversal: {
      type: 'refund',
      objectId: charge.id,
      providerIntentId: idOf(charge.payment_intent),
      paymentRef: charge.metadata?.paymentId ?? null,
      refundedFen: BigInt(charge.amount_refunded),
      currency: charge.currency.toUpperCase(),
    },
  };
}

/** Inquiries (`warning_*`) move no money; any other open dispute has withdrawn the funds. */
function disputeState(dispute: Stripe.Dispute): 'open' | 'won' | 'lost' | 'inquiry' {
  if (dispute.status.startsWith('warning_')) return 'inquiry';
  if (dispute.status === 'won') return 'won';
  if (dispute.status === 'lost') return 'lost';
  return 'open';
}

function dispute(event: Stripe.Event): PaymentUpdate {
  const d = event.data.object as Stripe.Dispute;
  const state = disputeState(d);
  return {
    kind: 'reversal',
    reversal: {
      type: 'dispute',
      objectId: d.id,
      providerIntentId: idOf(d.payment_intent),
      paymentRef: d.metadata?.paymentId ?? null,
      amountFen: BigInt(d.amount),
      currency: d.currency.toUpperCase(),
      // A dispute opening is a chargeback whatever its later state; closing says who kept the money.
      state: event.type === 'charge.dispute.created' && state !== 'inquiry' ? 'open' : state,
    },
  };
}

/** Card payments are paid on completion; delayed methods complete unpaid and report later. */
function checkoutSessionCompleted(event: Stripe.Event): PaymentUpdate {
  const session = sessionOf(event);
  return session.payment_status === 'paid' ? paid(session) : { kind: 'pending', providerPaymentId: session.id };
}

function checkoutSessionAsyncPaymentSucceeded(event: Stripe.Event): PaymentUpdate {
  return paid(sessionOf(event));
}

function checkoutSessionAsyncPaymentFailed(event: Stripe.Event): PaymentUpdate {
  return { kind: 'failed', providerPaymentId: sessionOf(event).id, reason: 'async_payment_failed' };
}

function checkoutSessionExpired(event: Stripe.Event): PaymentUpdate {
  return { kind: 'expired', providerPaymentId: sessionOf(event).id, reason: 'abandoned' };
}

export interface StripeProviderOptions {
  secretKey: string;
  webhookSecret: string;
  appUrl: string;
  /** A preconfigured client (tests). */
  client?: Stripe;
}

export function stripeProvider(options: StripeProviderOptions): PaymentProvider<Stripe.Event> {
  let client = options.client ?? null;
  const stripe = () => (client ??= new Stripe(options.secretKey, { maxNetworkRetries: 2, timeout: 20_000 }));

  return {
    name: 'stripe',

    async createPayment(_db, input: CreatePaymentInput) {
      const returnUrl = `${options.appUrl}${input.returnPath}`;
      const minExpiry = Math.ceil(input.now.getTime() / 1000) + STRIPE_MIN_SESSION_SECONDS + 60;
      const session = await stripe().checkout.sessions.create(
        {
          mode: 'payment',
          allowed_payment_method_types: ['card'],
          line_items: [
            {
              quantity: 1,
              price_data: { currency: input.currency.toLowerCase(), unit_amount: Number(input.amountFen), product_data: { name: input.description } },
            },
          ],
          client_reference_id: input.paymentId,
          metadata: { paymentId: input.paymentId, accountId: input.accountId },
          payment_intent_data: { metadata: { paymentId: input.paymentId, accountId: input.accountId } },
          success_url: returnUrl,
          cancel_url: returnUrl,
          expires_at: Math.max(Math.floor(input.expiresAt.getTime() / 1000), minExpiry),
        },
        { idempotencyKey: `checkout:${input.paymentId}` },
      );
      if (!session.url) throw new Error(`Stripe returned Checkout Session ${session.id} without a URL`);
      return { providerPaymentId: session.id, checkoutUrl: session.url };
    },

    /** A refund of the PaymentIntent; Stripe's later `charge.refunded` finds it already taken back (same cumulative total). */
    async refund(input) {
      if (!input.providerIntentId) return { ok: false, reason: 'no_payment_intent' };
      try {
        const refund = await stripe().refunds.create(
          { payment_intent: input.providerIntentId, amount: Number(input.amountFen), metadata: { paymentId: input.paymentId, refundId: input.refundId } },
          { idempotencyKey: `refund:${input.refundId}` },
        );
        return refund.status === 'failed' || refund.status === 'canceled' ? { ok: false, reason: refund.failure_reason ?? refund.status } : { ok: true, providerRefundId: refund.id };
      } catch (error) {
        if (error instanceof Stripe.errors.StripeInvalidRequestError) return { ok: false, reason: error.code ?? 'invalid_request' };
        throw error;
      }
    },

    verifyConfirmation(delivery: WebhookDelivery): VerifiedConfirmation<Stripe.Event> {
      const header = delivery.headers.get(STRIPE_SIGNATURE_HEADER);
      if (!header) return { ok: false, reason: 'missing_header' };
      try {
        const event = Stripe.webhooks.constructEvent(
          delivery.body,
          header,
          options.webhookSecret,
          STRIPE_WEBHOOK_TOLERANCE_SECONDS,
          undefined,
          delivery.now.getTime(),
        );
        return { ok: true, event };
      } catch (error) {
        if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
          const message = error.message;
          if (message.includes('Timestamp outside the tolerance zone')) return { ok: false, reason: 'stale_timestamp' };
          if (message.includes('Unable to extract') || message.includes('No signatures found with expected scheme')) return { ok: false, reason: 'malformed_header' };
          return { ok: false, reason: 'bad_signature' };
        }
        return { ok: false, reason: 'malformed_body' };
      }
    },

    eventHandlers: {
      'checkout.session.completed': checkoutSessionCompleted,
      'checkout.session.async_payment_succeeded': checkoutSessionAsyncPaymentSucceeded,
      'checkout.session.async_payment_failed': checkoutSessionAsyncPaymentFailed,
      'checkout.session.expired': checkoutSessionExpired,
      'charge.refunded': chargeRefunded,
      'charge.dispute.created': dispute,
      'charge.dispute.closed': dispute,
    },
  };
}
