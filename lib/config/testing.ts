/** Environments for the configuration's tests. */

export type Env = Record<string, string | undefined>;

/** The generic OpenID Connect provider's variables. */
export const OIDC_ENV = { AUTH_OIDC_ISSUER: 'https://id.example.com', AUTH_OIDC_ID: 'portal', AUTH_OIDC_SECRET: 'oidc-client-secret' };

/** A complete production configuration: no problems. */
export const PRODUCTION_ENV: Env = {
  ...OIDC_ENV,
  PLATFORM_API_KEY: 'p'.repeat(32),
  AUTH_SECRET: 's'.repeat(32),
  APP_URL: 'https://portal.example.com',
  SMTP_URL: 'smtps://mailer:pw@mail.example.com:465',
  SELLER_NAME: 'Real Cloud Ltd.',
  SELLER_TAX_ID: '91310000MA1FL0000X',
  SELLER_ADDRESS: '1 Real Road, Shanghai',
  SELLER_BANK: 'Real Bank Shanghai 6222 1111 2222 3333',
};

/** The environment without the named variables. */
export const without = (env: Env, ...names: string[]): Env => Object.fromEntries(Object.entries(env).filter(([name]) => !names.includes(name)));
