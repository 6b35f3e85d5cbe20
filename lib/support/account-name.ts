import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { jsonScalar, readJson, type JsonRead } from '@/lib/db/read-together';
import { customerAccounts } from '@/lib/db/schema';

/** The name of a customer account (the impersonation banner's "viewing as"), or null when there is none. */
export function accountNameRead(accountId: string): JsonRead<string | null> {
  return {
    json: jsonScalar(sql`select name from ${customerAccounts} where id = ${accountId}`),
    decode: (value) => (value as string | null) ?? null,
  };
}

export async function accountNameOf(db: Db, accountId: string): Promise<string | null> {
  return readJson(db, accountNameRead(accountId));
}
