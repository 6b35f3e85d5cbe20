import { and, eq, sql } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PortalConfig } from '@/lib/config';
import { setProcessConnection } from '@/lib/db/client';
import { activityRecords, ledgerTransfers, paymentEvents, walletStatusChanges } from '@/lib/db/schema';
import type { TestDatabase } from '@/lib/db/testing';
import { testDatabaseKinds } from '@/lib/db/testing';
import { getWalletSnapshot } from '@/lib/billing/account-status';
import { verifyBooks } from '@/lib/billing/verify-books';
import { runDueBilling } from '@/lib/billing/run-due-billing';
import { createBillingTestDatabase, reportUsage, TZ } from '@/lib/billing/testing';
import { expireAbandonedPayments, topUpIdempotencyKey } from './apply-payment-update';
import { PAYMENT_TTL_MS, startTopUp, TopUpError } from './create-top-up';
import { paymentStatusView } from './payment-queries';
import { paymentProviderFor } from './providers';
import { deliverSandboxWebhookById, sandboxWebhookUrl } from './sandbox/deliver-sandbox-webhook';
import { answerSandboxChallenge, submitSandboxCard } from './sandbox/sandbox-checkouts';
import { stripeProvider } from './stripe-provider';
import {
  deliverSandboxEvent,
  deliverWebhook,
  moneyCounts,
  newCustomer,
  paymentById,
  sandboxSucceeded,
  TEST_STRIPE_WEBHOOK_SECRET,
  useTestConfig,
} from './testing';
import { signSandboxPayload } from './sandbox-signature';

const limits = { minFen: 100n, maxFen: 5_000_000n };
const card = (cardNumber: string) => ({ cardNumber, expiry: '12/34', cvc: '123' });

describe.each(testDatabaseKinds())('top-up confirmations on %s', (kind) => {
  let t: TestDatabase;
  let cfg: PortalConfig;

  beforeAll(async () => {
    t = await createBillingTestDatabase(kind);
    setProcessConnection(t.raw);
    cfg = useTestConfig();
  });
  afterAll(async () => t?.close());

  // Every test, also run alone, leaves the ledger balanced and no succeeded payment without its credit.
  afterEach(async () => {
    expect(await verifyBooks(t.db)).toMatchObject({ ok: true, totalFen: 0n });
    const [row] = (await t.db.execute(sql`select count(*)::text as n from payments where status = 'succeeded' and ledger_transfer_id is null`)).rows as { n: string }[];
    expect(row.n).toBe('0');
  });

  async function sandboxTopUp(amountFen = 10_000n, now = new Date()) {
    const customer = await newCustomer(t.db, now);
    const provider = paymentProviderFor('sandbox', cfg);
    if (!provider) throw new Error('sandbox provider missing');
    const started = await startTopUp(t.db, provider, { accountId: customer.accountId, actor: { userId: customer.id, name: customer.name }, amountFen, limits, description: 'Top-up', now });
    const payment = await paymentById(t.db, started.paymentId);
    return { customer, payment, checkoutId: payment.providerPaymentId as string, checkoutUrl: started.checkoutUrl };
  }

  const balanceOf = async (accountId: string) => (await getWalletSnapshot(t.db, accountId))?.balanceFen ?? 0n;
  const activityKinds = async (accountId: string) =>
    (await t.db.select().from(activityRecords).where(eq(activityRecords.accountId, accountId))).map((r) => r.kind).sort();

  it('starting a top-up records a pending payment and a hosted sandbox page, and credits nothing', async () => {
    const before = await moneyCounts(t.db);
    const { payment, checkoutUrl, customer } = await sandboxTopUp(12_345n);
    expect(payment).toMatchObject({ status: 'pending', amountFen: 12_345n, currency: 'CNY', provider: 'sandbox', accountId: customer.accountId });
    expect(payment.expiresAt.getTime() - payment.createdAt.getTime()).toBe(PAYMENT_TTL_MS);
    expect(checkoutUrl).toBe(`/sandbox-pay/${payment.providerPaymentId}`);
    expect(await moneyCounts(t.db)).toEqual(before);
    expect(await balanceOf(customer.accountId)).toBe(0n);
    expect(await activityKinds(customer.accountId)).toEqual(['top_up_started']);
  });

  it('a verified confirmation credits the wallet with a top_up transfer keyed by the provider payment id', async () => {
    const { payment, checkoutId, customer } = await sandboxTopUp(10_000n);
    const response = await deliverSandboxEvent(sandboxSucceeded(checkoutId, payment.id, 10_000n), cfg.sandboxWebhookSecret);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ outcome: 'credited', paymentId: payment.id });
    expect(await balanceOf(customer.accountId)).toBe(10_000n);
    const credited = await paymentById(t.db, payment.id);
    expect(credited).toMatchObject({ status: 'succeeded', failureReason: null });
    const [transfer] = await t.db.select().from(ledgerTransfers).where(eq(ledgerTransfers.id, credited.ledgerTransferId as bigint));
    expect(transfer).toMatchObject({ kind: 'top_up', idempotencyKey: topUpIdempotencyKey('sandbox', checkoutId), reference: payment.id, customerAccountId: customer.accountId });
    expect((await verifyBooks(t.db)).ok).toBe(true);
  });

  it('a bad signature is refused with 400 and nothing is written', async () => {
    const { payment, checkoutId, customer } = await sandboxTopUp();
    const before = await moneyCounts(t.db);
    const body = JSON.stringify(sandboxSucceeded(checkoutId, payment.id, payment.amountFen));
    const now = Math.floor(Date.now() / 1000);
    for (const header of [signSandboxPayload(body, 'not-the-secret', now), signSandboxPayload(`${body} `, cfg.sandboxWebhookSecret, now), 'garbage']) {
      const response = await deliverWebhook('sandbox', body, { 'sandbox-signature': header });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_signature' } });
    }
    expect((await deliverWebhook('sandbox', body, {})).status).toBe(400);
    expect(await moneyCounts(t.db)).toEqual(before);
    expect(await paymentById(t.db, payment.id)).toMatchObject({ status: 'pending' });
    expect(await balanceOf(customer.accountId)).toBe(0n);
  });

  it('a timestamp more than 5 minutes old is refused with 400 (a captured delivery cannot be replayed)', async () => {
    const { payment, checkoutId } = await sandboxTopUp();
    const before = await moneyCounts(t.db);
    const response = await deliverSandboxEvent(sandboxSucceeded(checkoutId, payment.id, payment.amountFen), cfg.sandboxWebhookSecret, {
      at: new Date(Date.now() - 6 * 60_000),
    });
    expect(response.status).toBe(400);
    expect(await moneyCounts(t.db)).toEqual(before);
    expect(await paymentById(t.db, payment.id)).toMatchObject({ status: 'pending' });
  });

  it('the same event delivered 5 times (at once) credits once', async () => {
    const { payment, checkoutId, customer } = await sandboxTopUp(7_700n);
    const event = sandboxSucceeded(checkoutId, payment.id, 7_700n);
    const responses = await Promise.all(Array.from({ length: 5 }, () => deliverSandboxEvent(event, cfg.sandboxWebhookSecret)));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const outcomes = (await Promise.all(responses.map((r) => r.json() as Promise<{ outcome: string }>))).map((b) => b.outcome).sort();
    expect(outcomes).toEqual(['credited', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expect(await balanceOf(customer.accountId)).toBe(7_700n);
    const transfers = await t.db.select().from(ledgerTransfers).where(eq(ledgerTransfers.customerAccountId, customer.accountId));
    expect(transfers).toHaveLength(1);
    expect(await activityKinds(customer.accountId)).toEqual(['top_up_confirmed', 'top_up_started']);
    expect((await verifyBooks(t.db)).ok).toBe(true);
  });

  it('a confirmation whose amount or currency differs from the payment created is refused (422), logged, and credits nothing', async () => {
    const { payment, checkoutId, customer } = await sandboxTopUp(10_000n);
    const tampered = [
      sandboxSucceeded(checkoutId, payment.id, 10_000n, { amount: 1_000_000 }),
      sandboxSucceeded(checkoutId, payment.id, 10_000n, { amount: 9_999 }),
      sandboxSucceeded(checkoutId, payment.id, 10_000n, { currency: 'USD' }),
    ];
    for (const event of tampered) {
      const response = await deliverSandboxEvent(event, cfg.sandboxWebhookSecret);
      expect(response.status).toBe(422);
      expect(await response.json()).toMatchObject({ error: { code: 'amount_mismatch' } });
    }
    expect(await balanceOf(customer.accountId)).toBe(0n);
    expect(await paymentById(t.db, payment.id)).toMatchObject({ status: 'pending' });
    const logged = await t.db.select().from(paymentEvents).where(eq(paymentEvents.paymentId, payment.id));
    expect(logged.map((e) => e.outcome)).toEqual(['refused', 'refused', 'refused']);
    expect(logged[0].details).toMatchObject({ expected: { amountFen: '10000', currency: 'CNY' }, received: { amountFen: '1000000', currency: 'CNY' } });
    // The genuine confirmation still goes through afterwards.
    expect((await deliverSandboxEvent(sandboxSucceeded(checkoutId, payment.id, 10_000n), cfg.sandboxWebhookSecret)).status).toBe(200);
    expect(await balanceOf(customer.accountId)).toBe(10_000n);
  });

  it('amounts must arrive as integers of fen: a fractional amount is not a valid event (400)', async () => {
    const { payment, checkoutId } = await sandboxTopUp(10_000n);
    const event = sandboxSucceeded(checkoutId, payment.id, 10_000n, { amount: 10_000.5 });
    const response = await deliverSandboxEvent(event, cfg.sandboxWebhookSecret);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_payload' } });
  });

  it('an unknown payment is answered 404 (the provider retries) and logged; unlisted event types are acknowledged and ignored', async () => {
    const unknown = await deliverSandboxEvent(sandboxSucceeded('sbx_nobody', 'pay_nobody', 100n), cfg.sandboxWebhookSecret);
    expect(unknown.status).toBe(404);
    const [logged] = await t.db.select().from(paymentEvents).where(eq(paymentEvents.providerPaymentId, 'sbx_nobody'));
    expect(logged).toMatchObject({ outcome: 'unknown_payment', paymentId: null });

    const before = await moneyCounts(t.db);
    const other = { ...sandboxSucceeded('sbx_x', 'pay_x', 100n), type: 'payment.refund_requested' };
    const ignored = await deliverSandboxEvent(other, cfg.sandboxWebhookSecret);
    expect(ignored.status).toBe(200);
    expect(await ignored.json()).toEqual({ received: true, ignored: 'payment.refund_requested' });
    expect(await moneyCounts(t.db)).toEqual(before);
  });

  it('through the sandbox processor: 4242 succeeds, 0002 is declined, 3220 needs a challenge (Approve credits, Fail does not)', async () => {
    const target = {
      url: sandboxWebhookUrl(cfg.appUrl),
      secret: cfg.sandboxWebhookSecret,
      fetch: ((url: string | URL | Request, init?: RequestInit) => {
        const provider = new URL(String(url)).pathname.split('/').pop() as string;
        return deliverWebhook(provider, String(init?.body), Object.fromEntries(new Headers(init?.headers).entries()));
      }) as typeof fetch,
    };
    const pay = async (number: string, decision?: 'approve' | 'fail') => {
      const started = await sandboxTopUp(5_000n);
      const now = new Date();
      const submitted = await submitSandboxCard(t.db, started.checkoutId, card(number), now, null);
      expect(submitted.ok).toBe(true);
      if (decision) {
        expect(submitted.ok && submitted.checkout.status).toBe('challenge');
        // Nothing is owed to the merchant during the challenge.
        expect(await deliverSandboxWebhookById(t.db, started.checkoutId, target, now)).toBe(false);
        expect((await answerSandboxChallenge(t.db, started.checkoutId, decision, now, null)).ok).toBe(true);
      }
      expect(await deliverSandboxWebhookById(t.db, started.checkoutId, target, new Date())).toBe(true);
      return { payment: await paymentById(t.db, started.payment.id), balance: await balanceOf(started.customer.accountId) };
    };
    expect(await pay('4242 4242 4242 4242')).toMatchObject({ payment: { status: 'succeeded' }, balance: 5_000n });
    expect(await pay('4000 0000 0000 0002')).toMatchObject({ payment: { status: 'declined', failureReason: 'card_declined' }, balance: 0n });
    expect(await pay('4000 0000 0000 3220', 'approve')).toMatchObject({ payment: { status: 'succeeded' }, balance: 5_000n });
    expect(await pay('4000 0000 0000 3220', 'fail')).toMatchObject({ payment: { status: 'failed', failureReason: 'challenge_failed' }, balance: 0n });
  });

  it('a checkout decides once: a second card after the first, or a card after expiry, changes nothing', async () => {
    const { checkoutId } = await sandboxTopUp();
    const now = new Date();
    expect((await submitSandboxCard(t.db, checkoutId, card('4000000000000002'), now, null)).ok).toBe(true);
    expect(await submitSandboxCard(t.db, checkoutId, card('4242424242424242'), now, null)).toEqual({ ok: false, code: 'closed' });
    const late = await sandboxTopUp();
    expect(await submitSandboxCard(t.db, late.checkoutId, card('4242424242424242'), new Date(Date.now() + PAYMENT_TTL_MS + 60_000), null)).toEqual({ ok: false, code: 'expired' });
  });

  it('an abandoned payment expires after 30 minutes with its reason and credits nothing; a late success still credits once', async () => {
    const created = new Date(Date.now() - PAYMENT_TTL_MS - 60_000);
    const { payment, checkoutId, customer } = await sandboxTopUp(3_000n, created);
    const view = await paymentStatusView(t.db, customer.accountId, payment.id, new Date(), { impersonating: false });
    expect(view).toMatchObject({ status: 'expired', failureReason: 'abandoned', balance: '0.00', checkoutUrl: null });
    // Showing it wrote nothing; the scheduler's job expires it.
    expect(await paymentById(t.db, payment.id)).toMatchObject({ status: 'pending' });
    expect(await expireAbandonedPayments(t.db, new Date())).toContain(payment.id);
    expect(await paymentById(t.db, payment.id)).toMatchObject({ status: 'expired', failureReason: 'abandoned' });
    // The provider took the money after all: the customer is credited (convergent), once.
    await deliverSandboxEvent(sandboxSucceeded(checkoutId, payment.id, 3_000n), cfg.sandboxWebhookSecret);
    await deliverSandboxEvent(sandboxSucceeded(checkoutId, payment.id, 3_000n), cfg.sandboxWebhookSecret);
    expect(await paymentById(t.db, payment.id)).toMatchObject({ status: 'succeeded' });
    expect(await balanceOf(customer.accountId)).toBe(3_000n);
  });

  it('a decline after success, or a second failure, changes nothing', async () => {
    const { payment, checkoutId } = await sandboxTopUp(2_000n);
    await deliverSandboxEvent(sandboxSucceeded(checkoutId, payment.id, 2_000n), cfg.sandboxWebhookSecret);
    const declined = { ...sandboxSucceeded(checkoutId, payment.id, 2_000n), id: `evt_${checkoutId}_declined`, type: 'payment.declined' };
    declined.data.object = { ...declined.data.object, status: 'declined', failure_code: 'card_declined' };
    const response = await deliverSandboxEvent(declined, cfg.sandboxWebhookSecret);
    expect(await response.json()).toMatchObject({ outcome: 'unchanged' });
    expect(await paymentById(t.db, payment.id)).toMatchObject({ status: 'succeeded', failureReason: null });
  });

  it('a suspended customer who tops up the arrears is reinstated in the same transaction (DESIGN: top-up pays arrears, ≥ 0 reinstates)', async () => {
    const { payment, checkoutId, customer } = await sandboxTopUp(100n);
    // Yesterday's usage, settled: 100 vCPU-hours × ¥0.12 = ¥12.00 + 6 % VAT = ¥12.72 → balance −12.72, suspended.
    const yesterdayNoon = new Date(Date.now() - 24 * 3_600_000);
    await reportUsage(t.db, new Date(), [{ id: `u-${payment.id}`, account: customer.accountId, service: 'compute', quantity: '100', occurredAt: yesterdayNoon.toISOString() }]);
    await runDueBilling(t.db, { now: new Date(), timeZone: TZ, jobs: [] });
    const suspended = await getWalletSnapshot(t.db, customer.accountId);
    expect(suspended).toMatchObject({ status: 'suspended', balanceFen: -1_272n });

    // ¥1.00 is not enough: still suspended.
    await deliverSandboxEvent(sandboxSucceeded(checkoutId, payment.id, 100n), cfg.sandboxWebhookSecret);
    expect(await getWalletSnapshot(t.db, customer.accountId)).toMatchObject({ status: 'suspended', balanceFen: -1_172n });

    const provider = paymentProviderFor('sandbox', cfg);
    if (!provider) throw new Error('no sandbox');
    const second = await startTopUp(t.db, provider, { accountId: customer.accountId, actor: { userId: customer.id, name: customer.name }, amountFen: 1_172n, limits, description: 'Top-up', now: new Date() });
    const secondPayment = await paymentById(t.db, second.paymentId);
    const response = await deliverSandboxEvent(sandboxSucceeded(secondPayment.providerPaymentId as string, second.paymentId, 1_172n), cfg.sandboxWebhookSecret);
    expect(response.status).toBe(200);
    expect(await getWalletSnapshot(t.db, customer.accountId)).toMatchObject({ status: 'active', balanceFen: 0n, suspendedAt: null });
    const changes = await t.db.select().from(walletStatusChanges).where(eq(walletStatusChanges.accountId, customer.accountId));
    expect(changes.map((c) => c.status)).toEqual(['suspended', 'reinstated']);
    const [credited] = await t.db.select().from(paymentEvents).where(and(eq(paymentEvents.paymentId, second.paymentId), eq(paymentEvents.outcome, 'credited')));
    expect(credited.details).toMatchObject({ reinstated: true, paidServiceArrearsFen: '1172' });
    expect((await verifyBooks(t.db)).ok).toBe(true);
  });

  describe('Stripe (offline: Checkout Session creation stubbed, webhooks signed with generateTestHeaderString)', () => {
    const created: Array<{ params: Stripe.Checkout.SessionCreateParams; options: Stripe.RequestOptions | undefined }> = [];
    const client = {
      checkout: {
        sessions: {
          create: async (params: Stripe.Checkout.SessionCreateParams, options?: Stripe.RequestOptions) => {
            created.push({ params, options });
            const id = `cs_test_${created.length}_${Date.now()}`;
            return { id, url: `https://checkout.stripe.com/c/pay/${id}` };
          },
        },
      },
    } as unknown as Stripe;

    async function stripeTopUp(amountFen: bigint) {
      const customer = await newCustomer(t.db);
      const provider = stripeProvider({ secretKey: 'sk_test_offline', webhookSecret: TEST_STRIPE_WEBHOOK_SECRET, appUrl: cfg.appUrl, client });
      const started = await startTopUp(t.db, provider, { accountId: customer.accountId, actor: { userId: customer.id, name: customer.name }, amountFen, limits, description: 'Top-up', now: new Date() });
      return { customer, payment: await paymentById(t.db, started.paymentId), checkoutUrl: started.checkoutUrl };
    }

    function stripeEvent(type: string, session: Record<string, unknown>) {
      return JSON.stringify({ id: `evt_${type}_${session.id as string}`, object: 'event', type, api_version: Stripe.API_VERSION, data: { object: { object: 'checkout.session', ...session } } });
    }

    const signed = (payload: string, options: { secret?: string; timestamp?: number } = {}) => ({
      'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? TEST_STRIPE_WEBHOOK_SECRET, timestamp: options.timestamp }),
    });

    it('creates a Checkout Session in fen with our payment id as reference and an idempotency key', async () => {
      const { payment, checkoutUrl } = await stripeTopUp(12_300n);
      const last = created[created.length - 1];
      expect(last.params).toMatchObject({
        mode: 'payment',
        client_reference_id: payment.id,
        line_items: [{ quantity: 1, price_data: { currency: 'cny', unit_amount: 12_300 } }],
        success_url: `${cfg.appUrl}/top-up/${payment.id}`,
      });
      expect(last.options).toEqual({ idempotencyKey: `checkout:${payment.id}` });
      expect(payment.provider).toBe('stripe');
      expect(checkoutUrl).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    });

    it('checkout.session.completed (paid), verified with constructEvent, credits once', async () => {
      const { payment, customer } = await stripeTopUp(12_300n);
      const payload = stripeEvent('checkout.session.completed', { id: payment.providerPaymentId, amount_total: 12_300, currency: 'cny', payment_status: 'paid', client_reference_id: payment.id });
      for (let i = 0; i < 3; i++) expect((await deliverWebhook('stripe', payload, signed(payload))).status).toBe(200);
      expect(await balanceOf(customer.accountId)).toBe(12_300n);
      expect(await paymentById(t.db, payment.id)).toMatchObject({ status: 'succeeded' });
      const transfers = await t.db.select().from(ledgerTransfers).where(eq(ledgerTransfers.idempotencyKey, topUpIdempotencyKey('stripe', payment.providerPaymentId as string)));
      expect(transfers).toHaveLength(1);
    });

    it('refuses a wrong secret or a stale timestamp with 400, and a wrong currency with 422', async () => {
      const { payment, customer } = await stripeTopUp(5_000n);
      const payload = stripeEvent('checkout.session.completed', { id: payment.providerPaymentId, amount_total: 5_000, currency: 'cny', payment_status: 'paid' });
      const before = await moneyCounts(t.db);
      expect((await deliverWebhook('stripe', payload, signed(payload, { secret: 'whsec_wrong' }))).status).toBe(400);
      expect((await deliverWebhook('stripe', payload, signed(payload, { timestamp: Math.floor(Date.now() / 1000) - 301 }))).status).toBe(400);
      expect((await deliverWebhook('stripe', payload, {})).status).toBe(400);
      expect(await moneyCounts(t.db)).toEqual(before);
      const usd = stripeEvent('checkout.session.completed', { id: payment.providerPaymentId, amount_total: 5_000, currency: 'usd', payment_status: 'paid' });
      expect((await deliverWebhook('stripe', usd, signed(usd))).status).toBe(422);
      expect(await balanceOf(customer.accountId)).toBe(0n);
    });

    it('an unpaid completion waits; async success credits; expiry and async failure close the payment with a reason', async () => {
      const a = await stripeTopUp(4_000n);
      const unpaid = stripeEvent('checkout.session.completed', { id: a.payment.providerPaymentId, amount_total: 4_000, currency: 'cny', payment_status: 'unpaid' });
      expect(await (await deliverWebhook('stripe', unpaid, signed(unpaid))).json()).toMatchObject({ outcome: 'unchanged' });
      expect(await paymentById(t.db, a.payment.id)).toMatchObject({ status: 'pending' });
      const later = stripeEvent('checkout.session.async_payment_succeeded', { id: a.payment.providerPaymentId, amount_total: 4_000, currency: 'cny', payment_status: 'paid' });
      await deliverWebhook('stripe', later, signed(later));
      expect(await balanceOf(a.customer.accountId)).toBe(4_000n);

      const b = await stripeTopUp(4_000n);
      const expired = stripeEvent('checkout.session.expired', { id: b.payment.providerPaymentId, amount_total: 4_000, currency: 'cny', payment_status: 'unpaid' });
      await deliverWebhook('stripe', expired, signed(expired));
      expect(await paymentById(t.db, b.payment.id)).toMatchObject({ status: 'expired', failureReason: 'abandoned' });

      const c = await stripeTopUp(4_000n);
      const failed = stripeEvent('checkout.session.async_payment_failed', { id: c.payment.providerPaymentId, amount_total: 4_000, currency: 'cny', payment_status: 'unpaid' });
      await deliverWebhook('stripe', failed, signed(failed));
      expect(await paymentById(t.db, c.payment.id)).toMatchObject({ status: 'failed', failureReason: 'async_payment_failed' });
      expect(await balanceOf(b.customer.accountId)).toBe(0n);
      expect(await balanceOf(c.customer.accountId)).toBe(0n);
    });

    it('a provider that cannot be reached leaves a failed payment with its reason', async () => {
      const customer = await newCustomer(t.db);
      const broken = { checkout: { sessions: { create: async () => Promise.reject(new Error('network down')) } } } as unknown as Stripe;
      const provider = stripeProvider({ secretKey: 'sk', webhookSecret: TEST_STRIPE_WEBHOOK_SECRET, appUrl: cfg.appUrl, client: broken });
      const refused = await startTopUp(t.db, provider, { accountId: customer.accountId, actor: { userId: customer.id, name: customer.name }, amountFen: 1_000n, limits, description: 'Top-up', now: new Date() }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(TopUpError);
      expect(refused).toMatchObject({ code: 'provider_error', paymentId: expect.stringMatching(/^pay_/) });
      expect(await paymentById(t.db, (refused as TopUpError).paymentId!)).toMatchObject({ status: 'failed', failureReason: 'provider_error' });
    });
  });
});
