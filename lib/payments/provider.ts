import type { Db } from '@/lib/db/client';
import type { PaymentProviderName } from '@/lib/db/schema';

/**
 * What the portal needs from a card payment provider: start a payment (the customer pays on the
 * provider's hosted page) and verify a confirmation (a signed webhook). The wallet is credited
 * only from a verified confirmation, never from the browser coming back.
 */
export interface PaymentProvider<E extends ProviderEvent = ProviderEvent> {
  readonly name: PaymentProviderName;
  createPayment(db: Db, input: CreatePaymentInput): Promise<CreatedPayment>;
  /** Verifies signature and freshness of one delivery and parses it; never throws for bad input. */
  verifyConfirmation(delivery: WebhookDelivery): VerifiedConfirmation<E>;
  /**
   * The allow-list: each event type the portal acts on, handed to a small named function that
   * says what the event means for the payment. Types not listed are acknowledged and ignored.
   */
  readonly eventHandlers: Readonly<Record<string, EventHandler<E>>>;
  /**
   * The provider's own answer to a delivery (Alipay wants the text `success`, WeChat Pay a 204 or
   * `{ code: 'FAIL' }`); without it the portal answers JSON (sandbox, Stripe).
   */
  answer?(outcome: WebhookAnswer): Response;
  /**
   * Asks the provider what became of a payment whose confirmation never came (Alipay
   * `alipay.trade.query`, WeChat Pay query by out_trade_no). The answer is verified like a
   * confirmation (signed response); `pending` while nothing is final.
   */
  queryPayment?(payment: QueriedPayment): Promise<PaymentUpdate>;
  /** Refunds (part of) a succeeded payment; `refundId` is our idempotency key at the provider. */
  refund?(input: RefundInput): Promise<RefundResult>;
}

export type WebhookAnswer = { kind: 'handled' } | { kind: 'rejected' | 'refused' | 'unknown_payment'; message: string };

export interface QueriedPayment {
  paymentId: string;
  providerPaymentId: string;
  amountFen: bigint;
}

export interface RefundInput {
  refundId: string;
  paymentId: string;
  providerPaymentId: string;
  providerIntentId: string | null;
  /** The refund, and the whole payment it is part of (WeChat Pay wants both). */
  amountFen: bigint;
  paymentAmountFen: bigint;
  reason: string;
}

export type RefundResult = { ok: true; providerRefundId: string } | { ok: false; reason: string };

/**
 * Method syntax on purpose: it lets a `PaymentProvider<Stripe.Event>` be used as a
 * `PaymentProvider<ProviderEvent>`. Sound here because a provider's handlers only ever receive the
 * events its own `verifyConfirmation` produced.
 */
export type EventHandler<E extends ProviderEvent> = { handle(event: E): PaymentUpdate }['handle'];

export interface CreatePaymentInput {
  /** Our payment id, the provider's reference back to us. */
  paymentId: string;
  accountId: string;
  amountFen: bigint;
  currency: 'CNY';
  /** Shown on the provider's page. */
  description: string;
  /** Path of the payment's status page (the browser comes back there), e.g. `/top-up/pay_…`. */
  returnPath: string;
  /** The payment is abandoned after this instant. */
  expiresAt: Date;
  /** The portal session paying (the sandbox binds its checkout to it; a real provider has its own). */
  sessionId: string | null;
  /** A phone's browser: Alipay H5 (wap) pay and WeChat Pay H5 instead of the desktop page / QR code. */
  mobile?: boolean;
  /** The payer's address (WeChat Pay H5 requires it). */
  clientIp?: string | null;
  now: Date;
}

export interface CreatedPayment {
  providerPaymentId: string;
  /** The provider's hosted payment page, or (WeChat Pay Native) the `weixin://` code shown as a QR code. */
  checkoutUrl: string;
}

/** A checkout the customer scans with a phone instead of visiting (WeChat Pay Native's code_url). */
export function isQrCheckout(checkoutUrl: string | null): boolean {
  return checkoutUrl !== null && checkoutUrl.startsWith('weixin://');
}

export interface WebhookDelivery {
  /** The raw body exactly as received (signatures cover these bytes). */
  body: string;
  headers: Headers;
  now: Date;
}

/** An event as every provider has one: an id (the same on every redelivery) and a type. */
export interface ProviderEvent {
  id: string;
  type: string;
}

export type VerifiedConfirmation<E extends ProviderEvent> =
  | { ok: true; event: E }
  | { ok: false; reason: 'missing_header' | 'malformed_header' | 'bad_signature' | 'stale_timestamp' | 'malformed_body' | 'wrong_merchant' };

/** What a confirmation says about one payment; amounts are integers in fen. */
export type PaymentUpdate =
  /** `providerIntentId`: the provider's id of the money movement (Stripe PaymentIntent), named by later refunds and disputes. */
  | { kind: 'succeeded'; providerPaymentId: string; amountFen: bigint; currency: string; providerIntentId?: string | null }
  /** Money taken back after a payment, or given back (see PaymentReversal). */
  | { kind: 'reversal'; reversal: PaymentReversal }
  | { kind: 'declined' | 'failed' | 'expired'; providerPaymentId: string; reason: string }
  /** Nothing final yet (e.g. a Checkout Session completed with a payment still processing). */
  | { kind: 'pending'; providerPaymentId: string };

/**
 * A refund or a dispute of a confirmed payment, as the provider reports it. The payment is found
 * by `providerIntentId`, else by our own id in the provider's metadata (`paymentRef`).
 */
export type PaymentReversal =
  | {
      type: 'refund';
      /** The refunded charge; with the cumulative amount it makes each refund's idempotency key. */
      objectId: string;
      providerIntentId: string | null;
      paymentRef: string | null;
      /** Everything refunded on the charge so far (cumulative), in fen. */
      refundedFen: bigint;
      currency: string;
    }
  | {
      type: 'dispute';
      /** The dispute's id: the idempotency key of its chargeback and of its reversal. */
      objectId: string;
      providerIntentId: string | null;
      paymentRef: string | null;
      amountFen: bigint;
      currency: string;
      /** `open`: funds withdrawn (the chargeback); `won`: given back; `lost`: kept by the card holder; `inquiry`: no money moved. */
      state: 'open' | 'won' | 'lost' | 'inquiry';
    };
