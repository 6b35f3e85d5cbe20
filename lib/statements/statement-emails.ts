import { and, isNotNull, lt } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { accountContacts, documentEmails } from '@/lib/db/schema';
import { accountLocale } from '@/lib/notices/account-locale';
import { statementRef } from '@/lib/notices/document-emails';
import { previousMonth, startOfMonthIn } from './statement-month';

/**
 * The monthly statement job (after each billing run): queues last month's statement for every
 * account that asked for it before that month ended and has a verified email that has not bounced.
 * Idempotent (the unique key); a run missed on the 1st is caught up by the next one.
 */
export async function enqueueMonthlyStatements(db: Db, input: { now: Date; timeZone: string }): Promise<number> {
  const month = previousMonth(input.now, input.timeZone);
  const monthEnded = startOfMonthIn(input.now, input.timeZone);
  const subscribers = await db
    .select({ accountId: accountContacts.accountId, email: accountContacts.email, bouncedChannel: accountContacts.bouncedChannel, bouncedDestination: accountContacts.bouncedDestination })
    .from(accountContacts)
    .where(and(isNotNull(accountContacts.monthlyStatementSince), lt(accountContacts.monthlyStatementSince, monthEnded), isNotNull(accountContacts.email), isNotNull(accountContacts.emailVerifiedAt)));
  let queued = 0;
  for (const s of subscribers) {
    if (!s.email || (s.bouncedChannel === 'email' && s.bouncedDestination === s.email)) continue;
    const rows = await db
      .insert(documentEmails)
      .values({
        accountId: s.accountId,
        kind: 'statement',
        documentRef: statementRef(s.accountId, month),
        destination: s.email,
        locale: await accountLocale(db, s.accountId),
        nextAttemptAt: input.now,
        createdAt: input.now,
      })
      .onConflictDoNothing()
      .returning({ id: documentEmails.id });
    queued += rows.length;
  }
  return queued;
}
