import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { accountContacts, users } from '@/lib/db/schema';

/** Verified contacts of the seeded demo customers, so their notices show up in the demo mailbox. */
const DEMO_CONTACTS = [
  { email: 'alice@demo.test', phone: '+8613800138000', postalAddress: '上海市浦东新区示例路 88 号 No. 88 Example Road, Pudong, Shanghai' },
  { email: 'bob@demo.test', phone: null, postalAddress: '北京市朝阳区示例大街 1 号 No. 1 Example Street, Chaoyang, Beijing' },
];

/** Idempotent: leaves an account's contacts alone once it has any. Call after the demo users are seeded. */
export async function seedDemoContacts(db: Db, now: Date): Promise<void> {
  for (const contact of DEMO_CONTACTS) {
    const [user] = await db.select({ accountId: users.accountId }).from(users).where(eq(sql`lower(${users.email})`, contact.email));
    if (!user) continue;
    await seedVerifiedContacts(db, { accountId: user.accountId, ...contact, now });
  }
}

/**
 * Contacts already known to be verified (the seeded customers; tests' fixtures), set without
 * sending codes. Leaves an account that has contacts alone.
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
