import { and, eq, gt, isNull, ne } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { authSessions, identities, users } from '@/lib/db/schema';
import { createAccountForUser, createUserWithAccount, findUserByEmail, findUserByIdentity, linkIdentity, rolesOf } from '@/lib/accounts/customer-accounts';
import { startingAccountOf } from '@/lib/members/membership';
import { recordActivity } from '@/lib/audit/record-activity';
import { SESSION_LIMITS, sessionClassOf } from './session-policy';

/** The longest any session lives (a customer's); the cookie's own lifetime. */
export const SESSION_MAX_AGE_SECONDS = SESSION_LIMITS.customer.absoluteMs / 1000;

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

/**
 * Why a sign-in is refused (the sign-in page shows each as `?error=<code>`):
 * - `email_missing`: the provider shared no email address;
 * - `email_unverified`: the provider does not vouch for it (a user is only created, and an identity
 *   only linked, from a verified email — else anyone could pre-create or take over a victim's account);
 * - `account_unverified`: the user with that email was never verified, so nothing is linked into it.
 */
export type SignInRefusal = 'email_missing' | 'email_unverified' | 'account_unverified';

export class SignInRefusedError extends Error {
  constructor(readonly code: SignInRefusal) {
    super(`sign-in refused: ${code}`);
  }
}

/**
 * The identity rules, read-only: null when the attempt may sign in. A known identity always may
 * (it is that user's own); a new one needs a verified email, and links only into a verified user.
 */
export async function signInRefusal(db: Db, attempt: Pick<SignInAttempt, 'provider' | 'subject' | 'email' | 'emailVerified'>): Promise<SignInRefusal | null> {
  if (await findUserByIdentity(db, attempt.provider, attempt.subject)) return null;
  if (!attempt.email) return 'email_missing';
  if (!attempt.emailVerified) return 'email_unverified';
  const existing = await findUserByEmail(db, attempt.email);
  if (existing && !existing.emailVerified) return 'account_unverified';
  return null;
}

/**
 * Resolves a third-party sign-in to a user (linking the identity, or creating the user and their
 * customer account on first sign-in) and opens a server-side session, whose lifetime depends on
 * whether the user is staff. Returns the session id the cookie will carry. Throws
 * SignInRefusedError when `signInRefusal` refuses.
 */
export async function completeSignIn(db: Db, attempt: SignInAttempt): Promise<{ sessionId: string; userId: string; created: boolean }> {
  let created = false;
  const refusal = await signInRefusal(db, attempt);
  if (refusal) throw new SignInRefusedError(refusal);
  let user = await findUserByIdentity(db, attempt.provider, attempt.subject);
  if (!user && attempt.email) {
    const existing = await findUserByEmail(db, attempt.email);
    if (existing) {
      user = existing;
    } else {
      const name = attempt.name || attempt.email.split('@')[0];
      user = await createUserWithAccount(db, { email: attempt.email, emailVerified: true, name, now: attempt.now });
      created = true;
    }
    await linkIdentity(db, { provider: attempt.provider, subject: attempt.subject, userId: user.id, email: attempt.email, emailVerified: true, now: attempt.now });
  } else if (user && attempt.emailVerified && attempt.email) {
    // A known identity whose provider now vouches for the address: remember it (on the user too when it is the same address).
    await db
      .update(identities)
      .set({ email: attempt.email, emailVerified: true })
      .where(and(eq(identities.provider, attempt.provider), eq(identities.subject, attempt.subject)));
    if (!user.emailVerified && user.email.toLowerCase() === attempt.email.toLowerCase()) {
      await db.update(users).set({ emailVerified: true }).where(eq(users.id, user.id));
    }
  }
  if (!user) throw new SignInRefusedError('email_missing');
  await db
    .update(identities)
    .set({ lastUsedAt: attempt.now })
    .where(and(eq(identities.provider, attempt.provider), eq(identities.subject, attempt.subject)));
  // The session starts on the user's own account while they belong to it, else their oldest
  // membership; someone who belongs to no account any more gets a new one of their own.
  const accountId = (await startingAccountOf(db, user)) ?? (await createAccountForUser(db, { userId: user.id, name: user.name, now: attempt.now }));
  const limits = SESSION_LIMITS[sessionClassOf(await rolesOf(db, user.id))];
  const [session] = await db
    .insert(authSessions)
    .values({
      userId: user.id,
      provider: attempt.provider,
      ip: attempt.ip,
      userAgent: attempt.userAgent,
      createdAt: attempt.now,
      lastSeenAt: attempt.now,
      expiresAt: new Date(attempt.now.getTime() + limits.absoluteMs),
      accountId,
    })
    .returning({ id: authSessions.id });
  await recordActivity(db, {
    accountId,
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
