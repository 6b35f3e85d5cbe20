import { execFileSync } from 'node:child_process';
import { expect, newUsername, signIn, test } from './fixtures';

/*
 * The monthly statement: the customer opts in to the email on /contact (a stored checkbox), and
 * downloads the PDF of any past month from /charges; a bad month is a clear 400.
 */

function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
}

/** The month before the current one in Shanghai, `YYYY-MM`. */
function lastMonth(): string {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

test.describe('monthly statement', () => {
  test('opting in on /contact is stored; a past month downloads from /charges; a bad month is refused clearly', async ({ page }) => {
    await signIn(page, newUsername('stmt'));
    await page.goto('/');
    const accountId = (await page.getByTestId('account-id').textContent())?.trim();

    await page.goto('/contact');
    const card = page.getByRole('region', { name: 'Monthly statement' });
    const box = card.getByRole('checkbox', { name: 'Email me a monthly statement (PDF)' });
    await expect(box).not.toBeChecked();
    await box.check();
    await card.getByRole('button', { name: 'Save choice' }).click();
    await expect(card.getByRole('status')).toHaveText('The monthly statement will be emailed to you on the 1st of each month.');
    await page.reload();
    await expect(page.getByRole('region', { name: 'Monthly statement' }).getByRole('checkbox', { name: 'Email me a monthly statement (PDF)' })).toBeChecked();

    await page.goto('/charges');
    const statement = page.getByRole('region', { name: 'Monthly statement' });
    const month = lastMonth();
    await expect(statement.getByLabel('Month')).toHaveValue(month);
    const [download] = await Promise.all([page.waitForEvent('download'), statement.getByRole('button', { name: 'Download statement' }).click()]);
    expect(download.suggestedFilename()).toBe(`statement-${accountId}-${month}.pdf`);
    const text = pdfText(await download.path());
    expect(text).toContain(`账户对账单 Account statement ${month}`);
    expect(text).toContain(accountId!);
    expect(text).toMatch(/期初余额 Opening balance\s+¥0\.00/);
    expect(text).toContain('按税率汇总 VAT by rate');

    for (const [query, code] of [
      ['month=2026-13', 'invalid_month'],
      ['', 'invalid_month'],
      ['month=2999-01', 'month_not_ended'],
    ]) {
      const response = await page.request.get(`/api/charges/statement?${query}`);
      expect(response.status(), query).toBe(400);
      const body = (await response.json()) as { error: { code: string; message: string; field?: string } };
      expect(body.error.code).toBe(code);
      expect(body.error.field).toBe('month');
      expect(body.error.message.length).toBeGreaterThan(10);
    }
  });
});
