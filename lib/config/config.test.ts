import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, configFrom, configurationProblems, IDENTITY_PROVIDERS, portalModeOf } from './index';
import { OIDC_ENV, PRODUCTION_ENV, without, type Env } from './testing';

const PROVIDER_VARIABLES = IDENTITY_PROVIDERS.flatMap((p) => [...p.variables]);

const OIDC = OIDC_ENV;
const GITHUB = { AUTH_GITHUB_ID: 'gh-client', AUTH_GITHUB_SECRET: 'gh-secret' };
const GOOGLE = { AUTH_GOOGLE_ID: 'google-client', AUTH_GOOGLE_SECRET: 'google-secret' };
const PRODUCTION = PRODUCTION_ENV;

const withOut = (env: Env, name: string) => without(env, name);
const problemsMentioning = (problems: string[], word: string) => problems.filter((p) => p.includes(word));
const tempDir = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'portal-config-test-')), 'data');

describe('the mode', () => {
  it('is demo when PORTAL_MODE is unset and no identity-provider variable is set', () => {
    expect(portalModeOf({}).mode).toBe('demo');
    expect(portalModeOf({ STRIPE_SECRET_KEY: 'sk', SMTP_URL: 'smtp://x', PLATFORM_API_KEY: 'k' }).mode).toBe('demo');
  });

  it.each(PROVIDER_VARIABLES)('is production when only %s is set (a partial provider never gives the demo)', (name) => {
    expect(portalModeOf({ [name]: 'x' })).toEqual({ mode: 'production', because: `PORTAL_MODE is unset and ${name} is set` });
  });

  it('is production for a provider variable that is set but empty, or misspelled', () => {
    expect(portalModeOf({ AUTH_GITHUB_ID: '' }).mode).toBe('production');
    expect(portalModeOf({ AUTH_OIDC_SECERT: 'x' }).mode).toBe('production');
  });

  it('is production whenever any subset of the provider variables is set, and demo only for the empty set', () => {
    fc.assert(
      fc.property(fc.subarray(PROVIDER_VARIABLES), fc.constantFrom('value', ''), (names, value) => {
        const env = Object.fromEntries(names.map((n) => [n, value]));
        expect(portalModeOf(env).mode).toBe(names.length === 0 ? 'demo' : 'production');
      }),
    );
  });

  it('follows PORTAL_MODE when it is set, whatever the providers', () => {
    expect(portalModeOf({ PORTAL_MODE: 'production' }).mode).toBe('production');
    expect(portalModeOf({ PORTAL_MODE: 'demo', ...OIDC }).mode).toBe('demo');
  });

  it('treats an unknown PORTAL_MODE as production and names it as a problem', () => {
    expect(portalModeOf({ PORTAL_MODE: 'prod' }).mode).toBe('production');
    expect(problemsMentioning(configurationProblems({ ...PRODUCTION, PORTAL_MODE: 'prod' }), 'PORTAL_MODE')).toHaveLength(1);
  });
});

describe('configuration problems', () => {
  it('none for the demo: nothing is required', () => {
    expect(configurationProblems({})).toEqual([]);
    expect(configurationProblems({ PORTAL_MODE: 'demo' })).toEqual([]);
  });

  it('none for a complete production configuration with any one complete provider', () => {
    expect(configurationProblems(PRODUCTION)).toEqual([]);
    expect(configurationProblems({ ...without(PRODUCTION, ...Object.keys(OIDC)), ...GITHUB })).toEqual([]);
    expect(configurationProblems({ ...without(PRODUCTION, ...Object.keys(OIDC)), ...GOOGLE })).toEqual([]);
    expect(configurationProblems({ ...PRODUCTION, PORTAL_MODE: 'production', ...GITHUB, ...GOOGLE })).toEqual([]);
  });

  it('each variable a partly configured provider lacks is named, even next to a complete provider', () => {
    const base = without(PRODUCTION, ...Object.keys(OIDC));
    for (const provider of IDENTITY_PROVIDERS) {
      const complete = provider.label === 'GitHub' ? GOOGLE : GITHUB;
      for (const missing of provider.variables) {
        const partial = Object.fromEntries(provider.variables.filter((n) => n !== missing).map((n) => [n, n === 'AUTH_OIDC_ISSUER' ? 'https://id.example.com' : 'x']));
        const problems = configurationProblems({ ...base, ...complete, ...partial });
        expect(problems, `${provider.label} without ${missing}`).toEqual([expect.stringMatching(new RegExp(`^${missing} is missing: the ${provider.label} sign-in is partly configured`))]);
      }
    }
  });

  it('AUTH_OIDC_ISSUER without AUTH_OIDC_SECRET names AUTH_OIDC_SECRET, even next to another complete provider', () => {
    const problems = configurationProblems({ ...withOut(PRODUCTION, 'AUTH_OIDC_SECRET'), ...GITHUB });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^AUTH_OIDC_SECRET is missing: the OpenID Connect sign-in is partly configured/);
  });

  it('an empty provider variable counts as missing', () => {
    expect(configurationProblems({ ...PRODUCTION, AUTH_OIDC_SECRET: '  ' })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^AUTH_OIDC_SECRET is empty/), expect.stringMatching(/^No identity provider is configured/)]),
    );
  });

  it('a misspelled provider variable is named', () => {
    expect(configurationProblems({ ...PRODUCTION, AUTH_OIDC_SECERT: 'x' })).toEqual([expect.stringMatching(/^AUTH_OIDC_SECERT is not a variable the portal knows/)]);
  });

  it('production without any complete provider is refused', () => {
    const problems = configurationProblems({ ...without(PRODUCTION, ...Object.keys(OIDC)), PORTAL_MODE: 'production' });
    expect(problems).toEqual([expect.stringMatching(/^No identity provider is configured: set AUTH_GITHUB_ID and AUTH_GITHUB_SECRET/)]);
  });

  it.each([
    ['missing', undefined, /^PLATFORM_API_KEY is missing/],
    ['31 characters', 'k'.repeat(31), /^PLATFORM_API_KEY is too short \(31 characters\)/],
  ])('PLATFORM_API_KEY %s is refused, and its value is never printed', (_label, value, pattern) => {
    const problems = configurationProblems({ ...PRODUCTION, PLATFORM_API_KEY: value });
    expect(problems).toEqual([expect.stringMatching(pattern)]);
    if (value) expect(problems.join('\n')).not.toContain(value);
  });

  it('the demo platform key is refused in production', () => {
    expect(problemsMentioning(configurationProblems({ ...PRODUCTION, PLATFORM_API_KEY: 'demo-platform-key' }), 'PLATFORM_API_KEY')).toHaveLength(1);
  });

  it('a 32-character PLATFORM_API_KEY is enough', () => {
    expect(configurationProblems({ ...PRODUCTION, PLATFORM_API_KEY: 'k'.repeat(32) })).toEqual([]);
  });

  it('AUTH_SECRET is required in production (instances share it; nothing is generated per data folder)', () => {
    expect(configurationProblems(withOut(PRODUCTION, 'AUTH_SECRET'))).toEqual([expect.stringMatching(/^AUTH_SECRET is missing/)]);
    expect(configurationProblems({ ...PRODUCTION, AUTH_SECRET: 'x'.repeat(20) })).toEqual([expect.stringMatching(/^AUTH_SECRET is too short/)]);
  });

  it.each([
    [undefined, '0', /^APP_URL is missing/],
    ['http://portal.example.com', '1', /^APP_URL must start with https:\/\//],
    ['http://localhost:3000', undefined, /^APP_URL is http:\/\/localhost:3000: use https:\/\/, or set ALLOW_INSECURE_LOCALHOST=1/],
    ['http://localhost:3000', '0', /ALLOW_INSECURE_LOCALHOST=1/],
    ['http://localhost.evil.example', '1', /^APP_URL must start with https:\/\//],
    ['ftp://portal.example.com', '1', /^APP_URL must start with https:\/\//],
  ])('APP_URL %s (ALLOW_INSECURE_LOCALHOST=%s) is refused', (appUrl, allow, pattern) => {
    expect(configurationProblems({ ...PRODUCTION, APP_URL: appUrl, ALLOW_INSECURE_LOCALHOST: allow })).toEqual([expect.stringMatching(pattern)]);
  });

  it.each(['http://localhost:3000', 'http://127.0.0.1:8080', 'http://[::1]:3000', 'http://portal.localhost'])(
    'APP_URL %s is allowed with ALLOW_INSECURE_LOCALHOST=1',
    (appUrl) => {
      expect(configurationProblems({ ...PRODUCTION, APP_URL: appUrl, ALLOW_INSECURE_LOCALHOST: '1' })).toEqual([]);
    },
  );

  it('a malformed APP_URL or ALLOW_INSECURE_LOCALHOST is named in any mode', () => {
    expect(configurationProblems({ APP_URL: 'portal.example.com' })).toEqual([expect.stringMatching(/^APP_URL:/)]);
    expect(configurationProblems({ ALLOW_INSECURE_LOCALHOST: 'yes' })).toEqual([expect.stringMatching(/^ALLOW_INSECURE_LOCALHOST:/)]);
  });

  it('SMTP_URL is required in production and must be smtp:// or smtps://', () => {
    expect(configurationProblems(withOut(PRODUCTION, 'SMTP_URL'))).toEqual([expect.stringMatching(/^SMTP_URL is missing/)]);
    expect(configurationProblems({ ...PRODUCTION, SMTP_URL: 'http://mail.example.com' })).toEqual([expect.stringMatching(/^SMTP_URL must be an smtp:\/\//)]);
    expect(configurationProblems({ ...PRODUCTION, SMTP_URL: 'smtp://127.0.0.1:2525' })).toEqual([]);
  });

  it('SMTP_FROM is optional; when set it must be an address', () => {
    expect(configurationProblems({ ...PRODUCTION, SMTP_FROM: 'billing@example.com' })).toEqual([]);
    expect(configurationProblems({ ...PRODUCTION, SMTP_FROM: 'Example Cloud <billing@example.com>' })).toEqual([]);
    expect(configurationProblems({ ...PRODUCTION, SMTP_FROM: 'billing' })).toEqual([expect.stringMatching(/^SMTP_FROM:/)]);
  });

  it.each(['SELLER_NAME', 'SELLER_TAX_ID', 'SELLER_ADDRESS', 'SELLER_BANK'])('%s is required in production (no demo defaults)', (name) => {
    expect(configurationProblems(withOut(PRODUCTION, name))).toEqual([expect.stringMatching(new RegExp(`^${name} is missing`))]);
    expect(configurationProblems({ ...PRODUCTION, [name]: ' ' })).toEqual([expect.stringMatching(new RegExp(`^${name} is missing`))]);
  });

  it('half a Stripe configuration is refused in production', () => {
    expect(configurationProblems({ ...PRODUCTION, STRIPE_SECRET_KEY: 'sk_live_x' })).toEqual([expect.stringMatching(/^STRIPE_WEBHOOK_SECRET is missing/)]);
    expect(configurationProblems({ ...PRODUCTION, STRIPE_WEBHOOK_SECRET: 'whsec_x' })).toEqual([expect.stringMatching(/^STRIPE_SECRET_KEY is missing/)]);
    expect(configurationProblems({ ...PRODUCTION, STRIPE_SECRET_KEY: 'sk_live_x', STRIPE_WEBHOOK_SECRET: 'whsec_x' })).toEqual([]);
  });

  it('half an Alipay or WeChat Pay configuration is refused in production, naming each missing variable; a whole one is accepted', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    expect(configurationProblems({ ...PRODUCTION, ALIPAY_APP_ID: '2021000000000001' })).toEqual([
      expect.stringMatching(/^ALIPAY_PRIVATE_KEY is missing: ALIPAY_APP_ID is set/),
      expect.stringMatching(/^ALIPAY_PUBLIC_KEY is missing/),
    ]);
    expect(configurationProblems({ ...PRODUCTION, ALIPAY_APP_ID: '2021000000000001', ALIPAY_PRIVATE_KEY: privateKey, ALIPAY_PUBLIC_KEY: publicKey })).toEqual([]);
    const wechat = {
      WECHATPAY_MCH_ID: '1900000109',
      WECHATPAY_APP_ID: 'wx0000000000000001',
      WECHATPAY_MERCHANT_SERIAL: 'SERIAL',
      WECHATPAY_PRIVATE_KEY: privateKey.replace(/\n/g, '\\n'),
      WECHATPAY_API_V3_KEY: '0123456789abcdef0123456789abcdef',
      WECHATPAY_PLATFORM_PUBLIC_KEY: publicKey,
      WECHATPAY_PLATFORM_KEY_ID: 'PUB_KEY_ID_1',
    };
    expect(configurationProblems({ ...PRODUCTION, ...wechat })).toEqual([]);
    expect(configurationProblems(withOut({ ...PRODUCTION, ...wechat }, 'WECHATPAY_PLATFORM_KEY_ID'))).toEqual([expect.stringMatching(/^WECHATPAY_PLATFORM_KEY_ID is missing/)]);
    // Malformed values are problems in every mode.
    expect(configurationProblems({ ...wechat, WECHATPAY_API_V3_KEY: 'short' })).toEqual([expect.stringMatching(/^WECHATPAY_API_V3_KEY must be exactly 32 bytes/)]);
    expect(configurationProblems({ ALIPAY_PRIVATE_KEY: 'not a key' })).toEqual([expect.stringMatching(/^ALIPAY_PRIVATE_KEY is not a readable RSA private key/)]);
    expect(configurationProblems({ ALIPAY_MIN_FEN: '500', ALIPAY_MAX_FEN: '100' })).toEqual(['ALIPAY_MIN_FEN is above ALIPAY_MAX_FEN']);
  });

  it('a configured Alipay gets its own limits, else the portal\'s', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'portal-config-'));
    const cfg = configFrom({ DATA_DIR: dir, ALIPAY_APP_ID: 'a', ALIPAY_PRIVATE_KEY: privateKey, ALIPAY_PUBLIC_KEY: publicKey, ALIPAY_MAX_FEN: '20000', TOPUP_MIN_FEN: '500' });
    expect(cfg.alipay?.limits).toEqual({ minFen: 500n, maxFen: 20_000n });
    expect(cfg.wechatpay).toBeNull();
  });

  it('names every problem at once: AUTH_OIDC_ISSUER alone', () => {
    const problems = configurationProblems({ AUTH_OIDC_ISSUER: 'https://id.example.com' });
    const named = ['AUTH_OIDC_ID', 'AUTH_OIDC_SECRET', 'No identity provider', 'PLATFORM_API_KEY', 'AUTH_SECRET', 'APP_URL', 'SMTP_URL', 'SELLER_NAME', 'SELLER_TAX_ID', 'SELLER_ADDRESS', 'SELLER_BANK'];
    for (const word of named) expect(problemsMentioning(problems, word), word).not.toEqual([]);
    expect(problems).toHaveLength(named.length);
  });
});

describe('configFrom', () => {
  it('refuses a production environment with problems, naming them all, before writing anything', () => {
    const dataDir = tempDir();
    let error: unknown;
    try {
      configFrom({ DATA_DIR: dataDir, AUTH_OIDC_ISSUER: 'https://id.example.com' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const refused = error as ConfigurationError;
    expect(refused.mode).toBe('production');
    expect(refused.because).toBe('PORTAL_MODE is unset and AUTH_OIDC_ISSUER is set');
    expect(refused.problems).toEqual(configurationProblems({ AUTH_OIDC_ISSUER: 'https://id.example.com' }));
    expect(refused.message).toContain('AUTH_OIDC_SECRET');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('production: the values from the environment, no demo key, no seller defaults, no generated session secret', () => {
    const dataDir = tempDir();
    const cfg = configFrom({ ...PRODUCTION, DATA_DIR: dataDir });
    expect(cfg).toMatchObject({
      mode: 'production',
      demoMode: false,
      platformApiKey: PRODUCTION.PLATFORM_API_KEY,
      authSecret: PRODUCTION.AUTH_SECRET,
      appUrl: 'https://portal.example.com',
      smtpUrl: PRODUCTION.SMTP_URL,
      smtpFrom: 'Account Portal <no-reply@portal.example.com>',
      seller: { name: 'Real Cloud Ltd.', taxId: '91310000MA1FL0000X', address: '1 Real Road, Shanghai', bank: 'Real Bank Shanghai 6222 1111 2222 3333' },
      providers: { oidc: { issuer: OIDC.AUTH_OIDC_ISSUER, id: OIDC.AUTH_OIDC_ID, secret: OIDC.AUTH_OIDC_SECRET }, github: null, google: null },
    });
    const stored = JSON.parse(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as Record<string, unknown>;
    expect(stored.authSecret).toBeUndefined();
    expect(typeof stored.internalToken).toBe('string');
    expect(configFrom({ ...PRODUCTION, DATA_DIR: dataDir, SMTP_FROM: 'billing@example.com' }).smtpFrom).toBe('billing@example.com');
  });

  it('demo: the demo key, the demo seller and a session secret generated once per data folder', () => {
    const dataDir = tempDir();
    const cfg = configFrom({ DATA_DIR: dataDir, PORT: '3999' });
    expect(cfg).toMatchObject({ mode: 'demo', demoMode: true, platformApiKey: 'demo-platform-key', smtpFrom: 'Account Portal <no-reply@localhost.localdomain>' });
    expect(cfg.seller.name).toContain('Example Cloud');
    expect(cfg.authSecret).toHaveLength(43);
    expect(configFrom({ DATA_DIR: dataDir }).authSecret).toBe(cfg.authSecret);
  });
});

describe('secrets instances share', () => {
  it('two instances with their own data folders and one AUTH_SECRET sign sandbox webhooks and demo sign-ins alike', () => {
    const shared = 'x'.repeat(40);
    const first = configFrom({ DATA_DIR: tempDir(), PORT: '3999', AUTH_SECRET: shared });
    const second = configFrom({ DATA_DIR: tempDir(), PORT: '3998', AUTH_SECRET: shared });
    expect(second.authSecret).toBe(first.authSecret);
    expect(second.sandboxWebhookSecret).toBe(first.sandboxWebhookSecret);
    expect(second.demoClientSecret).toBe(first.demoClientSecret);
    expect(second.oidcCookieKeys).toEqual(first.oidcCookieKeys);
    expect(second.demoSigningSeed).toBe(first.demoSigningSeed);
    // A different AUTH_SECRET is a different deployment: nothing of the first verifies there.
    const other = configFrom({ DATA_DIR: tempDir(), PORT: '3997', AUTH_SECRET: 'y'.repeat(40) });
    expect(other.sandboxWebhookSecret).not.toBe(first.sandboxWebhookSecret);
    expect(other.demoSigningSeed).not.toBe(first.demoSigningSeed);
    // Only the token for `npm run billing` on this host stays per folder.
    expect(second.internalToken).not.toBe(first.internalToken);
  });

  it('production: the sandbox secret and the session secret come from AUTH_SECRET, not from the data folder', () => {
    const a = configFrom({ ...PRODUCTION, DATA_DIR: tempDir() });
    const b = configFrom({ ...PRODUCTION, DATA_DIR: tempDir() });
    expect(b.authSecret).toBe(a.authSecret);
    expect(b.sandboxWebhookSecret).toBe(a.sandboxWebhookSecret);
  });
});

describe('DATABASE_READ_URL', () => {
  it('is a postgres:// URL next to DATABASE_URL, else a named problem', () => {
    expect(configurationProblems({ DATABASE_URL: 'postgres://db/portal', DATABASE_READ_URL: 'postgres://replica/portal' })).toEqual([]);
    expect(problemsMentioning(configurationProblems({ DATABASE_URL: 'postgres://db/portal', DATABASE_READ_URL: 'mysql://replica' }), 'DATABASE_READ_URL')).toHaveLength(1);
    expect(problemsMentioning(configurationProblems({ DATABASE_READ_URL: 'postgres://replica/portal' }), 'DATABASE_READ_URL')).toHaveLength(1);
    const cfg = configFrom({ DATA_DIR: tempDir(), DATABASE_URL: 'postgres://db/portal', DATABASE_READ_URL: 'postgres://replica/portal' });
    expect(cfg.databaseReadUrl).toBe('postgres://replica/portal');
    expect(configFrom({ DATA_DIR: tempDir() }).databaseReadUrl).toBeNull();
  });
});
