import { and, asc, count, desc, eq, sum } from 'drizzle-orm';
import { getContactDetails, type ContactDetails } from '@/lib/contact/contact-details';
import type { Db } from '@/lib/db/client';
import { accountMembers, activityRecords, customerAccounts, invoices, users } from '@/lib/db/schema';
import { getWalletSnapshot, type WalletSnapshot } from '@/lib/billing/account-status';

/** What support sees of a customer before (and without) viewing as them. Read-only. */
export interface CustomerSummary {
  account: {
    id: string;
    name: string;
    kind: 'individual' | 'organization';
    residence: 'CN' | 'other' | null;
    declaredAt: Date | null;
    createdAt: Date;
  };
  users: { name: string; email: string; createdAt: Date }[];
  /** Balance and status from the ledger. */
  wallet: WalletSnapshot | null;
  contacts: ContactDetails;
  /** Invoice requests waiting for finance to issue or reject them. */
  openInvoiceRequests: { count: number; grossFen: bigint };
  lastSignInAt: Date | null;
}

export async function getCustomerSummary(db: Db, accountId: string, now: Date): Promise<CustomerSummary | null> {
  const [account] = await db
    .select({
      id: customerAccounts.id,
      name: customerAccounts.name,
      kind: customerAccounts.kind,
      residence: customerAccounts.residence,
      declaredAt: customerAccounts.declaredAt,
      createdAt: customerAccounts.createdAt,
    })
    .from(customerAccounts)
    .where(eq(customerAccounts.id, accountId));
  if (!account) return null;
  // The account's members (issue 17), in the order they joined.
  const people = await db
    .select({ name: users.name, email: users.email, createdAt: accountMembers.createdAt })
    .from(accountMembers)
    .innerJoin(users, eq(users.id, accountMembers.userId))
    .where(eq(accountMembers.accountId, accountId))
    .orderBy(asc(accountMembers.createdAt), asc(users.email));
  const [lastSignIn] = await db
    .select({ at: activityRecords.at })
    .from(activityRecords)
    .where(and(eq(activityRecords.accountId, accountId), eq(activityRecords.kind, 'sign_in'), eq(activityRecords.impersonation, false)))
    .orderBy(desc(activityRecords.at))
    .limit(1);
  const [open] = await db
    .select({ count: count(), grossFen: sum(invoices.grossFen) })
    .from(invoices)
    .where(and(eq(invoices.accountId, accountId), eq(invoices.status, 'requested')));
  return {
    account,
    users: people,
    wallet: await getWalletSnapshot(db, accountId),
    contacts: await getContactDetails(db, accountId, now),
    openInvoiceRequests: { count: Number(open?.count ?? 0), grossFen: BigInt(open?.grossFen ?? 0) },
    lastSignInAt: lastSignIn?.at ?? null,
  };
}
