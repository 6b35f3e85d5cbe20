import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { activityActor, type Actor, type ActorRef } from '@/lib/audit/actor';
import type { Db } from '@/lib/db/client';
import { recordActivity } from '@/lib/audit/record-activity';
import { normaliseEmail } from '@/lib/contact/email';
import { accountInvitations, accountMembers, authSessions, customerAccounts, identities, noticeDeliveries, users, type MemberRole } from '@/lib/db/schema';
import { createNotice } from '@/lib/notices/create-notice';
import { messageLocale } from '@/lib/notices/messages';
import { MemberError } from './member-error';

/** An invitation link is valid for 7 days and can be used once. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Only this hash of a link's token is stored. */
export function invitationTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function invitationPath(token: string): string {
  return `/invitations/${token}`;
}

/**
 * Invites someone by email: a new single-use link (valid 7 days), any earlier open invitation of the
 * same address to this account withdrawn, a notice to the account ("x was invited"), and the link
 * to the invitee through the outbox (the link rides only on that one message and is wiped once it
 * has gone). The link is returned so the page can show it once for copying. An invalid address or
 * one of a member already is refused (MemberError on the `email` field).
 */
export async function inviteMember(
  db: Db,
  input: { accountId: string; email: string; role: MemberRole; actor: ActorRef; appUrl: string; locale: string | null; now: Date },
): Promise<{ invitationId: string; url: string; expiresAt: Date }> {
  const normalised = normaliseEmail(input.email);
  if (!normalised.ok) throw new MemberError('invalid_email', { field: 'email' });
  const email = normalised.email;
  const token = randomBytes(32).toString('base64url');
  const url = `${input.appUrl.replace(/\/$/, '')}${invitationPath(token)}`;
  const expiresAt = new Date(input.now.getTime() + INVITATION_TTL_MS);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ userId: accountMembers.userId })
      .from(accountMembers)
      .innerJoin(users, eq(users.id, accountMembers.userId))
      .where(and(eq(accountMembers.accountId, input.accountId), sql`lower(${users.email}) = ${email}`));
    if (existing) throw new MemberError('already_member', { field: 'email' });
    await tx
      .update(accountInvitations)
      .set({ revokedAt: input.now })
      .where(and(eq(accountInvitations.accountId, input.accountId), eq(accountInvitations.email, email), isNull(accountInvitations.acceptedAt), isNull(accountInvitations.revokedAt)));
    const [invitation] = await tx
      .insert(accountInvitations)
      .values({
        accountId: input.accountId,
        email,
        role: input.role,
        tokenHash: invitationTokenHash(token),
        invitedByUserId: input.actor.userId,
        createdAt: input.now,
        expiresAt,
      })
      .returning({ id: accountInvitations.id });
    const [account] = await tx.select({ name: customerAccounts.name }).from(customerAccounts).where(eq(customerAccounts.id, input.accountId));
    const params = { email, role: input.role, invitedBy: input.actor.name };
    const noticeId = await createNotice(tx, { accountId: input.accountId, kind: 'member_invited', params, dedupeKey: `member_invited:${invitation.id}`, now: input.now });
    if (noticeId) {
      await tx.insert(noticeDeliveries).values({
        noticeId,
        accountId: input.accountId,
        channel: 'email',
        destination: email,
        locale: messageLocale(input.locale),
        nextAttemptAt: input.now,
        createdAt: input.now,
        messageParams: { url, accountName: account?.name ?? input.accountId, role: input.role, invitedBy: input.actor.name, expiresAt: expiresAt.toISOString() },
      });
    }
    await recordActivity(tx, { accountId: input.accountId, ...activityActor(input.actor), kind: 'member_invited', details: { email, role: input.role }, at: input.now });
    return { invitationId: invitation.id, url, expiresAt };
  });
}

export interface OpenInvitation {
  id: string;
  email: string;
  role: MemberRole;
  createdAt: Date;
  expiresAt: Date;
}

/** Invitations of the account still waiting to be accepted (not used, withdrawn or expired). */
export async function listOpenInvitations(db: Db, accountId: string, now: Date): Promise<OpenInvitation[]> {
  return db
    .select({ id: accountInvitations.id, email: accountInvitations.email, role: accountInvitations.role, createdAt: accountInvitations.createdAt, expiresAt: accountInvitations.expiresAt })
    .from(accountInvitations)
    .where(and(eq(accountInvitations.accountId, accountId), isNull(accountInvitations.acceptedAt), isNull(accountInvitations.revokedAt), gt(accountInvitations.expiresAt, now)))
    .orderBy(desc(accountInvitations.createdAt));
}

/** Withdraws an open invitation of the account (its link stops working); one no longer open is refused (`not_found`). */
export async function withdrawInvitation(db: Db, input: { accountId: string; invitationId: string; actor: ActorRef; now: Date }): Promise<void> {
  await db.transaction(async (tx) => {
    const rows = await tx
      .update(accountInvitations)
      .set({ revokedAt: input.now })
      .where(
        and(
          eq(accountInvitations.id, input.invitationId),
          eq(accountInvitations.accountId, input.accountId),
          isNull(accountInvitations.acceptedAt),
          isNull(accountInvitations.revokedAt),
        ),
      )
      .returning({ email: accountInvitations.email });
    if (rows.length === 0) throw new MemberError('not_found');
    await recordActivity(tx, { accountId: input.accountId, ...activityActor(input.actor), kind: 'member_invitation_withdrawn', details: { email: rows[0].email }, at: input.now });
  });
}

export type InvitationState = 'valid' | 'expired' | 'used' | 'invalid';

export interface InvitationPreview {
  state: InvitationState;
  /** Shown only for a valid link. */
  accountId?: string;
  accountName?: string;
  role?: MemberRole;
  email?: string;
  expiresAt?: Date;
}

function stateOf(invitation: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date } | undefined, now: Date): InvitationState {
  if (!invitation || invitation.revokedAt) return 'invalid';
  if (invitation.acceptedAt) return 'used';
  if (invitation.expiresAt <= now) return 'expired';
  return 'valid';
}

/** What the invitation page shows for a link: the account and role for a valid one, only its state otherwise. */
export async function previewInvitation(db: Db, token: string, now: Date): Promise<InvitationPreview> {
  const [row] = await db
    .select({ invitation: accountInvitations, accountName: customerAccounts.name })
    .from(accountInvitations)
    .innerJoin(customerAccounts, eq(customerAccounts.id, accountInvitations.accountId))
    .where(eq(accountInvitations.tokenHash, invitationTokenHash(token)));
  const state = stateOf(row?.invitation, now);
  if (state !== 'valid' || !row) return { state };
  const { invitation } = row;
  return { state, accountId: invitation.accountId, accountName: row.accountName, role: invitation.role, email: invitation.email, expiresAt: invitation.expiresAt };
}

/** The addresses a provider vouched for, of the user and of each identity linked to them. */
export async function verifiedEmailsOf(db: Db, userId: string): Promise<string[]> {
  const [user] = await db.select({ email: users.email, verified: users.emailVerified }).from(users).where(eq(users.id, userId));
  const linked = await db
    .select({ email: identities.email })
    .from(identities)
    .where(and(eq(identities.userId, userId), eq(identities.emailVerified, true)));
  const emails = [...(user?.verified ? [user.email] : []), ...linked.map((l) => l.email ?? '')].filter(Boolean).map((e) => e.toLowerCase());
  return [...new Set(emails)];
}

/**
 * Accepts an invitation for the signed-in user (the actor): the link must be valid (else MemberError
 * `expired`, `used` or `invalid`) and one of the user's *verified* emails must be the invited address
 * (`email_mismatch`). The invitation is used up, the user becomes a member with its role, and the
 * actor's session (when given) switches to the account.
 */
export async function acceptInvitation(
  db: Db,
  input: { token: string; actor: ActorRef & Partial<Pick<Actor, 'sessionId'>>; now: Date },
): Promise<{ accountId: string; role: MemberRole; alreadyMember: boolean }> {
  const userId = input.actor.userId;
  return db.transaction(async (tx) => {
    const [invitation] = await tx
      .select()
      .from(accountInvitations)
      .where(eq(accountInvitations.tokenHash, invitationTokenHash(input.token)))
      .for('update');
    const state = stateOf(invitation, input.now);
    if (state !== 'valid') throw new MemberError(state);
    const emails = await verifiedEmailsOf(tx, userId);
    if (!emails.includes(invitation.email.toLowerCase())) throw new MemberError('email_mismatch');
    await tx.update(accountInvitations).set({ acceptedAt: input.now, acceptedByUserId: userId }).where(eq(accountInvitations.id, invitation.id));
    const inserted = await tx
      .insert(accountMembers)
      .values({ accountId: invitation.accountId, userId, role: invitation.role, invitedByUserId: invitation.invitedByUserId, createdAt: input.now })
      .onConflictDoNothing()
      .returning({ role: accountMembers.role });
    const alreadyMember = inserted.length === 0;
    const [membership] = await tx
      .select({ role: accountMembers.role })
      .from(accountMembers)
      .where(and(eq(accountMembers.accountId, invitation.accountId), eq(accountMembers.userId, userId)));
    if (input.actor.sessionId) {
      await tx
        .update(authSessions)
        .set({ accountId: invitation.accountId })
        .where(and(eq(authSessions.id, input.actor.sessionId), eq(authSessions.userId, userId)));
    }
    await recordActivity(tx, {
      accountId: invitation.accountId,
      ...activityActor(input.actor),
      kind: 'member_joined',
      details: { email: invitation.email, role: membership.role, alreadyMember },
      at: input.now,
    });
    return { accountId: invitation.accountId, role: membership.role, alreadyMember };
  });
}
