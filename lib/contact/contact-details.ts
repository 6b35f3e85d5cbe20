import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { activityActor, type ActorRef } from '@/lib/audit/actor';
import { recordActivity } from '@/lib/audit/record-activity';
import type { Db } from '@/lib/db/client';
import { jsonFirstRow, readJson, type JsonRead } from '@/lib/db/read-together';
import { epochMs, fromEpochMs } from '@/lib/db/sql-rows';
import { accountContacts, contactVerifications, customerAccounts, type ContactChannel } from '@/lib/db/schema';
import { OTP_RULES } from './otp';

/** The customer is asked to confirm their details again this long after the last confirmation. */
export const ACCURACY_CONFIRMATION_MAX_AGE_MS = 180 * 24 * 60 * 60 * 1000;

export interface PendingChange {
  value: string;
  /** `locked`: too many wrong codes; a new code must be requested. */
  status: 'pending' | 'locked';
  sentAt: Date;
  expiresAt: Date;
  expired: boolean;
  attemptsLeft: number;
}

export interface ChannelDetails {
  /** The value in use: messages go here. */
  verified: string | null;
  verifiedAt: Date | null;
  /** A new value waiting for its code; the verified one stays in use meanwhile. */
  pending: PendingChange | null;
  /** When a new code may be sent for the pending value (the resend cooldown). */
  resendAvailableAt: Date | null;
}

export type AccuracyPrompt =
  | { reason: 'bounced'; channel: ContactChannel; destination: string; at: Date }
  | { reason: 'stale'; lastConfirmedAt: Date | null };

export interface ContactDetails {
  accountId: string;
  email: ChannelDetails;
  phone: ChannelDetails;
  postalAddress: string | null;
  accuracyConfirmedAt: Date | null;
  prompt: AccuracyPrompt | null;
  /** Since when the monthly statement is emailed (null: not asked for). */
  monthlyStatementSince: Date | null;
}

type ContactRow = typeof accountContacts.$inferSelect;

/**
 * Whether the customer must be asked to check their details: a message to a contact bounced
 * since they last confirmed or corrected, or 180 days have passed since the last confirmation
 * (counted from the account's creation when they never confirmed).
 */
export function accuracyPromptFor(row: Pick<ContactRow, 'accuracyConfirmedAt' | 'bouncedAt' | 'bouncedChannel' | 'bouncedDestination'> | null, accountCreatedAt: Date, now: Date): AccuracyPrompt | null {
  if (row?.bouncedAt && row.bouncedChannel) {
    return { reason: 'bounced', channel: row.bouncedChannel, destination: row.bouncedDestination ?? '', at: row.bouncedAt };
  }
  const since = row?.accuracyConfirmedAt ?? accountCreatedAt;
  if (now.getTime() - since.getTime() >= ACCURACY_CONFIRMATION_MAX_AGE_MS) return { reason: 'stale', lastConfirmedAt: row?.accuracyConfirmedAt ?? null };
  return null;
}

/** For the banner on every page: one small read (lib/shell asks it with the shell's others). */
export function accuracyPromptRead(accountId: string, now: Date): JsonRead<AccuracyPrompt | null> {
  return {
    json: jsonFirstRow(
      sql`select ${epochMs(sql`c.created_at`)} as "createdAt", (k.account_id is not null) as "hasContact",
                 ${epochMs(sql`k.accuracy_confirmed_at`)} as "accuracyConfirmedAt", ${epochMs(sql`k.bounced_at`)} as "bouncedAt",
                 k.bounced_channel as "bouncedChannel", k.bounced_destination as "bouncedDestination"
          from ${customerAccounts} c left join ${accountContacts} k on k.account_id = c.id
          where c.id = ${accountId}`,
    ),
    decode: (value) => {
      if (value === null) return null;
      const row = value as { createdAt: string; hasContact: boolean; accuracyConfirmedAt: string | null; bouncedAt: string | null; bouncedChannel: ContactChannel | null; bouncedDestination: string | null };
      const contact = row.hasContact
        ? { accuracyConfirmedAt: fromEpochMs(row.accuracyConfirmedAt), bouncedAt: fromEpochMs(row.bouncedAt), bouncedChannel: row.bouncedChannel, bouncedDestination: row.bouncedDestination }
        : null;
      return accuracyPromptFor(contact, new Date(Number(row.createdAt)), now);
    },
  };
}

export async function getAccuracyPrompt(db: Db, accountId: string, now: Date): Promise<AccuracyPrompt | null> {
  return readJson(db, accuracyPromptRead(accountId, now));
}

/** The open (pending or locked) verification of a channel: at most one, a new send supersedes the previous. */
export async function openVerification(db: Db, accountId: string, channel: ContactChannel) {
  const [row] = await db
    .select()
    .from(contactVerifications)
    .where(and(eq(contactVerifications.accountId, accountId), eq(contactVerifications.channel, channel), inArray(contactVerifications.status, ['pending', 'locked'])))
    .orderBy(desc(contactVerifications.createdAt))
    .limit(1);
  return row ?? null;
}

/** The time of the last code actually sent to a value on a channel (failed sends do not count). */
export async function lastCodeSentAt(db: Db, accountId: string, channel: ContactChannel, value: string): Promise<Date | null> {
  const [row] = await db
    .select({ createdAt: contactVerifications.createdAt })
    .from(contactVerifications)
    .where(
      and(
        eq(contactVerifications.accountId, accountId),
        eq(contactVerifications.channel, channel),
        eq(contactVerifications.value, value),
        ne(contactVerifications.status, 'send_failed'),
      ),
    )
    .orderBy(desc(contactVerifications.createdAt))
    .limit(1);
  return row?.createdAt ?? null;
}

async function channelDetails(db: Db, accountId: string, channel: ContactChannel, row: ContactRow | null, now: Date): Promise<ChannelDetails> {
  const open = await openVerification(db, accountId, channel);
  const lastSent = open ? await lastCodeSentAt(db, accountId, channel, open.value) : null;
  const resendAt = lastSent ? new Date(lastSent.getTime() + OTP_RULES.resendCooldownMs) : null;
  return {
    verified: channel === 'email' ? (row?.email ?? null) : (row?.phone ?? null),
    verifiedAt: channel === 'email' ? (row?.emailVerifiedAt ?? null) : (row?.phoneVerifiedAt ?? null),
    pending: open
      ? {
          value: open.value,
          status: open.status === 'locked' ? 'locked' : 'pending',
          sentAt: open.createdAt,
          expiresAt: open.expiresAt,
          expired: open.expiresAt.getTime() <= now.getTime(),
          attemptsLeft: Math.max(0, OTP_RULES.maxAttempts - open.attempts),
        }
      : null,
    resendAvailableAt: resendAt && resendAt.getTime() > now.getTime() ? resendAt : null,
  };
}

export async function getContactDetails(db: Db, accountId: string, now: Date): Promise<ContactDetails> {
  const [account] = await db.select({ createdAt: customerAccounts.createdAt }).from(customerAccounts).where(eq(customerAccounts.id, accountId));
  const [row] = await db.select().from(accountContacts).where(eq(accountContacts.accountId, accountId));
  const contact = row ?? null;
  return {
    accountId,
    email: await channelDetails(db, accountId, 'email', contact, now),
    phone: await channelDetails(db, accountId, 'phone', contact, now),
    postalAddress: contact?.postalAddress ?? null,
    accuracyConfirmedAt: contact?.accuracyConfirmedAt ?? null,
    prompt: account ? accuracyPromptFor(contact, account.createdAt, now) : null,
    monthlyStatementSince: contact?.monthlyStatementSince ?? null,
  };
}

/** Makes sure the account has a contacts row and locks it for the rest of the transaction. */
export async function lockContactRow(db: Db, accountId: string, now: Date): Promise<ContactRow> {
  await db.insert(accountContacts).values({ accountId, updatedAt: now }).onConflictDoNothing();
  const [row] = await db.select().from(accountContacts).where(eq(accountContacts.accountId, accountId)).for('update');
  return row;
}

/** The columns that clear a recorded bounce: the customer corrected or confirmed the contact, messages to it resume. */
export const BOUNCE_CLEARED = { bouncedAt: null, bouncedChannel: null, bouncedDestination: null } as const;

/**
 * Writes a change to the account's contacts row (locked first with lockContactRow, in the same
 * transaction) and records who made it in the account's activity (the user and their address).
 */
export async function saveContactChange(
  tx: Db,
  input: { accountId: string; set: Partial<Omit<ContactRow, 'accountId' | 'updatedAt'>>; kind: string; details?: Record<string, unknown>; actor: ActorRef; now: Date },
): Promise<void> {
  await tx
    .update(accountContacts)
    .set({ ...input.set, updatedAt: input.now })
    .where(eq(accountContacts.accountId, input.accountId));
  // The user and their address; contact records have never held the browser.
  await recordActivity(tx, { accountId: input.accountId, ...activityActor(input.actor), userAgent: null, kind: input.kind, details: input.details, at: input.now });
}
