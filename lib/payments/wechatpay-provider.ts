import { z } from 'zod';
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
import { authorizationHeader, decryptResource, verifySignedBody } from './wechatpay/wechatpay-crypto';

/*
 * WeChat Pay API v3: Native (the code_url shown as a QR code on the payment's page) on a desktop,
 * H5 on a phone. Requests carry a WECHATPAY2-SHA256-RSA2048 Authorization signed with the
 * merchant key; responses and notifications are believed only with WeChat Pay's signature (the
 * platform public key configured, its key id as Wechatpay-Serial), and a notification's resource
 * is decrypted with the APIv3 key (AEAD_AES_256_GCM). Our payment id is the out_trade_no.
 * Signing and decryption: ./wechatpay/wechatpay-crypto.ts (node:crypto; see there why).
 */

export interface WechatPayOptions {
  mchId: string;
  appId: string;
  merchantSerial: string;
  privateKey: string;
  apiV3Key: string;
  platformPublicKey: string;
  platformKeyId: string;
  baseUrl: string;
  appUrl: string;
  /** Tests: the clock responses are checked against. */
  now?: () => Date;
}

const transactionSchema = z.object({
  appid: z.string(),
  mchid: z.string(),
  out_trade_no: z.string(),
  transaction_id: z.string().optional(),
  trade_state: z.string(),
  amount: z.object({ total: z.number().int().optional(), currency: z.string().optional() }).optional(),
});
export type WechatTransaction = z.infer<typeof transactionSchema>;

const notificationSchema = z.object({
  id: z.string().min(1),
  event_type: z.string().min(1),
  resource_type: z.string().optional(),
  resource: z.object({ algorithm: z.string(), ciphertext: z.string(), associated_data: z.string().optional(), nonce: z.string(), original_type: z.string().optional() }),
});

/** A verified, decrypted notification: `id` is the notification id, the same on every redelivery. */
export interface WechatPayNotification extends ProviderEvent {
  resource: unknown;
}

export function wechatpayNotifyUrl(appUrl: string): string {
  return `${appUrl}/api/payments/webhook/wechatpay`;
}

function transactionUpdate(t: WechatTransaction): PaymentUpdate {
  switch (t.trade_state) {
    case 'SUCCESS':
    // A refunded trade was paid first; the refund is a reversal of its own.
    case 'REFUND':
      return {
        kind: 'succeeded',
        providerPaymentId: t.out_trade_no,
        amountFen: BigInt(t.amount?.total ?? -1),
        currency: t.amount?.currency ?? '',
        providerIntentId: t.transaction_id ?? null,
      };
    case 'CLOSED':
    case 'REVOKED':
      return { kind: 'failed', providerPaymentId: t.out_trade_no, reason: 'trade_closed' };
    case 'PAYERROR':
      return { kind: 'failed', providerPaymentId: t.out_trade_no, reason: 'pay_error' };
    default:
      return { kind: 'pending', providerPaymentId: t.out_trade_no };
  }
}

function transactionNotified(event: WechatPayNotification): PaymentUpdate {
  return transactionUpdate(event.resource as WechatTransaction);
}

export class WechatPayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'WechatPayError';
  }
}

export function wechatpayProvider(options: WechatPayOptions): PaymentProvider<WechatPayNotification> {
  const now = options.now ?? (() => new Date());
  const platform = { publicKey: options.platformPublicKey, keyId: options.platformKeyId };

  /** One signed request; the answer is read only when WeChat Pay's signature over it checks out. */
  async function call(method: 'GET' | 'POST', pathWithQuery: string, payload?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const response = await fetch(`${options.baseUrl}${pathWithQuery}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        authorization: authorizationHeader({ mchId: options.mchId, serialNo: options.merchantSerial, privateKey: options.privateKey, method, pathWithQuery, body }),
      },
      body: payload === undefined ? undefined : body,
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    const check = verifySignedBody(response.headers, text, platform, now());
    if (!check.ok) throw new WechatPayError(response.status, 'SIGN_ERROR', `WeChat Pay response signature not verified (${check.reason})`);
    const json = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
    if (response.status >= 400) throw new WechatPayError(response.status, String(json.code ?? 'ERROR'), String(json.message ?? `HTTP ${response.status}`));
    return { status: response.status, json };
  }

  function ours(t: WechatTransaction): boolean {
    return t.mchid === options.mchId && t.appid === options.appId;
  }

  return {
    name: 'wechatpay',

    async createPayment(_db, input: CreatePaymentInput) {
      const order = {
        appid: options.appId,
        mchid: options.mchId,
        description: input.description.slice(0, 127),
        out_trade_no: input.paymentId,
        // WeChat Pay closes the order when ours expires.
        time_expire: input.expiresAt.toISOString().replace(/\.\d{3}Z$/, '+00:00'),
        notify_url: wechatpayNotifyUrl(options.appUrl),
        amount: { total: Number(input.amountFen), currency: 'CNY' },
      };
      if (input.mobile) {
        const { json } = await call('POST', '/v3/pay/transactions/h5', { ...order, scene_info: { payer_client_ip: input.clientIp ?? '127.0.0.1', h5_info: { type: 'Wap' } } });
        const h5 = z.string().url().parse(json.h5_url);
        const returnUrl = `${options.appUrl}${input.returnPath}`;
        return { providerPaymentId: input.paymentId, checkoutUrl: `${h5}${h5.includes('?') ? '&' : '?'}redirect_url=${encodeURIComponent(returnUrl)}` };
      }
      const { json } = await call('POST', '/v3/pay/transactions/native', order);
      return { providerPaymentId: input.paymentId, checkoutUrl: z.string().startsWith('weixin://').parse(json.code_url) };
    },

    verifyConfirmation(delivery: WebhookDelivery): VerifiedConfirmation<WechatPayNotification> {
      const check = verifySignedBody(delivery.headers, delivery.body, platform, delivery.now);
      if (!check.ok) return { ok: false, reason: check.reason };
      let parsed: z.infer<typeof notificationSchema>;
      try {
        parsed = notificationSchema.parse(JSON.parse(delivery.body));
      } catch {
        return { ok: false, reason: 'malformed_body' };
      }
      let plaintext: string;
      try {
        plaintext = decryptResource(parsed.resource, options.apiV3Key);
      } catch {
        // Signed by WeChat Pay but not sealed with our APIv3 key: not for us, or tampered with.
        return { ok: false, reason: 'bad_signature' };
      }
      let resource: unknown;
      try {
        resource = JSON.parse(plaintext);
      } catch {
        return { ok: false, reason: 'malformed_body' };
      }
      if (parsed.event_type.startsWith('TRANSACTION.')) {
        const t = transactionSchema.safeParse(resource);
        if (!t.success) return { ok: false, reason: 'malformed_body' };
        if (!ours(t.data)) return { ok: false, reason: 'wrong_merchant' };
        resource = t.data;
      }
      return { ok: true, event: { id: parsed.id, type: parsed.event_type, resource } };
    },

    eventHandlers: {
      'TRANSACTION.SUCCESS': transactionNotified,
    },

    /** WeChat Pay: 2xx without a body acknowledges; anything else with `{ code: 'FAIL' }` asks it to redeliver. */
    answer(outcome: WebhookAnswer) {
      if (outcome.kind === 'handled') return new Response(null, { status: 204 });
      const status = outcome.kind === 'rejected' ? 401 : outcome.kind === 'unknown_payment' ? 404 : 422;
      return Response.json({ code: 'FAIL', message: outcome.message }, { status });
    },

    async queryPayment(payment: QueriedPayment): Promise<PaymentUpdate> {
      try {
        const { json } = await call('GET', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(payment.providerPaymentId)}?mchid=${encodeURIComponent(options.mchId)}`);
        const t = transactionSchema.parse(json);
        if (!ours(t) || t.out_trade_no !== payment.providerPaymentId) throw new Error(`WeChat Pay answered for another order (${t.mchid}/${t.out_trade_no})`);
        return transactionUpdate(t);
      } catch (error) {
        if (error instanceof WechatPayError && error.code === 'ORDER_NOT_EXIST') return { kind: 'pending', providerPaymentId: payment.providerPaymentId };
        throw error;
      }
    },

    async refund(input: RefundInput): Promise<RefundResult> {
      try {
        const { json } = await call('POST', '/v3/refund/domestic/refunds', {
          out_trade_no: input.providerPaymentId,
          // Our refund id: a retried request is the same refund.
          out_refund_no: input.refundId,
          reason: input.reason.slice(0, 80),
          amount: { refund: Number(input.amountFen), total: Number(input.paymentAmountFen), currency: 'CNY' },
        });
        const status = String(json.status ?? '');
        // PROCESSING: accepted; WeChat Pay returns the money to the payer within days.
        if (status === 'SUCCESS' || status === 'PROCESSING') return { ok: true, providerRefundId: String(json.refund_id ?? input.refundId) };
        return { ok: false, reason: status || 'refund_failed' };
      } catch (error) {
        if (error instanceof WechatPayError && error.status < 500 && error.code !== 'SIGN_ERROR') return { ok: false, reason: error.code };
        throw error;
      }
    },
  };
}
