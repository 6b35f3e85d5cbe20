import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { accountContacts, noticeDeliveries, type DeliveryChannel } from '@/lib/db/schema';
import { accountLocale } from './account-locale';

/**
 * Writes the outbox rows of a new notice: one per verified contact of the account. A contact whose
 * last message bounced gets nothing until the customer confirms or corrects it.
 */
export async function enqueueNoticeDeliveries(db: Db, input: { noticeId: string; accountId: string; now: Date }): Promise<number> {
  const [contact] = await db.select().from(accountContacts).where(eq(accountContacts.accountId, input.accountId));
  if (!contact) return 0;
  const bounced = (channel: 'email' | 'phone', value: string) => contact.bouncedChannel === channel && contact.bouncedDestination === value;
  const targets: { channel: DeliveryChannel; destination: string }[] = [];
  if (contact.email && contact.emailVerifiedAt && !bounced('email', contact.email)) targets.push({ channel: 'email', destination: contact.email });
  if (contact.phone && contact.phoneVerifiedAt && !bounced('phone', contact.phone)) targets.push({ channel: 'sms', destination: contact.phone });
  if (targets.length === 0) return 0;
  const locale = await accountLocale(db, input.accountId);
  await db.insert(noticeDeliveries).values(
    targets.map((t) => ({
      noticeId: input.noticeId,
      accountId: input.accountId,
      channel: t.channel,
      destination: t.destination,
      locale,
      nextAttemptAt: input.now,
      createdAt: input.now,
    })),
  );
  return targets.length;
}
