import type { Db } from '@/lib/db/client';
import { notices } from '@/lib/db/schema';

export type NoticeKind =
  | 'suspended'
  | 'reinstated'
  | 'penalty_posted'
  | 'low_balance'
  | 'invoice_issued'
  | 'invoice_rejected'
  | 'terms_amended'
  | 'support_access'
  | 'contact_bounced';

export interface NewNotice {
  accountId: string;
  kind: NoticeKind;
  params?: Record<string, string | number | null>;
  /** Same key twice creates one notice: pass one per event (e.g. `suspended:{account}:{at}`). */
  dedupeKey?: string;
  now: Date;
}

/**
 * Records a notice for a customer in the notice centre (the channel of record). Call it inside the
 * transaction of the event it announces. Returns the notice id, or null when the dedupe key existed.
 */
export async function createNotice(db: Db, notice: NewNotice): Promise<string | null> {
  const rows = await db
    .insert(notices)
    .values({
      accountId: notice.accountId,
      kind: notice.kind,
      params: notice.params ?? {},
      dedupeKey: notice.dedupeKey ?? null,
      createdAt: notice.now,
    })
    .onConflictDoNothing()
    .returning({ id: notices.id });
  return rows[0]?.id ?? null;
}
