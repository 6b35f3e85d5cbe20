import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createUserWithAccount, setStaffRole } from '@/lib/accounts/customer-accounts';
import { setProcessConnection, type Db } from '@/lib/db/client';
import { activityRecords, authSessions, customerAccounts, payments, sandboxCheckouts } from '@/lib/db/schema';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { startTopUp } from '@/lib/payments/create-top-up';
import { sandboxProvider } from '@/lib/payments/sandbox-provider';
import { submitSandboxCard } from '@/lib/payments/sandbox/sandbox-checkouts';
import { useTestConfig } from '@/lib/payments/testing';
import { startImpersonation } from './impersonation';
import { actAs as actAsSession, openTestSession } from './testing';
import { getViewer, type Viewer } from './viewer';

/*
 * The guard's session rules, called the way a hand-made request would call them: server actions
 * and routes directly, with the request's viewer taken from the database. An undeclared customer
 * is refused by actions and routes (not only pages); view-as-customer and issuing invoices need a
 * sign-in within 15 minutes; while viewing as a customer no checkout link is returned and the
 * sandbox's checkout is bound to the session that started it.
 */

vi.mock('next/headers', async () => (await import('./testing')).mockedHeaders({ pathname: '/support', ip: '192.0.2.20' }));

vi.mock('next-intl/server', async () => (await import('./testing')).mockedNextIntlServer());

vi.mock('./viewer', async (importOriginal) => ({ ...(await importOriginal<typeof import('./viewer')>()), getViewer: vi.fn() }));

const { startTopUpAction } = await import('@/lib/payments/actions');
const { declare } = await import('@/lib/terms/actions');
const { startViewingAs } = await import('@/lib/auth/actions');
const { issueInvoiceAction, rejectInvoiceAction } = await import('@/lib/invoices/actions');
const { paySandboxCheckout } = await import('@/lib/payments/sandbox/actions');
const { signOutOtherSessions } = await import('./actions');
const chargesRoute = await import('@/app/api/charges/route');
const paymentRoute = await import('@/app/api/payments/[paymentId]/route');

const MIN = 60_000;

/** A session row as a sign-in `minutesAgo` minutes ago would have left it (used just now). */
const openSession = (db: Db, userId: string, minutesAgo: number) => openTestSession(db, userId, { signedInMinutesAgo: minutesAgo, lifetimeMs: 60 * MIN });

describe.each(testDatabaseKinds())('session guards on %s', (kind) => {
  let t: TestDatabase;

  const actAs = (sessionId: string): Promise<Viewer> => actAsSession(t.db, sessionId);

  async function person(name: string, options: { declared?: boolean; role?: 'support' | 'finance' } = {}) {
    const user = await createUserWithAccount(t.db, { email: `${name}@example.test`, emailVerified: true, name, now: new Date() });
    if (options.declared) await t.db.update(customerAccounts).set({ declaredAt: new Date(), residence: 'CN' }).where(eq(customerAccounts.id, user.accountId));
    if (options.role) await setStaffRole(t.db, { email: user.email, role: options.role, grant: true, now: new Date() });
    return user;
  }

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    setProcessConnection(t.raw);
    useTestConfig();
  });
  afterAll(async () => t?.close());
  beforeEach(() => vi.mocked(getViewer).mockReset());

  describe('the first-sign-in declaration', () => {
    it('an undeclared customer cannot top up by calling the action, nor read the history route; nothing is written', async () => {
      const newcomer = await person('newcomer');
      await actAs(await openSession(t.db, newcomer.id, 1));
      const result = await startTopUpAction({ amount: '100.00' });
      expect(result).toMatchObject({ ok: false, error: { code: 'undeclared', message: 'Please complete the first-sign-in declaration before doing this.' } });
      expect(await t.db.select().from(payments).where(eq(payments.accountId, newcomer.accountId))).toEqual([]);
      const response = await chargesRoute.GET(new Request('http://localhost/api/charges'), undefined);
      expect(response.status).toBe(403);
      expect((await response.json()).error.code).toBe('undeclared');
    });

    it('the actions needed before declaring stay allowed: the declaration itself and signing out other sessions', async () => {
      const newcomer = await person('newcomer2');
      await actAs(await openSession(t.db, newcomer.id, 1));
      // An empty declaration gets past the guard and is judged on its content.
      expect(await declare({} as never)).toMatchObject({ ok: false, error: { code: 'invalid' } });
      expect(await signOutOtherSessions({})).toMatchObject({ ok: true });
    });

    it('a declared customer is let through', async () => {
      const declared = await person('declared', { declared: true });
      await actAs(await openSession(t.db, declared.id, 1));
      expect((await chargesRoute.GET(new Request('http://localhost/api/charges'), undefined)).status).toBe(200);
    });
  });

  describe('a recent sign-in for view-as-customer and invoicing', () => {
    it('starting a view-as-customer with a sign-in older than 15 minutes is refused with reauth_required and starts nothing', async () => {
      const customer = await person('viewed', { declared: true });
      const sam = await person('sam-old', { role: 'support' });
      const stale = await openSession(t.db, sam.id, 16);
      await actAs(stale);
      const refused = await startViewingAs({ accountId: customer.accountId, reason: 'T-100 billing question' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'reauth_required' } });
      if (refused.ok) return;
      expect(refused.error.message).toMatch(/sign in again/);
      const [row] = await t.db.select().from(authSessions).where(eq(authSessions.id, stale));
      expect(row.impersonatedAccountId).toBeNull();
      const starts = await t.db.select().from(activityRecords).where(and(eq(activityRecords.accountId, customer.accountId), eq(activityRecords.kind, 'impersonation_start')));
      expect(starts).toEqual([]);

      // Signed in again (a new session, 1 minute old): allowed.
      await actAs(await openSession(t.db, sam.id, 1));
      expect(await startViewingAs({ accountId: customer.accountId, reason: 'T-100 billing question' })).toMatchObject({ ok: true, data: { accountId: customer.accountId } });
    });

    it('issuing an invoice needs a recent sign-in; rejecting one does not', async () => {
      const fiona = await person('fiona-old', { role: 'finance' });
      await actAs(await openSession(t.db, fiona.id, 20));
      const invoiceId = randomUUID();
      expect(await issueInvoiceAction({ invoiceId })).toMatchObject({ ok: false, error: { code: 'reauth_required' } });
      expect(await rejectInvoiceAction({ invoiceId, reason: 'duplicate' })).not.toMatchObject({ error: { code: 'reauth_required' } });
      await actAs(await openSession(t.db, fiona.id, 14));
      expect(await issueInvoiceAction({ invoiceId })).not.toMatchObject({ error: { code: 'reauth_required' } });
    });
  });

  describe('payments while viewing as a customer', () => {
    async function pendingTopUp() {
      const payer = await person(`payer-${randomUUID().slice(0, 8)}`, { declared: true });
      const payerSession = await openSession(t.db, payer.id, 1);
      const started = await startTopUp(t.db, sandboxProvider({ webhookSecret: 'whsec_sandbox_test' }), {
        accountId: payer.accountId,
        actor: { userId: payer.id, name: payer.name },
        amountFen: 5_000n,
        limits: { minFen: 100n, maxFen: 5_000_000n },
        description: 'Top-up',
        sessionId: payerSession,
        now: new Date(),
      });
      const [payment] = await t.db.select().from(payments).where(eq(payments.id, started.paymentId));
      const sam = await person(`sam-${randomUUID().slice(0, 8)}`, { role: 'support' });
      const samSession = await openSession(t.db, sam.id, 1);
      await startImpersonation(t.db, { sessionId: samSession, actor: { userId: sam.id, name: sam.name }, accountId: payer.accountId, reason: 'T-200 payment stuck', now: new Date() });
      return { payer, payerSession, payment, checkoutId: payment.providerPaymentId as string, samSession };
    }

    const getPayment = (paymentId: string) =>
      paymentRoute.GET(new Request(`http://localhost/api/payments/${paymentId}`), { params: Promise.resolve({ paymentId }) });

    it('the payment status route returns the checkout link to the customer, never to support viewing as them', async () => {
      const { payment, payerSession, samSession } = await pendingTopUp();
      await actAs(payerSession);
      expect(await (await getPayment(payment.id)).json()).toMatchObject({ status: 'pending', checkoutUrl: `/sandbox-pay/${payment.providerPaymentId}` });
      await actAs(samSession);
      const asSupport = await getPayment(payment.id);
      expect(asSupport.status).toBe(200);
      expect(await asSupport.json()).toMatchObject({ status: 'pending', checkoutUrl: null });
    });

    it('nobody but the session that started it can pay the sandbox checkout: not support viewing as the customer, not another user', async () => {
      const { checkoutId, payerSession, samSession, payment } = await pendingTopUp();
      const card = { checkoutId, cardNumber: '4242 4242 4242 4242', expiry: '12/34', cvc: '123' };
      await actAs(samSession);
      expect(await paySandboxCheckout(card)).toMatchObject({ ok: false });
      const stranger = await person(`stranger-${randomUUID().slice(0, 8)}`, { declared: true });
      await actAs(await openSession(t.db, stranger.id, 1));
      expect(await paySandboxCheckout(card)).toMatchObject({ ok: false });
      const [checkout] = await t.db.select().from(sandboxCheckouts).where(eq(sandboxCheckouts.id, checkoutId));
      expect(checkout).toMatchObject({ status: 'open', payerSessionId: payerSession, cardLast4: null });
      // Even with the customer's own account, another of their sessions is someone else.
      const otherOwnSession = await openSession(t.db, payment.createdByUserId, 1);
      expect(await submitSandboxCard(t.db, checkoutId, { cardNumber: '4242424242424242', expiry: '12/34', cvc: '123' }, new Date(), otherOwnSession)).toEqual({ ok: false, code: 'not_found' });
      // The session that started it can.
      expect(await submitSandboxCard(t.db, checkoutId, { cardNumber: '4242424242424242', expiry: '12/34', cvc: '123' }, new Date(), payerSession)).toMatchObject({ ok: true });
    });
  });
});
