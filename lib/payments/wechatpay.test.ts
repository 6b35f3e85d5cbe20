import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortalConfig } from '@/lib/config';
import { setProcessConnection } from '@/lib/db/client';
import { ledgerTransfers, notices, paymentRefunds } from '@/lib/db/schema';
import type { TestDatabase } from '@/lib/db/testing';
import { testDatabaseKinds } from '@/lib/db/testing';
import { getWalletSnapshot } from '@/lib/billing/account-status';
import { verifyBooks } from '@/lib/billing/verify-books';
import { createBillingTestDatabase } from '@/lib/billing/testing';
import { topUpIdempotencyKey } from './apply-payment-update';
import { startTopUp } from './create-top-up';
import { paymentStatusView } from './payment-queries';
import { paymentProviderFor } from './providers';
import { refundTopUp } from './refund-top-up';
import { settleUnconfirmedPayments } from './settle-unconfirmed-payments';
import { WechatPayStandIn } from './stand-ins/wechatpay-stand-in';
import { deliverToRoute, deliverWebhook, moneyCounts, newCustomer, paymentById, rsaKeyPair, useConfigWith } from './testing';
import { authorizationHeader } from './wechatpay/wechatpay-crypto';
import { wechatpayProvider } from './wechatpay-provider';

const limits = { minFen: 100n, maxFen: 5_000_000n };
const MCH_ID = '1900000109';
const APP_ID = 'wxd678efh567hg6787';
const MERCHANT_SERIAL = '5157F09EFDC096DE15EBE81A47057A7232F1B8E1';
const PLATFORM_KEY_ID = 'PUB_KEY_ID_0114232134912410000000000000';

describe.each(testDatabaseKinds())('WeChat Pay v3 top-ups against the API stand-in on %s', (kind) => {
  let t: TestDatabase;
  let cfg: PortalConfig;
  let standIn: WechatPayStandIn;
  const merchant = rsaKeyPair();
  const platform = rsaKeyPair();
  const apiV3Key = randomBytes(16).toString('hex');

  beforeAll(async () => {
    t = await createBillingTestDatabase(kind);
    setProcessConnection(t.raw);
    standIn = await new WechatPayStandIn({
      mchId: MCH_ID,
      appId: APP_ID,
      merchantSerial: MERCHANT_SERIAL,
      merchantPublicKey: merchant.publicKey,
      platformPrivateKey: platform.privateKey,
      platformKeyId: PLATFORM_KEY_ID,
      apiV3Key,
      deliver: (_url, body, headers) => deliverToRoute('wechatpay', body, headers),
    }).start();
    cfg = useConfigWith({
      WECHATPAY_MCH_ID: MCH_ID,
      WECHATPAY_APP_ID: APP_ID,
      WECHATPAY_MERCHANT_SERIAL: MERCHANT_SERIAL,
      WECHATPAY_PRIVATE_KEY: merchant.privateKey,
      WECHATPAY_API_V3_KEY: apiV3Key,
      WECHATPAY_PLATFORM_PUBLIC_KEY: platform.publicKey,
      WECHATPAY_PLATFORM_KEY_ID: PLATFORM_KEY_ID,
      WECHATPAY_BASE_URL: standIn.baseUrl,
    });
  });
  afterAll(async () => {
    await standIn?.stop();
    await t?.close();
  });

  const provider = () => {
    const p = paymentProviderFor('wechatpay', cfg);
    if (!p) throw new Error('wechatpay not configured');
    return p;
  };
  const balanceOf = async (accountId: string) => (await getWalletSnapshot(t.db, accountId))?.balanceFen ?? 0n;

  async function wechatTopUp(amountFen = 10_000n, options: { mobile?: boolean; now?: Date } = {}) {
    const now = options.now ?? new Date();
    const customer = await newCustomer(t.db, now);
    const started = await startTopUp(t.db, provider(), { accountId: customer.accountId, actor: { userId: customer.id, name: customer.name, ip: '203.0.113.7' }, amountFen, limits, description: 'Top-up', mobile: options.mobile, now });
    return { customer, paymentId: started.paymentId, checkoutUrl: started.checkoutUrl, now };
  }

  it('Native: a signed order gives a code_url shown as a QR on the payment page; the signed, encrypted notification credits once (204)', async () => {
    const { customer, paymentId, checkoutUrl, now } = await wechatTopUp(12_345n);
    // The browser goes to the payment's own page, where the code is drawn.
    expect(checkoutUrl).toBe(`/top-up/${paymentId}`);
    expect(standIn.requests.at(-1)).toEqual({ method: 'POST', path: '/v3/pay/transactions/native', signatureValid: true });
    const view = await paymentStatusView(t.db, customer.accountId, paymentId, now, { impersonating: false });
    expect(view?.qrCode).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=/);
    expect(view?.checkoutUrl).toBeNull();
    // Support viewing as the customer never sees the code.
    expect((await paymentStatusView(t.db, customer.accountId, paymentId, now, { impersonating: true }))?.qrCode).toBeNull();

    const order = await standIn.settle(paymentId, 'SUCCESS');
    expect(standIn.deliveries.at(-1)).toMatchObject({ outTradeNo: paymentId, status: 204 });
    expect(await balanceOf(customer.accountId)).toBe(12_345n);
    const payment = await paymentById(t.db, paymentId);
    expect(payment).toMatchObject({ status: 'succeeded', provider: 'wechatpay', providerIntentId: order.transactionId });
    const [transfer] = await t.db.select().from(ledgerTransfers).where(eq(ledgerTransfers.id, payment.ledgerTransferId as bigint));
    expect(transfer).toMatchObject({ kind: 'top_up', idempotencyKey: topUpIdempotencyKey('wechatpay', paymentId) });
  });

  it('H5 on a phone: the h5_url carries our return address; the payer pays there', async () => {
    const { customer, paymentId, checkoutUrl } = await wechatTopUp(800n, { mobile: true });
    expect(standIn.requests.at(-1)).toMatchObject({ path: '/v3/pay/transactions/h5', signatureValid: true });
    const url = new URL(checkoutUrl);
    expect(url.searchParams.get('redirect_url')).toBe(`${cfg.appUrl}/top-up/${paymentId}`);
    await standIn.settle(paymentId, 'SUCCESS');
    expect(await balanceOf(customer.accountId)).toBe(800n);
  });

  it('a request the stand-in cannot verify (wrong merchant key) is refused: the top-up fails with provider_error and nothing is credited', async () => {
    const customer = await newCustomer(t.db);
    const wrongKey = wechatpayProvider({ ...cfg.wechatpay!, privateKey: rsaKeyPair().privateKey, appUrl: cfg.appUrl });
    const started = startTopUp(t.db, wrongKey, { accountId: customer.accountId, actor: { userId: customer.id, name: customer.name }, amountFen: 1_000n, limits, description: 'Top-up', now: new Date() });
    await expect(started).rejects.toMatchObject({ code: 'provider_error' });
    expect(standIn.requests.at(-1)).toMatchObject({ signatureValid: false });
    expect(await balanceOf(customer.accountId)).toBe(0n);
  });

  it('a payment error or a closed order (found by the query) fails the payment and credits nothing', async () => {
    const a = await wechatTopUp(1_000n);
    const b = await wechatTopUp(1_000n);
    await standIn.settle(a.paymentId, 'PAYERROR');
    await standIn.settle(b.paymentId, 'CLOSED');
    const later = new Date(a.now.getTime() + 5 * 60 * 1000);
    await settleUnconfirmedPayments(t.db, [provider()], later, { paymentId: a.paymentId });
    await settleUnconfirmedPayments(t.db, [provider()], later, { paymentId: b.paymentId });
    expect(await paymentById(t.db, a.paymentId)).toMatchObject({ status: 'failed', failureReason: 'pay_error' });
    expect(await paymentById(t.db, b.paymentId)).toMatchObject({ status: 'failed', failureReason: 'trade_closed' });
    expect(await balanceOf(a.customer.accountId)).toBe(0n);
  });

  it('forged notifications are refused and write nothing: another signing key, an unknown serial, a body changed after signing, another APIv3 key, another merchant, a stale timestamp', async () => {
    const { customer, paymentId } = await wechatTopUp(3_000n);
    standIn.orders.get(paymentId)!.tradeState = 'SUCCESS';
    const before = await moneyCounts(t.db);
    const genuine = standIn.notificationFor(paymentId);

    const forger = new WechatPayStandIn({ mchId: MCH_ID, appId: APP_ID, merchantSerial: MERCHANT_SERIAL, merchantPublicKey: merchant.publicKey, platformPrivateKey: rsaKeyPair().privateKey, platformKeyId: PLATFORM_KEY_ID, apiV3Key });
    forger.orders.set(paymentId, { ...standIn.orders.get(paymentId)! });
    const forgeries = [
      forger.notificationFor(paymentId),
      { body: genuine.body, headers: { ...genuine.headers, 'wechatpay-serial': 'PUB_KEY_ID_SOMEONE_ELSE' } },
      { body: genuine.body.replace('"summary":"支付成功"', '"summary":"x"'), headers: genuine.headers },
      standIn.notificationFor(paymentId, { apiV3Key: randomBytes(16).toString('hex') }),
      standIn.notificationFor(paymentId, { transaction: { mchid: '1900009999' } }),
      standIn.notificationFor(paymentId, { at: new Date(Date.now() - 10 * 60 * 1000) }),
      { body: genuine.body, headers: { 'content-type': 'application/json' } },
    ];
    for (const forged of forgeries) {
      const response = await deliverWebhook('wechatpay', forged.body, forged.headers);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: 'FAIL' });
    }
    expect(await moneyCounts(t.db)).toEqual(before);
    expect(await paymentById(t.db, paymentId)).toMatchObject({ status: 'pending' });
    expect(await balanceOf(customer.accountId)).toBe(0n);
  });

  it('a genuine notification for another amount is refused (422) and credits nothing', async () => {
    const { customer, paymentId } = await wechatTopUp(3_000n);
    standIn.orders.get(paymentId)!.tradeState = 'SUCCESS';
    const n = standIn.notificationFor(paymentId, { transaction: { amount: { total: 300_000, currency: 'CNY' } } });
    const response = await deliverWebhook('wechatpay', n.body, n.headers);
    expect(response.status).toBe(422);
    expect(await balanceOf(customer.accountId)).toBe(0n);
  });

  it('a replayed notification is credited once, also when redelivered concurrently', async () => {
    const { customer, paymentId } = await wechatTopUp(4_000n);
    await standIn.settle(paymentId, 'SUCCESS');
    const answers = await Promise.all([1, 2, 3, 4].map(() => standIn.notify(paymentId)));
    expect(answers.map((a) => a.status)).toEqual([204, 204, 204, 204]);
    expect(await balanceOf(customer.accountId)).toBe(4_000n);
    const credits = await t.db.select().from(ledgerTransfers).where(and(eq(ledgerTransfers.kind, 'top_up'), eq(ledgerTransfers.reference, paymentId)));
    expect(credits).toHaveLength(1);
  });

  it('the query by out_trade_no settles a payment whose notification never came; its signed answer is required', async () => {
    const { customer, paymentId, now } = await wechatTopUp(6_000n);
    standIn.loseNotifications = true;
    try {
      await standIn.settle(paymentId, 'SUCCESS');
    } finally {
      standIn.loseNotifications = false;
    }
    const later = new Date(now.getTime() + 3 * 60 * 1000);
    // A client that does not hold the platform key that signed the answer believes nothing.
    const distrusting = wechatpayProvider({ ...cfg.wechatpay!, platformPublicKey: rsaKeyPair().publicKey, appUrl: cfg.appUrl, now: () => later });
    expect(await settleUnconfirmedPayments(t.db, [distrusting], later, { paymentId })).toMatchObject({ asked: 1, credited: 0, errors: 1 });
    expect(await balanceOf(customer.accountId)).toBe(0n);

    const trusting = wechatpayProvider({ ...cfg.wechatpay!, appUrl: cfg.appUrl });
    expect(await settleUnconfirmedPayments(t.db, [trusting], later, { paymentId })).toMatchObject({ asked: 1, credited: 1, errors: 0 });
    expect(await balanceOf(customer.accountId)).toBe(6_000n);
    expect(standIn.requests.filter((r) => r.path.startsWith('/v3/pay/transactions/out-trade-no/')).every((r) => r.signatureValid)).toBe(true);
  });

  it('finance refunds through /v3/refund/domestic/refunds: reversing transfer and notice; a refused refund moves nothing and frees the amount', async () => {
    const { customer, paymentId } = await wechatTopUp(10_000n);
    await standIn.settle(paymentId, 'SUCCESS');
    const providerFor = (name: string) => paymentProviderFor(name, cfg);
    const now = new Date();

    standIn.refuseRefunds = true;
    let refused;
    try {
      refused = await refundTopUp(t.db, providerFor, { paymentId, amountFen: 10_000n, reason: 'Mistaken top-up', actor: { userId: customer.id, name: customer.name }, now }).catch((error: unknown) => error);
    } finally {
      standIn.refuseRefunds = false;
    }
    expect(refused).toMatchObject({ code: 'provider_refused', reason: 'ABNORMAL', params: { reason: 'ABNORMAL' } });
    expect(await balanceOf(customer.accountId)).toBe(10_000n);

    const refunded = await refundTopUp(t.db, providerFor, { paymentId, amountFen: 10_000n, reason: 'Mistaken top-up', actor: { userId: customer.id, name: customer.name }, now });
    expect(refunded).toMatchObject({ status: 'succeeded' });
    expect(standIn.orders.get(paymentId)?.refunds.get(refunded.refundId)).toBe(10_000);
    expect(await balanceOf(customer.accountId)).toBe(0n);
    const rows = await t.db.select().from(paymentRefunds).where(eq(paymentRefunds.paymentId, paymentId));
    expect(rows.map((r) => r.status).sort()).toEqual(['failed', 'succeeded']);
    expect(await t.db.select().from(notices).where(and(eq(notices.accountId, customer.accountId), eq(notices.kind, 'payment_refunded')))).toHaveLength(1);
    expect((await paymentStatusView(t.db, customer.accountId, paymentId, now, { impersonating: false }))?.refunded).toBe('100.00');

    await expect(refundTopUp(t.db, providerFor, { paymentId, amountFen: 1n, reason: 'Again', actor: { userId: customer.id, name: customer.name }, now })).rejects.toMatchObject({ code: 'exceeds_payment', limitFen: 0n });
    expect((await verifyBooks(t.db)).ok).toBe(true);
  });

  it('the Authorization header is the documented WECHATPAY2-SHA256-RSA2048 form', () => {
    const header = authorizationHeader({ mchId: MCH_ID, serialNo: MERCHANT_SERIAL, privateKey: merchant.privateKey, method: 'GET', pathWithQuery: '/v3/certificates', body: '', timestamp: '1554208460', nonce: 'abc' });
    expect(header).toMatch(/^WECHATPAY2-SHA256-RSA2048 mchid="1900000109",nonce_str="abc",signature="[A-Za-z0-9+/=]{344}",timestamp="1554208460",serial_no="5157F09EFDC096DE15EBE81A47057A7232F1B8E1"$/);
  });
});
