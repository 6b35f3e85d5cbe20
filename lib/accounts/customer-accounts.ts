import { randomInt } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { accountMembers, customerAccounts, identities, userRoles, users, type StaffRole } from '@/lib/db/schema';

/** Account ids are shown to customers and typed by support: `A` and nine digits. */
export function newAccountId(): string {
  return `A${randomInt(100_000_000, 1_000_000_000)}`;
}

export interface NewUser {
  email: string;
  /** A provider vouched for the email; default false. */
  emailVerified?: boolean;
  name: string;
  accountId?: string;
  kind?: 'individual' | 'organization';
  now: Date;
}

/** Creates a user with a new customer account of their own, in one transaction (a trigger makes them its owner). */
export async function createUserWithAccount(db: Db, input: NewUser) {
  return db.transaction(async (tx) => {
    const accountId = input.accountId ?? newAccountId();
    await tx.insert(customerAccounts).values({ id: accountId, name: input.name, kind: input.kind ?? 'individual', createdAt: input.now });
    const [user] = await tx
      .insert(users)
      .values({ email: input.email.toLowerCase(), emailVerified: input.emailVerified ?? false, name: input.name, accountId, createdAt: input.now })
      .returning();
    return user;
  });
}

/**
 * A new account of their own for a user who belongs to no account any more (every owner removed
 * them): they become its owner, and it is the account their sessions start on.
 */
export async function createAccountForUser(db: Db, input: { userId: string; name: string; now: Date }): Promise<string> {
  return db.transaction(async (tx) => {
    const accountId = newAccountId();
    await tx.insert(customerAccounts).values({ id: accountId, name: input.name, kind: 'individual', createdAt: input.now });
    await tx.insert(accountMembers).values({ accountId, userId: input.userId, role: 'owner', createdAt: input.now });
    await tx.update(users).set({ accountId }).where(eq(users.id, input.userId));
    return accountId;
  });
}

export async function findUserByEmail(db: Db, email: string) {
  const [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return user ?? null;
}

export async function findUserByIdentity(db: Db, provider: string, subject: string) {
  const [row] = await db
    .select({ user: users })
    .from(identities)
    .innerJoin(users, eq(users.id, identities.userId))
    .where(and(eq(identities.provider, provider), eq(identities.subject, subject)));
  return row?.user ?? null;
}

export async function linkIdentity(db: Db, input: { provider: string; subject: string; userId: string; email: string | null; emailVerified?: boolean; now: Date }) {
  await db
    .insert(identities)
    .values({ provider: input.provider, subject: input.subject, userId: input.userId, email: input.email, emailVerified: input.emailVerified ?? false, createdAt: input.now })
    .onConflictDoNothing();
}

export async function rolesOf(db: Db, userId: string): Promise<StaffRole[]> {
  const rows = await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId));
  return rows.map((r) => r.role);
}

export class UnknownUserError extends Error {}

/** Grants or revokes a staff role by email (the `npm run roles` command). Idempotent. */
export async function setStaffRole(db: Db, input: { email: string; role: StaffRole; grant: boolean; now: Date }): Promise<void> {
  const user = await findUserByEmail(db, input.email);
  if (!user) throw new UnknownUserError(`No user with email ${input.email}: they must sign in once first.`);
  if (input.grant) {
    await db.insert(userRoles).values({ userId: user.id, role: input.role, grantedAt: input.now }).onConflictDoNothing();
  } else {
    await db.delete(userRoles).where(and(eq(userRoles.userId, user.id), eq(userRoles.role, input.role)));
  }
}
