/**
 * The SMS gateway configuration (`SMS_PROVIDER=alibaba|tencent`): keys, sign name, one approved
 * template id per message kind, an endpoint override (tests, private endpoints) and the token that
 * authenticates delivery receipts. Pure: reads only the environment it is given.
 */

export const SMS_PROVIDERS = ['alibaba', 'tencent'] as const;
export type SmsProviderName = (typeof SMS_PROVIDERS)[number];

/**
 * The message kinds a template id can be given for (`SMS_TEMPLATE_<NAME>`): the verification code,
 * the generic notice template (variable `title`), and each notice kind (its own variables; see
 * NOTICE_PARAMS in lib/notices/render-notice.ts, which a test keeps in step with this list).
 */
export const SMS_TEMPLATE_NAMES = [
  'verification_code',
  'notice',
  'suspended',
  'reinstated',
  'penalty_posted',
  'low_balance',
  'invoice_issued',
  'invoice_rejected',
  'terms_amended',
  'support_access',
  'contact_bounced',
  'payment_refunded',
  'payment_charged_back',
  'chargeback_reversed',
  'incident_started',
  'incident_resolved',
  'price_change',
  'announcement',
  'account_closed',
  'account_terminated',
  'account_suspended_for_cause',
  'account_suspension_lifted',
  'support_case_answered',
  'adjustment_credited',
  'member_invited',
] as const;

/** Every SMS variable but the per-kind templates. */
const COMMON = ['SMS_SIGN_NAME', 'SMS_RECEIPT_TOKEN', 'SMS_ENDPOINT'] as const;
const PROVIDER_VARIABLES: Record<SmsProviderName, readonly string[]> = {
  alibaba: ['ALIBABA_SMS_ACCESS_KEY_ID', 'ALIBABA_SMS_ACCESS_KEY_SECRET'],
  tencent: ['TENCENT_SMS_SECRET_ID', 'TENCENT_SMS_SECRET_KEY', 'TENCENT_SMS_SDK_APP_ID', 'TENCENT_SMS_REGION'],
};
const REQUIRED: Record<SmsProviderName, readonly string[]> = {
  alibaba: ['ALIBABA_SMS_ACCESS_KEY_ID', 'ALIBABA_SMS_ACCESS_KEY_SECRET', 'SMS_SIGN_NAME', 'SMS_RECEIPT_TOKEN', 'SMS_TEMPLATE_VERIFICATION_CODE', 'SMS_TEMPLATE_NOTICE'],
  tencent: ['TENCENT_SMS_SECRET_ID', 'TENCENT_SMS_SECRET_KEY', 'TENCENT_SMS_SDK_APP_ID', 'SMS_SIGN_NAME', 'SMS_RECEIPT_TOKEN', 'SMS_TEMPLATE_VERIFICATION_CODE', 'SMS_TEMPLATE_NOTICE'],
};
export const MIN_RECEIPT_TOKEN_LENGTH = 24;

type Env = Record<string, string | undefined>;
const filled = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

export interface SmsGatewayConfig {
  provider: SmsProviderName;
  signName: string;
  /** Template name (SMS_TEMPLATE_NAMES) → the provider's template id. */
  templates: Record<string, string>;
  /** `http(s)://host[:port]` to send to instead of the provider's public endpoint. */
  endpoint: string | null;
  /** The secret every delivery receipt must carry (`?token=`): neither provider signs its callbacks. */
  receiptToken: string;
  alibaba: { accessKeyId: string; accessKeySecret: string } | null;
  tencent: { secretId: string; secretKey: string; sdkAppId: string; region: string } | null;
}

function smsVariablesSet(env: Env): string[] {
  const all = [...COMMON, ...PROVIDER_VARIABLES.alibaba, ...PROVIDER_VARIABLES.tencent];
  return Object.keys(env)
    .filter((name) => env[name] !== undefined && (all.includes(name) || name.startsWith('SMS_TEMPLATE_')))
    .sort();
}

/** What is wrong with the SMS settings; production refuses to start on any (a half-configured provider included). */
export function smsConfigurationProblems(env: Env): string[] {
  const problems: string[] = [];
  const provider = env.SMS_PROVIDER;
  const set = smsVariablesSet(env);
  for (const name of set.filter((n) => n.startsWith('SMS_TEMPLATE_'))) {
    const kind = name.slice('SMS_TEMPLATE_'.length).toLowerCase();
    if (!(SMS_TEMPLATE_NAMES as readonly string[]).includes(kind)) {
      problems.push(`${name} is not a message kind the portal sends (known: ${SMS_TEMPLATE_NAMES.map((k) => `SMS_TEMPLATE_${k.toUpperCase()}`).join(', ')})`);
    }
  }
  if (!filled(provider)) {
    if (set.length > 0) problems.push(`${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set but SMS_PROVIDER is not: set SMS_PROVIDER=alibaba or tencent, or remove them`);
    return problems;
  }
  if (!(SMS_PROVIDERS as readonly string[]).includes(provider)) return [...problems, `SMS_PROVIDER must be alibaba or tencent, not "${provider}"`];
  const name = provider as SmsProviderName;
  for (const variable of REQUIRED[name].filter((v) => !filled(env[v]))) {
    problems.push(`${variable} is ${env[variable] === undefined ? 'missing' : 'empty'}: SMS_PROVIDER=${name} needs ${REQUIRED[name].join(', ')}`);
  }
  const other = name === 'alibaba' ? 'tencent' : 'alibaba';
  for (const variable of PROVIDER_VARIABLES[other].filter((v) => env[v] !== undefined)) {
    problems.push(`${variable} is set but SMS_PROVIDER=${name}: remove it, or switch the provider`);
  }
  const token = env.SMS_RECEIPT_TOKEN;
  if (filled(token) && token.length < MIN_RECEIPT_TOKEN_LENGTH) problems.push(`SMS_RECEIPT_TOKEN is too short (${token.length} characters): use at least ${MIN_RECEIPT_TOKEN_LENGTH} (e.g. \`openssl rand -hex 24\`)`);
  const endpoint = env.SMS_ENDPOINT;
  if (filled(endpoint) && !/^https?:\/\/[^/\s]+\/?$/.test(endpoint)) problems.push('SMS_ENDPOINT must be http(s)://host[:port], without a path');
  return problems;
}

/** The gateway to use, or null when none is (completely) configured: SMS then stays in the mailbox. */
export function smsGatewayConfig(env: Env): SmsGatewayConfig | null {
  if (smsConfigurationProblems(env).length > 0 || !filled(env.SMS_PROVIDER)) return null;
  const provider = env.SMS_PROVIDER as SmsProviderName;
  const templates: Record<string, string> = {};
  for (const name of SMS_TEMPLATE_NAMES) {
    const id = env[`SMS_TEMPLATE_${name.toUpperCase()}`];
    if (filled(id)) templates[name] = id.trim();
  }
  return {
    provider,
    signName: env.SMS_SIGN_NAME!.trim(),
    templates,
    endpoint: filled(env.SMS_ENDPOINT) ? env.SMS_ENDPOINT.replace(/\/$/, '') : null,
    receiptToken: env.SMS_RECEIPT_TOKEN!,
    alibaba: provider === 'alibaba' ? { accessKeyId: env.ALIBABA_SMS_ACCESS_KEY_ID!, accessKeySecret: env.ALIBABA_SMS_ACCESS_KEY_SECRET! } : null,
    tencent:
      provider === 'tencent'
        ? { secretId: env.TENCENT_SMS_SECRET_ID!, secretKey: env.TENCENT_SMS_SECRET_KEY!, sdkAppId: env.TENCENT_SMS_SDK_APP_ID!, region: filled(env.TENCENT_SMS_REGION) ? env.TENCENT_SMS_REGION : 'ap-guangzhou' }
        : null,
  };
}
