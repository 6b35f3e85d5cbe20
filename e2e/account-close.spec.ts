import type { APIRequestContext, Page } from '@playwright/test';
import { expect, expectNoAxeViolations, newUsername, signedInPage, signIn, test } from './fixtures';

/*
 * Closing an account, and the operator's termination for cause (issue 15). Each test signs in
 * customers of its own; the platform's view is read through the machine API with the demo key.
 */

const platform = { Authorization: 'Bearer demo-platform-key' };

async function newCustomer(page: Page, prefix: string): Promise<string> {
  await signIn(page, newUsername(prefix));
  await page.goto('/');
  const accountId = (await page.getByTestId('account-id').textContent())?.trim();
  expect(accountId).toBeTruthy();
  return accountId as string;
}

async function platformStatus(request: APIRequestContext, accountId: string): Promise<string> {
  const response = await request.get(`/api/v1/accounts/${accountId}`, { headers: platform });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { status: string }).status;
}

async function postUsage(request: APIRequestContext, accountId: string) {
  return request.post('/api/v1/usage', {
    headers: platform,
    data: { events: [{ id: newUsername('usage'), account: accountId, service: 'compute', quantity: '1', occurredAt: new Date(Date.now() - 60_000).toISOString() }] },
  });
}

test.describe('closing an account', () => {
  test('the customer types the account id to close it; usage is refused, the platform sees "closed", sign-in stays read-only', async ({ page, request }) => {
    test.slow(); // a long flow through several pages
    const accountId = await newCustomer(page, 'closer');
    expect((await postUsage(request, accountId)).status()).toBe(202);

    await page.goto('/account/close');
    await expect(page.getByRole('heading', { level: 1, name: 'Close your account' })).toBeVisible();
    await expect(page.getByText('the prepaid balance can’t be withdrawn as cash or transferred to another account')).toBeVisible();
    await expect(page.getByTestId('close-balance')).toHaveText('Balance: ¥0.00');
    await expect(page.getByTestId('close-arrears')).toHaveText('You owe nothing.');
    await expectNoAxeViolations(page);

    // Keyboard only: a wrong id is refused and said; the right one closes the account.
    const confirm = page.getByLabel(`Type your account id ${accountId} to confirm`);
    await confirm.focus();
    await page.keyboard.type('A-not-mine');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert').filter({ hasText: `The text you typed is not your account id ${accountId}.` })).toBeVisible();
    // The button stays disabled until the page has re-rendered from the server after the refusal.
    await expect(page.getByRole('button', { name: 'Close my account' })).toBeEnabled();
    await confirm.fill('');
    await confirm.focus();
    await page.keyboard.type(accountId);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Close my account' })).toBeFocused();
    await page.keyboard.press('Enter');
    // The action's confirmation, or — once the page has re-rendered from the server — the closed account's notice.
    await expect(page.getByRole('status').filter({ hasText: new RegExp(`Account ${accountId} is closed\\.|This account is closed since`) }).first()).toBeVisible();

    // The platform's view.
    expect(await platformStatus(request, accountId)).toBe('closed');
    const refused = await postUsage(request, accountId);
    expect(refused.status()).toBe(422);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('account_closed');

    // Still signed in, read-only: every page says so, records and notices are there, a top-up is refused with a reason.
    await page.goto('/');
    await expect(page.getByTestId('standing-banner')).toHaveText('This account is closed. You can read your history and download invoices; nothing can be changed.');
    await page.goto('/notices');
    await expect(page.getByText('Your account is closed').first()).toBeVisible();
    await page.goto('/top-up');
    await page.getByLabel('Amount (¥)').fill('10.00');
    await page.getByRole('button', { name: 'Continue to payment' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'This account is closed, so it can only be read' })).toBeVisible();
    await expect(page).toHaveURL(/\/top-up$/);
    await page.goto('/account/close');
    await expect(page.getByText(/This account is closed since/)).toBeVisible();
  });

  test('in Chinese: 注销账户 with the typed account id', async ({ browser, request }) => {
    test.slow();
    const context = await browser.newContext();
    const base = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
    await context.addCookies([{ name: 'NEXT_LOCALE', value: 'zh-CN', url: base }]);
    const page = await context.newPage();
    await signIn(page, newUsername('closer-zh'), { locale: null });
    await page.goto('/');
    const accountId = ((await page.getByTestId('account-id').textContent()) ?? '').trim();
    await page.goto('/account/close');
    await expect(page.getByRole('heading', { level: 1, name: '注销账户' })).toBeVisible();
    await expect(page.getByText('预付余额不可提现，也不可转让至其他账户')).toBeVisible();
    await page.getByLabel(`请输入您的账户编号 ${accountId} 以确认`).fill(accountId);
    await page.getByRole('button', { name: '注销我的账户' }).click();
    await expect(page.getByRole('status').filter({ hasText: new RegExp(`账户 ${accountId} 已注销。|此账户已于`) }).first()).toBeVisible();
    expect(await platformStatus(request, accountId)).toBe('closed');
    await context.close();
  });
});

test.describe('termination for cause', () => {
  test('an admin suspends an account for cause, lifts it, then terminates it; the customer is told and the platform sees each state', async ({ browser, page, request }) => {
    test.slow(); // two people, three changes of standing
    const accountId = await newCustomer(page, 'terminated');
    const ada = await signedInPage(browser, 'ada');

    await ada.goto('/admin/accounts');
    await expect(ada.getByRole('heading', { level: 1, name: 'Customer accounts' })).toBeVisible();
    await ada.getByLabel('Account id, name or email').fill(accountId);
    await ada.getByRole('button', { name: 'Search' }).click();
    await ada.getByRole('link', { name: `Manage ${accountId}` }).click();
    await expect(ada.getByTestId('standing-state')).toHaveText('Standing: In good standing');
    await expectNoAxeViolations(ada);

    // A reason is required.
    await ada.getByLabel('Action').selectOption({ label: 'Suspend for cause' });
    await ada.getByRole('button', { name: 'Apply' }).click();
    await expect(ada.getByRole('alert').filter({ hasText: 'Give a reason' })).toBeVisible();
    await ada.getByLabel('Reason (shown to the customer)').fill('Clause 7: abuse report T-1001');
    await ada.getByRole('button', { name: 'Apply' }).click();
    // The page re-renders from the server after the action: its new state is the confirmation that lasts.
    await expect(ada.getByTestId('standing-state')).toHaveText('Standing: Suspended for cause');
    expect(await platformStatus(request, accountId)).toBe('suspended');

    await page.goto('/');
    await expect(page.getByTestId('standing-banner')).toContainText('Clause 7: abuse report T-1001');

    await ada.getByLabel('Action').selectOption({ label: 'Lift the suspension for cause' });
    await ada.getByRole('button', { name: 'Apply' }).click();
    await expect(ada.getByTestId('standing-state')).toHaveText('Standing: In good standing');
    expect(await platformStatus(request, accountId)).toBe('active');

    await ada.getByLabel('Action').selectOption({ label: 'Terminate for cause' });
    await ada.getByLabel('Reason (shown to the customer)').fill('Clause 9: fraud confirmed');
    await ada.getByRole('button', { name: 'Apply' }).click();
    await expect(ada.getByTestId('standing-state')).toHaveText('Standing: Terminated');
    await expect(ada.getByRole('heading', { name: 'History of standing' })).toBeVisible();
    await expect(ada.getByText(/Terminated · Ada Admin · Clause 9: fraud confirmed/)).toBeVisible();

    expect(await platformStatus(request, accountId)).toBe('terminated');
    expect((await postUsage(request, accountId)).status()).toBe(422);

    await page.goto('/notices');
    await expect(page.getByText('Your account has been terminated').first()).toBeVisible();
    await expect(page.getByText(/Reason: Clause 9: fraud confirmed/).first()).toBeVisible();
    await expect(page.getByTestId('standing-banner')).toContainText('terminated by the operator');
    await ada.context().close();
  });

  test('a customer cannot open the admin page', async ({ page }) => {
    await signIn(page, newUsername('nosy'));
    const response = await page.goto('/admin/accounts');
    expect(response?.status()).toBe(403);
  });
});
