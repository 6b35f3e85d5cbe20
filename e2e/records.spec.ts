import { readFileSync } from 'node:fs';
import { readZip } from '../lib/invoices/zip-testing';
import { expect, newUsername, signIn, test } from './fixtures';

test.describe('the customer’s own records', () => {
  test('"Download my records" on /activity gives one ZIP of the account’s records, with progress, in both languages', async ({ page }) => {
    const username = newUsername('records');
    await signIn(page, username);
    await page.goto('/activity');
    await expect(page.getByRole('heading', { level: 2, name: 'Your records' })).toBeVisible();

    const button = page.getByRole('button', { name: 'Download my records' });
    await button.focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/^records-A[0-9A-Z]+-\d{4}-\d{2}-\d{2}\.zip$/);
    await expect(page.getByTestId('records-done')).toHaveText(/^Downloaded 5 files \(\d+ KB\)\.$/);

    const entries = readZip(readFileSync(await download.path()));
    expect(entries.map((e) => e.name)).toEqual(['README.txt', 'activity.jsonl', 'charges.csv', 'top-ups.csv', 'contact.json']);
    const activity = entries[1].content.toString('utf8').trim().split('\n').map((line) => JSON.parse(line) as { kind: string });
    // This new user's own records: the download itself is among them.
    expect(activity.map((r) => r.kind)).toContain('records_download');
    expect(entries[2].content.toString('utf8').split('\r\n')[0]).toContain('Posted at');

    // The activity log names the download; and in Chinese the section reads in Chinese.
    await page.reload();
    await expect(page.getByText('Downloaded the account’s records')).toBeVisible();
    await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'zh-CN', url: page.url() }]);
    await page.reload();
    await expect(page.getByRole('button', { name: '下载我的记录' })).toBeVisible();
  });
});
