import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { customerAccounts } from '@/lib/db/schema';
import type { Residence } from './parse-terms';

export interface AccountDeclaration {
  kind: 'individual' | 'organization';
  name: string;
  residence: Residence | null;
  declaredAt: Date | null;
}

/** What the account declared at first sign-in (residence decides the governing-law paragraph shown). */
export async function getAccountDeclaration(db: Db, accountId: string): Promise<AccountDeclaration | null> {
  const [row] = await db
    .select({ kind: customerAccounts.kind, name: customerAccounts.name, residence: customerAccounts.residence, declaredAt: customerAccounts.declaredAt })
    .from(customerAccounts)
    .where(eq(customerAccounts.id, accountId));
  return row ?? null;
}
