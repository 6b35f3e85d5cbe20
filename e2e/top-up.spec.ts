import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, expectNoAxeViolations, newUsername, signIn, test } from './fixtures';

/*
 * Top-up by card through the embedded sandbox processor. Every test signs in a customer of its
 * own, so balances never interfere; balances are read from the machine API, as the platform would.
 */

const platform = { Authorization: 'Bearer demo-platform-key' };

/** The e2e server's internal token (its data folder's secrets), for POST /api/internal/billing — what `npm run billing` uses. */
function internalToken(): string {
  const dataDir = path.join(process.cwd(), `.data-e2e-${Number(process.env.E2E_PORT ?? 3100)}`);
  return (JSON.parse(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as { internalToken: string }).internalToken;
}

interface AccountStatus {
  id: string;
  status: 'active' | 'suspended';
  balance: string;
  suspendedAt: string | null;
}

async function newCustomer(page: Page): Promise<string> {
  await signIn(page, newUsername('topup'));
  await page.goto('/');
  const accountId = (await page.getByTestId('account-id').textContent())?.trim();
  expect(accountId).toBeTruthy();
  return accountId as string;
}

async function accountStatus(request: APIRequestContext, accountId: string): Promise<AccountStatus> {
  const response = await request.get(`/api/v1/accounts/${accountId}`, { headers: platform });
  expect(response.status()).toBe(200);
  return (await response.json()) as AccountStatus;
}

async function continueToPayment(page: Page, amount?: string): Promise<void> {
  await page.goto('/top-up');
  await expect(page.getByRole('heading', { level: 1, name: 'Top up' })).toBeVisible();
  // The statement is on the page before any payment starts.
  await expect(page.getByTestId('no-transfer-statement')).toContainText('can’t be transferred to another account or withdrawn as cash');
  if (amount !== undefined) await page.getByLabel('Amount (¥)').fill(amount);
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await page.waitForURL(/\/sandbox-pay\/sbx_/);
}

async function enterCard(page: Page, cardNumber: string): Promise<void> {
  await expect(page.getByText('Test mode')).toBeVisible();
  await page.getByLabel('Card number').fill(cardNumber);
  await page.getByLabel('Expiry date (MM/YY)').fill('12/34');
  await page.getByLabel('Security code (CVC)').fill('123');
  await page.getByRole('button', { name: /^Pay ¥/ }).click();
}

async function expectStatus(page: Page, status: string): Promise<void> {
  await page.waitForURL(/\/top-up\/pay_/);
  await expect(page.getByTestId('payment-status')).toHaveText(status);
}

test.describe('top-up by card (sandbox processor)', () => {
  test('4242 4242 4242 4242 succeeds: the balance goes up by the amount', async ({ page, request }) => {
    const accountId = await newCustomer(page);
    expect((await accountStatus(request, accountId)).balance).toBe('0.00');
    await page.goto('/top-up');
    await expectNoAxeViolations(page);
    await continueToPayment(page, '123.45');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('¥123.45');
    await expectNoAxeViolations(page);
    await enterCard(page, '4242 4242 4242 4242');
    await expectStatus(page, 'Paid');
    await expect(page.getByTestId('payment-balance')).toContainText('¥123.45');
    await expectNoAxeViolations(page);
    expect(await accountStatus(request, accountId)).toMatchObject({ balance: '123.45', status: 'active' });

    // The receipt is in the history.
    await page.goto('/top-up');
    await expect(page.getByTestId('top-up-row')).toHaveCount(1);
    await expect(page.getByTestId('top-up-row').first()).toContainText('Paid');
  });

  test('4000 0000 0000 0002 is declined: a clear message, the balance unchanged', async ({ page, request }) => {
    const accountId = await newCustomer(page);
    await continueToPayment(page, '50');
    await enterCard(page, '4000 0000 0000 0002');
    await expectStatus(page, 'Declined');
    await expect(page.getByText('The payment was declined. Nothing was charged and your balance is unchanged.')).toBeVisible();
    await expect(page.getByTestId('payment-reason')).toHaveText('Reason: The card was declined.');
    expect((await accountStatus(request, accountId)).balance).toBe('0.00');
    await page.goto('/top-up');
    await expect(page.getByTestId('top-up-row').first()).toContainText('The card was declined.');
  });

  test('4000 0000 0000 3220 asks for a challenge: Approve credits, Fail does not', async ({ page, request }) => {
    const accountId = await newCustomer(page);

    await continueToPayment(page, '30');
    await enterCard(page, '4000 0000 0000 3220');
    await expect(page.getByRole('heading', { name: 'Verify this payment' })).toBeVisible();
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await expectStatus(page, 'Paid');
    expect((await accountStatus(request, accountId)).balance).toBe('30.00');

    await continueToPayment(page, '40');
    await enterCard(page, '4000 0000 0000 3220');
    await page.getByRole('button', { name: 'Fail', exact: true }).click();
    await expectStatus(page, 'Failed');
    await expect(page.getByTestId('payment-reason')).toHaveText('Reason: The card verification step was not passed.');
    expect((await accountStatus(request, accountId)).balance).toBe('30.00');
  });

  test('a card number that fails the Luhn check is refused on the payment page', async ({ page }) => {
    await newCustomer(page);
    await continueToPayment(page, '10');
    await enterCard(page, '4242 4242 4242 4241');
    await expect(page.getByText('Enter a valid card number.').first()).toBeVisible();
    await expect(page).toHaveURL(/\/sandbox-pay\//);
  });

  test('a suspended customer tops up the amount shown and is active again', async ({ page, request }) => {
    const accountId = await newCustomer(page);
    // Yesterday's usage, settled by a billing run: 100 vCPU-hours × ¥0.12 = ¥12.00 + 6 % VAT = ¥12.72.
    const yesterday = new Date(Date.now() - 24 * 3_600_000).toISOString();
    const usage = await request.post('/api/v1/usage', {
      headers: platform,
      data: { events: [{ id: `e2e-${accountId}`, account: accountId, service: 'compute', quantity: '100', occurredAt: yesterday }] },
    });
    expect(usage.status(), await usage.text()).toBe(202);
    const billing = await request.post('/api/internal/billing', { headers: { 'x-internal-token': internalToken() }, data: { now: new Date().toISOString() } });
    expect(billing.status()).toBe(200);
    expect(await accountStatus(request, accountId)).toMatchObject({ status: 'suspended', balance: '-12.72' });

    await page.goto('/top-up');
    await expect(page.getByText('Your account is suspended')).toBeVisible();
    await expect(page.getByTestId('reinstate-amount')).toContainText('¥12.72');
    // The amount to reinstate is offered and pre-filled.
    await expect(page.getByLabel('Amount (¥)')).toHaveValue('12.72');
    await continueToPayment(page);
    await enterCard(page, '4242424242424242');
    await expectStatus(page, 'Paid');
    await expect(page.getByText('Your account is active.')).toBeVisible();
    expect(await accountStatus(request, accountId)).toMatchObject({ status: 'active', balance: '0.00', suspendedAt: null });
  });

  test('amounts below the minimum, above the maximum or not a number get a clear error and create nothing', async ({ page }) => {
    await newCustomer(page);
    await page.goto('/top-up');
    const amount = page.getByLabel('Amount (¥)');
    const submit = page.getByRole('button', { name: 'Continue to payment' });
    for (const [typed, message] of [
      ['0.99', 'The smallest top-up is ¥1.00.'],
      ['50000.01', 'The largest top-up is ¥50,000.00.'],
      ['ten yuan', 'Enter an amount in yuan, for example 100 or 100.50.'],
      ['1.234', 'Enter an amount in yuan, for example 100 or 100.50.'],
    ]) {
      await amount.fill(typed);
      await submit.click();
      await expect(page.getByRole('alert').filter({ hasText: message })).toBeVisible();
      await expect(amount).toHaveAttribute('aria-invalid', 'true');
      await expect(page).toHaveURL(/\/top-up$/);
    }
    await page.reload();
    await expect(page.getByText('No top-ups yet.')).toBeVisible();
  });

  test('the page works in Chinese and by keyboard', async ({ page }) => {
    await newCustomer(page);
    await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'zh-CN', url: page.url() }]);
    await page.goto('/top-up');
    await expect(page.getByRole('heading', { level: 1, name: '充值' })).toBeVisible();
    await expect(page.getByTestId('no-transfer-statement')).toContainText('账户余额不可转让给其他账户，也不可提现');
    await page.getByRole('button', { name: '¥100.00' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('金额（¥）')).toHaveValue('100.00');
    await page.getByLabel('金额（¥）').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/sandbox-pay\/sbx_/);
    await expect(page.getByRole('button', { name: '支付 ¥100.00' })).toBeVisible();
  });
});
