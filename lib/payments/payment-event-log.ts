import type { Db } from '@/lib/db/client';
import { paymentEvents, payments, type PaymentEventOutcome, type PaymentProviderName } from '@/lib/db/schema';

export interface ConfirmationSource {
  provider: PaymentProviderName;
  eventId: string;
  eventType: string;
  receivedAt: Date;
}

export interface AppliedUpdate {
  outcome: PaymentEventOutcome;
  paymentId: string | null;
}

/** Records one verified provider event and what it did (in the caller's transaction). */
export async function logPaymentEvent(
  db: Db,
  source: ConfirmationSource,
  providerPaymentId: string | null,
  payment: Pick<typeof payments.$inferSelect, 'id'> | null,
  outcome: PaymentEventOutcome,
  details: Record<string, unknown> = {},
): Promise<AppliedUpdate> {
  await db.insert(paymentEvents).values({
    provider: source.provider,
    eventId: source.eventId,
    eventType: source.eventType,
    providerPaymentId,
    paymentId: payment?.id ?? null,
    outcome,
    details,
    receivedAt: source.receivedAt,
  });
  return { outcome, paymentId: payment?.id ?? null };
}
