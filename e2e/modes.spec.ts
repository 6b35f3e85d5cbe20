import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Provider, { type Configuration } from 'oidc-provider';
import { sourceFingerprint } from '../server/build';
import { completeDeclaration, expect, newUsername, signIn, test } from './fixtures';

const root = process.cwd();

/** Signals the production server's whole process group (the one this spec started). */
function stopGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A stand-in for a real OpenID Connect provider (oidc-provider's own development login form:
 * any login and password), so a customer can sign in to the production-mode portal.
 */
function startIdentityProvider(issuer: string, port: number, redirectUri: string, clientSecret: string): Server {
  const configuration: Configuration = {
    clients: [
      {
        client_id: 'portal-e2e',
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    scopes: ['openid', 'email', 'profile'],
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    async findAccount(_ctx, sub) {
      return { accountId: sub, claims: async () => ({ sub, email: `${sub}@customers.example`, email_verified: true, name: sub }) };
    },
    // One first-party client: consent is implied.
    async loadExistingGrant(ctx) {
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  };
  return new Provider(issuer, configuration).listen(port);
}

/**
 * A complete production configuration, served by `tsx server/start.ts` (what `npm start` runs) on
 * a port of its own, with its own data folder, reusing the build the e2e server made.
 */
test.describe('production mode', () => {
  test.describe.configure({ mode: 'serial', timeout: 240_000 });

  const platformKey = `prod-e2e-${'k'.repeat(40)}`;
  let appUrl = '';
  let child: ChildProcess | null = null;
  let output = '';
  let idp: Server | null = null;
  let dataDir = '';

  test.beforeAll(async () => {
    // A second server on a busy machine: a fresh database, migrations and Next.js take a while.
    test.setTimeout(240_000);
    const distDir = process.env.NEXT_DIST_DIR || '.next';
    const stamp = path.join(root, distDir, 'portal-source-fingerprint');
    // Never a second build while the e2e server serves this folder: it must be current already.
    if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== sourceFingerprint(root)) {
      throw new Error(`No current build in ${distDir}: the e2e server should have made it`);
    }
    const [port, idpPort, smtpPort] = [await freePort(), await freePort(), await freePort()];
    appUrl = `http://localhost:${port}`;
    const issuer = `http://localhost:${idpPort}`;
    const clientSecret = 'e2e-oidc-client-secret';
    idp = startIdentityProvider(issuer, idpPort, `${appUrl}/api/auth/callback/oidc`, clientSecret);
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'portal-production-e2e-'));

    // Its own process group (tsx runs node as a child): stopped as a whole, even if this worker dies first.
    child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['server/start.ts'], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? os.tmpdir(),
        NODE_ENV: 'production',
        ...(process.env.NEXT_DIST_DIR ? { NEXT_DIST_DIR: process.env.NEXT_DIST_DIR } : {}),
        NEXT_TELEMETRY_DISABLED: '1',
        PORT: String(port),
        DATA_DIR: dataDir,
        BILLING_INTERVAL_SECONDS: '0',
        APP_URL: appUrl,
        ALLOW_INSECURE_LOCALHOST: '1',
        AUTH_OIDC_ISSUER: issuer,
        AUTH_OIDC_ID: 'portal-e2e',
        AUTH_OIDC_SECRET: clientSecret,
        // Nothing listens there: nothing in these tests sends email.
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        PLATFORM_API_KEY: platformKey,
        AUTH_SECRET: 'a'.repeat(48),
        SELLER_NAME: 'Real Cloud Ltd.',
        SELLER_TAX_ID: '91310000MA1FL0000X',
        SELLER_ADDRESS: '1 Real Road, Shanghai',
        SELLER_BANK: 'Real Bank Shanghai 6222 1111 2222 3333',
      },
    });
    const group = child.pid;
    if (group) process.once('exit', () => stopGroup(group, 'SIGKILL'));
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 200_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the production server exited (${child.exitCode}):\n${output}`);
      const ready = await fetch(`${appUrl}/sign-in`).then((r) => r.ok, () => false);
      if (ready) break;
      if (Date.now() > deadline) throw new Error(`the production server did not answer:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  });

  test.afterAll(async () => {
    if (child?.pid && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      stopGroup(child.pid, 'SIGTERM');
      await exited;
    }
    await new Promise<void>((resolve) => (idp ? idp.close(() => resolve()) : resolve()));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('starts in production mode without building', () => {
    expect(output).toContain(`ready on ${appUrl} (production mode)`);
    expect(output).not.toMatch(/building the app|DEMO MODE/);
  });

  test('none of the demo surfaces exist: the demo identity provider, the sandbox processor and its webhook, the mailbox', async ({ request }) => {
    for (const url of ['/oidc/.well-known/openid-configuration', '/oidc/auth', '/sandbox-pay/x', '/sandbox-pay/sbx_0123456789abcdef01234567', '/mailbox']) {
      expect((await request.get(`${appUrl}${url}`, { maxRedirects: 0 })).status(), url).toBe(404);
    }
    const webhook = await request.post(`${appUrl}/api/payments/webhook/sandbox`, { data: { type: 'checkout.succeeded' }, maxRedirects: 0 });
    expect(webhook.status()).toBe(404);
  });

  test('the demo platform key answers 401; the configured key works', async ({ request }) => {
    const demo = await request.get(`${appUrl}/api/v1/accounts/x`, { headers: { authorization: 'Bearer demo-platform-key' } });
    expect(demo.status()).toBe(401);
    const real = await request.get(`${appUrl}/api/v1/accounts?email=nobody@example.com`, { headers: { authorization: `Bearer ${platformKey}` } });
    expect(real.status()).toBe(200);
    expect(await real.json()).toEqual({ accounts: [] });
  });

  test('no demo users or data are seeded', async ({ request }) => {
    const headers = { authorization: `Bearer ${platformKey}` };
    for (const username of ['alice', 'bob', 'sam', 'fiona', 'ada']) {
      const found = await request.get(`${appUrl}/api/v1/accounts?email=${username}@demo.test`, { headers });
      expect(await found.json(), username).toEqual({ accounts: [] });
    }
    for (let n = 1; n <= 5; n++) {
      expect((await request.get(`${appUrl}/api/v1/accounts/A10000000${n}`, { headers })).status()).toBe(404);
    }
  });

  test('sign-in offers only the configured provider, and neither it nor the 404 page says demo', async ({ page }) => {
    await page.goto(`${appUrl}/sign-in`);
    await expect(page.getByRole('button', { name: 'Sign in with OpenID Connect' })).toBeVisible();
    await expect(page.getByRole('button', { name: /Demo ID/ })).toHaveCount(0);
    await expect(page.getByRole('complementary', { name: 'Demo mode' })).toHaveCount(0);
    const missing = await page.goto(`${appUrl}/oidc/.well-known/openid-configuration`);
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expect(page.getByRole('complementary', { name: 'Demo mode' })).toHaveCount(0);
  });

  test('without a card provider, /top-up says card top-ups are not available and how else to pay, and offers no form', async ({ page }) => {
    await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: appUrl }]);
    await page.goto(`${appUrl}/top-up`);
    await page.getByRole('button', { name: 'Sign in with OpenID Connect' }).click();
    await page.locator('input[name="login"]').fill(`prod-${Date.now().toString(36)}`);
    await page.locator('input[name="password"]').fill('any');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    // A new customer: the first-sign-in declaration comes first (the page asked for redirects there).
    await page.waitForURL((url) => url.origin === appUrl && url.pathname === '/welcome');
    await completeDeclaration(page);
    await page.goto(`${appUrl}/top-up`);
    await expect(page.getByRole('heading', { name: 'Card top-ups are not available' })).toBeVisible();
    await expect(page.getByText('Real Bank Shanghai 6222 1111 2222 3333')).toBeVisible();
    await expect(page.getByTestId('transfer-reference')).toHaveText(/^A\d{9}$/);
    await expect(page.getByRole('button', { name: 'Continue to payment' })).toHaveCount(0);
    await expect(page.getByRole('complementary', { name: 'Demo mode' })).toHaveCount(0);

    await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'zh-CN', url: appUrl }]);
    await page.reload();
    await expect(page.getByRole('heading', { name: '暂不支持银行卡充值' })).toBeVisible();
  });
});

test.describe('demo mode', () => {
  test.describe.configure({ timeout: 120_000 });

  test('the sign-in page says it is a demo, in both languages', async ({ page }) => {
    const base = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
    await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: base }]);
    await page.goto('/sign-in');
    await expect(page.getByRole('complementary', { name: 'Demo mode' })).toContainText('This is a demo');
    await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'zh-CN', url: base }]);
    await page.goto('/sign-in');
    await expect(page.getByRole('complementary', { name: '演示模式' })).toContainText('这是演示环境');
  });

  test('every signed-in page and the 404 page say it is a demo', async ({ page }) => {
    await signIn(page, newUsername('demo'));
    for (const url of ['/', '/top-up', '/no-such-page']) {
      await page.goto(url);
      await expect(page.getByRole('complementary', { name: 'Demo mode' }), url).toContainText('This is a demo');
    }
  });
});
