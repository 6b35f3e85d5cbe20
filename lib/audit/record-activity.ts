import type { Db } from '@/lib/db/client';
import { activityRecords } from '@/lib/db/schema';

export interface ActivityInput {
  accountId: string | null;
  actorUserId: string | null;
  actorName?: string | null;
  kind: string;
  ip?: string | null;
  userAgent?: string | null;
  details?: Record<string, unknown>;
  impersonation?: boolean;
  at: Date;
}

/** Appends one activity record (sign-in, sensitive action, support access). Records are never edited. */
export async function recordActivity(db: Db, input: ActivityInput): Promise<void> {
  await db.insert(activityRecords).values({
    accountId: input.accountId,
    actorUserId: input.actorUserId,
    actorName: input.actorName ?? null,
    kind: input.kind,
    ip: input.ip ?? null,
    userAgent: input.userAgent ?? null,
    details: input.details ?? {},
    impersonation: input.impersonation ?? false,
    at: input.at,
  });
}
