import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, newUsername, signIn, test } from './fixtures';

/*
 * Top-ups through Alipay and WeChat Pay. The e2e server (scripts/e2e-server.ts) runs local
 * stand-ins of both gateways with keys of its own and configures the portal to use them: the
 * browser really goes to the Alipay stand-in's cashier, and a WeChat Pay Native code is "scanned"
 * by posting it to the stand-in, which then sends its signed, encrypted notification.
 */

const port = Number(process.env.E2E_PORT ?? 3100);
const wechatPayer = `http://127.0.0.1:${port + 1100}/stand-in/scan`;
const platform = { Authorization: 'Bearer demo-platform-key' };

async function newCustomer(page: Page): Promise<string> {
  await signIn(page, newUsername('wallet'));
  await page.goto('/');
  const accountId = (await page.getByTestId('account-id').textContent())?.trim();
  expect(accountId).toBeTruthy();
  return accountId as string;
}

async function balanceOf(request: APIRequestContext, accountId: string): Promise<string> {
  const response = await request.get(`/api/v1/accounts/${accountId}`, { headers: platform });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { balance: string }).balance;
}

async function startTopUp(page: Page, provider: 'Alipay' | 'WeChat Pay', amount: string): Promise<void> {
  await page.goto('/top-up');
  await page.getByRole('radio', { name: provider }).check();
  await page.getByLabel('Amount (¥)').fill(amount);
  await page.getByRole('button', { name: 'Continue to payment' }).click();
}

function pdfText(bytes: Buffer): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'receipt-')), 'receipt.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

test.describe('top-up through Alipay and WeChat Pay (gateway stand-ins)', () => {
  test('Alipay: the cashier takes the payment, the signed notification credits, the receipt says it is not a VAT invoice', async ({ page, request }) => {
    const accountId = await newCustomer(page);
    await startTopUp(page, 'Alipay', '88.80');
    await page.waitForURL((url) => url.port === String(port + 1101) && url.pathname === '/gateway.do');
    await expect(page.getByRole('heading', { name: 'Alipay stand-in cashier' })).toBeVisible();
    await expect(page.getByTestId('alipay-amount')).toHaveText('¥88.80');
    await page.getByRole('button', { name: 'Pay with Alipay' }).click();
    await page.waitForURL(/\/top-up\/pay_/);
    await expect(page.getByTestId('payment-status')).toHaveText('Paid');
    expect(await balanceOf(request, accountId)).toBe('88.80');

    const paymentId = new URL(page.url()).pathname.split('/').pop() as string;
    const receipt = await page.request.get(`/api/payments/${paymentId}/receipt`);
    expect(receipt.status()).toBe(200);
    expect(receipt.headers()['content-type']).toBe('application/pdf');
    const text = pdfText(await receipt.body());
    expect(text).toContain('NOT a VAT invoice');
    expect(text).toContain('不是增值税发票');
    expect(text).toContain('¥88.80');
    expect(text).toContain('支付宝 Alipay');
  });

  test('Alipay: a cancelled payment fails with the reason and credits nothing', async ({ page, request }) => {
    const accountId = await newCustomer(page);
    await startTopUp(page, 'Alipay', '12.00');
    await page.getByRole('button', { name: 'Cancel payment' }).click();
    await page.waitForURL(/\/top-up\/pay_/);
    await expect(page.getByTestId('payment-status')).toHaveText('Failed');
    await expect(page.getByTestId('payment-reason')).toHaveText('Reason: The payment was closed without being paid.');
    expect(await balanceOf(request, accountId)).toBe('0.00');
  });

  test('WeChat Pay Native: the QR code is shown, scanning and paying credits; finance refunds it and the customer sees the refund', async ({ page, request, browser }) => {
    const accountId = await newCustomer(page);
    await startTopUp(page, 'WeChat Pay', '66.60');
    await page.waitForURL(/\/top-up\/pay_/);
    const qr = page.getByRole('img', { name: 'WeChat Pay QR code for this top-up' });
    await expect(qr).toBeVisible();
    const code = await qr.getAttribute('data-code');
    expect(code).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=/);

    // The payer's phone scans the code and pays; WeChat Pay notifies the portal.
    const scanned = await request.post(wechatPayer, { form: { code_url: code as string, result: 'SUCCESS' } });
    expect(scanned.status()).toBe(200);
    await expect(page.getByTestId('payment-status')).toHaveText('Paid');
    expect(await balanceOf(request, accountId)).toBe('66.60');
    const paymentId = new URL(page.url()).pathname.split('/').pop() as string;

    const finance = await (await browser.newContext()).newPage();
    await signIn(finance, 'fiona');
    await finance.goto('/finance');
    await finance.getByLabel('Top-up reference (pay_…)').fill(paymentId);
    await finance.getByLabel('Amount to refund (¥)').fill('100.00');
    await finance.getByLabel('Reason (required, shown in the activity record)').fill('Paid by mistake');
    await finance.getByRole('button', { name: 'Refund', exact: true }).click();
    await expect(finance.getByText('More than is left of this top-up: at most ¥66.60 can be refunded.').first()).toBeVisible();
    await finance.getByLabel('Amount to refund (¥)').fill('66.60');
    await finance.getByRole('button', { name: 'Refund', exact: true }).click();
    await expect(finance.getByText('¥66.60 refunded. The reversing entry is posted and the customer is notified.')).toBeVisible();
    await finance.context().close();

    expect(await balanceOf(request, accountId)).toBe('0.00');
    await page.goto('/top-up');
    await expect(page.getByTestId('top-up-refunded').first()).toHaveText('Refunded ¥66.60');
  });
});
