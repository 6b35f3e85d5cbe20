import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { recordActivity } from '@/lib/audit/record-activity';
import { identities, users } from '@/lib/db/schema';
import type { Actor, ActorRef } from './actor';

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

/** The user (lib/auth/actor.ts) and the account in use, whose activity log gets the record. */
export type IdentityActor = ActorRef & Pick<Actor, 'accountId'>;

export type UnlinkResult = { ok: true } | { ok: false; code: 'not_found' | 'last_identity' };

/** Unlinks one of the user's identities; never the last (the user could not sign in any more). */
export async function unlinkIdentity(db: Db, input: { provider: string; subject: string; actor: IdentityActor; now: Date }): Promise<UnlinkResult> {
  return db.transaction(async (tx) => {
    // The user row is the lock: two unlinks at once can't remove the last two.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, input.actor.userId)).for('update');
    const owned = await tx.select({ provider: identities.provider, subject: identities.subject }).from(identities).where(eq(identities.userId, input.actor.userId));
    if (!owned.some((i) => i.provider === input.provider && i.subject === input.subject)) return { ok: false, code: 'not_found' } as const;
    if (owned.length <= 1) return { ok: false, code: 'last_identity' } as const;
    await tx
      .delete(identities)
      .where(and(eq(identities.userId, input.actor.userId), eq(identities.provider, input.provider), eq(identities.subject, input.subject)));
    await recordActivity(tx, {
      accountId: input.actor.accountId,
      actorUserId: input.actor.userId,
      actorName: input.actor.name,
      kind: 'identity_unlinked',
      ip: input.actor.ip,
      userAgent: input.actor.userAgent,
      details: { provider: input.provider },
      at: input.now,
    });
    return { ok: true } as const;
  });
}

export type LinkResult = { ok: true; alreadyLinked: boolean } | { ok: false; code: 'identity_in_use' };

/**
 * Links a provider's identity to the signed-in user who asked for it (the user went through that
 * provider's sign-in from `/account/identities`). An identity of another user is refused.
 */
export async function linkIdentityToUser(
  db: Db,
  input: { provider: string; subject: string; email: string | null; emailVerified: boolean; actor: IdentityActor; now: Date },
): Promise<LinkResult> {
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ userId: identities.userId })
      .from(identities)
      .where(and(eq(identities.provider, input.provider), eq(identities.subject, input.subject)));
    if (existing && existing.userId !== input.actor.userId) return { ok: false, code: 'identity_in_use' } as const;
    if (existing) {
      await tx.update(identities).set({ lastUsedAt: input.now }).where(and(eq(identities.provider, input.provider), eq(identities.subject, input.subject)));
      return { ok: true, alreadyLinked: true } as const;
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
      accountId: input.actor.accountId,
      actorUserId: input.actor.userId,
      actorName: input.actor.name,
      kind: 'identity_linked',
      ip: input.actor.ip,
      userAgent: input.actor.userAgent,
      details: { provider: input.provider, email: input.email },
      at: input.now,
    });
    return { ok: true, alreadyLinked: false } as const;
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
