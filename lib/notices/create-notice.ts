import type { Db } from '@/lib/db/client';
import { notices } from '@/lib/db/schema';
import { enqueueNoticeDeliveries } from './enqueue-deliveries';

export type NoticeKind =
  | 'suspended'
  | 'reinstated'
  | 'penalty_posted'
  | 'low_balance'
  | 'invoice_issued'
  | 'invoice_rejected'
  | 'terms_amended'
  | 'support_access'
  | 'contact_bounced'
  | 'payment_refunded'
  | 'payment_charged_back'
  | 'chargeback_reversed'
  | 'incident_started'
  | 'incident_resolved'
  | 'price_change'
  | 'announcement'
  | 'account_closed'
  | 'account_terminated'
  | 'account_suspended_for_cause'
  | 'account_suspension_lifted'
  | 'support_case_answered'
  | 'adjustment_credited'
  | 'member_invited';

export interface NewNotice {
  accountId: string;
  kind: NoticeKind;
  /**
   * The values its text shows (see NOTICE_PARAMS in render-notice.ts), e.g. `{ balance: "-100.00" }`.
   * Money: a decimal string in yuan, or fen under `<name>Fen`.
   */
  params?: Record<string, string | number | null>;
  /** Same key twice creates one notice: pass one per event (e.g. `suspended:{account}:{at}`). */
  dedupeKey?: string;
  now: Date;
}

/**
 * Records a notice for a customer in the notice centre (the channel of record) and, in the same
 * transaction, one outbox row per verified contact (email, SMS) for the outbox worker to deliver.
 * Call it inside the transaction of the event it announces. Returns the notice id, or null when
 * the dedupe key existed (then nothing is sent again).
 */
export async function createNotice(db: Db, notice: NewNotice): Promise<string | null> {
  return db.transaction(async (tx) => {
    const rows = await tx
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
    const id = rows[0]?.id ?? null;
    if (id) await enqueueNoticeDeliveries(tx, { noticeId: id, accountId: notice.accountId, kind: notice.kind, now: notice.now });
    return id;
  });
}
