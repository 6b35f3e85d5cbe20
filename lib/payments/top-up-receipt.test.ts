import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setProcessConnection } from '@/lib/db/client';
import type { TestDatabase } from '@/lib/db/testing';
import { testDatabaseKinds } from '@/lib/db/testing';
import { createBillingTestDatabase } from '@/lib/billing/testing';
import { startTopUp } from './create-top-up';
import { paymentProviderFor } from './providers';
import { deliverSandboxEvent, newCustomer, paymentById, sandboxSucceeded, useTestConfig } from './testing';
import { renderReceiptPdf, topUpReceipt } from './top-up-receipt';

/** Text of a PDF as poppler's pdftotext reads it (the invoice tests need it too). */
function pdfText(bytes: Uint8Array): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: bytes, encoding: 'utf8' });
}

const seller = { name: '示例云计算有限公司 Example Cloud Co., Ltd.', taxId: '91110108MA01ABCD1X', address: 'Beijing', bank: 'Bank 6222' };

describe('top-up receipt PDF', () => {
  it('says in both languages that it is not a VAT invoice, with the amount in figures and Chinese capitals', async () => {
    const input = {
      paymentId: 'pay_000000000000000000000001',
      accountId: 'A000000001',
      accountName: '张三',
      provider: 'alipay' as const,
      providerReference: '2026120122001400000000000001',
      amountFen: 10_600n,
      refundedFen: 0n,
      paidAt: new Date('2026-12-01T02:03:04Z'),
      seller,
      timeZone: 'Asia/Shanghai',
    };
    const text = pdfText(await renderReceiptPdf(input));
    expect(text).toContain('充值收据');
    expect(text).toContain('Top-up receipt');
    expect(text).toContain('不是增值税发票');
    expect(text).toContain('NOT a VAT invoice');
    expect(text).toContain('¥106.00');
    expect(text).toContain('壹佰零陆元整');
    expect(text).toContain('2026-12-01 10:03:04');
    expect(text).toContain('支付宝 Alipay');
    // Same input, same bytes: the receipt is drawn on request and never differs.
    expect(Buffer.from(await renderReceiptPdf(input)).equals(Buffer.from(await renderReceiptPdf(input)))).toBe(true);
  });
});

describe.each(testDatabaseKinds())('top-up receipts on %s', (kind) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createBillingTestDatabase(kind);
    setProcessConnection(t.raw);
  });
  afterAll(async () => t?.close());

  it('exists only for a paid top-up of the account asking', async () => {
    const cfg = useTestConfig();
    const customer = await newCustomer(t.db);
    const other = await newCustomer(t.db);
    const provider = paymentProviderFor('sandbox', cfg);
    if (!provider) throw new Error('no sandbox');
    const started = await startTopUp(t.db, provider, { accountId: customer.accountId, actor: { userId: customer.id, name: customer.name }, amountFen: 5_000n, limits: { minFen: 100n, maxFen: 5_000_000n }, description: 'Top-up', now: new Date() });
    const ask = (accountId: string) => topUpReceipt(t.db, { accountId, paymentId: started.paymentId, seller, timeZone: 'Asia/Shanghai' });
    expect(await ask(customer.accountId)).toBeNull();

    const payment = await paymentById(t.db, started.paymentId);
    expect((await deliverSandboxEvent(sandboxSucceeded(payment.providerPaymentId as string, payment.id, 5_000n), cfg.sandboxWebhookSecret)).status).toBe(200);
    const receipt = await ask(customer.accountId);
    expect(receipt?.fileName).toBe(`receipt-${started.paymentId}.pdf`);
    expect(pdfText(receipt?.pdf ?? new Uint8Array())).toContain('¥50.00');
    expect(await ask(other.accountId)).toBeNull();
  });
});
