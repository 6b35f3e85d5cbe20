import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithAccount, setStaffRole } from '@/lib/accounts/customer-accounts';
import { accountMembers, authSessions, customerAccounts } from '@/lib/db/schema';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { startImpersonation } from './impersonation';
import { openTestSession } from './testing';
import { loadViewer } from './viewer';

/** The viewer of a session: one read of the session, the user, their roles and the declarations. */
describe.each(testDatabaseKinds())('loadViewer on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  const person = async (name: string, declared: boolean) => {
    const user = await createUserWithAccount(t.db, { email: `${name}@example.test`, emailVerified: true, name, now: new Date() });
    if (declared) await t.db.update(customerAccounts).set({ declaredAt: new Date(), residence: 'CN' }).where(eq(customerAccounts.id, user.accountId));
    return user;
  };

  it('a customer: their account, their member role, no staff roles, and whether the account has declared', async () => {
    const undeclared = await person('viewer-new', false);
    const declared = await person('viewer-old', true);
    const a = await loadViewer(t.db, await openTestSession(t.db, undeclared.id), new Date());
    const b = await loadViewer(t.db, await openTestSession(t.db, declared.id), new Date());
    expect(a).toMatchObject({ userId: undeclared.id, accountId: undeclared.accountId, ownAccountId: undeclared.accountId, memberRole: 'owner', roles: [], declared: false, impersonation: null });
    expect(b).toMatchObject({ userId: declared.id, accountId: declared.accountId, memberRole: 'owner', roles: [], declared: true });
  });

  it('staff roles are all listed, and a session on an account the user was removed from ends', async () => {
    const staff = await person('viewer-staff', true);
    await setStaffRole(t.db, { email: staff.email, role: 'support', grant: true, now: new Date() });
    await setStaffRole(t.db, { email: staff.email, role: 'finance', grant: true, now: new Date() });
    const sessionId = await openTestSession(t.db, staff.id);
    expect([...((await loadViewer(t.db, sessionId, new Date()))?.roles ?? [])].sort()).toEqual(['finance', 'support']);
    await t.db.delete(accountMembers).where(eq(accountMembers.userId, staff.id));
    expect(await loadViewer(t.db, sessionId, new Date())).toBeNull();
    const [row] = await t.db.select({ revokedAt: authSessions.revokedAt }).from(authSessions).where(eq(authSessions.id, sessionId));
    expect(row.revokedAt).not.toBeNull();
  });

  it('support viewing as a customer: the account shown is the customer’s, with its declaration, and no member role', async () => {
    const support = await person('viewer-support', true);
    await setStaffRole(t.db, { email: support.email, role: 'support', grant: true, now: new Date() });
    const declaredCustomer = await person('viewer-cust-declared', true);
    const undeclaredCustomer = await person('viewer-cust-new', false);
    for (const [customer, declared] of [[declaredCustomer, true], [undeclaredCustomer, false]] as const) {
      const sessionId = await openTestSession(t.db, support.id);
      await startImpersonation(t.db, { sessionId, actor: { userId: support.id, name: support.name }, accountId: customer.accountId, reason: 'Customer asked about a charge', now: new Date() });
      const viewer = await loadViewer(t.db, sessionId, new Date());
      expect(viewer).toMatchObject({ accountId: customer.accountId, ownAccountId: support.accountId, memberRole: null, declared, impersonation: { accountId: customer.accountId } });
    }
  });
});
