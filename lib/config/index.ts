import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The validated configuration of one portal process. Everything else reads
 * configuration from here, never from `process.env` directly.
 */
const envSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
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
  BILLING_TZ: z.string().default('Asia/Shanghai'),
  BILLING_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(300),
  TOPUP_MIN_FEN: z.coerce.bigint().default(100n),
  TOPUP_MAX_FEN: z.coerce.bigint().default(5_000_000n),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  SMTP_URL: z.string().optional(),
  SELLER_NAME: z.string().default('示例云计算有限公司 Example Cloud Co., Ltd.'),
  SELLER_TAX_ID: z.string().default('91110108MA01ABCD1X'),
  SELLER_ADDRESS: z.string().default('北京市海淀区示例路 1 号 No. 1 Example Road, Haidian, Beijing'),
  SELLER_BANK: z.string().default('示例银行北京分行 6222 0000 0000 0000'),
  ACTIVITY_RETENTION_DAYS: z.coerce.number().int().min(1).default(180),
});

export type PortalConfig = ReturnType<typeof buildConfig>;

interface Secrets {
  authSecret: string;
  demoClientSecret: string;
  internalToken: string;
  webhookSecret: string;
  cookieKeys: string[];
}

function loadSecrets(dataDir: string): Secrets {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'secrets.json');
  const fresh: Secrets = {
    authSecret: randomBytes(32).toString('base64url'),
    demoClientSecret: randomBytes(24).toString('base64url'),
    internalToken: randomBytes(24).toString('base64url'),
    webhookSecret: randomBytes(32).toString('base64url'),
    cookieKeys: [randomBytes(24).toString('base64url')],
  };
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<Secrets>;
    const merged = { ...fresh, ...stored };
    if (Object.keys(stored).length !== Object.keys(merged).length) writeFileSync(file, JSON.stringify(merged), { mode: 0o600 });
    return merged;
  }
  writeFileSync(file, JSON.stringify(fresh), { mode: 0o600 });
  return fresh;
}

function buildConfig(env: NodeJS.ProcessEnv) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${issues}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const secrets = loadSecrets(dataDir);
  const appUrl = (e.APP_URL ?? `http://${e.HOSTNAME}:${e.PORT}`).replace(/\/$/, '');
  const providers = {
    github: e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET ? { id: e.AUTH_GITHUB_ID, secret: e.AUTH_GITHUB_SECRET } : null,
    google: e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET ? { id: e.AUTH_GOOGLE_ID, secret: e.AUTH_GOOGLE_SECRET } : null,
    oidc:
      e.AUTH_OIDC_ISSUER && e.AUTH_OIDC_ID && e.AUTH_OIDC_SECRET
        ? { issuer: e.AUTH_OIDC_ISSUER, id: e.AUTH_OIDC_ID, secret: e.AUTH_OIDC_SECRET }
        : null,
  };
  const demoMode = !providers.github && !providers.google && !providers.oidc;
  return {
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir,
    port: e.PORT,
    hostname: e.HOSTNAME,
    appUrl,
    demoMode,
    providers,
    demoIssuer: `${appUrl}/oidc`,
    demoClientId: 'account-portal',
    demoClientSecret: secrets.demoClientSecret,
    authSecret: e.AUTH_SECRET ?? secrets.authSecret,
    /** Shared between the server and `npm run billing` when the CLI must go through the server. */
    internalToken: secrets.internalToken,
    /** HMAC secret of the sandbox card processor's webhooks. */
    sandboxWebhookSecret: secrets.webhookSecret,
    oidcCookieKeys: secrets.cookieKeys,
    platformApiKey: e.PLATFORM_API_KEY ?? (demoMode ? 'demo-platform-key' : null),
    billingTimeZone: e.BILLING_TZ,
    billingIntervalSeconds: e.BILLING_INTERVAL_SECONDS,
    topUpMinFen: e.TOPUP_MIN_FEN,
    topUpMaxFen: e.TOPUP_MAX_FEN,
    stripe: e.STRIPE_SECRET_KEY && e.STRIPE_WEBHOOK_SECRET ? { secretKey: e.STRIPE_SECRET_KEY, webhookSecret: e.STRIPE_WEBHOOK_SECRET } : null,
    smtpUrl: e.SMTP_URL ?? null,
    seller: { name: e.SELLER_NAME, taxId: e.SELLER_TAX_ID, address: e.SELLER_ADDRESS, bank: e.SELLER_BANK },
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
export function configFrom(env: NodeJS.ProcessEnv): PortalConfig {
  return buildConfig(env);
}
