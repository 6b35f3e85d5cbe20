import { getAccountActivity, type AccountActivity } from '@/lib/audit/activity-log';
import { ACTIVITY_RETENTION_DAYS } from '@/lib/audit/retention';
import type { Db } from '@/lib/db/client';
import { addDays, calendarDateIn } from '@/lib/time/zoned-date';
import { listActiveSessions, type ActiveSession } from './active-sessions';
import type { Viewer } from './viewer';

/** Everything the activity page shows, for the account shown. */
export interface ActivityPageView {
  activity: AccountActivity;
  sessions: ActiveSession[];
  /** The service days the activity export offers (the retention period up to today), or null when the viewer may not export. */
  exportRange: { from: string; to: string } | null;
}

/** Finance and admin staff export the activity of their own account, never while viewing as a customer. */
export function mayExportActivity(viewer: Pick<Viewer, 'roles' | 'impersonation'>): boolean {
  return !viewer.impersonation && viewer.roles.some((role) => role === 'finance' || role === 'admin');
}

/** The activity page of the account shown (the customer's own, or the one support is viewing as). */
export async function loadActivityPage(
  db: Db,
  viewer: Pick<Viewer, 'accountId' | 'userId' | 'sessionId' | 'roles' | 'impersonation'>,
  input: { now: Date; timeZone: string },
): Promise<ActivityPageView> {
  const { now, timeZone } = input;
  const [activity, sessions] = await Promise.all([
    getAccountActivity(db, { accountId: viewer.accountId, now }),
    listActiveSessions(db, {
      // Support viewing as the customer sees the customer's sessions, as the customer would.
      owner: viewer.impersonation ? { accountId: viewer.accountId } : { userId: viewer.userId },
      currentSessionId: viewer.sessionId,
      now,
    }),
  ]);
  const today = calendarDateIn(now, timeZone);
  return { activity, sessions, exportRange: mayExportActivity(viewer) ? { from: addDays(today, -(ACTIVITY_RETENTION_DAYS - 1)), to: today } : null };
}
