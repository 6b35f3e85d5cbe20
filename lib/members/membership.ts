import { and, eq, inArray, isNull, max, or, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { jsonRows, readJson, type JsonRead } from '@/lib/db/read-together';
import { recordActivity } from '@/lib/audit/record-activity';
import { activityActor, type ActorRef } from '@/lib/audit/actor';
import { accountMembers, authSessions, customerAccounts, identities, users, type MemberRole } from '@/lib/db/schema';
import { MemberError } from './member-error';

export interface Membership {
  accountId: string;
  accountName: string;
  role: MemberRole;
}

/** The user's role on the account, or null when they are not a member. */
export async function memberRoleOf(db: Db, accountId: string, userId: string): Promise<MemberRole | null> {
  const [row] = await db
    .select({ role: accountMembers.role })
    .from(accountMembers)
    .where(and(eq(accountMembers.accountId, accountId), eq(accountMembers.userId, userId)));
  return row?.role ?? null;
}

/** Every account the user may use, the oldest membership first (the user menu's switcher). */
export function membershipsRead(userId: string): JsonRead<Membership[]> {
  return {
    json: jsonRows(
      sql`select m.account_id as "accountId", c.name as "accountName", m.role
          from ${accountMembers} m join ${customerAccounts} c on c.id = m.account_id
          where m.user_id = ${userId}
          order by m.created_at, m.account_id`,
    ),
    decode: (value) => value as Membership[],
  };
}

export async function membershipsOf(db: Db, userId: string): Promise<Membership[]> {
  return readJson(db, membershipsRead(userId));
}

/**
 * The account a new session of the user starts on: the account made with them while they are still
 * its member, else their oldest membership; null when they belong to none.
 */
export async function startingAccountOf(db: Db, user: { id: string; accountId: string }): Promise<string | null> {
  const memberships = await membershipsOf(db, user.id);
  return memberships.find((m) => m.accountId === user.accountId)?.accountId ?? memberships[0]?.accountId ?? null;
}

export interface MemberListEntry {
  userId: string;
  name: string;
  email: string;
  role: MemberRole;
  joinedAt: Date;
  /** Their last sign-in into this account (a session opened on it), null: none recorded. */
  lastSignInAt: Date | null;
  /** The providers of their linked identities (how they sign in). */
  providers: string[];
}

/** The members of an account: owners first, then by name. */
export async function listMembers(db: Db, accountId: string): Promise<MemberListEntry[]> {
  const rows = await db
    .select({ userId: users.id, name: users.name, email: users.email, role: accountMembers.role, joinedAt: accountMembers.createdAt })
    .from(accountMembers)
    .innerJoin(users, eq(users.id, accountMembers.userId))
    .where(eq(accountMembers.accountId, accountId));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.userId);
  const [signIns, linked] = await Promise.all([
    db
      .select({ userId: authSessions.userId, at: max(authSessions.createdAt) })
      .from(authSessions)
      .where(and(inArray(authSessions.userId, ids), or(eq(authSessions.accountId, accountId), and(isNull(authSessions.accountId), sql`exists (select 1 from ${users} u where u.id = ${authSessions.userId} and u.account_id = ${accountId})`))))
      .groupBy(authSessions.userId),
    db.select({ userId: identities.userId, provider: identities.provider }).from(identities).where(inArray(identities.userId, ids)),
  ]);
  const order: Record<MemberRole, number> = { owner: 0, billing: 1, viewer: 2 };
  return rows
    .map((r) => ({
      ...r,
      lastSignInAt: signIns.find((s) => s.userId === r.userId)?.at ?? null,
      providers: [...new Set(linked.filter((l) => l.userId === r.userId).map((l) => l.provider))].sort(),
    }))
    .sort((a, b) => order[a.role] - order[b.role] || a.name.localeCompare(b.name));
}

/** Locks the account's members (the account row): two owners demoting each other can't both win. */
async function lockMembers(tx: Db, accountId: string): Promise<void> {
  await tx.select({ id: customerAccounts.id }).from(customerAccounts).where(eq(customerAccounts.id, accountId)).for('update');
}

async function ownerCount(tx: Db, accountId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(accountMembers)
    .where(and(eq(accountMembers.accountId, accountId), eq(accountMembers.role, 'owner')));
  return row.n;
}

async function memberOf(tx: Db, accountId: string, userId: string) {
  const [row] = await tx
    .select({ role: accountMembers.role, email: users.email, name: users.name })
    .from(accountMembers)
    .innerJoin(users, eq(users.id, accountMembers.userId))
    .where(and(eq(accountMembers.accountId, accountId), eq(accountMembers.userId, userId)));
  return row ?? null;
}

/**
 * Changes a member's role. The last owner can't be demoted (an account always has an owner):
 * MemberError `last_owner`; `not_member` when they are not a member.
 */
export async function changeMemberRole(db: Db, input: { accountId: string; userId: string; role: MemberRole; actor: ActorRef; now: Date }): Promise<void> {
  await db.transaction(async (tx) => {
    await lockMembers(tx, input.accountId);
    const member = await memberOf(tx, input.accountId, input.userId);
    if (!member) throw new MemberError('not_member');
    if (member.role === input.role) return;
    if (member.role === 'owner' && (await ownerCount(tx, input.accountId)) <= 1) throw new MemberError('last_owner');
    await tx.update(accountMembers).set({ role: input.role }).where(and(eq(accountMembers.accountId, input.accountId), eq(accountMembers.userId, input.userId)));
    await recordActivity(tx, {
      accountId: input.accountId,
      ...activityActor(input.actor),
      kind: 'member_role_changed',
      details: { member: member.email, memberName: member.name, from: member.role, to: input.role },
      at: input.now,
    });
  });
}

/**
 * Removes a member (or lets one leave: actor = member). Their sessions on this account end at once;
 * the last owner can't be removed (MemberError `last_owner`; `not_member` when they are not a member).
 */
export async function removeMember(db: Db, input: { accountId: string; userId: string; actor: ActorRef; now: Date }): Promise<void> {
  await db.transaction(async (tx) => {
    await lockMembers(tx, input.accountId);
    const member = await memberOf(tx, input.accountId, input.userId);
    if (!member) throw new MemberError('not_member');
    if (member.role === 'owner' && (await ownerCount(tx, input.accountId)) <= 1) throw new MemberError('last_owner');
    await tx.delete(accountMembers).where(and(eq(accountMembers.accountId, input.accountId), eq(accountMembers.userId, input.userId)));
    await endSessionsOn(tx, { accountId: input.accountId, userId: input.userId, now: input.now });
    await recordActivity(tx, {
      accountId: input.accountId,
      ...activityActor(input.actor),
      kind: input.actor.userId === input.userId ? 'member_left' : 'member_removed',
      details: { member: member.email, memberName: member.name, role: member.role },
      at: input.now,
    });
  });
}

/** Revokes the user's live sessions that use this account (a legacy session: their own account). */
async function endSessionsOn(tx: Db, input: { accountId: string; userId: string; now: Date }): Promise<void> {
  const [user] = await tx.select({ accountId: users.accountId }).from(users).where(eq(users.id, input.userId));
  const onAccount =
    user?.accountId === input.accountId ? or(eq(authSessions.accountId, input.accountId), isNull(authSessions.accountId)) : eq(authSessions.accountId, input.accountId);
  await tx
    .update(authSessions)
    .set({ revokedAt: input.now })
    .where(and(eq(authSessions.userId, input.userId), onAccount, isNull(authSessions.revokedAt)));
}

/**
 * Switches a session of the actor to another account of theirs. The account id comes from the
 * user's choice, so it is checked against their memberships here (MemberError `not_member`); every
 * query afterwards takes it from the session.
 */
export async function switchSessionAccount(db: Db, input: { sessionId: string; accountId: string; actor: ActorRef; now: Date }): Promise<void> {
  const userId = input.actor.userId;
  const role = await memberRoleOf(db, input.accountId, userId);
  if (!role) throw new MemberError('not_member', { messageKey: 'members.switcher.notMember' });
  await db.update(authSessions).set({ accountId: input.accountId }).where(and(eq(authSessions.id, input.sessionId), eq(authSessions.userId, userId)));
  await recordActivity(db, { accountId: input.accountId, ...activityActor(input.actor), kind: 'account_switched', details: { role }, at: input.now });
}
