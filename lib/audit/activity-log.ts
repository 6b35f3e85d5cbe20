import { and, desc, eq, gte } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { activityRecords } from '@/lib/db/schema';
import { activityRetentionCutoff } from './retention';

/*
 * What a customer's activity page shows (DESIGN: "Activity records"): their sign-ins, the
 * sensitive actions on the account, and each support access with the pages it viewed.
 */

type ActivityRow = typeof activityRecords.$inferSelect;

export interface SignInEntry {
  id: string;
  at: Date;
  actorName: string | null;
  ip: string | null;
  userAgent: string | null;
  provider: string | null;
}

export interface ActionEntry {
  id: string;
  at: Date;
  kind: string;
  actorName: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

export interface SupportPageView {
  at: Date;
  path: string;
}

export interface SupportActionTried {
  at: Date;
  action: string;
  refused: boolean;
}

/** One support session: from its start to its end, with what it looked at and tried. */
export interface SupportAccessEntry {
  key: string;
  staffUserId: string | null;
  staffName: string | null;
  reason: string;
  startedAt: Date;
  /** Null while it is still open (or when its end record is not among the records shown). */
  endedAt: Date | null;
  endedBy: string | null;
  pages: SupportPageView[];
  actions: SupportActionTried[];
}

export interface AccountActivity {
  signIns: SignInEntry[];
  actions: ActionEntry[];
  supportAccesses: SupportAccessEntry[];
  /** Only the newest `limit` records are shown. */
  truncated: boolean;
}

/** Kinds written while support views as a customer (lib/auth/impersonation.ts and the guard). */
export const SUPPORT_KINDS = {
  start: 'impersonation_start',
  end: 'impersonation_end',
  pageView: 'impersonated_page_view',
  request: 'impersonated_request',
  action: 'impersonated_action',
  refused: 'impersonated_action_refused',
} as const;

function text(value: unknown): string | null {
  return typeof value === 'string' && value ? value : null;
}

/**
 * Groups a support session's records under its start. Records carry the session's `startedAt`;
 * older ones without it go to the latest start of the same staff member before them.
 */
export function groupSupportAccess(recordsOldestFirst: ActivityRow[]): SupportAccessEntry[] {
  const groups = new Map<string, SupportAccessEntry>();
  const latestByActor = new Map<string, SupportAccessEntry>();
  for (const record of recordsOldestFirst) {
    if (!record.impersonation) continue;
    const actor = record.actorUserId ?? 'unknown';
    const startedAtText = text(record.details.startedAt);
    let group: SupportAccessEntry | undefined;
    if (startedAtText) group = groups.get(`${actor}|${startedAtText}`);
    else group = latestByActor.get(actor);
    if (!group) {
      const startedAt = startedAtText ? new Date(startedAtText) : record.at;
      const key = `${actor}|${startedAtText ?? record.at.toISOString()}`;
      group = { key, staffUserId: record.actorUserId, staffName: record.actorName, reason: text(record.details.reason) ?? '', startedAt, endedAt: null, endedBy: null, pages: [], actions: [] };
      groups.set(key, group);
    }
    latestByActor.set(actor, group);
    group.staffName ??= record.actorName;
    if (!group.reason) group.reason = text(record.details.reason) ?? '';
    switch (record.kind) {
      case SUPPORT_KINDS.start:
        break;
      case SUPPORT_KINDS.end:
        group.endedAt = record.at;
        group.endedBy = text(record.details.endedBy);
        latestByActor.delete(actor);
        break;
      case SUPPORT_KINDS.pageView:
      case SUPPORT_KINDS.request:
        group.pages.push({ at: record.at, path: text(record.details.path) ?? '/' });
        break;
      default:
        group.actions.push({ at: record.at, action: text(record.details.action) ?? record.kind, refused: record.kind === SUPPORT_KINDS.refused });
    }
  }
  return [...groups.values()].sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
}

/** The activity of one customer account within the retention period, newest first. */
export async function getAccountActivity(db: Db, input: { accountId: string; now: Date; limit?: number }): Promise<AccountActivity> {
  const limit = input.limit ?? 2000;
  const rows = await db
    .select()
    .from(activityRecords)
    .where(and(eq(activityRecords.accountId, input.accountId), gte(activityRecords.at, activityRetentionCutoff(input.now))))
    .orderBy(desc(activityRecords.at), desc(activityRecords.id))
    .limit(limit + 1);
  const truncated = rows.length > limit;
  const shown = truncated ? rows.slice(0, limit) : rows;
  const signIns: SignInEntry[] = [];
  const actions: ActionEntry[] = [];
  for (const row of shown) {
    if (row.impersonation) continue;
    if (row.kind === 'sign_in') {
      signIns.push({ id: row.id.toString(), at: row.at, actorName: row.actorName, ip: row.ip, userAgent: row.userAgent, provider: text(row.details.provider) });
    } else {
      actions.push({ id: row.id.toString(), at: row.at, kind: row.kind, actorName: row.actorName, ip: row.ip, details: row.details });
    }
  }
  return { signIns, actions, supportAccesses: groupSupportAccess([...shown].reverse()), truncated };
}
