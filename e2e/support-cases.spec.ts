import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { expect, expectNoAxeViolations, newUsername, signedInPage, signIn, test } from './fixtures';

/*
 * A question about a charge (issue 15): the customer asks from a row of their history, support (sam)
 * answers and asks for an adjustment, finance (fiona, a different person) approves it, and the
 * customer sees the answer, the notices and the credit with both names. The customer is new to this
 * test; sam and fiona are the demo cast.
 */

const port = Number(process.env.E2E_PORT ?? 3100);
const platform = { Authorization: 'Bearer demo-platform-key' };

function internalToken(): string {
  const dataDir = path.join(process.cwd(), `.data-e2e-${port}`);
  return (JSON.parse(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as { internalToken: string }).internalToken;
}

/** 100 vCPU-hours yesterday, settled by a billing run: a daily charge of ¥12.72 (¥12.00 + 6 % VAT). */
async function chargeYesterday(request: APIRequestContext, accountId: string): Promise<void> {
  const usage = await request.post('/api/v1/usage', {
    headers: platform,
    data: { events: [{ id: newUsername('cases-usage'), account: accountId, service: 'compute', quantity: '100', occurredAt: new Date(Date.now() - 24 * 3_600_000).toISOString() }] },
  });
  expect(usage.status(), await usage.text()).toBe(202);
  const billing = await request.post('/api/internal/billing', { headers: { 'x-internal-token': internalToken() }, data: { now: new Date().toISOString() } });
  expect(billing.status(), await billing.text()).toBe(200);
}

test.describe('a question about a charge', () => {
  test('the customer asks from the history; support answers and grants an adjustment; finance approves; the customer sees the answer, the notices and the credit', async ({ page, browser, request }) => {
    test.slow(); // three people, several pages each

    // The customer, with a daily charge in the history.
    await signIn(page, newUsername('asker'));
    await page.goto('/');
    const accountId = (await page.getByTestId('account-id').textContent())?.trim() ?? '';
    expect(accountId).toMatch(/^A\d+$/);
    await chargeYesterday(request, accountId);

    await page.goto('/charges?type=charge');
    const chargeRow = page.locator('[data-testid="movement-row"][data-type="charge"]').first();
    await expect(chargeRow).toContainText('−¥12.72');
    await chargeRow.getByTestId('ask-about-movement').click();
    await page.waitForURL(/\/support-cases\/new\?transfer=\d+$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Ask about a charge' })).toBeVisible();
    await expect(page.getByText('an open question does not pause charges, penalties or suspension')).toBeVisible();
    await expect(page.getByTestId('case-charge')).toContainText('Daily charge');
    await expect(page.getByTestId('case-charge-amount')).toHaveText('-¥12.72');
    await expectNoAxeViolations(page);

    // Bad input is refused and said next to the field; nothing is created.
    const question = page.getByLabel('Your question');
    await page.getByRole('button', { name: 'Send the question' }).click();
    await expect(page.getByText('Write your message first.')).toBeVisible();
    await question.fill('x'.repeat(2001));
    await page.getByRole('button', { name: 'Send the question' }).click();
    await expect(page.getByText('That is too long: at most 2,000 characters.')).toBeVisible();
    await expect(question).toHaveAttribute('aria-invalid', 'true');

    // Keyboard only: type, Tab to the button, Enter.
    await question.fill('');
    await question.focus();
    await page.keyboard.type('Why was I charged ¥12.72 for compute yesterday?');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/support-cases\/[0-9a-f-]{36}$/);
    const casePath = new URL(page.url()).pathname;
    const heading = page.getByRole('heading', { level: 1, name: /^Question #\d+$/ });
    await expect(heading).toBeVisible();
    const number = ((await heading.textContent()) ?? '').replace(/^Question #/, '');
    await expect(page.getByTestId('case-message')).toHaveCount(1);
    await expect(page.getByTestId('case-message').first()).toContainText('Why was I charged ¥12.72 for compute yesterday?');
    await expect(page.getByText('Charges continue while you ask')).toBeVisible();
    await expectNoAxeViolations(page);

    // Support: the queue (oldest first), the case, an answer and an adjustment request.
    const sam = await signedInPage(browser, 'sam');
    await sam.goto('/support');
    await expect(sam.getByRole('heading', { level: 2, name: 'Open questions about charges' })).toBeVisible();
    await sam.getByRole('link', { name: `Open question #${number}` }).click();
    await sam.waitForURL(/\/support\/cases\/[0-9a-f-]{36}$/);
    await expect(sam.getByRole('heading', { level: 1, name: new RegExp(`^Question #${number} · .*\\(${accountId}\\)$`) })).toBeVisible();
    await sam.getByLabel('Your answer').fill('100 vCPU-hours at ¥0.12 is ¥12.00, plus 6 % VAT: ¥12.72. One hour was counted twice, so we refund ¥5.00.');
    await sam.getByRole('button', { name: 'Send the answer' }).click();
    await expect(sam.getByText('Your answer was sent; the customer is notified.')).toBeVisible();
    await expect(sam.getByTestId('case-message')).toHaveCount(2);

    await sam.getByLabel('Amount in yuan').fill('20');
    await sam.getByLabel('Reason (the customer sees it)').fill('One hour counted twice');
    await sam.getByRole('button', { name: 'Request the adjustment' }).click();
    await expect(sam.getByText('That is more than the charge: at most ¥12.72 can still be granted.')).toBeVisible();
    await sam.getByLabel('Amount in yuan').fill('5.00');
    await sam.getByRole('button', { name: 'Request the adjustment' }).click();
    await expect(sam.getByText('The adjustment of ¥5.00 is waiting for finance’s approval.')).toBeVisible();
    await expect(sam.locator('[data-testid="case-adjustment"][data-status="pending"]')).toContainText('Requested by Sam Support');
    await expectNoAxeViolations(sam);
    await sam.context().close();

    // Waiting for finance: nothing moved yet.
    await page.reload();
    await expect(page.locator('[data-testid="case-adjustment"][data-status="pending"]')).toContainText('Awaiting approval');

    // Finance (a different person) approves.
    const fiona = await signedInPage(browser, 'fiona');
    await fiona.goto('/finance');
    await expect(fiona.getByRole('heading', { level: 2, name: 'Adjustments awaiting approval' })).toBeVisible();
    const pending = fiona.getByTestId('pending-adjustment').filter({ hasText: accountId });
    await expect(pending).toContainText('¥5.00');
    await expect(pending).toContainText('Sam Support');
    await pending.getByRole('button', { name: /^Approve the adjustment of ¥5\.00/ }).click();
    await expect(fiona.getByText(/^Approved: ¥5\.00 credited to /)).toBeVisible();
    await expect(fiona.getByTestId('pending-adjustment').filter({ hasText: accountId })).toHaveCount(0);
    await fiona.context().close();

    // The customer: the answer, the credit with both names, the notices, the history.
    await page.goto(casePath);
    await expect(page.locator('[data-testid="case-message"][data-author="staff"]')).toContainText('One hour was counted twice');
    await expect(page.locator('[data-testid="case-message"][data-author="staff"]')).toContainText('Sam Support (Support)');
    const credited = page.locator('[data-testid="case-adjustment"][data-status="approved"]');
    await expect(credited).toContainText('Credited');
    await expect(credited).toContainText('Requested by Sam Support');
    await expect(credited).toContainText('Approved by Fiona Finance');

    // A reply while open.
    await page.getByLabel('Add to your question').fill('Thank you!');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByText('Your message was added.')).toBeVisible();
    await expect(page.getByTestId('case-message')).toHaveCount(3);

    await page.goto('/notices');
    await expect(page.getByRole('heading', { level: 2, name: /Support answered your question$/ })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: /Adjustment credited$/ })).toBeVisible();
    await expect(page.getByText(`An adjustment of ¥5.00 on your question #${number} was approved`)).toBeVisible();

    await page.goto('/charges?type=adjustment');
    const adjustmentRow = page.locator('[data-testid="movement-row"][data-type="adjustment"]');
    await expect(adjustmentRow).toHaveCount(1);
    await expect(adjustmentRow).toContainText('+¥5.00');
    await expect(adjustmentRow.getByTestId('adjustment-detail')).toHaveText(`Question #${number} · requested by Sam Support, approved by Fiona Finance`);

    await page.goto('/support-cases');
    await expect(page.getByRole('heading', { level: 1, name: 'Questions about charges' })).toBeVisible();
    await expect(page.getByTestId('case-row')).toHaveCount(1);
    await expectNoAxeViolations(page);

    // In Chinese: the list and the terms' note.
    await page.getByRole('button', { name: /Switch language to Chinese/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: '费用疑问' })).toBeVisible();
    await expect(page.getByText('未解决的疑问不会暂停计费、逾期违约金或服务暂停')).toBeVisible();
  });

  test('support viewing as the customer cannot ask in the customer’s name', async ({ page, browser, request }) => {
    await signIn(page, newUsername('viewed'));
    await page.goto('/');
    const accountId = (await page.getByTestId('account-id').textContent())?.trim() ?? '';
    await chargeYesterday(request, accountId);

    const sam = await signedInPage(browser, 'sam');
    await sam.goto(`/support/customers/${accountId}`);
    await sam.getByLabel('Reason').fill(`T-${Date.now().toString(36)} question about a charge`);
    await sam.getByRole('button', { name: 'View as customer' }).click();
    await sam.waitForURL((url) => url.pathname === '/');
    await sam.goto('/charges?type=charge');
    await sam.locator('[data-testid="movement-row"][data-type="charge"]').first().getByTestId('ask-about-movement').click();
    await sam.getByLabel('Your question').fill('Asked by support in the customer’s name');
    await sam.getByRole('button', { name: 'Send the question' }).click();
    await expect(sam.getByText(/Not allowed while viewing as a customer/)).toBeVisible();
    await sam.goto('/support-cases');
    await expect(sam.getByTestId('cases-empty')).toBeVisible();
    await sam.context().close();
  });
});
