import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { expect, newUsername, signIn, test } from './fixtures';

/*
 * Invoices end to end: a customer with settled charges requests an invoice, finance issues it, the
 * customer downloads the frozen PDF, whose text carries the VAT lines, totals and capitals; another
 * customer gets 404 for it. The customer is a fresh one whose usage is posted through the machine
 * API and settled by `npm run billing` (through the running server), so the amounts are known:
 *   compute 100 vCPU-hours × ¥0.12 = ¥12.00 + 6 % ¥0.72 = ¥12.72
 *   storage 250 GB-days × ¥0.004 = ¥1.00 + 6 % ¥0.06 = ¥1.06
 *   traffic 10 GB × ¥0.80 = ¥8.00 + 9 % ¥0.72 = ¥8.72        total ¥22.50 = 贰拾贰元伍角整
 */

const platform = { Authorization: 'Bearer demo-platform-key' };
const port = Number(process.env.E2E_PORT ?? 3100);

async function newCustomer(page: Page): Promise<string> {
  await signIn(page, newUsername('inv'));
  await page.goto('/');
  const accountId = (await page.getByTestId('account-id').textContent())?.trim();
  expect(accountId).toBeTruthy();
  return accountId as string;
}

/** Yesterday's usage through the machine API, then the billing run that settles it. */
async function settleYesterdaysUsage(request: APIRequestContext, accountId: string): Promise<void> {
  const occurredAt = new Date(Date.now() - 24 * 3_600_000).toISOString();
  const events = [
    { id: `${accountId}-c`, account: accountId, service: 'compute', quantity: '100', occurredAt },
    { id: `${accountId}-s`, account: accountId, service: 'storage', quantity: '250', occurredAt },
    { id: `${accountId}-t`, account: accountId, service: 'traffic', quantity: '10', occurredAt },
  ];
  const response = await request.post('/api/v1/usage', { headers: platform, data: { events } });
  expect(response.status(), await response.text()).toBe(202);
  execFileSync('npx', ['tsx', 'scripts/billing.ts'], { env: { ...process.env, DATA_DIR: `.data-e2e-${port}`, PORT: String(port) }, stdio: 'pipe' });
}

async function signedInPage(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, username);
  return page;
}

function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
}

test.describe('invoices', () => {
  test('a customer requests, finance issues, the customer downloads the frozen PDF; nobody else can', async ({ page, browser, request }) => {
    test.setTimeout(180_000);
    const accountId = await newCustomer(page);
    await settleYesterdaysUsage(request, accountId);

    // The customer: the invoiceable amount, a title (the check character asks to confirm), the request.
    await page.goto('/invoices');
    await expect(page.getByRole('heading', { level: 1, name: 'Invoices' })).toBeVisible();
    const invoiceable = page.getByRole('table', { name: 'Invoiceable amount by month' });
    await expect(invoiceable).toContainText('¥22.50');

    await page.getByRole('button', { name: 'Add a title' }).click();
    await page.getByRole('radio', { name: 'Organization' }).check();
    await page.getByLabel('Organization name').fill('测试科技有限公司 Test Tech Ltd.');
    await page.getByLabel('Taxpayer ID').fill('91350100M000100Y44');
    await page.getByRole('button', { name: 'Save title' }).click();
    await expect(page.getByText('The last character does not match the check character').first()).toBeVisible();
    await page.getByRole('checkbox', { name: /I have checked this taxpayer ID/ }).check();
    await page.getByRole('button', { name: 'Save title' }).click();
    await expect(page.getByText('Invoice title saved.')).toBeVisible();
    await expect(page.getByRole('list', { name: 'Invoice titles' })).toContainText('91350100M000100Y44');

    // Special needs the special-invoice fields: not offered for this title.
    await expect(page.getByRole('radio', { name: /Special VAT invoice/ })).toBeDisabled();
    const preview = page.getByRole('table', { name: 'Invoice preview per service and tax rate' });
    await expect(preview.getByRole('row', { name: /\*信息技术服务\*Compute/ })).toContainText(/6%\s*¥12\.00\s*¥0\.72\s*¥12\.72/);
    await expect(preview.getByRole('row', { name: /\*基础电信服务\*Traffic/ })).toContainText(/9%\s*¥8\.00\s*¥0\.72\s*¥8\.72/);
    await expect(preview.getByRole('row', { name: /^Total/ })).toContainText(/¥21\.00\s*¥1\.50\s*¥22\.50/);
    await expect(page.getByText('贰拾贰元伍角整')).toBeVisible();
    const recipients = [`${accountId.toLowerCase()}.accounts@example.com`, `${accountId.toLowerCase()}.boss@example.com`];
    await page.getByLabel('Send the invoice to').fill(recipients.join(', '));
    await page.getByRole('button', { name: 'Request invoice' }).click();
    await expect(page.getByText('Invoice requested for ¥22.50.')).toBeVisible();
    await expect(page.getByText('There is nothing to invoice at the moment.')).toBeVisible();
    const myInvoices = page.getByRole('table', { name: 'Your invoices' });
    await expect(myInvoices.getByRole('row').nth(1)).toContainText('Requested');

    // Finance issues it.
    const fiona = await signedInPage(browser, 'fiona');
    await fiona.goto('/finance?status=requested');
    const row = fiona.getByRole('row').filter({ hasText: accountId });
    await expect(row).toContainText('¥22.50');
    await expect(row).toContainText('Check character does not match');
    await row.getByRole('button', { name: /^Issue invoice/ }).click();
    // The issued row leaves the "requested" queue; the outcome stays on the page.
    const outcome = fiona.getByTestId('finance-last-outcome');
    await expect(outcome).toHaveText(/^Issued INV-\d{4}-\d{6}\.$/);
    await expect(row).toHaveCount(0);
    const number = /INV-\d{4}-\d{6}/.exec((await outcome.textContent()) ?? '')?.[0];
    expect(number).toBeTruthy();

    // The issued invoice reaches each recipient with its PDF attached (the demo mailbox keeps what was sent;
    // the outbox worker delivers within seconds).
    const mailbox = await page.context().newPage();
    for (const recipient of recipients) {
      await expect(async () => {
        await mailbox.goto(`/mailbox?to=${encodeURIComponent(recipient)}`);
        const mail = mailbox.getByRole('article').filter({ has: mailbox.getByRole('heading', { name: `Invoice ${number}` }) });
        await expect(mail.getByTestId('mailbox-attachments')).toContainText(`${number}.pdf (application/pdf`, { timeout: 1_000 });
      }).toPass({ timeout: 30_000 });
    }
    await mailbox.close();

    // The customer downloads it: the text of the PDF has the VAT lines, totals and capitals.
    await page.reload();
    const issuedRow = myInvoices.getByRole('row').filter({ hasText: number! });
    await expect(issuedRow).toContainText('Issued');
    const link = issuedRow.getByRole('link', { name: `Download invoice ${number} (PDF)` });
    const href = await link.getAttribute('href');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`${number}.pdf`);
    const file = await download.path();
    const text = pdfText(file);
    expect(text).toContain(number!);
    expect(text).toContain('增值税普通发票');
    expect(text).toMatch(/\*信息技术服务\*Compute\s+6%\s+¥12\.00\s+¥0\.72\s+¥12\.72/);
    expect(text).toMatch(/\*基础电信服务\*Traffic\s+9%\s+¥8\.00\s+¥0\.72\s+¥8\.72/);
    expect(text).toMatch(/合计 Total\s+¥21\.00\s+¥1\.50\s+¥22\.50/);
    expect(text).toContain('贰拾贰元伍角整');
    expect(text).toContain('91350100M000100Y44');

    // Downloading again gives the very same bytes (the PDF is frozen at issue).
    const again = await page.request.get(href!);
    expect(again.status()).toBe(200);
    expect(Buffer.from(await again.body()).equals(readFileSync(file))).toBe(true);

    // Another customer, and nobody signed in, cannot fetch it; existence is not revealed.
    const other = await signedInPage(browser, newUsername('other'));
    const asOther = await other.request.get(href!);
    expect(asOther.status()).toBe(404);
    const missing = await other.request.get('/api/invoices/00000000-0000-4000-8000-000000000000/pdf');
    expect(missing.status()).toBe(404);
    expect(await asOther.text()).toBe(await missing.text());
    expect((await request.get(href!)).status()).toBe(401);

    // Finance: the PDF, the ZIP with progress, and the CSV line of this invoice.
    await fiona.goto(`/finance?status=issued`);
    const issued = fiona.getByRole('row').filter({ hasText: number! });
    await expect(issued).toContainText('Issued');
    const [zip] = await Promise.all([fiona.waitForEvent('download'), fiona.getByRole('button', { name: /^Download ZIP of \d+ PDFs?$/ }).click()]);
    expect(zip.suggestedFilename()).toMatch(/^invoices-issued.*\.zip$/);
    await expect(fiona.getByText(/^ZIP with \d+ PDFs? downloaded/)).toBeVisible();
    const zipBytes = readFileSync(await zip.path());
    expect(zipBytes.indexOf(`${number}.pdf`)).toBeGreaterThan(0);
    expect(zipBytes.indexOf(readFileSync(file))).toBeGreaterThan(0);
    const csv = await fiona.request.get('/api/finance/invoices/csv');
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain(`${number},`);
    expect((await other.request.get('/api/finance/invoices/csv')).status()).toBe(403);
  });

  test('a rejected request frees its charges, and the customer is told why', async ({ page, browser, request }) => {
    test.setTimeout(120_000);
    const accountId = await newCustomer(page);
    await settleYesterdaysUsage(request, accountId);
    await page.goto('/invoices');
    await page.getByRole('button', { name: 'Add a title' }).click();
    await page.getByRole('radio', { name: 'Individual' }).check();
    await page.getByLabel('Name', { exact: true }).fill('Test Person 测试');
    await page.getByRole('button', { name: 'Save title' }).click();
    await expect(page.getByText('Invoice title saved.')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Invoice preview per service and tax rate' })).toContainText('¥22.50');
    await page.getByRole('button', { name: 'Request invoice' }).click();
    await expect(page.getByText('Invoice requested for ¥22.50.')).toBeVisible();

    const fiona = await signedInPage(browser, 'fiona');
    await fiona.goto('/finance?status=requested');
    const row = fiona.getByRole('row').filter({ hasText: accountId });
    await row.getByRole('button', { name: /^Reject request/ }).click();
    await row.getByLabel('Reason for rejecting').fill('   ');
    await row.getByRole('button', { name: 'Reject request', exact: true }).click();
    await expect(row.getByText('Give a reason for the customer')).toBeVisible();
    await row.getByLabel('Reason for rejecting').fill('Please use your company title');
    await row.getByRole('button', { name: 'Reject request', exact: true }).click();
    await expect(fiona.getByTestId('finance-last-outcome')).toHaveText('Request rejected; its charges can be invoiced again.');

    await page.reload();
    await expect(page.getByRole('table', { name: 'Invoiceable amount by month' })).toContainText('¥22.50');
    await expect(page.getByRole('table', { name: 'Your invoices' })).toContainText('Reason: Please use your company title');
    await page.goto('/notices');
    await expect(page.getByText('Invoice request rejected')).toBeVisible();
  });
});
