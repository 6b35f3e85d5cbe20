import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortalConfig } from '@/lib/config';
import { setProcessConnection } from '@/lib/db/client';
import { ledgerTransfers, notices, paymentRefunds } from '@/lib/db/schema';
import type { TestDatabase } from '@/lib/db/testing';
import { testDatabaseKinds } from '@/lib/db/testing';
import { getWalletSnapshot } from '@/lib/billing/account-status';
import { OPERATOR, walletLedgerAccountId } from '@/lib/ledger/ledger-accounts';
import { postAndApplyOne } from '@/lib/billing/post-and-apply';
import { verifyBooks } from '@/lib/billing/verify-books';
import { createBillingTestDatabase } from '@/lib/billing/testing';
import { alipayProvider } from './alipay-provider';
import { expireAbandonedPayments, topUpIdempotencyKey } from './apply-payment-update';
import { startTopUp } from './create-top-up';
import { paymentProviderFor } from './providers';
import { refundTopUp } from './refund-top-up';
import { settleUnconfirmedPayments } from './settle-unconfirmed-payments';
import { AlipayStandIn } from './stand-ins/alipay-stand-in';
import { deliverToRoute, deliverWebhook, moneyCounts, newCustomer, paymentById, rsaKeyPair, useConfigWith } from './testing';

const limits = { minFen: 100n, maxFen: 5_000_000n };
const APP_ID = '2021000000000001';
const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };

describe.each(testDatabaseKinds())('Alipay top-ups against the gateway stand-in on %s', (kind) => {
  let t: TestDatabase;
  let cfg: PortalConfig;
  let standIn: AlipayStandIn;
  const app = rsaKeyPair();
  const alipay = rsaKeyPair();

  beforeAll(async () => {
    t = await createBillingTestDatabase(kind);
    setProcessConnection(t.raw);
    standIn = await new AlipayStandIn({ appId: APP_ID, appPublicKey: app.publicKey, alipayPrivateKey: alipay.privateKey, deliver: (_url, body, headers) => deliverToRoute('alipay', body, headers) }).start();
    cfg = useConfigWith({ ALIPAY_APP_ID: APP_ID, ALIPAY_PRIVATE_KEY: app.privateKey, ALIPAY_PUBLIC_KEY: alipay.publicKey, ALIPAY_GATEWAY: standIn.gateway });
  });
  afterAll(async () => {
    await standIn?.stop();
    await t?.close();
  });

  const provider = () => {
    const p = paymentProviderFor('alipay', cfg);
    if (!p) throw new Error('alipay not configured');
    return p;
  };
  const balanceOf = async (accountId: string) => (await getWalletSnapshot(t.db, accountId))?.balanceFen ?? 0n;

  /** Starts a top-up and opens the cashier as the browser would (the stand-in checks our signature there). */
  async function alipayTopUp(amountFen = 10_000n, options: { mobile?: boolean; now?: Date } = {}) {
    const now = options.now ?? new Date();
    const customer = await newCustomer(t.db, now);
    const started = await startTopUp(t.db, provider(), { accountId: customer.accountId, actor: { userId: customer.id, name: customer.name }, amountFen, limits, description: 'Top-up', mobile: options.mobile, now });
    const cashier = await fetch(started.checkoutUrl);
    return { customer, paymentId: started.paymentId, checkoutUrl: started.checkoutUrl, cashier: { status: cashier.status, html: await cashier.text() } };
  }

  it('PC website pay: our RSA2-signed alipay.trade.page.pay opens the cashier; the signed notification credits once and Alipay gets "success"', async () => {
    const { customer, paymentId, checkoutUrl, cashier } = await alipayTopUp(12_345n);
    expect(new URL(checkoutUrl).searchParams.get('method')).toBe('alipay.trade.page.pay');
    expect(cashier.status).toBe(200);
    expect(cashier.html).toContain('¥123.45');
    expect(standIn.requests.at(-1)).toEqual({ method: 'alipay.trade.page.pay', signatureValid: true });
    expect(await balanceOf(customer.accountId)).toBe(0n);

    const trade = await standIn.settle(paymentId, 'pay');
    expect(standIn.deliveries.at(-1)).toEqual({ outTradeNo: paymentId, status: 200, text: 'success' });
    expect(await balanceOf(customer.accountId)).toBe(12_345n);
    const payment = await paymentById(t.db, paymentId);
    expect(payment).toMatchObject({ status: 'succeeded', provider: 'alipay', providerPaymentId: paymentId, providerIntentId: trade.tradeNo });
    const [transfer] = await t.db.select().from(ledgerTransfers).where(eq(ledgerTransfers.id, payment.ledgerTransferId as bigint));
    expect(transfer).toMatchObject({ kind: 'top_up', idempotencyKey: topUpIdempotencyKey('alipay', paymentId) });
    expect((await verifyBooks(t.db)).ok).toBe(true);
  });

  it('a phone gets H5 pay (alipay.trade.wap.pay), signed and accepted by the gateway', async () => {
    const { checkoutUrl, cashier } = await alipayTopUp(500n, { mobile: true });
    expect(new URL(checkoutUrl).searchParams.get('method')).toBe('alipay.trade.wap.pay');
    expect(JSON.parse(new URL(checkoutUrl).searchParams.get('biz_content') ?? '{}')).toMatchObject({ product_code: 'QUICK_WAP_WAY', total_amount: '5.00' });
    expect(cashier.status).toBe(200);
  });

  it('a closed trade (the buyer cancelled) fails the payment and credits nothing', async () => {
    const { customer, paymentId } = await alipayTopUp(2_000n);
    await standIn.settle(paymentId, 'close');
    expect(standIn.deliveries.at(-1)?.text).toBe('success');
    expect(await paymentById(t.db, paymentId)).toMatchObject({ status: 'failed', failureReason: 'trade_closed' });
    expect(await balanceOf(customer.accountId)).toBe(0n);
  });

  it('forged notifications are refused and write nothing: another key, a total changed after signing, another app_id', async () => {
    const { customer, paymentId } = await alipayTopUp(3_000n);
    const trade = standIn.trades.get(paymentId);
    if (!trade) throw new Error('no trade');
    trade.status = 'TRADE_SUCCESS';
    const before = await moneyCounts(t.db);

    const forger = new AlipayStandIn({ appId: APP_ID, appPublicKey: app.publicKey, alipayPrivateKey: rsaKeyPair().privateKey });
    forger.trades.set(paymentId, { ...trade });
    const otherKey = await deliverWebhook('alipay', forger.notificationFor(paymentId), FORM);
    expect(otherKey.status).toBe(400);
    expect(await otherKey.text()).toBe('fail');

    const tampered = await deliverWebhook('alipay', standIn.notificationFor(paymentId, { after: { total_amount: '30000.00' } }), FORM);
    expect(tampered.status).toBe(400);

    const otherApp = await deliverWebhook('alipay', standIn.notificationFor(paymentId, { before: { app_id: '2021009999999999' } }), FORM);
    expect(otherApp.status).toBe(400);

    const unsigned = await deliverWebhook('alipay', new URLSearchParams({ out_trade_no: paymentId, trade_status: 'TRADE_SUCCESS', total_amount: '30.00' }).toString(), FORM);
    expect(unsigned.status).toBe(400);

    expect(await moneyCounts(t.db)).toEqual(before);
    expect(await paymentById(t.db, paymentId)).toMatchObject({ status: 'pending' });
    expect(await balanceOf(customer.accountId)).toBe(0n);
  });

  it('a correctly signed notification whose total_amount is not the payment’s is refused (422) and credits nothing', async () => {
    const { customer, paymentId } = await alipayTopUp(3_000n);
    standIn.trades.get(paymentId)!.status = 'TRADE_SUCCESS';
    const response = await deliverWebhook('alipay', standIn.notificationFor(paymentId, { before: { total_amount: '3000.00' } }), FORM);
    expect(response.status).toBe(422);
    expect(await response.text()).toBe('fail');
    expect(await balanceOf(customer.accountId)).toBe(0n);
    expect(await paymentById(t.db, paymentId)).toMatchObject({ status: 'pending' });
  });

  it('a replayed notification is credited once, also when redelivered concurrently', async () => {
    const { customer, paymentId } = await alipayTopUp(4_000n);
    await standIn.settle(paymentId, 'pay');
    const body = standIn.notificationFor(paymentId);
    const answers = await Promise.all([1, 2, 3, 4].map(() => deliverToRoute('alipay', body, FORM)));
    expect(answers.map((a) => a.text)).toEqual(['success', 'success', 'success', 'success']);
    expect(await balanceOf(customer.accountId)).toBe(4_000n);
    const credits = await t.db.select().from(ledgerTransfers).where(and(eq(ledgerTransfers.kind, 'top_up'), eq(ledgerTransfers.reference, paymentId)));
    expect(credits).toHaveLength(1);
  });

  it('alipay.trade.query settles a payment whose notification never came, also after it expired here; a second run changes nothing', async () => {
    const now = new Date();
    const lost = await alipayTopUp(6_000n, { now });
    const lostAndExpired = await alipayTopUp(7_000n, { now });
    standIn.loseNotifications = true;
    try {
      await standIn.settle(lost.paymentId, 'pay');
      await standIn.settle(lostAndExpired.paymentId, 'pay');
    } finally {
      standIn.loseNotifications = false;
    }
    const later = new Date(now.getTime() + 31 * 60 * 1000);
    await expireAbandonedPayments(t.db, later, { paymentId: lostAndExpired.paymentId });
    expect(await paymentById(t.db, lostAndExpired.paymentId)).toMatchObject({ status: 'expired' });

    const first = await settleUnconfirmedPayments(t.db, [provider()], later, { accountId: lost.customer.accountId });
    expect(first).toMatchObject({ asked: 1, credited: 1, errors: 0 });
    await settleUnconfirmedPayments(t.db, [provider()], later, { accountId: lostAndExpired.customer.accountId });
    expect(await balanceOf(lost.customer.accountId)).toBe(6_000n);
    expect(await balanceOf(lostAndExpired.customer.accountId)).toBe(7_000n);
    expect(await paymentById(t.db, lostAndExpired.paymentId)).toMatchObject({ status: 'succeeded' });
    expect(standIn.requests.filter((r) => r.method === 'alipay.trade.query').every((r) => r.signatureValid)).toBe(true);

    const again = await settleUnconfirmedPayments(t.db, [provider()], later, { accountId: lost.customer.accountId });
    expect(again.asked).toBe(0);
    expect(await balanceOf(lost.customer.accountId)).toBe(6_000n);
  });

  it('a query answer not signed by Alipay’s key is not believed: nothing is credited', async () => {
    const now = new Date();
    const { customer, paymentId } = await alipayTopUp(8_000n, { now });
    standIn.loseNotifications = true;
    try {
      await standIn.settle(paymentId, 'pay');
    } finally {
      standIn.loseNotifications = false;
    }
    const distrusting = alipayProvider({ appId: APP_ID, privateKey: app.privateKey, alipayPublicKey: rsaKeyPair().publicKey, gateway: standIn.gateway, appUrl: cfg.appUrl });
    const result = await settleUnconfirmedPayments(t.db, [distrusting], new Date(now.getTime() + 5 * 60 * 1000), { paymentId });
    expect(result).toMatchObject({ asked: 1, credited: 0, errors: 1 });
    expect(await balanceOf(customer.accountId)).toBe(0n);
  });

  it('finance refunds an unspent top-up through alipay.trade.refund: a reversing transfer, a notice, never more than unspent', async () => {
    const { customer, paymentId } = await alipayTopUp(10_000n);
    await standIn.settle(paymentId, 'pay');
    const providerFor = (name: string) => paymentProviderFor(name, cfg);
    const now = new Date();

    await expect(refundTopUp(t.db, providerFor, { paymentId, amountFen: 1_000n, reason: '   ', actor: { userId: customer.id, name: customer.name }, now })).rejects.toMatchObject({ code: 'reason_required', field: 'reason' });
    await expect(refundTopUp(t.db, providerFor, { paymentId, amountFen: 10_001n, reason: 'Paid twice by mistake', actor: { userId: customer.id, name: customer.name }, now })).rejects.toMatchObject({
      code: 'exceeds_payment',
      limitFen: 10_000n,
      params: { limit: 10_000n },
    });

    const refunded = await refundTopUp(t.db, providerFor, { paymentId, amountFen: 4_000n, reason: 'Paid twice by mistake', actor: { userId: customer.id, name: customer.name }, now });
    expect(refunded).toMatchObject({ status: 'succeeded', amountFen: 4_000n });
    expect(standIn.trades.get(paymentId)?.refunds.get(refunded.refundId)).toBe('40.00');
    expect(await balanceOf(customer.accountId)).toBe(6_000n);
    const [row] = await t.db.select().from(paymentRefunds).where(eq(paymentRefunds.id, refunded.refundId));
    expect(row).toMatchObject({ status: 'succeeded', reason: 'Paid twice by mistake', amountFen: 4_000n });
    const [transfer] = await t.db.select().from(ledgerTransfers).where(eq(ledgerTransfers.id, row.ledgerTransferId as bigint));
    expect(transfer).toMatchObject({ kind: 'refund', reference: paymentId, memo: refunded.refundId });
    const customerNotices = await t.db.select().from(notices).where(and(eq(notices.accountId, customer.accountId), eq(notices.kind, 'payment_refunded')));
    expect(customerNotices).toHaveLength(1);

    await expect(refundTopUp(t.db, providerFor, { paymentId, amountFen: 6_001n, reason: 'Rest', actor: { userId: customer.id, name: customer.name }, now })).rejects.toMatchObject({ code: 'exceeds_payment', limitFen: 6_000n });

    // Spend ¥50.00 of the remaining ¥60.00: only the unspent ¥10.00 can still be refunded.
    await postAndApplyOne(t.db, {
      idempotencyKey: `test-spend:${paymentId}`,
      kind: 'charge',
      accountId: customer.accountId,
      effectiveAt: now,
      legs: [
        { ledgerAccountId: walletLedgerAccountId(customer.accountId), amountFen: -5_000n },
        { ledgerAccountId: OPERATOR.revenue, amountFen: 5_000n },
      ],
    });
    const before = await moneyCounts(t.db);
    await expect(refundTopUp(t.db, providerFor, { paymentId, amountFen: 1_001n, reason: 'Rest', actor: { userId: customer.id, name: customer.name }, now })).rejects.toMatchObject({ code: 'exceeds_unspent', limitFen: 1_000n });
    expect(await moneyCounts(t.db)).toEqual(before);
    expect(await refundTopUp(t.db, providerFor, { paymentId, amountFen: 1_000n, reason: 'Rest', actor: { userId: customer.id, name: customer.name }, now })).toMatchObject({ status: 'succeeded' });
    expect(await balanceOf(customer.accountId)).toBe(0n);
    expect((await verifyBooks(t.db)).ok).toBe(true);
  });
});
