import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { sms } from 'tencentcloud-sdk-nodejs-sms';
import type { SmsGatewayConfig } from '@/lib/config/sms';
import { DeliveryError, type SmsProvider } from '../transports';
import { chooseTemplate } from './templates';

/*
 * Tencent Cloud SMS (API 2021-01-11, SendSms) through the official SDK, which signs each call with
 * TC3-HMAC-SHA256. A call that fails as a whole answers `Response.Error` (the SDK throws it); a call
 * that goes through reports each number in `SendStatusSet` with `Code: "Ok"` and a SerialNo (the id
 * status callbacks carry as `sid`), or an error code for that number.
 */

const RECIPIENT_REFUSED = new Set([
  'InvalidParameterValue.IncorrectPhoneNumber',
  'FailedOperation.PhoneNumberInBlacklist',
  'FailedOperation.PhoneNumberOnBlacklist',
  'UnsupportedOperation.UnsupportedRegion',
  'FailedOperation.ContainSensitiveWord',
]);
const PERMANENT_PREFIXES = ['AuthFailure', 'UnauthorizedOperation', 'FailedOperation.TemplateIncorrectOrUnapproved', 'FailedOperation.SignatureIncorrectOrUnapproved', 'InvalidParameterValue.TemplateParameterFormatError', 'InvalidParameterValue.SdkAppIdNotExist', 'MissingParameter'];

export function classifyTencentCode(code: string, message: string): DeliveryError {
  const text = `${code}: ${message}`;
  if (RECIPIENT_REFUSED.has(code)) return new DeliveryError('recipient_refused', text);
  if (PERMANENT_PREFIXES.some((p) => code === p || code.startsWith(`${p}.`))) return new DeliveryError('permanent', text);
  // LimitExceeded.*, InternalError.*, RequestLimitExceeded, FailedOperation.InsufficientBalanceInSmsPackage, unknown: later.
  return new DeliveryError('transient', text);
}

const TENCENT_SMS_HOST = 'sms.tencentcloudapi.com';

/**
 * SMS_ENDPOINT for Tencent: requests keep the host name `sms.tencentcloudapi.com` (the SDK derives
 * the signed service name from its first label, and signs it as the Host) and are sent to this
 * address instead, through an agent that dials it.
 */
function dialingAgent(endpoint: URL): http.Agent {
  const port = Number(endpoint.port || (endpoint.protocol === 'https:' ? 443 : 80));
  const host = endpoint.hostname.replace(/^\[|\]$/g, '');
  if (endpoint.protocol === 'https:') {
    const agent = new https.Agent({ keepAlive: false });
    agent.createConnection = () => tls.connect({ host, port, servername: TENCENT_SMS_HOST });
    return agent;
  }
  const agent = new http.Agent({ keepAlive: false });
  agent.createConnection = () => net.connect({ host, port });
  return agent;
}

export function createTencentSms(cfg: SmsGatewayConfig): SmsProvider {
  if (!cfg.tencent) throw new Error('SMS_PROVIDER=tencent needs TENCENT_SMS_SECRET_ID, TENCENT_SMS_SECRET_KEY and TENCENT_SMS_SDK_APP_ID');
  const endpoint = cfg.endpoint ? new URL(cfg.endpoint) : null;
  const client = new sms.v20210111.Client({
    credential: { secretId: cfg.tencent.secretId, secretKey: cfg.tencent.secretKey },
    region: cfg.tencent.region,
    profile: {
      signMethod: 'TC3-HMAC-SHA256',
      httpProfile: {
        reqMethod: 'POST',
        endpoint: TENCENT_SMS_HOST,
        protocol: endpoint ? `${endpoint.protocol}//` : 'https://',
        reqTimeout: 10,
        ...(endpoint ? { agent: dialingAgent(endpoint) } : {}),
      },
    },
  });
  const tencent = cfg.tencent;
  return {
    async sendSms(message) {
      const template = chooseTemplate(cfg, message.template);
      let response;
      try {
        response = await client.SendSms({
          PhoneNumberSet: [message.to],
          SmsSdkAppId: tencent.sdkAppId,
          SignName: cfg.signName,
          TemplateId: template.id,
          TemplateParamSet: template.values.map(([, value]) => value),
          SessionContext: message.reference,
        });
      } catch (error) {
        const e = error as { code?: string; message?: string };
        if (e.code) throw classifyTencentCode(e.code, e.message ?? '');
        throw new DeliveryError('transient', e.message ?? String(error));
      }
      const status = response.SendStatusSet?.[0];
      if (!status) throw new DeliveryError('transient', 'SendSms answered without a send status');
      if (status.Code !== 'Ok' || !status.SerialNo) throw classifyTencentCode(status.Code ?? 'unknown', status.Message ?? '');
      return { messageId: status.SerialNo };
    },
  };
}
