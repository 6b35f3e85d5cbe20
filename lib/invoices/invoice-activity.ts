import { recordActivity } from '@/lib/audit/record-activity';
import type { Db } from '@/lib/db/client';
import { activityActor, type ActorRef } from '@/lib/audit/actor';

export type InvoiceActivityKind = 'invoice_requested' | 'invoice_title_saved' | 'invoice_title_deleted';

/** A customer-side change in the account's activity record (DESIGN.md "Activity records"); none without an actor (the system). */
export async function recordInvoiceActivity(
  tx: Db,
  input: { accountId: string; actor: ActorRef | null | undefined; kind: InvoiceActivityKind; details: Record<string, unknown>; now: Date },
): Promise<void> {
  if (!input.actor) return;
  await recordActivity(tx, { accountId: input.accountId, ...activityActor(input.actor), kind: input.kind, details: input.details, at: input.now });
}
