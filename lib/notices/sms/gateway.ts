import type { SmsGatewayConfig } from '@/lib/config/sms';
import type { SmsProvider } from '../transports';
import { createAlibabaSms } from './alibaba-sms';
import { createTencentSms } from './tencent-sms';

/** The configured SMS gateway (SMS_PROVIDER). */
export function createSmsGateway(cfg: SmsGatewayConfig): SmsProvider {
  return cfg.provider === 'alibaba' ? createAlibabaSms(cfg) : createTencentSms(cfg);
}
