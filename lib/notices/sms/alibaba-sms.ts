import Dysmsapi, { SendSmsRequest } from '@alicloud/dysmsapi20170525';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import type { SmsGatewayConfig } from '@/lib/config/sms';
import { DeliveryError, type SmsProvider } from '../transports';
import { chooseTemplate } from './templates';

/*
 * Alibaba Cloud SMS (Dysmsapi 2017-05-25, SendSms) through the official SDK, which signs each call
 * with the V3 signature (ACS3-HMAC-SHA256). SendSms answers HTTP 200 with `Code: "OK"` and a BizId
 * (the receipt id delivery reports carry), or another Code for a business error; signature and
 * key errors come back as HTTP 4xx, which the SDK throws.
 */

/** Codes that say the number itself is wrong or refuses messages: a bounce (the customer checks the number). */
const RECIPIENT_REFUSED = new Set(['isv.MOBILE_NUMBER_ILLEGAL', 'isv.BLACK_KEY_CONTROL_LIMIT', 'isv.MOBILE_COUNT_OVER_LIMIT']);
/** Configuration or account problems a retry cannot fix (an operator must). */
const PERMANENT = new Set([
  'isv.SMS_TEMPLATE_ILLEGAL',
  'isv.SMS_SIGNATURE_ILLEGAL',
  'isv.TEMPLATE_MISSING_PARAMETERS',
  'isv.TEMPLATE_PARAMS_ILLEGAL',
  'isv.INVALID_JSON_PARAM',
  'isv.SMS_SIGN_ILLEGAL',
  'isv.PRODUCT_UN_SUBSCRIPT',
  'isv.ACCOUNT_NOT_EXISTS',
  'isp.RAM_PERMISSION_DENY',
  'InvalidAccessKeyId.NotFound',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
]);

export function classifyAlibabaCode(code: string, message: string): DeliveryError {
  const text = `${code}: ${message}`;
  if (RECIPIENT_REFUSED.has(code)) return new DeliveryError('recipient_refused', text);
  if (PERMANENT.has(code)) return new DeliveryError('permanent', text);
  // Throttling (isv.BUSINESS_LIMIT_CONTROL, Throttling.*), isp.SYSTEM_ERROR, an unpaid account (isv.AMOUNT_NOT_ENOUGH) and
  // anything unknown: try again later.
  return new DeliveryError('transient', text);
}

/** Mainland numbers go without the country code; others in the international form Alibaba expects (00 + code). */
export function alibabaPhoneNumber(e164: string): string {
  return e164.startsWith('+86') ? e164.slice(3) : `00${e164.slice(1)}`;
}

export function createAlibabaSms(cfg: SmsGatewayConfig): SmsProvider {
  if (!cfg.alibaba) throw new Error('SMS_PROVIDER=alibaba needs ALIBABA_SMS_ACCESS_KEY_ID and ALIBABA_SMS_ACCESS_KEY_SECRET');
  const endpoint = cfg.endpoint ? new URL(cfg.endpoint) : null;
  const client = new Dysmsapi(
    new $OpenApiUtil.Config({
      accessKeyId: cfg.alibaba.accessKeyId,
      accessKeySecret: cfg.alibaba.accessKeySecret,
      endpoint: endpoint ? endpoint.host : 'dysmsapi.aliyuncs.com',
      protocol: endpoint ? endpoint.protocol.replace(':', '').toUpperCase() : 'HTTPS',
      connectTimeout: 5_000,
      readTimeout: 10_000,
    }),
  );
  return {
    async sendSms(message) {
      const template = chooseTemplate(cfg, message.template);
      let body;
      try {
        const response = await client.sendSms(
          new SendSmsRequest({
            phoneNumbers: alibabaPhoneNumber(message.to),
            signName: cfg.signName,
            templateCode: template.id,
            templateParam: JSON.stringify(Object.fromEntries(template.values)),
            outId: message.reference,
          }),
        );
        body = response.body;
      } catch (error) {
        const e = error as { code?: string; message?: string; statusCode?: number };
        if (e.code && e.statusCode && e.statusCode < 500) throw classifyAlibabaCode(e.code, e.message ?? '');
        throw new DeliveryError('transient', e.message ?? String(error));
      }
      if (body?.code !== 'OK' || !body.bizId) throw classifyAlibabaCode(body?.code ?? 'unknown', body?.message ?? 'no BizId');
      return { messageId: body.bizId };
    },
  };
}
