import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createUserWithAccount, setStaffRole } from '@/lib/accounts/customer-accounts';
import { setProcessConnection, type Db } from '@/lib/db/client';
import { accountContacts, activityRecords, authSessions, payments } from '@/lib/db/schema';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { startImpersonation } from './impersonation';
import { actAs as actAsSession, openTestSession } from './testing';
import { getViewer, type Viewer } from './viewer';

/*
 * The server refuses money-moving and contact-changing actions while support views as a
 * customer, whatever the browser shows: these tests call the server actions and the route
 * directly, as a hand-made request would, with the request's viewer taken from the database.
 */

vi.mock('next/headers', async () => (await import('./testing')).mockedHeaders({ pathname: '/contact', ip: '192.0.2.10' }));

vi.mock('next-intl/server', async () => (await import('./testing')).mockedNextIntlServer());

vi.mock('./viewer', async (importOriginal) => ({ ...(await importOriginal<typeof import('./viewer')>()), getViewer: vi.fn() }));

const { signOutOtherSessions } = await import('./actions');
const contact = await import('@/lib/contact/actions');
const { acknowledgeTerms, recordTermsViewed } = await import('@/lib/terms/actions');
const { declare } = await import('@/lib/terms/actions');
const { startTopUpAction } = await import('@/lib/payments/actions');
const exportRoute = await import('@/app/api/activity/export/route');

const IMPERSONATING = /Not allowed while viewing as a customer/;

const openSession = (db: Db, userId: string) => openTestSession(db, userId);

describe.each(testDatabaseKinds())('actions refused while impersonating on %s', (kind) => {
  let t: TestDatabase;
  let staff: { id: string; name: string; sessionId: string };
  let customer: { id: string; accountId: string; sessionIds: string[] };
  let finance: { sessionId: string };

  const actAs = (sessionId: string): Promise<Viewer> => actAsSession(t.db, sessionId);

  const refusedRecords = () =>
    t.db
      .select()
      .from(activityRecords)
      .where(and(eq(activityRecords.accountId, customer.accountId), eq(activityRecords.kind, 'impersonated_action_refused')));

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    setProcessConnection(t.raw);
    const now = new Date();
    const s = await createUserWithAccount(t.db, { email: 'sam@example.test', name: 'Sam Support', now });
    await setStaffRole(t.db, { email: s.email, role: 'support', grant: true, now });
    staff = { id: s.id, name: s.name, sessionId: await openSession(t.db, s.id) };
    const c = await createUserWithAccount(t.db, { email: 'alice@example.test', name: 'Alice', now });
    customer = { id: c.id, accountId: c.accountId, sessionIds: [await openSession(t.db, c.id), await openSession(t.db, c.id)] };
    const f = await createUserWithAccount(t.db, { email: 'fiona@example.test', name: 'Fiona', now });
    await setStaffRole(t.db, { email: f.email, role: 'finance', grant: true, now });
    finance = { sessionId: await openSession(t.db, f.id) };
    await startImpersonation(t.db, { sessionId: staff.sessionId, actor: { userId: staff.id, name: staff.name }, accountId: customer.accountId, reason: 'T-4711 help with contacts', now });
  });
  afterAll(async () => t?.close());
  beforeEach(() => vi.mocked(getViewer).mockReset());

  it('refuses top-ups, every contact change and verification, terms acknowledgement and view records, the declaration and signing out sessions, and records each attempt', async () => {
    const viewer = await actAs(staff.sessionId);
    expect(viewer.accountId).toBe(customer.accountId);
    const attempts: Array<[string, () => Promise<{ ok: boolean; error?: { code: string; message: string } }>]> = [
      ['top_up', () => startTopUpAction({ amount: '100.00' })],
      ['contact_request_code', () => contact.requestContactCode({ channel: 'email', value: 'mallory@example.test' })],
      ['contact_verify', () => contact.verifyContact({ channel: 'email', code: '123456' })],
      ['contact_cancel_change', () => contact.cancelContactChange({ channel: 'email' })],
      ['contact_postal_address', () => contact.savePostalAddress({ postalAddress: 'Somewhere else' })],
      ['contact_statement', () => contact.saveStatementPreference({ enabled: true })],
      ['contact_confirm_accuracy', () => contact.confirmAccuracy({})],
      ['terms_acknowledge', () => acknowledgeTerms({ version: 1 })],
      ['terms_view', () => recordTermsViewed({ version: 1, via: 'terms_page' })],
      ['terms_declaration', () => declare({} as never)],
      ['sign_out_other_sessions', () => signOutOtherSessions({})],
    ];
    for (const [name, attempt] of attempts) {
      const result = await attempt();
      expect(result, name).toMatchObject({ ok: false, error: { code: 'impersonating' } });
      expect(result.error?.message, name).toMatch(IMPERSONATING);
    }
    const records = await refusedRecords();
    expect(records.map((r) => r.details.action).sort()).toEqual(attempts.map(([name]) => name).sort());
    expect(records[0]).toMatchObject({ actorUserId: staff.id, actorName: 'Sam Support', impersonation: true, ip: '192.0.2.10' });
    expect(records[0].details.reason).toBe('T-4711 help with contacts');

    // Nothing changed: no payment, no contact row, and the customer's sessions and the staff member's are all live.
    expect(await t.db.select().from(accountContacts).where(eq(accountContacts.accountId, customer.accountId))).toEqual([]);
    expect(await t.db.select().from(payments).where(eq(payments.accountId, customer.accountId))).toEqual([]);
    const live = await t.db.select({ id: authSessions.id }).from(authSessions).where(isNull(authSessions.revokedAt));
    expect(live.map((r) => r.id)).toEqual(expect.arrayContaining([...customer.sessionIds, staff.sessionId]));
  });

  it('the same action is the customer’s own to take when it is the customer asking', async () => {
    await actAs(customer.sessionIds[0]);
    const result = await signOutOtherSessions({});
    expect(result).toMatchObject({ ok: true, data: { count: 1 } });
    const [other] = await t.db.select().from(authSessions).where(eq(authSessions.id, customer.sessionIds[1]));
    expect(other.revokedAt).not.toBeNull();
  });

  it('the activity export answers finance and admin only, never support viewing as a customer', async () => {
    const request = () => new Request('http://localhost/api/activity/export?from=2020-01-01&to=2100-12-31&format=jsonl');
    await actAs(staff.sessionId);
    const refused = await exportRoute.GET(request(), undefined);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe('forbidden');

    await actAs(customer.sessionIds[0]);
    expect((await exportRoute.GET(request(), undefined)).status).toBe(403);

    await actAs(finance.sessionId);
    const response = await exportRoute.GET(request(), undefined);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="activity-2020-01-01-to-2100-12-31\.jsonl"/);
    const lines = (await response.text()).trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.some((l) => l.kind === 'impersonation_start' && l.accountId === customer.accountId)).toBe(true);

    const bad = await exportRoute.GET(new Request('http://localhost/api/activity/export?from=2026-13-01&to=2026-01-01'), undefined);
    expect(bad.status).toBe(400);
  });
});
