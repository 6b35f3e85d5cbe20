import { and, desc, eq, inArray, isNull, lt, notInArray, or, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { jsonScalar, readJson, type JsonRead } from '@/lib/db/read-together';
import { noticeDeliveries, notices, type DeliveryChannel, type DeliveryStatus, type MemberRole } from '@/lib/db/schema';
import { noticeKindsHiddenFrom } from './audience';

/** Only the notices that concern the member's role (lib/notices/audience.ts). */
function concerns(role: MemberRole | null | undefined) {
  const hidden = noticeKindsHiddenFrom(role);
  return hidden.length > 0 ? notInArray(notices.kind, [...hidden]) : undefined;
}

export interface NoticeEntry {
  id: string;
  kind: string;
  params: Record<string, string | number | null>;
  createdAt: Date;
  readAt: Date | null;
  deliveries: { channel: DeliveryChannel; status: DeliveryStatus; sentAt: Date | null }[];
}

export const NOTICE_PAGE_SIZE = 20;

/** A cursor is `createdAt|id` of the last notice shown. */
export function noticeCursor(entry: Pick<NoticeEntry, 'createdAt' | 'id'>): string {
  return `${entry.createdAt.toISOString()}|${entry.id}`;
}

function parseCursor(cursor: string | null | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  const [at, id] = cursor.split('|');
  const date = new Date(at);
  if (!id || Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  return { at: date, id };
}

/** An account's notices, newest first, with how each was also delivered. */
export async function listNotices(db: Db, accountId: string, opts: { before?: string | null; limit?: number; role?: MemberRole | null } = {}): Promise<{ entries: NoticeEntry[]; nextCursor: string | null }> {
  const limit = opts.limit ?? NOTICE_PAGE_SIZE;
  const cursor = parseCursor(opts.before);
  const rows = await db
    .select()
    .from(notices)
    .where(
      and(
        eq(notices.accountId, accountId),
        concerns(opts.role),
        cursor ? or(lt(notices.createdAt, cursor.at), and(eq(notices.createdAt, cursor.at), lt(notices.id, cursor.id))) : undefined,
      ),
    )
    .orderBy(desc(notices.createdAt), desc(notices.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const deliveries = page.length
    ? await db
        .select({ noticeId: noticeDeliveries.noticeId, channel: noticeDeliveries.channel, status: noticeDeliveries.status, sentAt: noticeDeliveries.sentAt })
        .from(noticeDeliveries)
        .where(inArray(noticeDeliveries.noticeId, page.map((r) => r.id)))
    : [];
  const entries = page.map((r) => ({
    id: r.id,
    kind: r.kind,
    params: r.params,
    createdAt: r.createdAt,
    readAt: r.readAt,
    deliveries: deliveries.filter((d) => d.noticeId === r.id).map(({ channel, status, sentAt }) => ({ channel, status, sentAt })),
  }));
  return { entries, nextCursor: rows.length > limit ? noticeCursor(page[page.length - 1]) : null };
}

/** The unread notices of the account that concern the role (the shell's count) as one read. */
export function unreadNoticesRead(accountId: string, role?: MemberRole | null): JsonRead<number> {
  return {
    json: jsonScalar(sql`select count(*)::int from ${notices} where ${and(eq(notices.accountId, accountId), isNull(notices.readAt), concerns(role))}`),
    decode: (value) => Number(value ?? 0),
  };
}

export async function countUnreadNotices(db: Db, accountId: string, role?: MemberRole | null): Promise<number> {
  return readJson(db, unreadNoticesRead(accountId, role));
}

/** Marks one of the account's notices read; false when it is not the account's. */
export async function markNoticeRead(db: Db, input: { accountId: string; noticeId: string; now: Date; role?: MemberRole | null }): Promise<boolean> {
  const rows = await db
    .update(notices)
    .set({ readAt: input.now })
    .where(and(eq(notices.id, input.noticeId), eq(notices.accountId, input.accountId), isNull(notices.readAt), concerns(input.role)))
    .returning({ id: notices.id });
  if (rows.length > 0) return true;
  const [exists] = await db.select({ id: notices.id }).from(notices).where(and(eq(notices.id, input.noticeId), eq(notices.accountId, input.accountId), concerns(input.role)));
  return Boolean(exists);
}

export async function markAllNoticesRead(db: Db, input: { accountId: string; now: Date; role?: MemberRole | null }): Promise<number> {
  const rows = await db
    .update(notices)
    .set({ readAt: input.now })
    .where(and(eq(notices.accountId, input.accountId), isNull(notices.readAt), concerns(input.role)))
    .returning({ id: notices.id });
  return rows.length;
}
