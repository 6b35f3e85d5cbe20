import type { Browser, Page } from '@playwright/test';
import { expect, newUsername, signIn, test } from './fixtures';

/*
 * Each test's customer is its own (a fresh demo-provider user): acknowledging a version is recorded
 * on the account. Publishing a version changes what every customer sees, so the publishing test
 * reads the number of the version it made and makes its customer current on any version published
 * before it (by another spec or run), so that the change it reads is its own.
 */

/** A date in the operator's time zone (where effective dates start), `days` from today. */
function operatorDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86_400_000));
}

async function signedInPage(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, username);
  return page;
}

test.describe('terms of use', () => {
  test('a new customer must make the declaration before reaching the portal; only the terms are readable until then', async ({ page }) => {
    await signIn(page, newUsername('declarer'), { declare: false });
    await expect(page).toHaveURL(/\/welcome$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Before you start' })).toBeVisible();

    await page.goto('/');
    await expect(page).toHaveURL(/\/welcome$/);
    await page.goto('/terms');
    await expect(page).toHaveURL(/\/terms$/);
    await expect(page.getByTestId('prevails-statement')).toContainText('the Chinese version prevails');

    await page.goto('/welcome');
    await page.getByRole('button', { name: 'Confirm and continue' }).click();
    await expect(page.getByText('Required.').first()).toBeVisible();
    await expect(page).toHaveURL(/\/welcome$/);

    await page.getByRole('radio', { name: /An organization/ }).check();
    await page.getByLabel('Name of the organization').fill('Example Trading GmbH');
    await page.getByRole('checkbox', { name: /authorized to act for this organization/ }).check();
    await page.getByRole('radio', { name: 'Elsewhere' }).check();
    await page.getByRole('checkbox', { name: /accept the terms of use/ }).check();
    await page.getByRole('button', { name: 'Confirm and continue' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId('account-id')).toBeVisible();

    // Residence elsewhere: the governing-law paragraph for residents outside China is the highlighted one.
    await page.goto('/terms');
    await expect(page.getByTestId('governing-law-note')).toContainText('You declared that you reside outside China');
    const mine = page.locator('[data-applies-to-reader="true"]');
    await expect(mine).toHaveCount(1);
    await expect(mine).toHaveAttribute('data-applies-to', 'other');
    await expect(mine).toContainText('Applies to you');
    await expect(mine).toContainText('If you are a resident of a non-Chinese region');

    await page.goto('/terms/history');
    await expect(page.getByTestId('terms-record')).toContainText('Accepted (first sign-in declaration)');
  });

  test('the terms show that the Chinese version prevails and the governing law for a resident of China, in both languages', async ({ page }) => {
    // The declaration of the fixtures: a private customer residing in China.
    await signIn(page, newUsername('reader'));
    await page.goto('/terms?lang=en');
    await expect(page.getByRole('heading', { level: 1, name: 'Terms of use' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Contents' }).getByRole('link', { name: 'Governing Laws and Dispute Resolution' })).toBeVisible();
    await expect(page.getByTestId('prevails-statement')).toContainText('本条款中英文版本如有冲突，以中文版本为准。');
    await expect(page.getByTestId('governing-law-note')).toContainText('You declared that you reside in China');
    const mine = page.locator('[data-applies-to-reader="true"]');
    await expect(mine).toHaveCount(1);
    await expect(mine).toHaveAttribute('data-applies-to', 'CN');
    await expect(mine).toContainText('If you are a resident of China');

    await page.getByRole('navigation', { name: 'Language of the terms' }).getByRole('link', { name: '中文' }).click();
    await expect(page).toHaveURL(/lang=zh/);
    await expect(page.getByRole('heading', { level: 1, name: '使用条款' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: '法律适用与争议解决' })).toBeVisible();
    await expect(page.getByTestId('prevails-statement')).toContainText('以中文版本为准');
    await expect(page.getByTestId('partial-chinese')).toContainText('中文版本并不完整');
    await expect(page.locator('#your-rights-and-obligations-9')).toContainText('反对宪法所确定的基本原则的');
    await expect(page.locator('[data-applies-to-reader="true"]')).toHaveAttribute('data-applies-to', 'CN');
  });

  test('an admin publishes a new version; a customer sees the banner, reads the changed clause and acknowledges it', async ({ browser }) => {
    test.slow(); // two users sign in
    // A customer of this test, current on every version published so far.
    const customer = await signedInPage(browser, newUsername('amended'));
    await customer.goto('/');
    const earlier = customer.getByTestId('terms-banner');
    if (await earlier.isVisible()) {
      await earlier.getByRole('button', { name: 'I have read the changes' }).click();
      await expect(earlier).toBeHidden();
    }

    const ada = await signedInPage(browser, 'ada');
    await ada.goto('/admin/terms');
    await expect(ada.getByRole('heading', { level: 1, name: 'Publish a new version of the terms' })).toBeVisible();
    const text = ada.getByLabel('Text of the terms (English with Chinese passages)');
    const current = await text.inputValue();
    const penalty = /charge (\d+(?:\.\d+)?)% of the overdue payment/.exec(current)?.[1];
    expect(penalty).toBeTruthy();
    const next = penalty === '0.5' ? '0.6' : '0.5';
    await text.fill(current.replace(`charge ${penalty}% of the overdue payment`, `charge ${next}% of the overdue payment`));
    // Effective tomorrow (or the first day the form allows, after a version published for later):
    // announced now, in force later (so customers signing up meanwhile still accept the version in force).
    const effective = ada.getByLabel('Effective date');
    const earliest = (await effective.getAttribute('min')) ?? '';
    await effective.fill(earliest > operatorDate(1) ? earliest : operatorDate(1));
    await ada.getByLabel('Summary of changes (English)').fill(`Overdue penalty changed to ${next}% per day.`);
    await ada.getByLabel('Summary of changes (Chinese)').fill(`逾期违约金调整为每日 ${next}%。`);
    await ada.getByRole('button', { name: 'Publish' }).click();
    await expect(ada.getByRole('status').filter({ hasText: /Version \d+ is published/ })).toBeVisible();
    const version = Number(/Version (\d+) is published/.exec((await ada.getByRole('status').filter({ hasText: /is published/ }).textContent()) ?? '')?.[1]);
    expect(version).toBeGreaterThanOrEqual(2);

    await customer.reload();
    const banner = customer.getByTestId('terms-banner');
    await expect(banner).toContainText(`version ${version} takes effect on`);
    await banner.getByRole('link', { name: 'See what changed' }).click();
    await expect(customer).toHaveURL(new RegExp(`/terms/diff\\?from=\\d+&to=${version}`));
    const changed = customer.locator('[data-testid="diff-entry"][data-status="changed"]');
    await expect(changed).toHaveCount(1);
    await expect(changed).toContainText('The Site’s Rights and Obligations');
    await expect(changed).toContainText('of the overdue payment');
    await expect(changed.locator('ins')).toContainText(next.split('.')[1]);
    await expect(changed.locator('del')).toContainText(penalty!.split('.')[1]);

    // The same change in the Chinese view (that clause has no Chinese text: compared in English, and said so).
    await customer.getByRole('navigation', { name: 'Language of the terms' }).getByRole('link', { name: '中文' }).click();
    await expect(customer.locator('[data-testid="diff-entry"][data-status="changed"]')).toContainText('本站的权利和义务');

    // Not agreeing: the banner says that using the service means accepting, and leads to closing the account.
    await banner.getByText('I do not agree').click();
    await expect(banner).toContainText('Using the service after the amended terms take effect means accepting them.');
    await expect(banner.getByRole('link', { name: 'Close my account' })).toHaveAttribute('href', '/account/close?from=terms');

    await banner.getByRole('button', { name: 'I have read the changes' }).click();
    await expect(banner).toBeHidden();
    await customer.goto('/terms/history');
    await expect(customer.getByTestId('terms-banner')).toBeHidden();
    const record = customer.getByTestId('terms-record');
    // Newest first: the last acknowledgement is of this version (an earlier one may be of another spec's).
    await expect(record.getByRole('row').filter({ hasText: 'Acknowledged the change' }).first()).toContainText(String(version));
    await expect(customer.getByTestId(`terms-version-${version}`)).toContainText('Not yet in force');
  });
});
