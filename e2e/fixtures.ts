import { randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Browser, type Page } from '@playwright/test';

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

/** A fresh browser context signed in as `username`. */
export async function signedInPage(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, username);
  return page;
}

/** The page as it stands has no WCAG 2 A/AA violation axe can find (each named with its elements). */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Tops up `amount` yuan by card on the sandbox processor (4242…) and waits until the payment shows Paid. */
export async function payWithCard(page: Page, amount: string): Promise<void> {
  await page.goto('/top-up');
  await page.getByLabel('Amount (¥)').fill(amount);
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await page.waitForURL(/\/sandbox-pay\/sbx_/);
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByLabel('Expiry date (MM/YY)').fill('12/34');
  await page.getByLabel('Security code (CVC)').fill('123');
  await page.getByRole('button', { name: /^Pay ¥/ }).click();
  await page.waitForURL(/\/top-up\/pay_/);
  await expect(page.getByTestId('payment-status')).toHaveText('Paid');
}

export const test = base;
export { expect };
