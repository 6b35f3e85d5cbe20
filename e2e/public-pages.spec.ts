import type { Browser, Page } from '@playwright/test';
import { expect as baseExpect, newUsername, signIn, test } from './fixtures';

/*
 * Outages announced, the public price list and announcements: an incident posted through the
 * machine API shows a banner to the customer it hits and on /status, and resolving it removes the
 * banner and tells the customer the minutes to be credited; /prices shows the demo price list
 * (compute ¥0.12 + 6 % = ¥0.1272, storage ¥0.004 + 6 % = ¥0.00424, traffic ¥0.80 + 9 % = ¥0.872) in
 * English and Chinese; the admin `ada` schedules a price change (every customer is told) and
 * withdraws it; a published announcement is public and in the notice centre.
 */

// Each test walks several pages and server actions on a shared two-core machine: room for a slow server.
const expect = baseExpect.configure({ timeout: 30_000 });
test.describe.configure({ timeout: 240_000 });

const platform = { Authorization: 'Bearer demo-platform-key' };
const port = Number(process.env.E2E_PORT ?? 3100);
const MINUTE = 60_000;

/** A browser of someone who is not signed in, in the given language. */
async function visitor(browser: Browser, locale: 'en' | 'zh-CN' = 'en'): Promise<Page> {
  const context = await browser.newContext();
  await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: `http://localhost:${port}` }]);
  return context.newPage();
}

async function newCustomer(page: Page, prefix: string): Promise<string> {
  await signIn(page, newUsername(prefix));
  await page.goto('/');
  const accountId = (await page.getByTestId('account-id').textContent())?.trim();
  expect(accountId).toMatch(/^A\d{9}$/);
  return accountId as string;
}

/** Switches the language with the keyboard, as a visitor would. */
async function switchLanguage(page: Page, to: '中文' | 'English'): Promise<void> {
  const button = page.getByRole('button', { name: /Switch language|切换语言/ });
  await expect(button).toHaveText(to);
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('lang', to === '中文' ? 'zh-CN' : 'en');
}

test.describe('outages, prices and announcements', () => {
  test('an incident shows a banner to the affected customer and on /status; resolving it removes the banner and announces the minutes', async ({ page, browser, request }) => {
    const accountId = await newCustomer(page, 'outage');
    const startMs = Math.floor((Date.now() - 20 * MINUTE) / MINUTE) * MINUTE;
    const incident = {
      id: `e2e-outage-${accountId}`,
      service: 'compute',
      startedAt: new Date(startMs).toISOString(),
      accounts: [accountId],
      title: { en: `Compute outage ${accountId}`, zh: `计算中断 ${accountId}` },
      status: 'investigating',
    };
    const started = await request.post('/api/v1/incidents', { headers: platform, data: incident });
    expect(started.status()).toBe(202);

    await page.goto('/');
    const banner = page.getByRole('region', { name: 'Service outage' });
    await expect(banner).toContainText(`Compute outage ${accountId}`);
    await page.goto('/charges');
    await expect(banner).toBeVisible();

    const anonymous = await visitor(browser);
    await anonymous.goto('/status');
    await expect(anonymous.getByRole('heading', { level: 1, name: 'Service status' })).toBeVisible();
    const row = anonymous.getByRole('row').filter({ hasText: `Compute outage ${accountId}` });
    await expect(row).toContainText('Investigating');
    await expect(row).toContainText('Ongoing');
    await expect(anonymous.getByRole('region', { name: 'Compute' })).toContainText('Outage in progress');

    // Resolved after exactly 7 minutes.
    const resolved = await request.post('/api/v1/incidents', {
      headers: platform,
      data: { ...incident, status: 'resolved', endedAt: new Date(startMs + 7 * MINUTE).toISOString() },
    });
    expect(resolved.status()).toBe(202);
    // Posting it again changes nothing and sends nothing twice.
    expect(await (await request.post('/api/v1/incidents', { headers: platform, data: { ...incident, status: 'resolved', endedAt: new Date(startMs + 7 * MINUTE).toISOString() } })).json()).toEqual({
      accepted: 0,
      duplicates: 1,
    });

    await page.goto('/');
    await expect(page.getByTestId('account-id')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Service outage' })).toHaveCount(0);
    await page.goto('/notices');
    const resolvedNotice = page.getByRole('article').filter({ hasText: `Resolved: Compute outage ${accountId}` });
    await expect(resolvedNotice).toHaveCount(1);
    await expect(resolvedNotice).toContainText('7 minutes of Compute will be credited');
    await expect(page.getByRole('article').filter({ hasText: `Outage: Compute outage ${accountId}` })).toHaveCount(1);

    await anonymous.goto('/status');
    const after = anonymous.getByRole('row').filter({ hasText: `Compute outage ${accountId}` });
    await expect(after).toContainText('Resolved');
    await expect(after.getByRole('cell').nth(2)).toHaveText('7');

    // In Chinese: the platform's Chinese title and the state.
    await switchLanguage(anonymous, '中文');
    await expect(anonymous.getByRole('heading', { level: 1, name: '服务状态' })).toBeVisible();
    await expect(anonymous.getByRole('row').filter({ hasText: `计算中断 ${accountId}` })).toContainText('已恢复');
  });

  test('/prices shows the demo price list with VAT-inclusive prices, in English and Chinese, without signing in', async ({ browser }) => {
    const page = await visitor(browser);
    await page.goto('/prices');
    await expect(page.getByRole('heading', { level: 1, name: 'Price list' })).toBeVisible();
    const current = page.getByRole('table', { name: 'Prices in force' });
    const rows = {
      compute: ['Compute', 'vCPU-hour', '¥0.12', 'VAT 6%', 'Information-technology services', '¥0.1272'],
      storage: ['Storage', 'GB-day', '¥0.004', 'VAT 6%', 'Information-technology services', '¥0.00424'],
      traffic: ['Traffic', 'GB', '¥0.80', 'VAT 9%', 'Basic telecom services', '¥0.872'],
    };
    for (const [service, cells] of Object.entries(rows)) {
      await expect(current.getByTestId(`price-${service}`).locator('th, td')).toHaveText(cells);
    }

    await switchLanguage(page, '中文');
    await expect(page.getByRole('heading', { level: 1, name: '价目表' })).toBeVisible();
    const zh = page.getByRole('table', { name: '现行价格' });
    await expect(zh.getByTestId('price-compute').locator('th, td')).toHaveText(['计算', 'vCPU-hour', '¥0.12', '增值税 6%', '信息技术服务', '¥0.1272']);
    await expect(zh.getByTestId('price-traffic').locator('th, td')).toHaveText(['流量', 'GB', '¥0.80', '增值税 9%', '基础电信服务', '¥0.872']);
  });

  test('the admin schedules a price change (every customer is told, /prices shows it) and withdraws it', async ({ page, browser }) => {
    const customer = await browser.newContext();
    const customerPage = await customer.newPage();
    await newCustomer(customerPage, 'prices');

    await signIn(page, 'ada', { path: '/admin/prices' });
    await expect(page.getByRole('heading', { level: 1, name: 'Price and tax changes' })).toBeVisible();
    const form = page.getByRole('form', { name: "Change a service's price" });
    const date = form.getByLabel('Effective from');
    const minDate = await date.getAttribute('min');
    expect(minDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // A date of its own (a later day than the earliest), so reruns on one database never collide.
    const effective = new Date(`${minDate}T00:00:00Z`);
    effective.setUTCDate(effective.getUTCDate() + 1 + Math.floor(Math.random() * 3000));
    const effectiveFrom = effective.toISOString().slice(0, 10);
    await form.getByLabel('Service').selectOption('storage');
    await form.getByLabel('New unit price in yuan, excluding VAT').fill('0.0055');
    await date.fill(effectiveFrom);
    await form.getByRole('button', { name: 'Schedule change' }).click();
    await expect(form.getByRole('status')).toContainText('Scheduled.');

    const anonymous = await visitor(browser);
    await anonymous.goto('/prices');
    const upcoming = anonymous.getByRole('table', { name: 'Changes to the price list that are scheduled to take effect' }).getByTestId(`upcoming-storage-${effectiveFrom}`);
    await expect(upcoming.locator('th, td')).toHaveText([effectiveFrom, 'Storage', 'GB-day', '¥0.0055', 'VAT 6%', 'Information-technology services', '¥0.00583']);

    await customerPage.goto('/notices');
    await expect(customerPage.getByRole('article').filter({ hasText: `Storage: ¥0.004 → ¥0.0055 per GB-day (excluding VAT), from ${effectiveFrom}` })).toHaveCount(1);

    const withdraw = page.getByRole('button', { name: new RegExp(`^Withdraw the change effective ${effectiveFrom}`) });
    await withdraw.click();
    await expect(page.getByRole('status').filter({ hasText: 'The change was withdrawn.' })).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: effectiveFrom })).toContainText('Withdrawn');
    await expect(withdraw).toHaveCount(0);
    await anonymous.goto('/prices');
    await expect(anonymous.getByTestId(`upcoming-storage-${effectiveFrom}`)).toHaveCount(0);
  });

  test('an announcement published by the admin is public in both languages and in the notice centre', async ({ page, browser }) => {
    const customer = await browser.newContext();
    const customerPage = await customer.newPage();
    await newCustomer(customerPage, 'news');
    const tag = newUsername('news');

    await signIn(page, 'ada', { path: '/admin/announcements' });
    await page.getByLabel('Title (English)').fill(`Maintenance ${tag}`);
    await page.getByLabel('Title (Chinese)').fill(`维护 ${tag}`);
    await page.getByLabel('Text (English)').fill('Compute will be restarted on Sunday.');
    await page.getByLabel('Text (Chinese)').fill('计算服务将于周日重启。');
    await page.getByRole('button', { name: 'Publish announcement' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Published.' })).toBeVisible();

    const anonymous = await visitor(browser);
    await anonymous.goto('/announcements');
    const article = anonymous.getByRole('article', { name: `Maintenance ${tag}` });
    await expect(article).toContainText('Compute will be restarted on Sunday.');
    await switchLanguage(anonymous, '中文');
    await expect(anonymous.getByRole('article', { name: `维护 ${tag}` })).toContainText('计算服务将于周日重启。');

    await customerPage.goto('/notices');
    await expect(customerPage.getByRole('article', { name: new RegExp(`Maintenance ${tag}`) })).toContainText('Compute will be restarted on Sunday.');
  });
});
