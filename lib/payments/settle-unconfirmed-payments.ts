import { and, eq, gte, inArray, isNotNull, lte, or } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { payments, type PaymentProviderName } from '@/lib/db/schema';
import { applyPaymentUpdate } from './apply-payment-update';
import type { PaymentProvider, ProviderEvent } from './provider';

/** A notification normally arrives within seconds; only older payments are asked about. */
export const QUERY_AFTER_MS = 2 * 60 * 1000;
/** An abandoned (expired) payment is still asked about for a day: a success wins over an expiry. */
export const QUERY_EXPIRED_FOR_MS = 24 * 60 * 60 * 1000;

export interface SettleSummary {
  asked: number;
  credited: number;
  closed: number;
  errors: number;
}

/**
 * Settles payments whose notification never came: asks the provider (Alipay
 * `alipay.trade.query`, WeChat Pay query by out_trade_no) about every payment still pending after
 * two minutes, and every one expired as abandoned within the last day, and applies the signed
 * answer exactly as a notification (same idempotent path, logged as event `query:<payment id>`).
 * Safe to run on several instances at once: the credit is keyed by the payment, the row is locked
 * while it is applied.
 */
export async function settleUnconfirmedPayments(
  db: Db,
  providers: ReadonlyArray<PaymentProvider<ProviderEvent>>,
  now: Date,
  options: { accountId?: string; paymentId?: string } = {},
): Promise<SettleSummary> {
  const queryable = providers.filter((p) => p.queryPayment);
  const summary: SettleSummary = { asked: 0, credited: 0, closed: 0, errors: 0 };
  if (queryable.length === 0) return summary;
  const names = queryable.map((p) => p.name) as PaymentProviderName[];
  const rows = await db
    .select()
    .from(payments)
    .where(
      and(
        inArray(payments.provider, names),
        isNotNull(payments.providerPaymentId),
        lte(payments.createdAt, new Date(now.getTime() - QUERY_AFTER_MS)),
        or(
          eq(payments.status, 'pending'),
          and(eq(payments.status, 'expired'), eq(payments.failureReason, 'abandoned'), gte(payments.settledAt, new Date(now.getTime() - QUERY_EXPIRED_FOR_MS))),
        ),
        options.accountId ? eq(payments.accountId, options.accountId) : undefined,
        options.paymentId ? eq(payments.id, options.paymentId) : undefined,
      ),
    )
    .limit(200);
  for (const payment of rows) {
    const provider = queryable.find((p) => p.name === payment.provider);
    if (!provider?.queryPayment || !payment.providerPaymentId) continue;
    summary.asked += 1;
    try {
      const update = await provider.queryPayment({ paymentId: payment.id, providerPaymentId: payment.providerPaymentId, amountFen: payment.amountFen });
      if (update.kind === 'pending') continue;
      // An expired payment changes only when the provider says it was paid after all.
      if (payment.status !== 'pending' && update.kind !== 'succeeded') continue;
      const applied = await applyPaymentUpdate(db, { provider: provider.name, eventId: `query:${payment.id}`, eventType: `query.${update.kind}`, receivedAt: now }, update);
      if (applied.outcome === 'credited') summary.credited += 1;
      if (applied.outcome === 'failed' || applied.outcome === 'declined' || applied.outcome === 'expired') summary.closed += 1;
    } catch (error) {
      summary.errors += 1;
      console.warn(`[payments] ${provider.name} query for ${payment.id} failed:`, (error as Error).message);
    }
  }
  return summary;
}
