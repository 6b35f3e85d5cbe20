import { and, eq, inArray } from 'drizzle-orm';
import type { ActorRef } from '@/lib/audit/actor';
import type { Db } from '@/lib/db/client';
import { contactVerifications, type ContactChannel } from '@/lib/db/schema';
import { BOUNCE_CLEARED, lockContactRow, saveContactChange } from './contact-details';
import { ContactError } from './contact-error';

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

/**
 * Sets or clears the optional postal address (no verification: nothing is sent to it); more than
 * 500 characters is refused (`too_long`).
 */
export async function updatePostalAddress(db: Db, input: { accountId: string; postalAddress: string | null; actor: ActorRef; now: Date }): Promise<string | null> {
  const address = input.postalAddress?.trim() || null;
  if (address && address.length > POSTAL_ADDRESS_MAX_LENGTH) throw new ContactError('too_long');
  return db.transaction(async (tx) => {
    const before = await lockContactRow(tx, input.accountId, input.now);
    if (before.postalAddress === address) return address;
    await saveContactChange(tx, { accountId: input.accountId, set: { postalAddress: address }, kind: 'contact_address_changed', details: { cleared: address === null }, actor: input.actor, now: input.now });
    return address;
  });
}

/**
 * Turns the monthly statement by email on or off. Switching it on records the instant: statements
 * are sent for months that end after it (lib/notices/document-emails.ts, enqueueMonthlyStatements).
 * Returns whether it is now on.
 */
export async function setMonthlyStatement(db: Db, input: { accountId: string; enabled: boolean; actor: ActorRef; now: Date }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const before = await lockContactRow(tx, input.accountId, input.now);
    if ((before.monthlyStatementSince !== null) === input.enabled) return input.enabled;
    await saveContactChange(tx, {
      accountId: input.accountId,
      set: { monthlyStatementSince: input.enabled ? input.now : null },
      kind: 'contact_statement_changed',
      details: { enabled: input.enabled },
      actor: input.actor,
      now: input.now,
    });
    return input.enabled;
  });
}

/**
 * "These details are accurate": records the date, and clears a bounce prompt (the customer says
 * the address is right). Messages to that contact resume.
 */
export async function confirmContactAccuracy(db: Db, input: { accountId: string; actor: ActorRef; now: Date }): Promise<Date> {
  return db.transaction(async (tx) => {
    await lockContactRow(tx, input.accountId, input.now);
    await saveContactChange(tx, { accountId: input.accountId, set: { accuracyConfirmedAt: input.now, ...BOUNCE_CLEARED }, kind: 'contact_accuracy_confirmed', actor: input.actor, now: input.now });
    return input.now;
  });
}
