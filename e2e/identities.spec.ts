import { expect, newUsername, signIn, test } from './fixtures';

/*
 * Issue 12 in the browser: a refused sign-in says why (both languages); a step that needs a recent
 * sign-in goes through the provider again and comes back; support viewing as a customer never
 * reaches the customer's payment page, and a checkout is payable only from the session that started it.
 */

const base = `http://localhost:${process.env.E2E_PORT ?? 3100}`;

test.describe('verified identities and sessions', () => {
  test('a sign-in refused for an unverified email says why, in English and in Chinese', async ({ page, context }) => {
    await context.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: base }]);
    await page.goto('/sign-in?error=email_unverified');
    // (The router's announcer is an alert too: find ours by its words.)
    await expect(page.getByRole('alert').filter({ hasText: 'has not verified your email address' })).toBeVisible();
    await context.addCookies([{ name: 'NEXT_LOCALE', value: 'zh-CN', url: base }]);
    await page.goto('/sign-in?error=account_unverified');
    await expect(page.getByRole('alert').filter({ hasText: '从未经过验证' })).toBeVisible();
  });

  test('signing in again for a sensitive step goes through the identity provider and back to the page', async ({ page, browser }) => {
    test.slow(); // three sign-ins through the provider
    // A customer of this test's own, for support to look up.
    const customer = await browser.newPage();
    await signIn(customer, newUsername('reauth'));
    const accountId = ((await customer.getByTestId('account-id').textContent()) ?? '').trim();
    await customer.close();
    await signIn(page, 'sam', { path: '/support' });
    await page.goto(`/reauth?callbackUrl=${encodeURIComponent(`/support/customers/${accountId}`)}`);
    // The provider asks again (its login form), rather than answering from its own session.
    await expect(page.getByLabel('Username')).toBeVisible();
    await page.getByLabel('Username').fill('sam');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/support/customers/${accountId}`);
    await expect(page.getByTestId('customer-account-id')).toHaveText(accountId);
  });
});

test.describe('payments while viewing as a customer', () => {
  test('support sees the status of a pending top-up but no way to its payment page; nobody else can open the checkout', async ({ page, browser }) => {
    test.slow(); // three users sign in
    // The customer starts a top-up and leaves the payment page.
    await signIn(page, newUsername('payer'));
    const accountId = ((await page.getByTestId('account-id').textContent()) ?? '').trim();
    await page.goto('/top-up');
    await page.getByLabel('Amount (¥)').fill('25.00');
    await page.getByRole('button', { name: 'Continue to payment' }).click();
    await page.waitForURL(/\/sandbox-pay\/sbx_/);
    const checkoutPath = new URL(page.url()).pathname;
    const statusPath = (await page.getByRole('link', { name: /Cancel and return/ }).getAttribute('href')) ?? '';
    expect(statusPath).toMatch(/^\/top-up\/pay_/);
    await page.goto(statusPath);
    await expect(page.getByRole('link', { name: 'Continue to the payment page' })).toHaveAttribute('href', checkoutPath);

    // Support views as the customer.
    const support = await browser.newPage();
    await signIn(support, 'sam', { path: `/support/customers/${accountId}` });
    await support.getByLabel('Reason').fill(`T-${Date.now().toString(36)} payment stuck`);
    await support.getByRole('button', { name: 'View as customer' }).click();
    await support.waitForURL((url) => url.pathname === '/');
    await support.goto(statusPath);
    await expect(support.getByTestId('payment-status')).toBeVisible();
    await expect(support.getByRole('link', { name: 'Continue to the payment page' })).toHaveCount(0);
    const api = await support.request.get(`/api/payments/${statusPath.split('/').pop()}`);
    expect(api.status()).toBe(200);
    expect((await api.json()).checkoutUrl).toBeNull();
    await support.goto(checkoutPath);
    await expect(support.getByText('There is no payment at this address.')).toBeVisible();
    await expect(support.getByLabel('Card number')).toHaveCount(0);
    await support.close();

    // Another customer with the link sees no payment either.
    const stranger = await browser.newPage();
    await signIn(stranger, newUsername('stranger'));
    await stranger.goto(checkoutPath);
    await expect(stranger.getByText('There is no payment at this address.')).toBeVisible();
    await stranger.close();

    // The customer still can pay.
    await page.goto(checkoutPath);
    await expect(page.getByLabel('Card number')).toBeVisible();
  });
});
