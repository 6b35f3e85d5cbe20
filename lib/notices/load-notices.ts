import type { Viewer } from '@/lib/auth/viewer';
import type { Db } from '@/lib/db/client';
import { countUnreadNotices, listNotices, type NoticeEntry } from './notice-centre';

/** Everything the notice centre shows, for one account and page. */
export interface NoticesPageView {
  entries: NoticeEntry[];
  unread: number;
  /** The page's cursor (null: the newest notices): the page links back to the newest. */
  cursor: string | null;
  /** The cursor of the next (older) page, or null on the last page. */
  nextCursor: string | null;
  /** Support viewing as the customer: nothing is marked read. */
  readOnly: boolean;
  /** There are unread notices to mark read. */
  canMarkAllRead: boolean;
}

/** The notice centre: the notices the viewer's member role may see, newest first, from `before` on. */
export async function loadNoticesPage(db: Db, viewer: Pick<Viewer, 'accountId' | 'memberRole' | 'impersonation'>, input: { before: string | null }): Promise<NoticesPageView> {
  const [{ entries, nextCursor }, unread] = await Promise.all([
    listNotices(db, viewer.accountId, { before: input.before, role: viewer.memberRole }),
    countUnreadNotices(db, viewer.accountId, viewer.memberRole),
  ]);
  return { entries, unread, cursor: input.before, nextCursor, readOnly: Boolean(viewer.impersonation), canMarkAllRead: unread > 0 };
}
