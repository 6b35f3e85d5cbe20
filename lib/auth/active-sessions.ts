import { and, desc, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { accountMembers, authSessions } from '@/lib/db/schema';

export interface ActiveSession {
  id: string;
  provider: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  /** The session this request came from. */
  current: boolean;
}

/**
 * The live (not signed out, not expired) sessions of a user, or of a customer account's members,
 * most recently used first. Support viewing as a customer sees the customer's sessions, not their own.
 */
export async function listActiveSessions(
  db: Db,
  input: { owner: { userId: string } | { accountId: string }; currentSessionId: string; now: Date },
): Promise<ActiveSession[]> {
  const owner = input.owner;
  const ofOwner =
    'userId' in owner
      ? eq(authSessions.userId, owner.userId)
      : inArray(authSessions.userId, db.select({ id: accountMembers.userId }).from(accountMembers).where(eq(accountMembers.accountId, owner.accountId)));
  const rows = await db
    .select({
      id: authSessions.id,
      provider: authSessions.provider,
      ip: authSessions.ip,
      userAgent: authSessions.userAgent,
      createdAt: authSessions.createdAt,
      lastSeenAt: authSessions.lastSeenAt,
    })
    .from(authSessions)
    .where(and(ofOwner, isNull(authSessions.revokedAt), gt(authSessions.expiresAt, input.now)))
    .orderBy(desc(authSessions.lastSeenAt))
    .limit(100);
  return rows.map((r) => ({ ...r, current: r.id === input.currentSessionId }));
}
