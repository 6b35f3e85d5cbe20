import { sql } from 'drizzle-orm';
import { jsonScalar, type JsonRead } from '@/lib/db/read-together';
import { customerAccounts } from '@/lib/db/schema';

/** The name of a customer account (the impersonation banner's "viewing as"), or null when there is none. */
export function accountNameRead(accountId: string): JsonRead<string | null> {
  return {
    json: jsonScalar(sql`select name from ${customerAccounts} where id = ${accountId}`),
    decode: (value) => (value as string | null) ?? null,
  };
}
