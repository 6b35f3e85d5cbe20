import { randomBytes } from 'node:crypto';
import { expect, test as base, type Page } from '@playwright/test';

/** A username nobody has used yet: each test makes its own customers. */
export function newUsername(prefix = 'user'): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/**
 * Signs in through the real demo identity provider: the portal's sign-in page, the provider's
 * login form (Username, Sign in), and back through the authorization-code flow.
 */
export async function signIn(
  page: Page,
  username: string,
  options: { path?: string; declare?: boolean; /** null: leave the browser's language alone */ locale?: 'en' | null } = {},
): Promise<void> {
  // Demo users are shared by the specs, and a language switch is saved on the user: each test's
  // browser starts in English unless it chose a language itself, so one spec's switch can't leak.
  const base = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
  const cookies = await page.context().cookies(base);
  if (options.locale !== null && !cookies.some((c) => c.name === 'NEXT_LOCALE')) {
    await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: base }]);
  }
  await page.goto(options.path ?? '/');
  await page.waitForURL(/\/sign-in/);
  await page.getByRole('button', { name: /Demo ID|演示身份提供方/ }).click();
  await page.getByLabel('Username').fill(username);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/oidc') && !url.pathname.startsWith('/sign-in') && !url.pathname.startsWith('/api/auth'));
  if (options.declare !== false && new URL(page.url()).pathname === '/welcome') await completeDeclaration(page);
}

/** The first-sign-in declaration with the defaults of a private customer in China. */
export async function completeDeclaration(page: Page): Promise<void> {
  await page.getByRole('radio', { name: /individual|个人/i }).check();
  await page.getByRole('radio', { name: /^(Mainland )?China|中国/i }).first().check();
  await page.getByRole('checkbox', { name: /accept|同意/i }).check();
  await page.getByRole('button', { name: /continue|confirm|继续|确认/i }).click();
  await page.waitForURL((url) => url.pathname !== '/welcome');
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('group').or(page.locator('summary[aria-label]')).first().click();
  await page.getByRole('button', { name: /^(Sign out|退出登录)$/ }).click();
  await page.waitForURL(/\/sign-in/);
}

export const test = base;
export { expect };
