import { and, eq, inArray } from 'drizzle-orm';
import { recordActivity } from '@/lib/audit/record-activity';
import type { Db } from '@/lib/db/client';
import { accountContacts, contactVerifications, type ContactChannel } from '@/lib/db/schema';
import { lockContactRow } from './contact-details';

interface Actor {
  userId: string | null;
  actorName?: string | null;
  ip?: string | null;
}

export const POSTAL_ADDRESS_MAX_LENGTH = 500;

/** Withdraws a pending change: the verified value stays as it is. */
export async function cancelPendingContact(db: Db, input: { accountId: string; channel: ContactChannel; now: Date }): Promise<boolean> {
  const rows = await db
    .update(contactVerifications)
    .set({ status: 'cancelled' })
    .where(
      and(
        eq(contactVerifications.accountId, input.accountId),
        eq(contactVerifications.channel, input.channel),
        inArray(contactVerifications.status, ['pending', 'locked']),
      ),
    )
    .returning({ id: contactVerifications.id });
  return rows.length > 0;
}

/** Sets or clears the optional postal address (no verification: nothing is sent to it). */
export async function updatePostalAddress(db: Db, input: Actor & { accountId: string; postalAddress: string | null; now: Date }): Promise<string | null> {
  const address = input.postalAddress?.trim() || null;
  if (address && address.length > POSTAL_ADDRESS_MAX_LENGTH) throw new RangeError('postal address too long');
  return db.transaction(async (tx) => {
    const before = await lockContactRow(tx, input.accountId, input.now);
    if (before.postalAddress === address) return address;
    await tx.update(accountContacts).set({ postalAddress: address, updatedAt: input.now }).where(eq(accountContacts.accountId, input.accountId));
    await recordActivity(tx, {
      accountId: input.accountId,
      actorUserId: input.userId,
      actorName: input.actorName ?? null,
      kind: 'contact_address_changed',
      ip: input.ip ?? null,
      details: { cleared: address === null },
      at: input.now,
    });
    return address;
  });
}

/**
 * Turns the monthly statement by email on or off. Switching it on records the instant: statements
 * are sent for months that end after it (lib/notices/document-emails.ts, enqueueMonthlyStatements).
 * Returns whether it is now on.
 */
export async function setMonthlyStatement(db: Db, input: Actor & { accountId: string; enabled: boolean; now: Date }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const before = await lockContactRow(tx, input.accountId, input.now);
    if ((before.monthlyStatementSince !== null) === input.enabled) return input.enabled;
    await tx
      .update(accountContacts)
      .set({ monthlyStatementSince: input.enabled ? input.now : null, updatedAt: input.now })
      .where(eq(accountContacts.accountId, input.accountId));
    await recordActivity(tx, {
      accountId: input.accountId,
      actorUserId: input.userId,
      actorName: input.actorName ?? null,
      kind: 'contact_statement_changed',
      ip: input.ip ?? null,
      details: { enabled: input.enabled },
      at: input.now,
    });
    return input.enabled;
  });
}

/**
 * "These details are accurate": records the date, and clears a bounce prompt (the customer says
 * the address is right). Messages to that contact resume.
 */
export async function confirmContactAccuracy(db: Db, input: Actor & { accountId: string; now: Date }): Promise<Date> {
  return db.transaction(async (tx) => {
    await lockContactRow(tx, input.accountId, input.now);
    await tx
      .update(accountContacts)
      .set({ accuracyConfirmedAt: input.now, bouncedAt: null, bouncedChannel: null, bouncedDestination: null, updatedAt: input.now })
      .where(eq(accountContacts.accountId, input.accountId));
    await recordActivity(tx, {
      accountId: input.accountId,
      actorUserId: input.userId,
      actorName: input.actorName ?? null,
      kind: 'contact_accuracy_confirmed',
      ip: input.ip ?? null,
      at: input.now,
    });
    return input.now;
  });
}

/**
 * Demo data and first sign-in: sets contacts that are already known to be verified (e.g. seeded
 * customers), without sending codes. Leaves existing values alone.
 */
export async function seedVerifiedContacts(
  db: Db,
  input: { accountId: string; email?: string | null; phone?: string | null; postalAddress?: string | null; accuracyConfirmedAt?: Date | null; now: Date },
): Promise<void> {
  await db
    .insert(accountContacts)
    .values({
      accountId: input.accountId,
      email: input.email ?? null,
      emailVerifiedAt: input.email ? input.now : null,
      phone: input.phone ?? null,
      phoneVerifiedAt: input.phone ? input.now : null,
      postalAddress: input.postalAddress ?? null,
      accuracyConfirmedAt: input.accuracyConfirmedAt === undefined ? input.now : input.accuracyConfirmedAt,
      updatedAt: input.now,
    })
    .onConflictDoNothing();
}
