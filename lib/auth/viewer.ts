import { cache } from 'react';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { cookies } from 'next/headers';
import { config } from '@/lib/config';
import type { Db } from '@/lib/db/client';
import { getDb } from '@/lib/db/client';
import { accountMembers, authSessions, customerAccounts, userRoles, users, type MemberRole, type StaffRole } from '@/lib/db/schema';
import { endImpersonation } from './impersonation';
import { sessionClassOf, sessionEndsAt, shouldTouch } from './session-policy';
import { sessionIdOfToken, sessionTokenOf } from './session-token';

export type Locale = 'en' | 'zh-CN';

export interface Impersonation {
  accountId: string;
  reason: string;
  startedAt: Date;
  expiresAt: Date;
}

/** Who is asking, resolved from the session cookie and checked against the server-side session row. */
export interface Viewer {
  userId: string;
  email: string;
  name: string;
  locale: Locale | null;
  roles: StaffRole[];
  sessionId: string;
  /** The provider of this session's sign-in, and when it happened (the recent-sign-in rule). */
  provider: string;
  signedInAt: Date;
  /** The customer account being shown: the impersonated one while support impersonates. */
  accountId: string;
  /** The account this session uses (the user is a member of it; switched from the user menu). */
  ownAccountId: string;
  /**
   * The user's role on the account shown; null while support views as a customer (they see what
   * an owner sees, and everything that changes the account is refused by the policy table).
   */
  memberRole: MemberRole | null;
  impersonation: Impersonation | null;
  /** The shown account has made its first-sign-in declaration. */
  declared: boolean;
}

/**
 * Loads the viewer of a session id, or null when the session is unknown, revoked or expired —
 * by its stored end, or by the idle and absolute limits of its class (staff or customer, by the
 * user's roles now, so a role granted later shortens a running session too).
 */
export async function loadViewer(db: Db, sessionId: string, now: Date): Promise<Viewer | null> {
  // One statement (every page and route asks it first): the session and its user; the account in
  // use and the user's role on it, from the server (a member removed from it — or a session from
  // before memberships whose user no longer belongs to their own account — ends here); the staff
  // roles; and whether the account in use and the one support views as have declared.
  const ownAccount = sql`coalesce(${authSessions.accountId}, ${users.accountId})`;
  const [row] = await db
    .select({
      session: authSessions,
      user: users,
      ownRole: sql<MemberRole | null>`(select m.role from ${accountMembers} m where m.account_id = ${ownAccount} and m.user_id = ${users.id})`,
      roles: sql<unknown>`(select coalesce(json_agg(r.role), '[]'::json) from ${userRoles} r where r.user_id = ${users.id})`,
      ownDeclared: sql<boolean>`exists (select 1 from ${customerAccounts} c where c.id = ${ownAccount} and c.declared_at is not null)`,
      viewedDeclared: sql<boolean>`exists (select 1 from ${customerAccounts} c where c.id = ${authSessions.impersonatedAccountId} and c.declared_at is not null)`,
    })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .where(and(eq(authSessions.id, sessionId), isNull(authSessions.revokedAt), gt(authSessions.expiresAt, now)));
  if (!row) return null;
  const { session, user, ownRole } = row;
  const ownAccountId = session.accountId ?? user.accountId;
  const roles = (typeof row.roles === 'string' ? JSON.parse(row.roles) : row.roles) as StaffRole[];
  if (!ownRole) {
    await db.update(authSessions).set({ revokedAt: now }).where(and(eq(authSessions.id, session.id), isNull(authSessions.revokedAt)));
    return null;
  }
  const endsAt = sessionEndsAt({ signedInAt: session.createdAt, lastSeenAt: session.lastSeenAt }, sessionClassOf(roles));
  if (endsAt <= now) {
    // Record the end where every other reader looks (session lists, the impersonation sweep).
    await db.update(authSessions).set({ expiresAt: endsAt }).where(and(eq(authSessions.id, session.id), gt(authSessions.expiresAt, endsAt)));
    if (session.impersonatedAccountId) await endImpersonation(db, { sessionId: session.id, now, cause: 'expired' });
    return null;
  }
  if (shouldTouch(session.lastSeenAt, now)) {
    await db.update(authSessions).set({ lastSeenAt: now }).where(eq(authSessions.id, session.id));
  }
  let impersonation =
    session.impersonatedAccountId && session.impersonationExpiresAt && session.impersonationExpiresAt > now
      ? {
          accountId: session.impersonatedAccountId,
          reason: session.impersonationReason ?? '',
          startedAt: session.impersonationStartedAt ?? now,
          expiresAt: session.impersonationExpiresAt,
        }
      : null;
  if (impersonation && !roles.includes('support')) impersonation = null;
  // An impersonation that expired (or whose support role was taken away) ends at this request.
  if (session.impersonatedAccountId && !impersonation) {
    await endImpersonation(db, { sessionId: session.id, now, cause: roles.includes('support') ? 'expired' : 'role_revoked' });
  }
  const accountId = impersonation?.accountId ?? ownAccountId;
  const declared = accountId === ownAccountId ? row.ownDeclared : row.viewedDeclared;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale === 'zh-CN' || user.locale === 'en' ? user.locale : null,
    roles,
    sessionId: session.id,
    provider: session.provider,
    signedInAt: session.createdAt,
    accountId,
    ownAccountId,
    memberRole: impersonation ? null : ownRole,
    impersonation,
    declared,
  };
}

/** The viewer of the current request (cached per request), or null when signed out. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const store = await cookies();
  const token = sessionTokenOf({ get: (name) => store.get(name)?.value });
  if (!token) return null;
  const now = new Date();
  const sessionId = await sessionIdOfToken(token, config().authSecret, now);
  if (!sessionId) return null;
  return loadViewer(getDb(), sessionId, now);
});
