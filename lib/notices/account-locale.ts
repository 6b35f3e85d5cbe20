import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { messageLocale, type MessageLocale } from './messages';

/** The language an account's messages are written in: its first user's preference, else English. */
export async function accountLocale(db: Db, accountId: string): Promise<MessageLocale> {
  const [row] = await db.select({ locale: users.locale }).from(users).where(eq(users.accountId, accountId)).orderBy(asc(users.createdAt)).limit(1);
  return messageLocale(row?.locale);
}
