import { createPrivateKey, createPublicKey, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { activityRetentionProblem } from './activity-retention';
import { ensurePrivateDir, ensurePrivateFile, writePrivateFile } from './private-files';
import { DEFAULT_BILLING_TIME_ZONE } from './billing-time-zone';
import { smsConfigurationProblems, smsGatewayConfig } from './sms';

/**
 * The validated configuration of one portal process. Everything else reads
 * configuration from here, never from `process.env` directly.
 */
const envSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  /** A read replica of DATABASE_URL: history and overview reads go there (lib/db/client.ts, getReadDb). */
  DATABASE_READ_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  DATA_DIR: z.string().default('.data'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOSTNAME: z.string().default('localhost'),
  APP_URL: z.string().url().optional(),
  PLATFORM_API_KEY: z.string().min(1).optional(),
  AUTH_SECRET: z.string().min(16).optional(),
  AUTH_GITHUB_ID: z.string().optional(),
  AUTH_GITHUB_SECRET: z.string().optional(),
  AUTH_GOOGLE_ID: z.string().optional(),
  AUTH_GOOGLE_SECRET: z.string().optional(),
  AUTH_OIDC_ISSUER: z.string().url().optional(),
  AUTH_OIDC_ID: z.string().optional(),
  AUTH_OIDC_SECRET: z.string().optional(),
  PORTAL_MODE: z.enum(['demo', 'production']).optional(),
  ALLOW_INSECURE_LOCALHOST: z.enum(['0', '1']).optional(),
  BILLING_TZ: z.string().default(DEFAULT_BILLING_TIME_ZONE),
  BILLING_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(300),
  TOPUP_MIN_FEN: z.coerce.bigint().default(100n),
  TOPUP_MAX_FEN: z.coerce.bigint().default(5_000_000n),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  STRIPE_MIN_FEN: z.coerce.bigint().positive().optional(),
  STRIPE_MAX_FEN: z.coerce.bigint().positive().optional(),
  ALIPAY_APP_ID: z.string().optional(),
  /** The application's private key (PKCS#8 or PKCS#1 PEM, or its base64 body; `\n` may stand for line breaks). */
  ALIPAY_PRIVATE_KEY: z.string().optional(),
  /** Alipay's public key (PEM or base64 body): verifies notifications and responses. */
  ALIPAY_PUBLIC_KEY: z.string().optional(),
  ALIPAY_GATEWAY: z.string().url().default('https://openapi.alipay.com/gateway.do'),
  ALIPAY_MIN_FEN: z.coerce.bigint().positive().optional(),
  ALIPAY_MAX_FEN: z.coerce.bigint().positive().optional(),
  WECHATPAY_MCH_ID: z.string().optional(),
  WECHATPAY_APP_ID: z.string().optional(),
  /** Serial number of the merchant API certificate (names our signing key in the Authorization header). */
  WECHATPAY_MERCHANT_SERIAL: z.string().optional(),
  WECHATPAY_PRIVATE_KEY: z.string().optional(),
  WECHATPAY_API_V3_KEY: z.string().optional(),
  /** WeChat Pay's public key (PEM) and its id (`PUB_KEY_ID_…`, the Wechatpay-Serial it signs with). */
  WECHATPAY_PLATFORM_PUBLIC_KEY: z.string().optional(),
  WECHATPAY_PLATFORM_KEY_ID: z.string().optional(),
  WECHATPAY_BASE_URL: z.string().url().default('https://api.mch.weixin.qq.com'),
  WECHATPAY_MIN_FEN: z.coerce.bigint().positive().optional(),
  WECHATPAY_MAX_FEN: z.coerce.bigint().positive().optional(),
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z
    .string()
    .regex(/^(?:[^<>]*<\s*[^\s@<>]+@[^\s@<>]+\s*>|[^\s@<>]+@[^\s@<>]+)$/, 'must be an email address, optionally as "Name <address>"')
    .optional(),
  SELLER_NAME: z.string().optional(),
  SELLER_TAX_ID: z.string().optional(),
  SELLER_ADDRESS: z.string().optional(),
  SELLER_BANK: z.string().optional(),
  /** Reverse proxies in front of the portal; the client address is the N-th X-Forwarded-For entry from the right. */
  TRUST_PROXY: z.coerce.number().int().min(0).max(16).default(0),
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional(),
  PRICE_NOTICE_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  ACTIVITY_RETENTION_DAYS: z.coerce.number().int().min(1).default(180),
});

/** The seller printed on invoices in demo mode; production has no defaults (see configurationProblems). */
const DEMO_SELLER = {
  name: '示例云计算有限公司 Example Cloud Co., Ltd.',
  taxId: '91110108MA01ABCD1X',
  address: '北京市海淀区示例路 1 号 No. 1 Example Road, Haidian, Beijing',
  bank: '示例银行北京分行 6222 0000 0000 0000',
};

export type PortalMode = 'demo' | 'production';

/** Each third-party sign-in and the variables it needs, all of them or none. */
export const IDENTITY_PROVIDERS = [
  { label: 'GitHub', prefix: 'AUTH_GITHUB_', variables: ['AUTH_GITHUB_ID', 'AUTH_GITHUB_SECRET'] },
  { label: 'Google', prefix: 'AUTH_GOOGLE_', variables: ['AUTH_GOOGLE_ID', 'AUTH_GOOGLE_SECRET'] },
  { label: 'OpenID Connect', prefix: 'AUTH_OIDC_', variables: ['AUTH_OIDC_ISSUER', 'AUTH_OIDC_ID', 'AUTH_OIDC_SECRET'] },
] as const;

/** Each payment provider and the variables it needs, all of them or none (limits and gateway URLs are optional). */
export const PAYMENT_PROVIDER_VARIABLES = [
  { label: 'Stripe', variables: ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'] },
  { label: 'Alipay', variables: ['ALIPAY_APP_ID', 'ALIPAY_PRIVATE_KEY', 'ALIPAY_PUBLIC_KEY'] },
  {
    label: 'WeChat Pay',
    variables: [
      'WECHATPAY_MCH_ID',
      'WECHATPAY_APP_ID',
      'WECHATPAY_MERCHANT_SERIAL',
      'WECHATPAY_PRIVATE_KEY',
      'WECHATPAY_API_V3_KEY',
      'WECHATPAY_PLATFORM_PUBLIC_KEY',
      'WECHATPAY_PLATFORM_KEY_ID',
    ],
  },
] as const;

/** Payment-provider problems in every mode: malformed keys, limits the wrong way round, an APIv3 key that is not 32 bytes. */
function paymentProviderProblems(env: Env): string[] {
  const problems: string[] = [];
  const v3 = env.WECHATPAY_API_V3_KEY;
  if (filled(v3) && Buffer.byteLength(v3, 'utf8') !== 32) problems.push('WECHATPAY_API_V3_KEY must be exactly 32 bytes (the APIv3 key set in the merchant platform)');
  for (const prefix of ['TOPUP', 'STRIPE', 'ALIPAY', 'WECHATPAY']) {
    const min = env[`${prefix}_MIN_FEN`];
    const max = env[`${prefix}_MAX_FEN`];
    if (filled(min) && filled(max) && /^\d+$/.test(min) && /^\d+$/.test(max) && BigInt(min) > BigInt(max)) problems.push(`${prefix}_MIN_FEN is above ${prefix}_MAX_FEN`);
  }
  for (const name of ['ALIPAY_PRIVATE_KEY', 'WECHATPAY_PRIVATE_KEY'] as const) {
    const value = env[name];
    if (filled(value) && !isPrivateKey(value)) problems.push(`${name} is not a readable RSA private key (PEM, or its base64 body)`);
  }
  for (const name of ['ALIPAY_PUBLIC_KEY', 'WECHATPAY_PLATFORM_PUBLIC_KEY'] as const) {
    const value = env[name];
    if (filled(value) && !isPublicKey(value)) problems.push(`${name} is not a readable RSA public key (PEM, or its base64 body)`);
  }
  return problems;
}

/** A key from the environment as PEM: `\n` escapes become line breaks; a bare base64 body gets its armour. */
export function pemFromEnv(value: string, kind: 'PRIVATE KEY' | 'PUBLIC KEY'): string {
  const text = value.replace(/\\n/g, '\n').trim();
  if (text.startsWith('-----BEGIN')) return `${text}\n`;
  const body = text.replace(/\s+/g, '');
  return `-----BEGIN ${kind}-----\n${body.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END ${kind}-----\n`;
}

function isPrivateKey(value: string): boolean {
  try {
    return createPrivateKey(pemFromEnv(value, 'PRIVATE KEY')).asymmetricKeyType === 'rsa';
  } catch {
    return false;
  }
}

function isPublicKey(value: string): boolean {
  try {
    return createPublicKey(pemFromEnv(value, 'PUBLIC KEY')).asymmetricKeyType === 'rsa';
  } catch {
    return false;
  }
}

const MIN_PRODUCTION_KEY_LENGTH = 32;
const SELLER_VARIABLES = ['SELLER_NAME', 'SELLER_TAX_ID', 'SELLER_ADDRESS', 'SELLER_BANK'] as const;

type Env = Record<string, string | undefined>;
const filled = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

/** Identity-provider variables present in the environment (even empty, even misspelled: `AUTH_OIDC_*`). */
function providerVariablesSet(env: Env): string[] {
  return Object.keys(env)
    .filter((name) => env[name] !== undefined && IDENTITY_PROVIDERS.some((p) => name.startsWith(p.prefix)))
    .sort();
}

/**
 * The mode and why: `PORTAL_MODE` when set; otherwise demo only when no identity-provider
 * variable at all is present. Demo is never inferred from a missing value of a partial set-up.
 */
export function portalModeOf(env: Env): { mode: PortalMode; because: string } {
  if (env.PORTAL_MODE === 'demo' || env.PORTAL_MODE === 'production') return { mode: env.PORTAL_MODE, because: `PORTAL_MODE=${env.PORTAL_MODE}` };
  // An unknown PORTAL_MODE is a problem of its own; meanwhile the stricter rules apply.
  if (env.PORTAL_MODE !== undefined) return { mode: 'production', because: `PORTAL_MODE is "${env.PORTAL_MODE}"` };
  const set = providerVariablesSet(env);
  if (set.length > 0) return { mode: 'production', because: `PORTAL_MODE is unset and ${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set` };
  return { mode: 'demo', because: 'PORTAL_MODE is unset and no identity-provider variable is set' };
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '127.0.0.1' || hostname === '[::1]';
}

/** What production needs beyond a well-formed environment. */
function productionProblems(env: Env): string[] {
  const problems: string[] = [];
  for (const provider of IDENTITY_PROVIDERS) {
    const known: readonly string[] = provider.variables;
    const present = Object.keys(env).filter((name) => name.startsWith(provider.prefix) && env[name] !== undefined);
    for (const name of present.filter((n) => !known.includes(n)).sort()) {
      problems.push(`${name} is not a variable the portal knows (the ${provider.label} sign-in uses ${known.join(', ')})`);
    }
    if (!known.some((name) => present.includes(name))) continue;
    for (const name of known.filter((n) => !filled(env[n]))) {
      const given = known.filter((n) => filled(env[n]));
      problems.push(
        `${name} is ${env[name] === undefined ? 'missing' : 'empty'}: the ${provider.label} sign-in is partly configured` +
          `${given.length ? ` (${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} set)` : ''} and needs ${known.join(', ')}`,
      );
    }
  }
  if (!IDENTITY_PROVIDERS.some((p) => p.variables.every((n) => filled(env[n])))) {
    problems.push(
      `No identity provider is configured: set ${IDENTITY_PROVIDERS.map((p) => p.variables.join(' and ')).join(', or ')}`,
    );
  }

  const keyProblem = (name: string, purpose: string) => {
    const value = env[name];
    if (!filled(value)) problems.push(`${name} is missing: ${purpose}, at least ${MIN_PRODUCTION_KEY_LENGTH} characters (e.g. \`openssl rand -base64 32\`)`);
    else if (value.length < MIN_PRODUCTION_KEY_LENGTH) {
      problems.push(`${name} is too short (${value.length} characters): use at least ${MIN_PRODUCTION_KEY_LENGTH}`);
    }
  };
  keyProblem('PLATFORM_API_KEY', 'the bearer key of the machine API');
  keyProblem('AUTH_SECRET', 'the session secret, the same on every instance');

  const appUrl = env.APP_URL;
  if (!filled(appUrl)) problems.push('APP_URL is missing: the portal\'s public https:// address');
  else if (URL.canParse(appUrl)) {
    const url = new URL(appUrl);
    if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) {
      if (env.ALLOW_INSECURE_LOCALHOST !== '1') problems.push(`APP_URL is ${appUrl}: use https://, or set ALLOW_INSECURE_LOCALHOST=1 to try production mode on this machine`);
    } else if (url.protocol !== 'https:') problems.push(`APP_URL must start with https:// (http:// only for localhost, with ALLOW_INSECURE_LOCALHOST=1), not ${url.protocol}//`);
  }

  if (!filled(env.SMTP_URL)) problems.push('SMTP_URL is missing: production sends email over SMTP (smtp://… or smtps://…)');
  else if (!/^smtps?:\/\/[^/\s]/.test(env.SMTP_URL)) problems.push('SMTP_URL must be an smtp:// or smtps:// URL');

  for (const name of SELLER_VARIABLES) {
    if (!filled(env[name])) problems.push(`${name} is missing: the seller's details printed on invoices have no defaults in production`);
  }

  const retention = env.ACTIVITY_RETENTION_DAYS;
  const retentionProblem = filled(retention) && /^\d+$/.test(retention) ? activityRetentionProblem(Number(retention), 'production') : null;
  if (retentionProblem) problems.push(retentionProblem);

  for (const provider of PAYMENT_PROVIDER_VARIABLES) {
    const given = provider.variables.filter((n) => filled(env[n]));
    if (given.length === 0 || given.length === provider.variables.length) continue;
    for (const name of provider.variables.filter((n) => !filled(env[n]))) {
      problems.push(`${name} is missing: ${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} set, and ${provider.label} needs ${provider.variables.join(', ')}`);
    }
  }

  problems.push(...smsConfigurationProblems(env));
  return problems;
}

/**
 * Every problem with an environment, at once (empty: the portal may start). Pure: it reads
 * nothing but `env`. Malformed values are problems in every mode; production adds what a real
 * deployment needs (CONTRACT.md, "Modes").
 */
export function configurationProblems(env: Env): string[] {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  problems.push(...paymentProviderProblems(env));
  if (env.DATABASE_READ_URL !== undefined && !filled(env.DATABASE_URL)) {
    problems.push('DATABASE_READ_URL is set without DATABASE_URL: a read replica needs its PostgreSQL primary (DATABASE_URL)');
  }
  if (portalModeOf(env).mode === 'production') problems.push(...productionProblems(env));
  return problems;
}

/** The portal must not start with this environment; `problems` names everything wrong at once. */
export class ConfigurationError extends Error {
  constructor(
    readonly mode: PortalMode,
    readonly because: string,
    readonly problems: string[],
  ) {
    super(`Invalid configuration for ${mode} mode (${because}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

export type PortalConfig = ReturnType<typeof buildConfig>;

interface Secrets {
  /** Demo mode only: in production AUTH_SECRET comes from the environment, shared by every instance. */
  authSecret?: string;
  demoClientSecret: string;
  internalToken: string;
  webhookSecret: string;
  cookieKeys: string[];
  /** The demo identity provider's ID-token signing key is derived from this (server/demo-idp-shared.ts). */
  demoSigningSeed: string;
}

/**
 * Per-folder secrets. In production only `internalToken` (the billing command through this
 * host's server) matters; the demo ones are generated but nothing in production uses them.
 * With `AUTH_SECRET` set, the secrets several instances must agree on are derived from it
 * instead (`sharedSecretsFrom`), so instances with their own data folders still agree.
 */
function loadSecrets(dataDir: string, mode: PortalMode): Secrets {
  ensurePrivateDir(dataDir);
  const file = path.join(dataDir, 'secrets.json');
  const fresh: Secrets = {
    ...(mode === 'demo' ? { authSecret: randomBytes(32).toString('base64url') } : {}),
    demoClientSecret: randomBytes(24).toString('base64url'),
    internalToken: randomBytes(24).toString('base64url'),
    webhookSecret: randomBytes(32).toString('base64url'),
    cookieKeys: [randomBytes(24).toString('base64url')],
    demoSigningSeed: randomBytes(32).toString('base64url'),
  };
  if (existsSync(file)) {
    ensurePrivateFile(file);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<Secrets>;
    const merged = { ...fresh, ...stored };
    if (Object.keys(stored).length !== Object.keys(merged).length) writePrivateFile(file, JSON.stringify(merged));
    return merged;
  }
  writePrivateFile(file, JSON.stringify(fresh));
  return fresh;
}

/**
 * The secrets every instance of one deployment must share (the sandbox's webhook signature, the
 * demo identity provider's client secret, cookie keys and signing key), derived from AUTH_SECRET
 * with HKDF (one label each), so N instances with N data folders sign and verify alike.
 */
export function sharedSecretsFrom(authSecret: string): Pick<Secrets, 'demoClientSecret' | 'webhookSecret' | 'cookieKeys' | 'demoSigningSeed'> {
  const derive = (label: string, bytes: number) =>
    Buffer.from(hkdfSync('sha256', authSecret, 'account-portal', label, bytes)).toString('base64url');
  return {
    demoClientSecret: derive('demo-idp-client-secret', 24),
    webhookSecret: derive('sandbox-webhook-secret', 32),
    cookieKeys: [derive('demo-idp-cookie-key', 24)],
    demoSigningSeed: derive('demo-idp-signing-key', 32),
  };
}

/**
 * The demo identity provider signs ID tokens with ES256: a P-256 key can be derived from a seed
 * (RSA key generation can't), so every instance signs with the same key. next-auth's demo client
 * expects this algorithm.
 */
export const DEMO_IDP_SIGNING_ALG = 'ES256';

/** `Account Portal <no-reply@host>` of the portal's public address (a dotless host gets `.localdomain`). */
function defaultSender(appUrl: string): string {
  const host = new URL(appUrl).hostname;
  const domain = host.includes('.') ? host : `${host}.localdomain`;
  return `Account Portal <no-reply@${domain}>`;
}

function buildConfig(env: Env) {
  const { mode, because } = portalModeOf(env);
  /** A provider's own limits, each falling back to the portal's TOPUP_MIN_FEN / TOPUP_MAX_FEN. */
  const limitsOf = (min: bigint | undefined, max: bigint | undefined) => ({ minFen: min ?? e.TOPUP_MIN_FEN, maxFen: max ?? e.TOPUP_MAX_FEN });
  const problems = configurationProblems(env);
  const parsed = envSchema.safeParse(env);
  if (problems.length > 0 || !parsed.success) throw new ConfigurationError(mode, because, problems);
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const folderSecrets = loadSecrets(dataDir, mode);
  const secrets = e.AUTH_SECRET ? { ...folderSecrets, ...sharedSecretsFrom(e.AUTH_SECRET) } : folderSecrets;
  const authSecret = e.AUTH_SECRET ?? (mode === 'demo' ? secrets.authSecret : undefined);
  if (!authSecret) throw new ConfigurationError(mode, because, ['AUTH_SECRET is missing']);
  const appUrl = (e.APP_URL ?? `http://${e.HOSTNAME}:${e.PORT}`).replace(/\/$/, '');
  const providers = {
    github: e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET ? { id: e.AUTH_GITHUB_ID, secret: e.AUTH_GITHUB_SECRET } : null,
    google: e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET ? { id: e.AUTH_GOOGLE_ID, secret: e.AUTH_GOOGLE_SECRET } : null,
    oidc:
      e.AUTH_OIDC_ISSUER && e.AUTH_OIDC_ID && e.AUTH_OIDC_SECRET
        ? { issuer: e.AUTH_OIDC_ISSUER, id: e.AUTH_OIDC_ID, secret: e.AUTH_OIDC_SECRET }
        : null,
  };
  const demoMode = mode === 'demo';
  return {
    mode,
    databaseUrl: e.DATABASE_URL ?? null,
    /** A read replica of `databaseUrl` for history and overview reads (null: those read the primary). */
    databaseReadUrl: e.DATABASE_READ_URL ?? null,
    dataDir,
    port: e.PORT,
    hostname: e.HOSTNAME,
    appUrl,
    demoMode,
    providers,
    demoIssuer: `${appUrl}/oidc`,
    demoClientId: 'account-portal',
    demoClientSecret: secrets.demoClientSecret,
    authSecret,
    /** Shared between the server and `npm run billing` when the CLI must go through the server. */
    internalToken: secrets.internalToken,
    /** HMAC secret of the sandbox card processor's webhooks. */
    sandboxWebhookSecret: secrets.webhookSecret,
    oidcCookieKeys: secrets.cookieKeys,
    /** Seed of the demo identity provider's ES256 signing key (the same on every instance with one AUTH_SECRET). */
    demoSigningSeed: secrets.demoSigningSeed,
    platformApiKey: e.PLATFORM_API_KEY ?? (demoMode ? 'demo-platform-key' : null),
    billingTimeZone: e.BILLING_TZ,
    billingIntervalSeconds: e.BILLING_INTERVAL_SECONDS,
    topUpMinFen: e.TOPUP_MIN_FEN,
    topUpMaxFen: e.TOPUP_MAX_FEN,
    stripe: e.STRIPE_SECRET_KEY && e.STRIPE_WEBHOOK_SECRET ? { secretKey: e.STRIPE_SECRET_KEY, webhookSecret: e.STRIPE_WEBHOOK_SECRET, limits: limitsOf(e.STRIPE_MIN_FEN, e.STRIPE_MAX_FEN) } : null,
    /** Alipay (PC website pay / H5 pay) when its app id and both keys are set. */
    alipay:
      e.ALIPAY_APP_ID && e.ALIPAY_PRIVATE_KEY && e.ALIPAY_PUBLIC_KEY
        ? {
            appId: e.ALIPAY_APP_ID,
            privateKey: pemFromEnv(e.ALIPAY_PRIVATE_KEY, 'PRIVATE KEY'),
            alipayPublicKey: pemFromEnv(e.ALIPAY_PUBLIC_KEY, 'PUBLIC KEY'),
            gateway: e.ALIPAY_GATEWAY,
            limits: limitsOf(e.ALIPAY_MIN_FEN, e.ALIPAY_MAX_FEN),
          }
        : null,
    /** WeChat Pay API v3 (Native / H5) when every merchant and platform setting is there. */
    wechatpay:
      e.WECHATPAY_MCH_ID && e.WECHATPAY_APP_ID && e.WECHATPAY_MERCHANT_SERIAL && e.WECHATPAY_PRIVATE_KEY && e.WECHATPAY_API_V3_KEY && e.WECHATPAY_PLATFORM_PUBLIC_KEY && e.WECHATPAY_PLATFORM_KEY_ID
        ? {
            mchId: e.WECHATPAY_MCH_ID,
            appId: e.WECHATPAY_APP_ID,
            merchantSerial: e.WECHATPAY_MERCHANT_SERIAL,
            privateKey: pemFromEnv(e.WECHATPAY_PRIVATE_KEY, 'PRIVATE KEY'),
            apiV3Key: e.WECHATPAY_API_V3_KEY,
            platformPublicKey: pemFromEnv(e.WECHATPAY_PLATFORM_PUBLIC_KEY, 'PUBLIC KEY'),
            platformKeyId: e.WECHATPAY_PLATFORM_KEY_ID,
            baseUrl: e.WECHATPAY_BASE_URL.replace(/\/$/, ''),
            limits: limitsOf(e.WECHATPAY_MIN_FEN, e.WECHATPAY_MAX_FEN),
          }
        : null,
    smtpUrl: e.SMTP_URL ?? null,
    /** The SMS gateway (SMS_PROVIDER and its settings), or null: SMS stay in the mailbox (demo mode). */
    sms: smsGatewayConfig(env),
    trustProxy: e.TRUST_PROXY,
    /** The From of every email; production defaults it too, to no-reply@ the APP_URL host. */
    smtpFrom: e.SMTP_FROM ?? defaultSender(appUrl),
    seller: {
      name: e.SELLER_NAME ?? DEMO_SELLER.name,
      taxId: e.SELLER_TAX_ID ?? DEMO_SELLER.taxId,
      address: e.SELLER_ADDRESS ?? DEMO_SELLER.address,
      bank: e.SELLER_BANK ?? DEMO_SELLER.bank,
    },
    /** Web worker processes of `npm start` on PostgreSQL (one per core by default); the embedded database always uses one. */
    webConcurrency: e.WEB_CONCURRENCY ?? os.availableParallelism(),
    /** Days' notice before a scheduled price or tax change may take effect. */
    priceNoticeDays: e.PRICE_NOTICE_DAYS,
    /** Days activity records are kept before the purge (production refuses < 180: lib/config/activity-retention.ts). */
    activityRetentionDays: e.ACTIVITY_RETENTION_DAYS,
  };
}

const globalForConfig = globalThis as unknown as { __portalConfig?: PortalConfig };

/** The process-wide configuration, read once. */
export function config(): PortalConfig {
  globalForConfig.__portalConfig ??= buildConfig(process.env);
  return globalForConfig.__portalConfig;
}

/** For tests and scripts that need a configuration other than the process environment. */
export function configFrom(env: Env): PortalConfig {
  return buildConfig(env);
}
