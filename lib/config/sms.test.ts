import { describe, expect, it } from 'vitest';
import { NOTICE_PARAMS } from '@/lib/notices/render-notice';
import { configurationProblems } from './index';
import { SMS_TEMPLATE_NAMES, smsConfigurationProblems, smsGatewayConfig } from './sms';
import { PRODUCTION_ENV, without, type Env } from './testing';

const PRODUCTION = PRODUCTION_ENV;

const COMMON: Env = { SMS_SIGN_NAME: '账户门户', SMS_RECEIPT_TOKEN: 't'.repeat(32), SMS_TEMPLATE_VERIFICATION_CODE: 'SMS_1', SMS_TEMPLATE_NOTICE: 'SMS_2' };
const ALIBABA: Env = { SMS_PROVIDER: 'alibaba', ALIBABA_SMS_ACCESS_KEY_ID: 'LTAIid', ALIBABA_SMS_ACCESS_KEY_SECRET: 'secret', ...COMMON };
const TENCENT: Env = { SMS_PROVIDER: 'tencent', TENCENT_SMS_SECRET_ID: 'AKIDid', TENCENT_SMS_SECRET_KEY: 'secret', TENCENT_SMS_SDK_APP_ID: '1400000001', ...COMMON };

describe('SMS gateway configuration', () => {
  it('the template names are the verification code, the generic notice and every notice kind', () => {
    expect([...SMS_TEMPLATE_NAMES].sort()).toEqual(['verification_code', 'notice', ...Object.keys(NOTICE_PARAMS)].sort());
  });

  it.each([
    ['alibaba', ALIBABA],
    ['tencent', TENCENT],
  ])('a complete %s configuration starts production and is used, with its per-kind templates', (provider, env) => {
    expect(configurationProblems({ ...PRODUCTION, ...env, SMS_TEMPLATE_LOW_BALANCE: 'SMS_3' })).toEqual([]);
    const cfg = smsGatewayConfig({ ...env, SMS_TEMPLATE_LOW_BALANCE: 'SMS_3', SMS_ENDPOINT: 'http://127.0.0.1:9/' });
    expect(cfg).toMatchObject({ provider, signName: '账户门户', endpoint: 'http://127.0.0.1:9', templates: { verification_code: 'SMS_1', notice: 'SMS_2', low_balance: 'SMS_3' } });
  });

  it.each([...Object.keys(ALIBABA).filter((n) => n !== 'SMS_PROVIDER').map((n) => ['alibaba', n]), ...Object.keys(TENCENT).filter((n) => n !== 'SMS_PROVIDER').map((n) => ['tencent', n])])(
    'production refuses %s without %s (half-configured), naming it; no gateway is built',
    (provider, name) => {
      const env = without(provider === 'alibaba' ? ALIBABA : TENCENT, name);
      const problems = configurationProblems({ ...PRODUCTION, ...env });
      expect(problems.filter((p) => p.startsWith(`${name} is missing`))).toHaveLength(1);
      expect(smsGatewayConfig(env)).toBeNull();
    },
  );

  it('refuses SMS settings without SMS_PROVIDER, an unknown provider, the other provider’s keys, an unknown template, a short token, an endpoint with a path', () => {
    expect(smsConfigurationProblems({ SMS_SIGN_NAME: 'x' })).toEqual([expect.stringContaining('SMS_SIGN_NAME is set but SMS_PROVIDER is not')]);
    expect(smsConfigurationProblems({ SMS_PROVIDER: 'twilio' })).toEqual([expect.stringContaining('SMS_PROVIDER must be alibaba or tencent')]);
    expect(smsConfigurationProblems({ ...ALIBABA, TENCENT_SMS_SECRET_ID: 'x' })).toEqual([expect.stringContaining('TENCENT_SMS_SECRET_ID is set but SMS_PROVIDER=alibaba')]);
    expect(smsConfigurationProblems({ ...ALIBABA, SMS_TEMPLATE_LOW_BALANSE: 'SMS_9' })).toEqual([expect.stringContaining('SMS_TEMPLATE_LOW_BALANSE is not a message kind')]);
    expect(smsConfigurationProblems({ ...ALIBABA, SMS_RECEIPT_TOKEN: 'short' })).toEqual([expect.stringContaining('SMS_RECEIPT_TOKEN is too short')]);
    expect(smsConfigurationProblems({ ...ALIBABA, SMS_ENDPOINT: 'https://sms.example.com/path' })).toEqual([expect.stringContaining('SMS_ENDPOINT must be')]);
  });

  it('demo mode starts with a half-configured gateway but does not use it (SMS stay in the mailbox)', () => {
    const env = without(ALIBABA, 'SMS_SIGN_NAME');
    expect(configurationProblems({ PORTAL_MODE: 'demo', ...env })).toEqual([]);
    expect(smsGatewayConfig(env)).toBeNull();
    expect(smsGatewayConfig({})).toBeNull();
  });
});
