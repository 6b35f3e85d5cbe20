import { execFileSync } from 'node:child_process';
import { expect, newUsername, signIn, test } from './fixtures';

/*
 * A charge from before its category moved to VAT (IT services: business tax 5 % until 2013-07-31,
 * VAT 6 % from 2013-08-01) is never offered for a VAT invoice; /invoices links the business-tax
 * statement, which lists it. The usage is posted through the machine API and settled by
 * `npm run billing` through the running server:
 *   2013-07-31 compute 100 vCPU-hours × ¥0.12 = ¥12.00 under business tax
 *   2013-08-01 compute 100 vCPU-hours × ¥0.12 = ¥12.00 + 6 % VAT ¥0.72 = ¥12.72
 */
const platform = { Authorization: 'Bearer demo-platform-key' };
const port = Number(process.env.E2E_PORT ?? 3100);

test('charges under business tax get their own statement, never a VAT invoice, in both languages', async ({ page, request }) => {
  test.setTimeout(180_000);
  await signIn(page, newUsername('btax'));
  await page.goto('/');
  const accountId = (await page.getByTestId('account-id').textContent())?.trim() ?? '';
  const events = [
    { id: `${accountId}-bt`, account: accountId, service: 'compute', quantity: '100', occurredAt: '2013-07-31T04:00:00Z' },
    { id: `${accountId}-vat`, account: accountId, service: 'compute', quantity: '100', occurredAt: '2013-08-01T04:00:00Z' },
  ];
  const posted = await request.post('/api/v1/usage', { headers: platform, data: { events } });
  expect(posted.status(), await posted.text()).toBe(202);
  execFileSync('npx', ['tsx', 'scripts/billing.ts'], { env: { ...process.env, DATA_DIR: `.data-e2e-${port}`, PORT: String(port) }, stdio: 'pipe' });

  await page.goto('/invoices');
  const invoiceable = page.getByRole('table', { name: 'Invoiceable amount by month' });
  await expect(invoiceable).toContainText('August 2013');
  await expect(invoiceable).not.toContainText('July 2013');

  await page.getByRole('link', { name: /business-tax statement/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Business-tax statement' })).toBeVisible();
  const statement = page.getByTestId('business-tax-table');
  await expect(statement.locator('tbody tr')).toHaveCount(2);
  await expect(statement).toContainText('July 2013');
  await expect(statement).toContainText('5%');
  await expect(statement).not.toContainText('August 2013');

  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'zh-CN', url: page.url() }]);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: '营业税结算单' })).toBeVisible();
});
