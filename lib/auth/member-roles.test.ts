import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createUserWithAccount } from '@/lib/accounts/customer-accounts';
import { configFrom, type PortalConfig } from '@/lib/config';
import { setProcessConnection } from '@/lib/db/client';
import { accountInvitations, customerAccounts, payments } from '@/lib/db/schema';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { acceptInvitation, inviteMember } from '@/lib/members/invitations';
import { hasRole } from './guard';
import { policyEntries, policyFor } from './policy';
import { actAs as actAsSession, openTestSession } from './testing';
import { getViewer, type Viewer } from './viewer';

/*
 * The member roles in the one guard (issue 17): the policy table says which roles of the account
 * shown may use an entry, and the guard refuses the others, also when an action is called by hand.
 */

vi.mock('next/headers', async () => (await import('./testing')).mockedHeaders({ pathname: '/members', ip: '192.0.2.30' }));

vi.mock('next-intl/server', async () => (await import('./testing')).mockedNextIntlServer());

vi.mock('./viewer', async (importOriginal) => ({ ...(await importOriginal<typeof import('./viewer')>()), getViewer: vi.fn() }));

const { startTopUpAction } = await import('@/lib/payments/actions');
const { inviteMemberAction } = await import('@/lib/members/actions');

describe('the policy table and member roles', () => {
  it('every action limited to some member roles is also refused while support views as the customer', () => {
    const loose = policyEntries().filter((e) => e.kind === 'action' && e.policy.memberRoles && !e.policy.refuseWhileImpersonating);
    expect(loose.map((e) => e.key)).toEqual([]);
  });

  it('top-ups are for owners and billing, members for owners; a viewer reads; support viewing as the customer passes the role check', () => {
    const as = (memberRole: 'owner' | 'billing' | 'viewer' | null, impersonating = false) => ({
      roles: [],
      memberRole,
      impersonation: impersonating ? { accountId: 'A1', reason: 'T-1', startedAt: new Date(), expiresAt: new Date() } : null,
    });
    const topUp = policyFor('lib/payments/actions.ts#startTopUpAction');
    const members = policyFor('/members');
    const charges = policyFor('/charges');
    expect([hasRole(as('owner'), topUp), hasRole(as('billing'), topUp), hasRole(as('viewer'), topUp)]).toEqual([true, true, false]);
    expect([hasRole(as('owner'), members), hasRole(as('billing'), members), hasRole(as('viewer'), members)]).toEqual([true, false, false]);
    expect([hasRole(as('viewer'), charges), hasRole(as(null, true), members)]).toEqual([true, true]);
  });
});

describe.each(testDatabaseKinds())('member roles through the guard on %s', (kind) => {
  let t: TestDatabase;
  let sequence = 0;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    setProcessConnection(t.raw);
    // Demo mode: top-ups start at the embedded sandbox processor (no network).
    const cfg = configFrom({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'portal-members-')), PORT: '3999', NODE_ENV: 'test' });
    (globalThis as { __portalConfig?: PortalConfig }).__portalConfig = cfg;
  });
  afterAll(async () => t?.close());
  beforeEach(() => vi.mocked(getViewer).mockReset());

  const actAs = (sessionId: string): Promise<Viewer> => actAsSession(t.db, sessionId);

  async function person(name: string) {
    sequence += 1;
    const user = await createUserWithAccount(t.db, { email: `${name}-${sequence}@example.test`, emailVerified: true, name, now: new Date() });
    await t.db.update(customerAccounts).set({ declaredAt: new Date(), residence: 'CN' }).where(eq(customerAccounts.id, user.accountId));
    return { ...user, sessionId: await openTestSession(t.db, user.id, { signedInMinutesAgo: 1, lifetimeMs: 3_600_000 }) };
  }

  /** `member` joins `owner`'s account with the role; their session switches to it. */
  async function join(owner: Awaited<ReturnType<typeof person>>, member: Awaited<ReturnType<typeof person>>, role: 'billing' | 'viewer') {
    const invited = await inviteMember(t.db, { accountId: owner.accountId, email: member.email, role, actor: { userId: owner.id, name: owner.name }, appUrl: 'http://portal.test', locale: null, now: new Date() });
    const token = invited.url.split('/invitations/')[1];
    await acceptInvitation(t.db, { token, actor: { userId: member.id, name: member.name, sessionId: member.sessionId }, now: new Date() });
  }

  it('a viewer calling the top-up action by hand is refused and nothing is written; billing may top up', async () => {
    const owner = await person('owner');
    const viewer = await person('viewer');
    const billing = await person('billing');
    await join(owner, viewer, 'viewer');
    await join(owner, billing, 'billing');

    expect(await actAs(viewer.sessionId)).toMatchObject({ accountId: owner.accountId, memberRole: 'viewer' });
    expect(await startTopUpAction({ amount: '100.00' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await t.db.select().from(payments).where(eq(payments.accountId, owner.accountId))).toEqual([]);

    expect(await actAs(billing.sessionId)).toMatchObject({ accountId: owner.accountId, memberRole: 'billing' });
    const started = await startTopUpAction({ amount: '100.00' });
    expect(started).toMatchObject({ ok: true });
    const [payment] = await t.db.select().from(payments).where(eq(payments.accountId, owner.accountId));
    expect(payment).toMatchObject({ accountId: owner.accountId, amountFen: 10_000n });
  });

  it('only an owner invites: billing is refused by the action and no invitation is made', async () => {
    const owner = await person('owner2');
    const billing = await person('billing2');
    await join(owner, billing, 'billing');
    const before = (await t.db.select().from(accountInvitations).where(eq(accountInvitations.accountId, owner.accountId))).length;
    await actAs(billing.sessionId);
    expect(await inviteMemberAction({ email: 'someone@example.test', role: 'owner' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await t.db.select().from(accountInvitations).where(eq(accountInvitations.accountId, owner.accountId))).toHaveLength(before);
    await actAs(owner.sessionId);
    expect(await inviteMemberAction({ email: 'someone@example.test', role: 'viewer' })).toMatchObject({ ok: true });
  });
});
