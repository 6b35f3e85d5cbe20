import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { accountContacts, accountMembers, noticeDeliveries, users, type DeliveryChannel } from '@/lib/db/schema';
import { accountLocale } from './account-locale';
import { rolesConcernedBy } from './audience';
import type { NoticeKind } from './create-notice';
import { messageLocale, type MessageLocale } from './messages';

/**
 * Writes the outbox rows of a new notice: one per verified contact of the account (email, SMS),
 * and an email to the verified address of each member whose role the notice concerns
 * (lib/notices/audience.ts), each address once. A contact whose last message bounced gets
 * nothing until the customer confirms or corrects it. Members get it in their own language when
 * they chose one, else in the account's.
 */
export async function enqueueNoticeDeliveries(db: Db, input: { noticeId: string; accountId: string; kind: NoticeKind; now: Date }): Promise<number> {
  const [contact] = await db.select().from(accountContacts).where(eq(accountContacts.accountId, input.accountId));
  const members = await db
    .select({ email: users.email, locale: users.locale })
    .from(accountMembers)
    .innerJoin(users, eq(users.id, accountMembers.userId))
    .where(and(eq(accountMembers.accountId, input.accountId), inArray(accountMembers.role, [...rolesConcernedBy(input.kind)]), eq(users.emailVerified, true)))
    .orderBy(asc(accountMembers.createdAt));

  const bounced = (channel: 'email' | 'phone', value: string) => contact?.bouncedChannel === channel && contact.bouncedDestination?.toLowerCase() === value.toLowerCase();
  const targets: { channel: DeliveryChannel; destination: string; locale: string | null }[] = [];
  const emailed = new Set<string>();
  const addEmail = (address: string, locale: string | null) => {
    const key = address.toLowerCase();
    if (emailed.has(key) || bounced('email', address)) return;
    emailed.add(key);
    targets.push({ channel: 'email', destination: address, locale });
  };
  if (contact?.email && contact.emailVerifiedAt) addEmail(contact.email, null);
  if (contact?.phone && contact.phoneVerifiedAt && !bounced('phone', contact.phone)) targets.push({ channel: 'sms', destination: contact.phone, locale: null });
  for (const member of members) addEmail(member.email, member.locale);
  if (targets.length === 0) return 0;

  const accountLanguage: MessageLocale = await accountLocale(db, input.accountId);
  await db.insert(noticeDeliveries).values(
    targets.map((t) => ({
      noticeId: input.noticeId,
      accountId: input.accountId,
      channel: t.channel,
      destination: t.destination,
      locale: t.locale ? messageLocale(t.locale) : accountLanguage,
      nextAttemptAt: input.now,
      createdAt: input.now,
    })),
  );
  return targets.length;
}
