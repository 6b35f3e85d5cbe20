import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { customerAccounts } from '@/lib/db/schema';

/** The name of a customer account (the impersonation banner's "viewing as"), or null when there is none. */
export async function accountNameOf(db: Db, accountId: string): Promise<string | null> {
  const [account] = await db.select({ name: customerAccounts.name }).from(customerAccounts).where(eq(customerAccounts.id, accountId));
  return account?.name ?? null;
}
