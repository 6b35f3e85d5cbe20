import { and, count, eq, gt, inArray, sql } from 'drizzle-orm';
import type { ActorRef } from '@/lib/audit/actor';
import type { Db } from '@/lib/db/client';
import { contactVerifications, type ContactChannel } from '@/lib/db/schema';
import { contactTranslator, messageLocale } from '@/lib/notices/messages';
import { emailHtml } from '@/lib/notices/render-notice';
import { deliveryFailureOf, type Transports } from '@/lib/notices/transports';
import { lastCodeSentAt, lockContactRow, openVerification } from './contact-details';
import { ContactError } from './contact-error';
import { normaliseEmail } from './email';
import { generateCode, hashCode, newSalt, OTP_RULES } from './otp';
import { normalisePhone } from './phone';

export interface RequestVerificationInput {
  accountId: string;
  channel: ContactChannel;
  /** As typed: normalised here. */
  value: string;
  /** Who asks; their address counts against the per-IP limit. */
  actor: ActorRef;
  /** Language of the code message. */
  locale: string | null;
  now: Date;
  transports: Transports;
}

export type RequestVerificationResult =
  /** A code was sent; the value is pending until it is entered. */
  | { status: 'sent'; value: string; expiresAt: Date; resendAvailableAt: Date }
  /** The same new value already has a fresh code on its way: nothing sent again (cooldown). */
  | { status: 'already_sent'; value: string; resendAvailableAt: Date }
  /** The value is the verified one: any pending change was withdrawn. */
  | { status: 'unchanged'; value: string };

/** The value in its one form (lower-case email, E.164 mobile number); else refused. */
function normalise(channel: ContactChannel, raw: string): string {
  if (channel === 'email') {
    const r = normaliseEmail(raw);
    if (!r.ok) throw new ContactError('invalid_email');
    return r.email;
  }
  const r = normalisePhone(raw);
  if (!r.ok) throw new ContactError(r.reason === 'not_mobile' ? 'not_mobile' : 'invalid_phone');
  return r.e164;
}

async function sendCode(transports: Transports, channel: ContactChannel, to: string, code: string, locale: string | null): Promise<void> {
  const lang = messageLocale(locale);
  const t = contactTranslator(lang);
  if (channel === 'phone') {
    await transports.sms.sendSms({ to, text: t('codeMessage.sms', { code }), template: { name: 'verification_code', values: [['code', code]] } });
    return;
  }
  const subject = t('codeMessage.subject');
  const paragraphs = [t('codeMessage.code', { code }), t('codeMessage.expiry', { value: to }), t('codeMessage.ignore')];
  await transports.email.sendEmail({
    to,
    subject,
    text: `${paragraphs.join('\n\n')}\n`,
    html: emailHtml({ lang, title: subject, paragraphs, footer: [] }),
  });
}

/**
 * Starts changing an email or mobile number: normalises the new value, applies the resend cooldown
 * (60 s between two codes to the same value) and the per-account and per-IP rate limits, stores a hashed one-time code and sends it to the new
 * value. The verified value stays in use until the code is entered (verifyContactCode). A refusal
 * is a ContactError: an invalid value, the cooldown or a rate limit (with `retryAt`), or a code that
 * could not be sent.
 * Each limit is counted and its code row written in one transaction holding a lock (the account's
 * contacts row; an advisory lock per IP address), so simultaneous requests, on one instance or
 * several, never pass a limit's last slot together.
 */
export async function requestContactVerification(db: Db, input: RequestVerificationInput): Promise<RequestVerificationResult> {
  const value = normalise(input.channel, input.value);
  const { now } = input;
  const ip = input.actor.ip ?? null;
  const code = generateCode();

  // A refusal leaves the transaction as a value (what it wrote commits) and is thrown after it.
  const decided = await db.transaction(async (tx): Promise<RequestVerificationResult | ContactError | { status: 'send'; id: string }> => {
    // One request per account at a time (the per-account limit and the cooldown are counted under
    // it): the contacts row is the lock.
    const contact = await lockContactRow(tx, input.accountId, now);
    const verified = input.channel === 'email' ? contact.email : contact.phone;
    const open = await openVerification(tx, input.accountId, input.channel);
    if (verified === value) {
      if (open) await tx.update(contactVerifications).set({ status: 'cancelled' }).where(eq(contactVerifications.id, open.id));
      return { status: 'unchanged', value };
    }
    const lastSent = await lastCodeSentAt(tx, input.accountId, input.channel, value);
    if (lastSent && now.getTime() - lastSent.getTime() < OTP_RULES.resendCooldownMs) {
      const resendAvailableAt = new Date(lastSent.getTime() + OTP_RULES.resendCooldownMs);
      if (open && open.value === value && open.status === 'pending' && open.expiresAt.getTime() > now.getTime()) {
        return { status: 'already_sent', value, resendAvailableAt };
      }
      return new ContactError('cooldown', { retryAt: resendAvailableAt, now });
    }
    // The per-IP limit spans accounts, whose row locks don't serialise each other: one request per
    // address at a time (across instances too), so two can't both take its last slot. Taken after
    // the account's row, always in this order.
    if (ip) await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`contact_otp_ip:${ip}`}, 0))`);
    const windowStart = new Date(now.getTime() - OTP_RULES.rateWindowMs);
    const retryAt = new Date(now.getTime() + OTP_RULES.rateWindowMs);
    const [byAccount] = await tx
      .select({ n: count() })
      .from(contactVerifications)
      .where(and(eq(contactVerifications.accountId, input.accountId), gt(contactVerifications.createdAt, windowStart)));
    if (byAccount.n >= OTP_RULES.maxSendsPerAccount) return new ContactError('rate_limited_account', { retryAt });
    if (ip) {
      const [byIp] = await tx
        .select({ n: count() })
        .from(contactVerifications)
        .where(and(eq(contactVerifications.requestIp, ip), gt(contactVerifications.createdAt, windowStart)));
      if (byIp.n >= OTP_RULES.maxSendsPerIp) return new ContactError('rate_limited_ip', { retryAt });
    }
    await tx
      .update(contactVerifications)
      .set({ status: 'superseded' })
      .where(
        and(
          eq(contactVerifications.accountId, input.accountId),
          eq(contactVerifications.channel, input.channel),
          inArray(contactVerifications.status, ['pending', 'locked']),
        ),
      );
    const salt = newSalt();
    const [row] = await tx
      .insert(contactVerifications)
      .values({
        accountId: input.accountId,
        channel: input.channel,
        value,
        codeSalt: salt,
        codeHash: hashCode(code, salt),
        createdAt: now,
        expiresAt: new Date(now.getTime() + OTP_RULES.ttlMs),
        requestedByUserId: input.actor.userId,
        requestIp: ip,
      })
      .returning({ id: contactVerifications.id });
    return { status: 'send', id: row.id };
  });
  if (decided instanceof ContactError) throw decided;
  if (decided.status !== 'send') return decided;

  // Sent after the commit: a slow mail server must not hold the account's lock.
  try {
    await sendCode(input.transports, input.channel, value, code, input.locale);
  } catch (error) {
    await db.update(contactVerifications).set({ status: 'send_failed' }).where(eq(contactVerifications.id, decided.id));
    const failure = deliveryFailureOf(error);
    console.warn(`[contact] code to ${input.channel} not sent: ${failure.message}`);
    throw new ContactError(failure.kind === 'recipient_refused' ? 'recipient_refused' : 'send_failed');
  }
  return {
    status: 'sent',
    value,
    expiresAt: new Date(now.getTime() + OTP_RULES.ttlMs),
    resendAvailableAt: new Date(now.getTime() + OTP_RULES.resendCooldownMs),
  };
}
