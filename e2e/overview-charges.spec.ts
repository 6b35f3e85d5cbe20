import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, expectNoAxeViolations, newUsername, signIn, test } from './fixtures';

/*
 * The overview and the charge history, on the demo customers' seeded months of history (alice,
 * bob) and on fresh customers. Balances are compared with the machine API, as the platform sees them.
 * alice and bob are used read-only here (they sign in and look; no spec changes them): months of
 * history exist only in the demo data. Whatever changes an account (usage, thresholds) uses a fresh
 * customer, and the Chinese view is chosen with the language cookie, not the switch (which would
 * save the language on alice).
 */

const platform = { Authorization: 'Bearer demo-platform-key' };

/** The e2e server's internal token (its data folder's secrets), for POST /api/internal/billing — what `npm run billing` uses. */
function internalToken(): string {
  const dataDir = path.join(process.cwd(), `.data-e2e-${Number(process.env.E2E_PORT ?? 3100)}`);
  return (JSON.parse(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as { internalToken: string }).internalToken;
}

interface HistoryPage {
  entries: { id: string; type: string; line: { service: string } | null }[];
  nextCursor: string | null;
}

/** Every entry of a filter through the JSON route, page by page (as the signed-in browser). */
async function allHistoryIds(request: APIRequestContext, search: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 200; guard++) {
    const params = new URLSearchParams(search);
    params.set('limit', '500');
    if (cursor) params.set('cursor', cursor);
    const response = await request.get(`/api/charges?${params}`);
    expect(response.status()).toBe(200);
    const page = (await response.json()) as HistoryPage;
    ids.push(...page.entries.map((e) => e.id));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
  }
  throw new Error('history did not end');
}

const rows = (page: Page) => page.getByTestId('movement-row');

test.describe('overview', () => {
  test('alice sees her balance as the machine API reports it, her status, days left, spending and latest entries', async ({ page, request }) => {
    await signIn(page, 'alice');
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
    const accountId = (await page.getByTestId('account-id').textContent())?.trim() ?? '';
    const response = await request.get(`/api/v1/accounts/${accountId}`, { headers: platform });
    expect(response.status()).toBe(200);
    const status = (await response.json()) as { balance: string; status: 'active' | 'suspended' };
    const expected = new Intl.NumberFormat('en', { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol', minimumFractionDigits: 2 }).format(
      status.balance as `${number}`,
    );
    await expect(page.getByTestId('balance')).toHaveText(expected);
    await expect(page.getByTestId('account-status')).toHaveText(status.status === 'active' ? 'Active' : 'Suspended');

    // Months of history: a prediction from the last 30 days.
    await expect(page.getByTestId('days-left')).toHaveAttribute('data-kind', 'estimate');
    await expect(page.getByTestId('days-left')).toContainText(/Predicted to run out on/);
    await expect(rows(page)).toHaveCount(5);

    // The chart's figures as a table, for 30 and then 90 days.
    await page.getByText('Show as a table').click();
    await expect(page.getByTestId('spend-table').locator('tbody tr')).toHaveCount(30);
    await page.getByRole('link', { name: '90 days' }).click();
    await expect(page).toHaveURL(/\?days=90$/);
    await expect(page.getByRole('link', { name: '90 days' })).toHaveAttribute('aria-current', 'true');
    await expect(page.getByTestId('spend-table').locator('tbody tr')).toHaveCount(90);

    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Copy account ID' }).click();
    await expect(page.getByTestId('copy-feedback')).toHaveText('Account ID copied to the clipboard.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(accountId);

    await expectNoAxeViolations(page);
  });

  test('a suspended customer reads since when, when the grace ends, the penalty per overdue day and what reinstates', async ({ page, request }) => {
    await signIn(page, newUsername('suspended'));
    await page.goto('/');
    const accountId = (await page.getByTestId('account-id').textContent())?.trim() ?? '';
    // 1,000 vCPU-hours of compute yesterday: ¥120.00 + 6 % VAT ¥7.20 = ¥127.20, on an empty wallet.
    const yesterday = new Date(Date.now() - 24 * 3_600_000).toISOString();
    const usage = await request.post('/api/v1/usage', {
      headers: platform,
      data: { events: [{ id: `e2e-${accountId}-1`, account: accountId, service: 'compute', quantity: '1000', occurredAt: yesterday }] },
    });
    expect(usage.status()).toBe(202);
    const billing = await request.post('/api/internal/billing', { headers: { 'x-internal-token': internalToken() }, data: { now: new Date().toISOString() } });
    expect(billing.status()).toBe(200);
    const status = (await (await request.get(`/api/v1/accounts/${accountId}`, { headers: platform })).json()) as { balance: string; status: string };
    expect(status).toMatchObject({ status: 'suspended', balance: '-127.20' });

    await page.goto('/');
    await expect(page.getByTestId('account-status')).toHaveText('Suspended');
    await expect(page.getByTestId('balance')).toHaveText('-¥127.20');
    const details = page.getByTestId('suspension-details');
    await expect(details).toContainText('Suspended since');
    await expect(details).toContainText('The 24-hour grace period ends');
    // 0.3 % of ¥127.20 = ¥0.3816 → ¥0.38 per overdue day.
    await expect(details).toContainText('Penalty per overdue day: 0.3% of the outstanding service charges (¥127.20), that is ¥0.38.');
    await expect(details).toContainText('To reinstate the account, top up at least ¥127.20.');
    await expect(page.getByTestId('days-left')).toHaveAttribute('data-kind', 'exhausted');
    await expectNoAxeViolations(page);
  });

  test('a new customer: no history yet, and a threshold above the balance alerts once', async ({ page }) => {
    await signIn(page, newUsername('overview'));
    await page.goto('/');
    await expect(page.getByTestId('balance')).toHaveText('¥0.00');
    await expect(page.getByTestId('days-left')).toHaveAttribute('data-kind', /exhausted|too_little_history/);
    await expect(page.getByTestId('latest-empty')).toBeVisible();

    const field = page.getByLabel('Alert me when my balance falls below (¥)');
    await field.fill('12.345');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'at most two decimals' })).toBeVisible();
    await field.fill('100');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Your balance is already below this amount')).toBeVisible();
    await field.fill('150');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Your balance is already below this amount')).toBeVisible();
    await page.goto('/notices');
    await expect(page.getByText('Your balance is low')).toHaveCount(1);
    await page.goto('/');
    await expect(page.getByLabel('Alert me when my balance falls below (¥)')).toHaveValue('150.00');

    await page.goto('/charges');
    await expect(page.getByTestId('history-empty')).toHaveText('No movements yet.');
    await expectNoAxeViolations(page);
  });
});

test.describe('charge history', () => {
  test('the first page is rendered by the server, scrolling loads more, and it works without gaps', async ({ page }) => {
    await signIn(page, 'alice');
    await page.goto('/charges');
    await expect(page.getByRole('heading', { level: 1, name: 'Charges' })).toBeVisible();
    await expect(rows(page)).toHaveCount(50);
    await expectNoAxeViolations(page);
    await page.getByTestId('history-count').scrollIntoViewIfNeeded();
    await expect.poll(async () => rows(page).count()).toBeGreaterThan(50);
    await expect(page.getByTestId('history-count')).toContainText('entries shown');
    // Keyboard users: the button does the same.
    const before = await rows(page).count();
    await page.getByRole('button', { name: 'Load more' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => rows(page).count()).toBeGreaterThan(before);
    const shown = await rows(page).evaluateAll((els) => els.map((el) => el.getAttribute('data-id')));
    expect(new Set(shown).size).toBe(shown.length);
    const all = await allHistoryIds(page.request, '');
    expect(shown).toEqual(all.slice(0, shown.length));
  });

  test('filters narrow the list, live in the address and survive a reload; the CSV has exactly the filtered rows', async ({ page }) => {
    await signIn(page, 'alice');
    await page.goto('/charges');
    await page.getByLabel('Service').selectOption('storage');
    await page.getByLabel('Type').selectOption('charge');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/\/charges\?service=storage&type=charge$/);
    await expect(rows(page).first()).toContainText('Daily charge · Storage');
    const check = async () => {
      const types = await rows(page).evaluateAll((els) => els.map((el) => el.getAttribute('data-type')));
      expect(types.length).toBeGreaterThan(0);
      expect(new Set(types)).toEqual(new Set(['charge']));
      for (const text of await rows(page).allTextContents()) expect(text).toContain('Storage');
    };
    await check();

    await page.reload();
    await expect(page.getByLabel('Service')).toHaveValue('storage');
    await expect(page.getByLabel('Type')).toHaveValue('charge');
    await check();

    // A narrower view that fits on one page: the list, the JSON route and the CSV agree row for row.
    await page.goto('/charges?type=top_up');
    await expect(page.getByTestId('history-count')).toContainText('the whole history');
    const listed = await rows(page).evaluateAll((els) => els.map((el) => el.getAttribute('data-id')));
    expect(listed.length).toBeGreaterThan(0);
    expect(await allHistoryIds(page.request, 'type=top_up')).toEqual(listed);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-download').click()]);
    const csv = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const records = csv.slice(1).split('\r\n').filter(Boolean);
    expect(records[0]).toContain('Transfer ID');
    expect(records.slice(1).map((r) => r.split(',')[2])).toEqual(listed);

    // A large view: the CSV has every row the JSON route pages through, in order.
    const search = 'service=storage&type=charge';
    const csvAll = await (await page.request.get(`/api/charges/csv?${search}`)).text();
    const csvIds = csvAll.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean).slice(1).map((r) => r.split(',')[2]);
    expect(csvIds).toEqual(await allHistoryIds(page.request, search));

    await page.getByRole('link', { name: 'Clear filters' }).click();
    await page.waitForURL(/\/charges$/);
    await expect(page.getByLabel('Type')).toHaveValue('');
  });

  test('a day’s detail shows how each line was computed', async ({ page }) => {
    await signIn(page, 'alice');
    await page.goto('/charges?type=charge');
    await rows(page).first().getByRole('link', { name: /how the day’s charges were computed/ }).click();
    await page.waitForURL(/\/charges\/day\/\d{4}-\d{2}-\d{2}$/);
    await expect(page.getByRole('heading', { level: 1, name: /^Charges of \d{4}-\d{2}-\d{2}$/ })).toBeVisible();
    await expect(page.getByTestId('day-line').first()).toContainText(/Net: .* × ¥0\.\d+ = ¥[\d.]+ → ¥[\d.]+ \(rounded half up\)/);
    await expect(page.getByTestId('day-line').first()).toContainText(/Tax: .* × \d+% = /);
    await expectNoAxeViolations(page);
  });

  test('in Chinese', async ({ page }) => {
    await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'zh-CN', url: `http://localhost:${process.env.E2E_PORT ?? 3100}` }]);
    await signIn(page, 'alice', { locale: null });
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: '概览' })).toBeVisible();
    await expect(page.getByText('余额可用天数')).toBeVisible();
    await expect(page.getByTestId('balance')).toHaveText(/^-?¥[\d,]+\.\d{2}$/);
    await expectNoAxeViolations(page);
    await page.goto('/charges?type=charge');
    await expect(page.getByRole('heading', { level: 1, name: '费用明细' })).toBeVisible();
    await expect(page.getByRole('columnheader', { name: '记账时间' })).toBeVisible();
    await expect(rows(page).first()).toContainText('每日费用');
    await expect(page.getByLabel('类型')).toHaveValue('charge');
    await expectNoAxeViolations(page);
  });

  test('another customer’s entries never appear: bob sees none of alice’s', async ({ browser }) => {
    const aliceContext = await browser.newContext();
    const alice = await aliceContext.newPage();
    await signIn(alice, 'alice');
    const aliceIds = new Set(await allHistoryIds(alice.request, ''));
    expect(aliceIds.size).toBeGreaterThan(100);
    await aliceContext.close();

    const bobContext = await browser.newContext();
    const bob = await bobContext.newPage();
    await signIn(bob, 'bob');
    await bob.goto('/charges');
    const shown = await rows(bob).evaluateAll((els) => els.map((el) => el.getAttribute('data-id') ?? ''));
    expect(shown.filter((id) => aliceIds.has(id))).toEqual([]);
    const bobIds = await allHistoryIds(bob.request, '');
    expect(bobIds.filter((id) => aliceIds.has(id))).toEqual([]);
    // The CSV too.
    const csv = await (await bob.request.get('/api/charges/csv')).text();
    const csvIds = csv.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean).slice(1).map((r) => r.split(',')[2]);
    expect(csvIds).toEqual(bobIds);
    await bobContext.close();
  });

  test('signed out, the JSON and CSV routes answer 401', async ({ request }) => {
    expect((await request.get('/api/charges')).status()).toBe(401);
    expect((await request.get('/api/charges/csv')).status()).toBe(401);
  });
});
