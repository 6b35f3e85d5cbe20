import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeAccount } from '@/lib/accounts/account-standing';
import { createUserWithAccount } from '@/lib/accounts/customer-accounts';
import { setProcessConnection } from '@/lib/db/client';
import { accountContacts, customerAccounts, invoices, payments } from '@/lib/db/schema';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { actAs, openTestSession } from './testing';

/*
 * A closed account is read-only (issue 15): the server refuses top-ups, invoice requests and title
 * edits, and contact changes with a message saying why, whatever the browser shows. The actions are
 * called directly, as a hand-made request would, with the viewer taken from the database.
 */

vi.mock('next/headers', async () => (await import('./testing')).mockedHeaders({ pathname: '/top-up', ip: '192.0.2.10' }));

vi.mock('next-intl/server', async () => (await import('./testing')).mockedNextIntlServer());

vi.mock('./viewer', async (importOriginal) => ({ ...(await importOriginal<typeof import('./viewer')>()), getViewer: vi.fn() }));

const contact = await import('@/lib/contact/actions');
const invoiceActions = await import('@/lib/invoices/actions');
const { startTopUpAction } = await import('@/lib/payments/actions');

describe.each(testDatabaseKinds())('a closed account is read-only on %s', (kind) => {
  let t: TestDatabase;
  let customer: { id: string; accountId: string; sessionId: string };

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    setProcessConnection(t.raw);
    const now = new Date();
    const c = await createUserWithAccount(t.db, { email: 'closing@example.test', name: 'Closing Customer', now });
    // A customer who made the first-sign-in declaration (an undeclared one is refused before anything else).
    await t.db.update(customerAccounts).set({ declaredAt: now, residence: 'CN' }).where(eq(customerAccounts.id, c.accountId));
    customer = { id: c.id, accountId: c.accountId, sessionId: await openTestSession(t.db, c.id) };
    await expect(closeAccount(t.db, { accountId: c.accountId, confirmation: c.accountId, actor: { userId: c.id, name: c.name }, now })).resolves.toBeUndefined();
    await actAs(t.db, customer.sessionId);
  });
  afterAll(async () => t?.close());

  it('still signs in (the viewer loads), but top-ups, invoice requests and title edits, and contact changes are refused with a message', async () => {
    const attempts: Array<[string, () => Promise<{ ok: boolean; error?: { code: string; message: string } }>]> = [
      ['top_up', () => startTopUpAction({ amount: '100.00' })],
      ['invoice_requested', () => invoiceActions.requestInvoiceAction({ fromMonth: '2026-01', toMonth: '2026-01', titleId: '00000000-0000-4000-8000-000000000000', kind: 'general', recipientEmails: '', expectedGrossFen: '0' })],
      ['contact_request_code', () => contact.requestContactCode({ channel: 'email', value: 'new@example.test' })],
      ['contact_postal_address', () => contact.savePostalAddress({ postalAddress: 'Somewhere else' })],
      ['contact_statement', () => contact.saveStatementPreference({ enabled: true })],
      ['contact_confirm_accuracy', () => contact.confirmAccuracy({})],
    ];
    for (const [name, attempt] of attempts) {
      const result = await attempt();
      expect(result, name).toMatchObject({ ok: false, error: { code: 'account_closed' } });
      expect(result.error?.message, name).toMatch(/This account is closed, so it can only be read/);
    }
    expect(await t.db.select().from(payments).where(eq(payments.accountId, customer.accountId))).toEqual([]);
    expect(await t.db.select().from(invoices).where(eq(invoices.accountId, customer.accountId))).toEqual([]);
    expect(await t.db.select().from(accountContacts).where(eq(accountContacts.accountId, customer.accountId))).toEqual([]);
  });
});
