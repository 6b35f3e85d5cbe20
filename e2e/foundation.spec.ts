import { expect, newUsername, signIn, test } from './fixtures';

test.describe('foundation', () => {
  test('a new user signs in through the demo provider, sees an account id, and signs out', async ({ page }) => {
    const username = newUsername('newbie');
    await signIn(page, username);
    await expect(page).toHaveURL(/\/$/);
    const accountId = page.getByTestId('account-id');
    await expect(accountId).toHaveText(/^A\d{9}$/);
    await page.locator('summary[aria-label="Account menu"]').click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(/\/sign-in/);
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2F/);
  });

  test('anonymous users go to sign-in and come back to the page they asked for', async ({ page }) => {
    await page.goto('/support');
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fsupport/);
    await page.getByRole('button', { name: /Demo ID/ }).click();
    await page.getByLabel('Username').fill('sam');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(/\/support$/);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });

  test('a customer is refused the support and finance pages with a 403 page', async ({ page }) => {
    await signIn(page, newUsername('customer'));
    for (const path of ['/support', '/finance']) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      await expect(page.getByRole('heading', { name: /can’t open this page/ })).toBeVisible();
    }
  });

  test('the language switch shows the portal in Chinese and is remembered', async ({ page }) => {
    // The switch saves the language on the user: a customer of this test's own.
    await signIn(page, newUsername('switcher'));
    await page.getByRole('button', { name: /Switch language to Chinese/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: '概览' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: '概览' })).toBeVisible();
  });

  test('the language chosen is saved on the user and follows them to another browser', async ({ browser }) => {
    const username = newUsername('polyglot');
    const first = await browser.newContext();
    const page = await first.newPage();
    await signIn(page, username);
    await page.getByRole('button', { name: /Switch language to Chinese/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: '概览' })).toBeVisible();
    await first.close();
    const second = await browser.newContext({ locale: 'en-US' });
    const other = await second.newPage();
    await signIn(other, username, { locale: null });
    await expect(other.getByRole('heading', { level: 1, name: '概览' })).toBeVisible();
    await second.close();
  });

  test('a machine-API call without the key gets 401 JSON', async ({ request }) => {
    const response = await request.get('/api/v1/accounts/A100000001');
    expect(response.status()).toBe(401);
    expect((await response.json()).error.code).toBe('unauthorized');
  });
});

test('a second server on the same data folder refuses to start and names the holder; the first keeps serving', async ({ request }) => {
  const { spawnSync } = await import('node:child_process');
  const port = Number(process.env.E2E_PORT ?? 3100);
  const second = spawnSync('npx', ['tsx', 'server/start.ts'], {
    env: { ...process.env, PORT: String(port + 1), DATA_DIR: `.data-e2e-${port}` },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(second.status).toBe(1);
  expect(second.stderr).toMatch(/data folder .* is in use by process \d+ .*serving port \d+/);
  const stillUp = await request.get('/sign-in');
  expect(stillUp.status()).toBe(200);
});
