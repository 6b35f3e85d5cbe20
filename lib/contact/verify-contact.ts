import { and, eq, lt, sql } from 'drizzle-orm';
import { recordActivity } from '@/lib/audit/record-activity';
import type { Db } from '@/lib/db/client';
import { accountContacts, contactVerifications, type ContactChannel } from '@/lib/db/schema';
import { lockContactRow, openVerification } from './contact-details';
import { codeMatches, OTP_RULES } from './otp';

export interface VerifyContactInput {
  accountId: string;
  channel: ContactChannel;
  code: string;
  userId: string | null;
  actorName?: string | null;
  ip?: string | null;
  now: Date;
}

export type VerifyContactResult =
  | { ok: true; value: string }
  | { ok: false; code: 'no_pending' | 'expired' | 'locked' }
  | { ok: false; code: 'wrong_code'; attemptsLeft: number };

/**
 * Checks a one-time code against the pending change of a channel. Five wrong codes lock it (a new
 * code must be requested); an expired code is refused. On success the new value replaces the
 * verified one, and a bounce recorded against that channel counts as corrected.
 */
export async function verifyContactCode(db: Db, input: VerifyContactInput): Promise<VerifyContactResult> {
  const { now } = input;
  return db.transaction(async (tx): Promise<VerifyContactResult> => {
    const contact = await lockContactRow(tx, input.accountId, now);
    const open = await openVerification(tx, input.accountId, input.channel);
    if (!open) return { ok: false, code: 'no_pending' };
    if (open.status === 'locked') return { ok: false, code: 'locked' };
    if (open.expiresAt.getTime() <= now.getTime()) return { ok: false, code: 'expired' };

    // Count the attempt before comparing, so concurrent guesses cannot exceed the limit.
    const [counted] = await tx
      .update(contactVerifications)
      .set({ attempts: sql`${contactVerifications.attempts} + 1` })
      .where(and(eq(contactVerifications.id, open.id), eq(contactVerifications.status, 'pending'), lt(contactVerifications.attempts, OTP_RULES.maxAttempts)))
      .returning({ attempts: contactVerifications.attempts });
    if (!counted) return { ok: false, code: 'locked' };

    if (!codeMatches(input.code, open.codeSalt, open.codeHash)) {
      const attemptsLeft = OTP_RULES.maxAttempts - counted.attempts;
      if (attemptsLeft <= 0) {
        await tx.update(contactVerifications).set({ status: 'locked' }).where(eq(contactVerifications.id, open.id));
        return { ok: false, code: 'locked' };
      }
      return { ok: false, code: 'wrong_code', attemptsLeft };
    }

    await tx.update(contactVerifications).set({ status: 'verified', verifiedAt: now }).where(eq(contactVerifications.id, open.id));
    const bounceCorrected = contact.bouncedChannel === input.channel;
    await tx
      .update(accountContacts)
      .set({
        ...(input.channel === 'email' ? { email: open.value, emailVerifiedAt: now } : { phone: open.value, phoneVerifiedAt: now }),
        ...(bounceCorrected ? { bouncedAt: null, bouncedChannel: null, bouncedDestination: null } : {}),
        updatedAt: now,
      })
      .where(eq(accountContacts.accountId, input.accountId));
    await recordActivity(tx, {
      accountId: input.accountId,
      actorUserId: input.userId,
      actorName: input.actorName ?? null,
      kind: 'contact_verified',
      ip: input.ip ?? null,
      details: { channel: input.channel, value: open.value, previous: (input.channel === 'email' ? contact.email : contact.phone) ?? null },
      at: now,
    });
    return { ok: true, value: open.value };
  });
}
