import { recordActivity } from '@/lib/audit/record-activity';
import type { Db } from '@/lib/db/client';
import type { ActorRef } from '@/lib/auth/actor';

/** Who made a customer-side change, for the account's activity record (DESIGN.md "Activity records"). */
export type InvoiceActor = ActorRef;

export type InvoiceActivityKind = 'invoice_requested' | 'invoice_title_saved' | 'invoice_title_deleted';

export async function recordInvoiceActivity(
  tx: Db,
  input: { accountId: string; actor: InvoiceActor | undefined; kind: InvoiceActivityKind; details: Record<string, unknown>; now: Date },
): Promise<void> {
  if (!input.actor) return;
  await recordActivity(tx, {
    accountId: input.accountId,
    actorUserId: input.actor.userId,
    actorName: input.actor.name,
    kind: input.kind,
    ip: input.actor.ip ?? null,
    details: input.details,
    at: input.now,
  });
}
