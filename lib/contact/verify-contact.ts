import { and, eq, lt, sql } from 'drizzle-orm';
import type { ActorRef } from '@/lib/audit/actor';
import type { Db } from '@/lib/db/client';
import { contactVerifications, type ContactChannel } from '@/lib/db/schema';
import { BOUNCE_CLEARED, lockContactRow, openVerification, saveContactChange } from './contact-details';
import { ContactError } from './contact-error';
import { codeMatches, OTP_RULES } from './otp';

export interface VerifyContactInput {
  accountId: string;
  channel: ContactChannel;
  code: string;
  actor: ActorRef;
  now: Date;
}

/**
 * Checks a one-time code against the pending change of a channel and returns the new value. Five
 * wrong codes lock it (a new code must be requested); an expired code is refused (ContactError:
 * `no_pending`, `locked`, `expired`, `wrong_code` with the attempts left). On success the new value
 * replaces the verified one, and a bounce recorded against that channel counts as corrected.
 */
export async function verifyContactCode(db: Db, input: VerifyContactInput): Promise<string> {
  const { now } = input;
  // A refusal leaves the transaction as a value and is thrown once it has committed what it wrote
  // (the attempt counted, the code locked).
  const outcome = await db.transaction(async (tx): Promise<string | ContactError> => {
    const contact = await lockContactRow(tx, input.accountId, now);
    const open = await openVerification(tx, input.accountId, input.channel);
    if (!open) return new ContactError('no_pending');
    if (open.status === 'locked') return new ContactError('locked');
    if (open.expiresAt.getTime() <= now.getTime()) return new ContactError('expired');

    // Count the attempt before comparing, so concurrent guesses cannot exceed the limit.
    const [counted] = await tx
      .update(contactVerifications)
      .set({ attempts: sql`${contactVerifications.attempts} + 1` })
      .where(and(eq(contactVerifications.id, open.id), eq(contactVerifications.status, 'pending'), lt(contactVerifications.attempts, OTP_RULES.maxAttempts)))
      .returning({ attempts: contactVerifications.attempts });
    if (!counted) return new ContactError('locked');

    if (!codeMatches(input.code, open.codeSalt, open.codeHash)) {
      const attemptsLeft = OTP_RULES.maxAttempts - counted.attempts;
      if (attemptsLeft <= 0) {
        await tx.update(contactVerifications).set({ status: 'locked' }).where(eq(contactVerifications.id, open.id));
        return new ContactError('locked');
      }
      return new ContactError('wrong_code', { attemptsLeft });
    }

    await tx.update(contactVerifications).set({ status: 'verified', verifiedAt: now }).where(eq(contactVerifications.id, open.id));
    const bounceCorrected = contact.bouncedChannel === input.channel;
    await saveContactChange(tx, {
      accountId: input.accountId,
      set: {
        ...(input.channel === 'email' ? { email: open.value, emailVerifiedAt: now } : { phone: open.value, phoneVerifiedAt: now }),
        ...(bounceCorrected ? BOUNCE_CLEARED : {}),
      },
      kind: 'contact_verified',
      details: { channel: input.channel, value: open.value, previous: (input.channel === 'email' ? contact.email : contact.phone) ?? null },
      actor: input.actor,
      now,
    });
    return open.value;
  });
  if (outcome instanceof ContactError) throw outcome;
  return outcome;
}
