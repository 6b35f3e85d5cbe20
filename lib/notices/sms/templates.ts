import type { SmsGatewayConfig } from '@/lib/config/sms';
import { DeliveryError, type SmsTemplateRef } from '../transports';

/**
 * The approved template a message is sent with: the kind's own template id when configured
 * (`SMS_TEMPLATE_<KIND>`, with the kind's variables), else the generic notice template
 * (`SMS_TEMPLATE_NOTICE`, variable `title`). The verification code has no fallback.
 */
export function chooseTemplate(cfg: Pick<SmsGatewayConfig, 'templates'>, ref: SmsTemplateRef): { id: string; values: [string, string][] } {
  const own = cfg.templates[ref.name];
  if (own) return { id: own, values: ref.name === 'verification_code' ? ref.values : ref.values.filter(([name]) => name !== 'title') };
  if (ref.name === 'verification_code') throw new DeliveryError('permanent', 'SMS_TEMPLATE_VERIFICATION_CODE is not configured');
  const generic = cfg.templates.notice;
  if (!generic) throw new DeliveryError('permanent', 'SMS_TEMPLATE_NOTICE is not configured');
  return { id: generic, values: ref.values.filter(([name]) => name === 'title') };
}
