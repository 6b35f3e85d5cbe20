import type { Db } from '@/lib/db/client';
import { customerAccounts, users } from '@/lib/db/schema';
import { DeliveryError, type DeliveryFailureKind, type OutgoingEmail, type OutgoingSms, type Transports } from './transports';

/** Test transports that keep what they were given and can be told to fail. */
export function recordingTransports() {
  const emails: OutgoingEmail[] = [];
  const sms: OutgoingSms[] = [];
  const failures: { email: DeliveryFailureKind | null; sms: DeliveryFailureKind | null } = { email: null, sms: null };
  const transports: Transports = {
    email: {
      async sendEmail(message) {
        if (failures.email) throw new DeliveryError(failures.email, `email ${failures.email}`);
        emails.push(message);
        return { messageId: `e${emails.length}` };
      },
    },
    sms: {
      async sendSms(message) {
        if (failures.sms) throw new DeliveryError(failures.sms, `sms ${failures.sms}`);
        sms.push(message);
        return { messageId: `s${sms.length}` };
      },
    },
  };
  return { transports, emails, sms, failures };
}

/** A customer account with one user, for tests. */
export async function insertCustomer(db: Db, input: { id: string; locale?: string | null; createdAt?: Date; lowBalanceThresholdFen?: bigint | null }): Promise<{ accountId: string; userId: string }> {
  await db.insert(customerAccounts).values({
    id: input.id,
    name: `Customer ${input.id}`,
    createdAt: input.createdAt ?? new Date('2026-01-01T00:00:00Z'),
    lowBalanceThresholdFen: input.lowBalanceThresholdFen ?? null,
  });
  const [user] = await db
    .insert(users)
    .values({ email: `${input.id.toLowerCase()}@demo.test`, name: input.id, locale: input.locale ?? null, accountId: input.id })
    .returning({ id: users.id });
  return { accountId: input.id, userId: user.id };
}

/** The 6-digit code in a verification message. */
export function codeIn(text: string): string {
  const match = /\b(\d{6})\b/.exec(text);
  if (!match) throw new Error(`no code in: ${text}`);
  return match[1];
}
