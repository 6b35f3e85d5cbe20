import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { expect, newUsername, signIn, test } from './fixtures';

/*
 * Support viewing as a customer leaves records on the customer's activity page, so the customer is
 * a fresh one of this test (the demo provider names them after their username, email
 * `<username>@demo.test`), never a demo customer another spec reads.
 */

const IMPERSONATING = /Not allowed while viewing as a customer/;

function banner(page: Page) {
  return page.getByRole('region', { name: 'Viewing as a customer' });
}

interface Customer {
  page: Page;
  username: string;
  accountId: string;
}

/** A new customer, signed in (and declared) in a browser of their own. */
async function newCustomer(browser: Browser, prefix: string): Promise<Customer> {
  const page = await (await browser.newContext()).newPage();
  const username = newUsername(prefix);
  await signIn(page, username);
  await page.goto('/');
  const accountId = ((await page.getByTestId('account-id').textContent()) ?? '').trim();
  expect(accountId).toMatch(/^A\d{9}$/);
  return { page, username, accountId };
}

async function openCustomer(page: Page, customer: Customer) {
  await expect(page.getByRole('heading', { level: 1, name: 'Support' })).toBeVisible();
  const email = `${customer.username}@demo`;
  await page.getByLabel('Email, account ID or name').fill(email);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByText(`1 customer matches “${email}”.`)).toBeVisible();
  await page.getByRole('link', { name: new RegExp(customer.accountId) }).click();
  await expect(page.getByRole('heading', { level: 1, name: customer.username })).toBeVisible();
}

test.describe('support impersonation and activity records', () => {
  test('sam views a customer with a reason: the banner shows it, changes are refused, End stops it, and the customer sees who looked and why', async ({ page, browser }) => {
    test.slow(); // two users sign in
    const customer = await newCustomer(browser, 'viewed');
    await signIn(page, 'sam', { path: '/support' });
    await openCustomer(page, customer);
    await expect(page.getByTestId('customer-account-id')).toHaveText(customer.accountId);
    await expect(page.getByTestId('customer-status')).toHaveText(/Active|Suspended/);
    await expect(page.getByRole('heading', { name: 'Contacts' })).toBeVisible();
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    // No reason, no access.
    await page.getByRole('button', { name: 'View as customer' }).click();
    await expect(page.getByRole('alert').filter({ hasText: /Give a reason/ })).toBeVisible();
    await page.getByLabel('Reason').fill('look');
    await page.getByRole('button', { name: 'View as customer' }).click();
    await expect(page.getByRole('alert').filter({ hasText: /ticket reference \(such as T-4711\) or at least 10 characters/ })).toBeVisible();

    const reason = `T-${Date.now().toString(36)} balance question`;
    await page.getByLabel('Reason').fill(reason);
    await page.getByRole('button', { name: 'View as customer' }).click();
    await page.waitForURL((url) => url.pathname === '/');

    // The whole portal is the customer's, with the banner on every page.
    await expect(banner(page)).toContainText(`You are viewing as ${customer.username} (${customer.accountId})`);
    await expect(banner(page)).toContainText(`Reason: ${reason}`);
    await expect(page.getByTestId('impersonation-time-left')).toHaveText(/^(30:00|29:[0-5]\d)$/);
    await expect(page.getByTestId('account-id')).toHaveText(customer.accountId);

    // Signing out the customer's sessions goes to the server, which refuses it.
    await page.locator('summary[aria-label="Account menu"]').click();
    await page.getByRole('button', { name: 'Sign out my other sessions' }).click();
    await expect(page.getByText(IMPERSONATING)).toBeVisible();

    await page.goto('/activity');
    await expect(page.getByRole('heading', { level: 1, name: 'Activity' })).toBeVisible();
    await expect(banner(page)).toBeVisible();
    await page.getByRole('button', { name: 'Sign out the other sessions' }).click();
    await expect(page.getByTestId('sign-out-others-result')).toHaveText(IMPERSONATING);

    await page.goto('/contact');
    await expect(banner(page)).toBeVisible();

    // A top-up: the page offers none, and a hand-made request (the form re-enabled in the browser) is refused by the server.
    await page.goto('/top-up');
    await expect(banner(page)).toBeVisible();
    const pay = page.getByRole('button', { name: 'Continue to payment' });
    await expect(pay).toBeDisabled();
    await page.locator('form:has(input[name="amount"]) :disabled').evaluateAll((elements) => elements.forEach((e) => e.removeAttribute('disabled')));
    await page.locator('input[name="amount"]').fill('100.00');
    await pay.click();
    await expect(page.getByRole('alert').filter({ hasText: IMPERSONATING })).toBeVisible();

    // End: back to the customer's support page, the banner is gone and the portal is sam's own again.
    await banner(page).getByRole('button', { name: 'End' }).click();
    await page.waitForURL((url) => url.pathname === `/support/customers/${customer.accountId}`);
    await expect(banner(page)).toHaveCount(0);
    await page.goto('/');
    await expect(page.getByTestId('account-id')).toHaveText('A100000003');
    await expect(banner(page)).toHaveCount(0);

    // The customer's activity page: who, when, why, the pages viewed and the refused actions, grouped under the start.
    const viewed = customer.page;
    try {
      await viewed.goto('/activity');
      await expect(viewed.getByRole('heading', { level: 1, name: 'Activity' })).toBeVisible();
      const access = viewed.getByTestId('support-access').filter({ hasText: reason });
      await expect(access).toHaveCount(1);
      await expect(access.getByRole('heading', { name: 'Sam Support viewed your account' })).toBeVisible();
      await expect(access.getByTestId('support-access-reason')).toHaveText(reason);
      await expect(access).toContainText('ended by support');
      await access.locator('summary', { hasText: /pages viewed/ }).click();
      for (const path of ['/', '/activity', '/contact', '/top-up']) await expect(access.getByRole('cell', { name: path, exact: true }).first()).toBeVisible();
      await expect(access.getByRole('row').filter({ hasText: 'Sign out the other sessions' }).first()).toContainText('Refused');
      await expect(access.getByRole('row').filter({ hasText: 'Top up' }).first()).toContainText('Refused');
      await expect(viewed.getByRole('region', { name: 'Sign-ins' }).getByRole('cell', { name: 'Demo ID' }).first()).toBeVisible();
      await expect(banner(viewed)).toHaveCount(0);
    } finally {
      await viewed.context().close();
    }
  });

  test('a customer can’t open the support pages nor export activity records', async ({ page }) => {
    await signIn(page, newUsername('curious'));
    await page.goto('/activity');
    await expect(page.getByRole('heading', { name: 'Active sessions' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Active sessions' }).getByText('This session')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Export activity records' })).toHaveCount(0);
    for (const path of ['/support', '/support/customers/A100000002']) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
    }
    const response = await page.request.get('/api/activity/export?from=2020-01-01&to=2030-01-01');
    expect(response.status()).toBe(403);
    expect((await response.json()).error.code).toBe('forbidden');

    // The activity page in Chinese, and without accessibility violations.
    await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'zh-CN', domain: new URL(page.url()).hostname, path: '/' }]);
    await page.goto('/activity');
    await expect(page.getByRole('heading', { level: 1, name: '活动记录' })).toBeVisible();
    await expect(page.getByRole('heading', { name: '当前会话' })).toBeVisible();
    await expect(page.getByRole('heading', { name: '客服访问' })).toBeVisible();
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  test('finance downloads the activity records of a date range as CSV', async ({ page }) => {
    await signIn(page, 'fiona', { path: '/activity' });
    const form = page.getByRole('region', { name: 'Export activity records' });
    await expect(form).toBeVisible();
    const downloading = page.waitForEvent('download');
    await form.getByRole('button', { name: 'Download' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^activity-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.replace(/^\uFEFF/, '').split('\n')[0]).toBe('id,at,account_id,actor_user_id,actor_name,kind,impersonation,ip,user_agent,details');
    expect(csv).toContain(',sign_in,');

    const jsonl = await page.request.get('/api/activity/export?from=2020-01-01&to=2030-01-01&format=jsonl&account=A100000004');
    expect(jsonl.status()).toBe(200);
    const lines = (await jsonl.text()).trim().split('\n').map((line) => JSON.parse(line) as { accountId: string });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.accountId === 'A100000004')).toBe(true);
  });
});
