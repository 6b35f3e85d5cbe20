import { and, eq, gt, isNull, ne } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { authSessions } from '@/lib/db/schema';
import { createUserWithAccount, findUserByEmail, findUserByIdentity, linkIdentity } from '@/lib/accounts/customer-accounts';
import { recordActivity } from '@/lib/audit/record-activity';

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export interface SignInAttempt {
  provider: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  ip: string | null;
  userAgent: string | null;
  now: Date;
}

export class SignInRefusedError extends Error {}

/**
 * Resolves a third-party sign-in to a user (linking the identity, or creating the user and their
 * customer account on first sign-in) and opens a server-side session. Returns the session id the
 * cookie will carry.
 */
export async function completeSignIn(db: Db, attempt: SignInAttempt): Promise<{ sessionId: string; userId: string; created: boolean }> {
  let created = false;
  let user = await findUserByIdentity(db, attempt.provider, attempt.subject);
  if (!user) {
    if (!attempt.email) throw new SignInRefusedError('The identity provider did not share an email address.');
    const existing = await findUserByEmail(db, attempt.email);
    if (existing) {
      // Linking by email is only safe when the provider vouches for the address.
      if (!attempt.emailVerified) throw new SignInRefusedError('This email address belongs to another sign-in and is not verified by the provider.');
      user = existing;
    } else {
      user = await createUserWithAccount(db, { email: attempt.email, name: attempt.name || attempt.email.split('@')[0], now: attempt.now });
      created = true;
    }
    await linkIdentity(db, { provider: attempt.provider, subject: attempt.subject, userId: user.id, email: attempt.email, now: attempt.now });
  }
  const [session] = await db
    .insert(authSessions)
    .values({
      userId: user.id,
      provider: attempt.provider,
      ip: attempt.ip,
      userAgent: attempt.userAgent,
      createdAt: attempt.now,
      lastSeenAt: attempt.now,
      expiresAt: new Date(attempt.now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
    })
    .returning({ id: authSessions.id });
  await recordActivity(db, {
    accountId: user.accountId,
    actorUserId: user.id,
    actorName: user.name,
    kind: 'sign_in',
    ip: attempt.ip,
    userAgent: attempt.userAgent,
    details: { provider: attempt.provider, newUser: created },
    at: attempt.now,
  });
  return { sessionId: session.id, userId: user.id, created };
}

export async function revokeSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.update(authSessions).set({ revokedAt: now }).where(and(eq(authSessions.id, sessionId), isNull(authSessions.revokedAt)));
}

/** Signs out every other live session of the user; returns how many were revoked. */
export async function revokeOtherSessions(db: Db, input: { userId: string; keepSessionId: string; now: Date }): Promise<number> {
  const revoked = await db
    .update(authSessions)
    .set({ revokedAt: input.now })
    .where(
      and(
        eq(authSessions.userId, input.userId),
        ne(authSessions.id, input.keepSessionId),
        isNull(authSessions.revokedAt),
        gt(authSessions.expiresAt, input.now),
      ),
    )
    .returning({ id: authSessions.id });
  return revoked.length;
}
