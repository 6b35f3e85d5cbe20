import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { accountMembers, customerAccounts, userRoles, users, type MemberRole, type StaffRole } from '@/lib/db/schema';
import { findUserByEmail } from '@/lib/accounts/customer-accounts';

interface DemoPerson {
  username: string;
  name: string;
  accountId: string;
  kind: 'individual' | 'organization';
  residence: 'CN' | 'other';
  roles: StaffRole[];
  /** Accounts of others they are a member of (issue 17), besides the owner of their own. */
  memberOf?: { accountId: string; role: MemberRole }[];
}

/** The demo cast of CONTRACT.md (plus `ada`, an admin who can publish terms, and `carol`, bob's company's billing clerk). */
export const demoPeople: DemoPerson[] = [
  { username: 'alice', name: 'Alice Wang 王爱丽', accountId: 'A100000001', kind: 'individual', residence: 'CN', roles: [] },
  { username: 'bob', name: '示例科技有限公司 Example Tech Ltd.', accountId: 'A100000002', kind: 'organization', residence: 'CN', roles: [] },
  { username: 'sam', name: 'Sam Support', accountId: 'A100000003', kind: 'individual', residence: 'CN', roles: ['support'] },
  { username: 'fiona', name: 'Fiona Finance', accountId: 'A100000004', kind: 'individual', residence: 'CN', roles: ['finance'] },
  { username: 'ada', name: 'Ada Admin', accountId: 'A100000005', kind: 'individual', residence: 'other', roles: ['admin'] },
  {
    username: 'carol',
    name: 'Carol Clerk',
    accountId: 'A100000006',
    kind: 'individual',
    residence: 'CN',
    roles: [],
    memberOf: [{ accountId: 'A100000002', role: 'billing' }],
  },
];

/** Seeds the demo users idempotently: creates who is missing, never touches who exists. */
export async function seedDemoUsers(db: Db, now: Date): Promise<void> {
  for (const person of demoPeople) {
    const email = `${person.username}@demo.test`;
    if (await findUserByEmail(db, email)) continue;
    await db.transaction(async (tx) => {
      await tx
        .insert(customerAccounts)
        .values({ id: person.accountId, name: person.name, kind: person.kind, residence: person.residence, declaredAt: now, createdAt: now })
        .onConflictDoNothing();
      const [user] = await tx.insert(users).values({ email, emailVerified: true, name: person.name, accountId: person.accountId, createdAt: now }).returning();
      for (const role of person.roles) await tx.insert(userRoles).values({ userId: user.id, role, grantedAt: now }).onConflictDoNothing();
      for (const membership of person.memberOf ?? []) {
        await tx.insert(accountMembers).values({ accountId: membership.accountId, userId: user.id, role: membership.role, createdAt: now }).onConflictDoNothing();
      }
    });
  }
  // Keep the declaration for seeded accounts created before the declaration existed.
  for (const person of demoPeople) {
    const [account] = await db.select().from(customerAccounts).where(eq(customerAccounts.id, person.accountId));
    if (account && !account.declaredAt) await db.update(customerAccounts).set({ declaredAt: now, residence: person.residence }).where(eq(customerAccounts.id, person.accountId));
  }
}
