import { and, eq, inArray } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBillingTestDatabase } from '@/lib/billing/testing';
import type { PortalConfig } from '@/lib/config';
import { setProcessConnection } from '@/lib/db/client';
import { ledgerTransfers, notices, walletStatusChanges } from '@/lib/db/schema';
import { testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { getWalletSnapshot } from '@/lib/billing/account-status';
import { OPERATOR, walletLedgerAccountId } from '@/lib/ledger/ledger-accounts';
import { postAndApplyOne } from '@/lib/billing/post-and-apply';
import { verifyBooks } from '@/lib/billing/verify-books';
import { renderNotice } from '@/lib/notices/render-notice';
import { listPaymentReversals, reversalIdempotencyKey } from './apply-payment-reversal';
import { startTopUp } from './create-top-up';
import { stripeProvider } from './stripe-provider';
import { deliverWebhook, moneyCounts, newCustomer, paymentById, TEST_STRIPE_WEBHOOK_SECRET, useTestConfig } from './testing';

/*
 * Money after payment (issue 12): Stripe refunds and disputes post reversing transfers, once each,
 * through the usual posting path (a balance below zero suspends), notify the customer and show in
 * /finance's list. Offline: Checkout Session creation is stubbed and every webhook is signed with
 * Stripe's own generateTestHeaderString, as the provider would sign it.
 */

const limits = { minFen: 100n, maxFen: 5_000_000n };
let sequence = 0;

describe.each(testDatabaseKinds())('Stripe refunds and disputes on %s', (kind) => {
  let t: TestDatabase;
  let cfg: PortalConfig;

  beforeAll(async () => {
    t = await createBillingTestDatabase(kind);
    setProcessConnection(t.raw);
    cfg = useTestConfig();
  });
  afterAll(async () => t?.close());

  const client = {
    checkout: {
      sessions: {
        create: async () => {
          const id = `cs_test_rev_${++sequence}_${Date.now()}`;
          return { id, url: `https://checkout.stripe.com/c/pay/${id}` };
        },
      },
    },
  } as unknown as Stripe;

  const signed = (payload: string, secret = TEST_STRIPE_WEBHOOK_SECRET) => ({
    'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret }),
  });

  function event(type: string, object: Record<string, unknown>, id = `evt_${type}_${String(object.id)}_${++sequence}`) {
    return JSON.stringify({ id, object: 'event', type, api_version: Stripe.API_VERSION, data: { object } });
  }

  async function deliver(payload: string) {
    const response = await deliverWebhook('stripe', payload, signed(payload));
    return { status: response.status, body: (await response.json()) as { outcome?: string } };
  }

  /** A customer with a confirmed Stripe top-up of `amountFen`; the PaymentIntent id is what refunds and disputes name. */
  async function paidTopUp(amountFen: bigint) {
    const customer = await newCustomer(t.db);
    const provider = stripeProvider({ secretKey: 'sk_test_offline', webhookSecret: TEST_STRIPE_WEBHOOK_SECRET, appUrl: cfg.appUrl, client });
    const started = await startTopUp(t.db, provider, { accountId: customer.accountId, actor: { userId: customer.id, name: customer.name }, amountFen, limits, description: 'Top-up', now: new Date() });
    const payment = await paymentById(t.db, started.paymentId);
    const intent = `pi_${payment.id}`;
    const completed = event('checkout.session.completed', {
      id: payment.providerPaymentId,
      object: 'checkout.session',
      amount_total: Number(amountFen),
      currency: 'cny',
      payment_status: 'paid',
      payment_intent: intent,
    });
    expect((await deliver(completed)).body.outcome).toBe('credited');
    return { customer, payment, intent, charge: `ch_${payment.id}` };
  }

  const refundEvent = (charge: string, intent: string, amount: number, refunded: number) =>
    event('charge.refunded', { id: charge, object: 'charge', amount, amount_refunded: refunded, currency: 'cny', payment_intent: intent, refunded: refunded === amount, metadata: {} });

  const disputeEvent = (type: 'charge.dispute.created' | 'charge.dispute.closed', dispute: string, charge: string, intent: string, amount: number, status: string) =>
    event(type, { id: dispute, object: 'dispute', amount, currency: 'cny', charge, payment_intent: intent, status, reason: 'fraudulent', metadata: {} });

  /** Money the customer spent (an adjustment stands in for charges). */
  async function spend(accountId: string, fen: bigint) {
    await postAndApplyOne(t.db, {
      idempotencyKey: `spend:${accountId}`,
      kind: 'adjustment',
      accountId,
      effectiveAt: new Date(),
      legs: [
        { ledgerAccountId: walletLedgerAccountId(accountId), amountFen: -fen },
        { ledgerAccountId: OPERATOR.adjustments, amountFen: fen },
      ],
    });
  }

  const balanceOf = async (accountId: string) => (await getWalletSnapshot(t.db, accountId))?.balanceFen ?? 0n;
  const transfersOf = async (accountId: string, kinds: ('refund' | 'chargeback' | 'chargeback_reversal')[]) =>
    t.db
      .select()
      .from(ledgerTransfers)
      .where(and(eq(ledgerTransfers.customerAccountId, accountId), inArray(ledgerTransfers.kind, kinds)));
  const noticeKinds = async (accountId: string) =>
    (await t.db.select().from(notices).where(eq(notices.accountId, accountId))).map((n) => n.kind).sort();

  it('charge.refunded posts one refund transfer however often it is delivered, and a later partial refund posts only the difference', async () => {
    const { customer, payment, intent, charge } = await paidTopUp(10_000n);
    const first = refundEvent(charge, intent, 10_000, 3_000);
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push((await deliver(first)).body.outcome);
    expect(outcomes).toEqual(['reversed', 'duplicate', 'duplicate']);
    // The same refund sent as a new event id (Stripe may) is still one refund.
    expect((await deliver(refundEvent(charge, intent, 10_000, 3_000))).body.outcome).toBe('duplicate');
    expect(await balanceOf(customer.accountId)).toBe(7_000n);

    // A second refund: Stripe reports the running total; the wallet loses only the new 2,000.
    expect((await deliver(refundEvent(charge, intent, 10_000, 5_000))).body.outcome).toBe('reversed');
    // An older delivery arriving late changes nothing.
    expect((await deliver(first)).body.outcome).toBe('duplicate');
    expect(await balanceOf(customer.accountId)).toBe(5_000n);

    const refunds = await transfersOf(customer.accountId, ['refund']);
    expect(refunds.map((r) => r.idempotencyKey).sort()).toEqual([
      reversalIdempotencyKey('stripe', 'refund', charge, 3_000n),
      reversalIdempotencyKey('stripe', 'refund', charge, 5_000n),
    ]);
    expect(refunds.every((r) => r.reference === payment.id && r.memo === charge)).toBe(true);
    expect(await noticeKinds(customer.accountId)).toEqual(['payment_refunded', 'payment_refunded']);
    expect((await verifyBooks(t.db)).ok).toBe(true);
  });

  it('a refund that takes the balance below zero suspends the account by the usual rule (with its notice)', async () => {
    const { customer, intent, charge } = await paidTopUp(2_000n);
    // The customer spent part of the money: an adjustment stands in for charges here.
    await spend(customer.accountId, 1_500n);
    expect(await balanceOf(customer.accountId)).toBe(500n);
    expect((await deliver(refundEvent(charge, intent, 2_000, 2_000))).body.outcome).toBe('reversed');
    const wallet = await getWalletSnapshot(t.db, customer.accountId);
    expect(wallet).toMatchObject({ balanceFen: -1_500n, status: 'suspended' });
    const changes = await t.db.select().from(walletStatusChanges).where(eq(walletStatusChanges.accountId, customer.accountId));
    expect(changes.map((c) => c.status)).toEqual(['suspended']);
    expect(await noticeKinds(customer.accountId)).toEqual(['payment_refunded', 'suspended']);
  });

  it('a dispute opened takes the money back once; closed as won gives it back once and reinstates', async () => {
    const { customer, payment, intent, charge } = await paidTopUp(8_000n);
    await spend(customer.accountId, 5_000n);
    const dispute = `dp_${payment.id}`;
    const created = disputeEvent('charge.dispute.created', dispute, charge, intent, 8_000, 'needs_response');
    expect((await deliver(created)).body.outcome).toBe('reversed');
    expect((await deliver(created)).body.outcome).toBe('duplicate');
    expect(await getWalletSnapshot(t.db, customer.accountId)).toMatchObject({ balanceFen: -5_000n, status: 'suspended' });

    const won = disputeEvent('charge.dispute.closed', dispute, charge, intent, 8_000, 'won');
    expect((await deliver(won)).body.outcome).toBe('reversed');
    expect((await deliver(won)).body.outcome).toBe('duplicate');
    expect(await getWalletSnapshot(t.db, customer.accountId)).toMatchObject({ balanceFen: 3_000n, status: 'active' });

    const kinds = (await transfersOf(customer.accountId, ['chargeback', 'chargeback_reversal'])).map((r) => [r.kind, r.idempotencyKey]).sort();
    expect(kinds).toEqual([
      ['chargeback', reversalIdempotencyKey('stripe', 'chargeback', dispute)],
      ['chargeback_reversal', reversalIdempotencyKey('stripe', 'chargeback_reversal', dispute)],
    ]);
    expect(await noticeKinds(customer.accountId)).toEqual(['chargeback_reversed', 'payment_charged_back', 'reinstated', 'suspended']);
    const shown = (await listPaymentReversals(t.db, 500)).filter((r) => r.accountId === customer.accountId);
    expect(shown.map((r) => [r.kind, r.amountFen, r.paymentId, r.providerObject]).sort()).toEqual([
      ['chargeback', -8_000n, payment.id, dispute],
      ['chargeback_reversal', 8_000n, payment.id, dispute],
    ]);
    expect((await verifyBooks(t.db)).ok).toBe(true);
  });

  it('a dispute lost keeps the chargeback; delivered before its "created", it still charges back once', async () => {
    const { customer, payment, intent, charge } = await paidTopUp(6_000n);
    const dispute = `dp_${payment.id}`;
    expect((await deliver(disputeEvent('charge.dispute.closed', dispute, charge, intent, 6_000, 'lost'))).body.outcome).toBe('reversed');
    expect((await deliver(disputeEvent('charge.dispute.created', dispute, charge, intent, 6_000, 'needs_response'))).body.outcome).toBe('duplicate');
    expect(await balanceOf(customer.accountId)).toBe(0n);
    expect(await transfersOf(customer.accountId, ['chargeback', 'chargeback_reversal'])).toHaveLength(1);
    expect(await noticeKinds(customer.accountId)).toEqual(['payment_charged_back']);
  });

  it('an inquiry (warning_needs_response) moves no money', async () => {
    const { customer, payment, intent, charge } = await paidTopUp(3_000n);
    const inquiry = disputeEvent('charge.dispute.created', `dp_${payment.id}`, charge, intent, 3_000, 'warning_needs_response');
    expect((await deliver(inquiry)).body.outcome).toBe('unchanged');
    expect(await balanceOf(customer.accountId)).toBe(3_000n);
  });

  it('a forged or stale signature is refused with 400 and nothing is written', async () => {
    const { customer, intent, charge } = await paidTopUp(4_000n);
    const payload = refundEvent(charge, intent, 4_000, 4_000);
    const before = await moneyCounts(t.db);
    expect((await deliverWebhook('stripe', payload, signed(payload, 'whsec_forged'))).status).toBe(400);
    const stale = Stripe.webhooks.generateTestHeaderString({ payload, secret: TEST_STRIPE_WEBHOOK_SECRET, timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect((await deliverWebhook('stripe', payload, { 'stripe-signature': stale })).status).toBe(400);
    expect((await deliverWebhook('stripe', `${payload} `, signed(payload))).status).toBe(400);
    expect(await moneyCounts(t.db)).toEqual(before);
    expect(await balanceOf(customer.accountId)).toBe(4_000n);
    expect(await noticeKinds(customer.accountId)).toEqual([]);
  });

  it('a refund for a payment we do not know is answered 404 (the provider retries) and moves nothing', async () => {
    const before = await moneyCounts(t.db);
    const payload = refundEvent('ch_unknown', 'pi_unknown', 1_000, 1_000);
    expect((await deliverWebhook('stripe', payload, signed(payload))).status).toBe(404);
    expect((await moneyCounts(t.db)).transfers).toBe(before.transfers);
  });

  it('a refund naming a payment that never succeeded (found by our id in the metadata) is refused with 422 and moves nothing', async () => {
    const customer = await newCustomer(t.db);
    const provider = stripeProvider({ secretKey: 'sk_test_offline', webhookSecret: TEST_STRIPE_WEBHOOK_SECRET, appUrl: cfg.appUrl, client });
    const started = await startTopUp(t.db, provider, { accountId: customer.accountId, actor: { userId: customer.id, name: customer.name }, amountFen: 2_000n, limits, description: 'Top-up', now: new Date() });
    const before = await moneyCounts(t.db);
    const payload = event('charge.refunded', { id: 'ch_pending', object: 'charge', amount: 2_000, amount_refunded: 2_000, currency: 'cny', payment_intent: 'pi_pending', metadata: { paymentId: started.paymentId } });
    expect((await deliverWebhook('stripe', payload, signed(payload))).status).toBe(422);
    expect((await moneyCounts(t.db)).transfers).toBe(before.transfers);
    expect(await balanceOf(customer.accountId)).toBe(0n);
  });

  it('notices say what happened in both languages', () => {
    const params = { amountFen: '300000', balanceFen: '-15000', payment: 'pay_123' };
    expect(renderNotice('payment_refunded', params, 'en').body).toContain('¥3,000.00');
    expect(renderNotice('payment_charged_back', params, 'zh-CN').title).toBe('充值被拒付');
    expect(renderNotice('chargeback_reversed', params, 'zh-CN').body).toContain('pay_123');
  });
});
