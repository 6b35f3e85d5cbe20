import { asc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { accountMembers, customerAccounts, users } from '@/lib/db/schema';

export interface CustomerMatch {
  accountId: string;
  name: string;
  kind: 'individual' | 'organization';
  users: { name: string; email: string }[];
}

export const CUSTOMER_SEARCH_MIN_LENGTH = 2;
export const CUSTOMER_SEARCH_LIMIT = 20;

const ACCOUNT_ID = /^A\d{9}$/i;

/** LIKE treats % and _ as wildcards: what support types is searched for literally. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Finds customers by account id (exact, or its beginning), or a member's email or name (any part, any case).
 * Returns at most `limit` matches and whether there were more.
 */
export async function searchCustomers(db: Db, input: { query: string; limit?: number }): Promise<{ matches: CustomerMatch[]; more: boolean }> {
  const query = input.query.trim();
  const limit = input.limit ?? CUSTOMER_SEARCH_LIMIT;
  if (query.length < CUSTOMER_SEARCH_MIN_LENGTH) return { matches: [], more: false };
  const where = ACCOUNT_ID.test(query)
    ? eq(customerAccounts.id, query.toUpperCase())
    : or(
        ilike(customerAccounts.id, `${likeLiteral(query)}%`),
        ilike(customerAccounts.name, `%${likeLiteral(query)}%`),
        inArray(
          customerAccounts.id,
          db
            .select({ accountId: accountMembers.accountId })
            .from(accountMembers)
            .innerJoin(users, eq(users.id, accountMembers.userId))
            .where(or(ilike(users.email, `%${likeLiteral(query)}%`), ilike(users.name, `%${likeLiteral(query)}%`))),
        ),
      );
  const accounts = await db
    .select({ accountId: customerAccounts.id, name: customerAccounts.name, kind: customerAccounts.kind })
    .from(customerAccounts)
    .where(where)
    .orderBy(sql`lower(${customerAccounts.name})`, asc(customerAccounts.id))
    .limit(limit + 1);
  const shown = accounts.slice(0, limit);
  const people = shown.length
    ? await db
        .select({ accountId: accountMembers.accountId, name: users.name, email: users.email })
        .from(accountMembers)
        .innerJoin(users, eq(users.id, accountMembers.userId))
        .where(
          inArray(
            accountMembers.accountId,
            shown.map((a) => a.accountId),
          ),
        )
        .orderBy(asc(users.email))
    : [];
  return {
    matches: shown.map((a) => ({ ...a, users: people.filter((p) => p.accountId === a.accountId).map(({ name, email }) => ({ name, email })) })),
    more: accounts.length > limit,
  };
}
