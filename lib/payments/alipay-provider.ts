import { AlipaySdk } from 'alipay-sdk';
import { fenToDecimalString, parseYuanToFen } from '@/lib/money';
import type {
  CreatePaymentInput,
  PaymentProvider,
  PaymentUpdate,
  ProviderEvent,
  QueriedPayment,
  RefundInput,
  RefundResult,
  VerifiedConfirmation,
  WebhookAnswer,
  WebhookDelivery,
} from './provider';

/*
 * Alipay through the official `alipay-sdk` (OpenAPI with RSA2 keys): PC website pay
 * (alipay.trade.page.pay) on a desktop, H5 pay (alipay.trade.wap.pay) on a phone. Our payment id is
 * the `out_trade_no`, so it is also the provider payment id the credit is keyed by; Alipay's
 * `trade_no` is kept as the intent id. The asynchronous notification is verified with Alipay's
 * public key (RSA2 over the sorted parameters without sign/sign_type) and its app_id must be ours;
 * the amount is checked against the payment row when it is applied.
 */

export interface AlipayOptions {
  appId: string;
  /** PEM (PKCS#8 or PKCS#1). */
  privateKey: string;
  /** Alipay's public key, PEM. */
  alipayPublicKey: string;
  gateway: string;
  appUrl: string;
}

/** A verified asynchronous notification: `notify_id` is the same on every redelivery. */
export interface AlipayNotification extends ProviderEvent {
  params: Record<string, string>;
}

/** Alipay reads times in Beijing time, `yyyy-MM-dd HH:mm:ss`. */
export function alipayTime(at: Date): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(at);
}

export function alipayNotifyUrl(appUrl: string): string {
  return `${appUrl}/api/payments/webhook/alipay`;
}

function tradeUpdate(outTradeNo: string, status: string | undefined, totalAmount: string | undefined, tradeNo: string | undefined): PaymentUpdate {
  switch (status) {
    case 'TRADE_SUCCESS':
    case 'TRADE_FINISHED':
      // An amount that does not parse cannot match the payment created: refused as a mismatch.
      return { kind: 'succeeded', providerPaymentId: outTradeNo, amountFen: parseYuanToFen(totalAmount ?? '') ?? -1n, currency: 'CNY', providerIntentId: tradeNo ?? null };
    case 'TRADE_CLOSED':
      return { kind: 'failed', providerPaymentId: outTradeNo, reason: 'trade_closed' };
    default:
      return { kind: 'pending', providerPaymentId: outTradeNo };
  }
}

function notified(event: AlipayNotification): PaymentUpdate {
  const p = event.params;
  return tradeUpdate(p.out_trade_no, p.trade_status, p.total_amount, p.trade_no);
}

export function alipayProvider(options: AlipayOptions): PaymentProvider<AlipayNotification> {
  let client: AlipaySdk | null = null;
  const sdk = () =>
    (client ??= new AlipaySdk({
      appId: options.appId,
      // The SDK re-wraps the key itself and expects the armour lines first and last (no trailing newline).
      privateKey: options.privateKey.trim(),
      keyType: options.privateKey.includes('RSA PRIVATE KEY') ? 'PKCS1' : 'PKCS8',
      alipayPublicKey: options.alipayPublicKey.trim(),
      gateway: options.gateway,
      signType: 'RSA2',
      timeout: 15_000,
    }));

  return {
    name: 'alipay',

    async createPayment(_db, input: CreatePaymentInput) {
      const returnUrl = `${options.appUrl}${input.returnPath}`;
      const method = input.mobile ? 'alipay.trade.wap.pay' : 'alipay.trade.page.pay';
      const url = sdk().pageExec(method, 'GET', {
        bizContent: {
          out_trade_no: input.paymentId,
          total_amount: fenToDecimalString(input.amountFen),
          subject: input.description.slice(0, 128),
          product_code: input.mobile ? 'QUICK_WAP_WAY' : 'FAST_INSTANT_TRADE_PAY',
          // Alipay closes the trade when ours expires, so nobody pays an abandoned top-up.
          time_expire: alipayTime(input.expiresAt),
          ...(input.mobile ? { quit_url: returnUrl } : {}),
        },
        notify_url: alipayNotifyUrl(options.appUrl),
        return_url: returnUrl,
      });
      return { providerPaymentId: input.paymentId, checkoutUrl: url };
    },

    verifyConfirmation(delivery: WebhookDelivery): VerifiedConfirmation<AlipayNotification> {
      const params: Record<string, string> = {};
      try {
        for (const [key, value] of new URLSearchParams(delivery.body)) params[key] = value;
      } catch {
        return { ok: false, reason: 'malformed_body' };
      }
      if (!params.sign) return { ok: false, reason: 'missing_header' };
      let valid = false;
      try {
        // V2: the values as posted (already form-decoded), without a second decodeURIComponent.
        valid = sdk().checkNotifySignV2(params);
      } catch {
        valid = false;
      }
      if (!valid) return { ok: false, reason: 'bad_signature' };
      if (params.app_id !== options.appId) return { ok: false, reason: 'wrong_merchant' };
      if (!params.notify_id || !params.out_trade_no || !params.trade_status) return { ok: false, reason: 'malformed_body' };
      return { ok: true, event: { id: params.notify_id, type: params.trade_status, params } };
    },

    eventHandlers: {
      TRADE_SUCCESS: notified,
      TRADE_FINISHED: notified,
      TRADE_CLOSED: notified,
    },

    /** Alipay stops redelivering only when the body is exactly `success`. */
    answer(outcome: WebhookAnswer) {
      if (outcome.kind === 'handled') return new Response('success', { status: 200, headers: { 'content-type': 'text/plain' } });
      const status = outcome.kind === 'rejected' ? 400 : outcome.kind === 'unknown_payment' ? 404 : 422;
      return new Response('fail', { status, headers: { 'content-type': 'text/plain' } });
    },

    async queryPayment(payment: QueriedPayment): Promise<PaymentUpdate> {
      // validateSign: the answer is believed only with Alipay's signature over it.
      const result = await sdk().exec('alipay.trade.query', { bizContent: { out_trade_no: payment.providerPaymentId } }, { validateSign: true });
      if (result.code === '10000') {
        if (result.outTradeNo !== payment.providerPaymentId) throw new Error(`alipay.trade.query answered for ${String(result.outTradeNo)}`);
        return tradeUpdate(payment.providerPaymentId, result.tradeStatus, result.totalAmount, result.tradeNo);
      }
      // The customer never opened the cashier: nothing to settle; expiry closes it.
      if (result.subCode === 'ACQ.TRADE_NOT_EXIST') return { kind: 'pending', providerPaymentId: payment.providerPaymentId };
      throw new Error(`alipay.trade.query failed: ${result.code} ${result.subCode ?? ''}`);
    },

    async refund(input: RefundInput): Promise<RefundResult> {
      const result = await sdk().exec(
        'alipay.trade.refund',
        {
          bizContent: {
            out_trade_no: input.providerPaymentId,
            refund_amount: fenToDecimalString(input.amountFen),
            // Makes a retried request the same refund, never a second one.
            out_request_no: input.refundId,
            refund_reason: input.reason.slice(0, 256),
          },
        },
        { validateSign: true },
      );
      if (result.code === '10000') return { ok: true, providerRefundId: `${String(result.tradeNo ?? input.providerIntentId ?? '')}#${input.refundId}` };
      return { ok: false, reason: String(result.subCode ?? result.code ?? 'refund_failed') };
    },
  };
}
