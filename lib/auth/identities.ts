import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { recordActivity } from '@/lib/audit/record-activity';
import { identities, users } from '@/lib/db/schema';
import { DomainError } from '@/lib/errors';
import { activityActor, type ActorRef } from '@/lib/audit/actor';

/** A third-party sign-in linked to a user, as `/account/identities` lists it. */
export interface LinkedIdentity {
  provider: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  linkedAt: Date;
  lastUsedAt: Date | null;
}

export async function listIdentities(db: Db, userId: string): Promise<LinkedIdentity[]> {
  return db
    .select({
      provider: identities.provider,
      subject: identities.subject,
      email: identities.email,
      emailVerified: identities.emailVerified,
      linkedAt: identities.createdAt,
      lastUsedAt: identities.lastUsedAt,
    })
    .from(identities)
    .where(eq(identities.userId, userId))
    .orderBy(asc(identities.createdAt), asc(identities.provider));
}

export type IdentityErrorCode = 'not_found' | 'last_identity' | 'identity_in_use' | 'unknown_provider';

/** A refused link or unlink; its message is `identities.errors.<code>`. */
export class IdentityError extends DomainError<IdentityErrorCode> {
  constructor(code: IdentityErrorCode) {
    super(code, code, { messageKey: `identities.errors.${code}` });
    this.name = 'IdentityError';
  }
}

/**
 * Unlinks one of the user's identities; never the last (the user could not sign in any more).
 * The record goes to `accountId`, the account their session uses.
 */
export async function unlinkIdentity(db: Db, input: { provider: string; subject: string; accountId: string; actor: ActorRef; now: Date }): Promise<void> {
  await db.transaction(async (tx) => {
    // The user row is the lock: two unlinks at once can't remove the last two.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, input.actor.userId)).for('update');
    const owned = await tx.select({ provider: identities.provider, subject: identities.subject }).from(identities).where(eq(identities.userId, input.actor.userId));
    if (!owned.some((i) => i.provider === input.provider && i.subject === input.subject)) throw new IdentityError('not_found');
    if (owned.length <= 1) throw new IdentityError('last_identity');
    await tx
      .delete(identities)
      .where(and(eq(identities.userId, input.actor.userId), eq(identities.provider, input.provider), eq(identities.subject, input.subject)));
    await recordActivity(tx, { accountId: input.accountId, ...activityActor(input.actor), kind: 'identity_unlinked', details: { provider: input.provider }, at: input.now });
  });
}

/**
 * Links a provider's identity to the signed-in user who asked for it (the user went through that
 * provider's sign-in from `/account/identities`); the record goes to `accountId`, the account their
 * session uses. An identity of another user is refused (`identity_in_use`).
 */
export async function linkIdentityToUser(
  db: Db,
  input: { provider: string; subject: string; email: string | null; emailVerified: boolean; accountId: string; actor: ActorRef; now: Date },
): Promise<{ alreadyLinked: boolean }> {
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ userId: identities.userId })
      .from(identities)
      .where(and(eq(identities.provider, input.provider), eq(identities.subject, input.subject)));
    if (existing && existing.userId !== input.actor.userId) throw new IdentityError('identity_in_use');
    if (existing) {
      await tx.update(identities).set({ lastUsedAt: input.now }).where(and(eq(identities.provider, input.provider), eq(identities.subject, input.subject)));
      return { alreadyLinked: true };
    }
    await tx.insert(identities).values({
      provider: input.provider,
      subject: input.subject,
      userId: input.actor.userId,
      email: input.email,
      emailVerified: input.emailVerified,
      createdAt: input.now,
      lastUsedAt: input.now,
    });
    await recordActivity(tx, {
      accountId: input.accountId,
      ...activityActor(input.actor),
      kind: 'identity_linked',
      details: { provider: input.provider, email: input.email },
      at: input.now,
    });
    return { alreadyLinked: false };
  });
}

/** The user an identity belongs to, or null. */
export async function identityOwner(db: Db, provider: string, subject: string): Promise<string | null> {
  const [row] = await db
    .select({ userId: identities.userId })
    .from(identities)
    .where(sql`${identities.provider} = ${provider} and ${identities.subject} = ${subject}`);
  return row?.userId ?? null;
}
