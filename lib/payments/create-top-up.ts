import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { recordActivity } from '@/lib/audit/record-activity';
import type { Db } from '@/lib/db/client';
import { payments } from '@/lib/db/schema';
import { fenToDecimalString } from '@/lib/money';
import { isQrCheckout, type PaymentProvider, type ProviderEvent } from './provider';
import type { TopUpLimits } from './top-up-amount';

/** A payment not confirmed within this time is abandoned (expired, credits nothing). */
export const PAYMENT_TTL_MS = 30 * 60 * 1000;

export function newPaymentId(): string {
  return `pay_${randomBytes(12).toString('hex')}`;
}

export function paymentStatusPath(paymentId: string): string {
  return `/top-up/${paymentId}`;
}

export interface StartTopUpInput {
  accountId: string;
  userId: string;
  actorName?: string | null;
  amountFen: bigint;
  limits: TopUpLimits;
  /** Shown on the provider's page. */
  description: string;
  ip?: string | null;
  userAgent?: string | null;
  /** The session starting the top-up: only it may pay on the sandbox's page. */
  sessionId?: string | null;
  /** A phone's browser (H5 pay instead of the desktop page or QR code). */
  mobile?: boolean;
  now: Date;
}

/** Phones get the providers' H5 flows; everything else the desktop page (Alipay) or a QR code (WeChat Pay Native). */
export function isMobileBrowser(userAgent: string | null): boolean {
  return userAgent !== null && /\b(Mobile|Android|iPhone|iPad|HarmonyOS)\b/i.test(userAgent);
}

export type StartTopUpResult =
  | { ok: true; paymentId: string; checkoutUrl: string }
  | { ok: false; code: 'amount_out_of_range' }
  | { ok: false; code: 'provider_error'; paymentId: string };

/**
 * Starts a top-up: records the attempt (a pending payment and an activity record), then asks the
 * provider for its hosted payment page. Nothing is credited here; only a verified confirmation
 * credits the wallet. A provider that cannot be reached leaves a `failed` payment with its reason.
 */
export async function startTopUp(db: Db, provider: PaymentProvider<ProviderEvent>, input: StartTopUpInput): Promise<StartTopUpResult> {
  // The form validated the amount already; the rule is checked again where money starts moving.
  if (input.amountFen < input.limits.minFen || input.amountFen > input.limits.maxFen) return { ok: false, code: 'amount_out_of_range' };
  const paymentId = newPaymentId();
  const expiresAt = new Date(input.now.getTime() + PAYMENT_TTL_MS);
  await db.transaction(async (tx) => {
    await tx.insert(payments).values({
      id: paymentId,
      accountId: input.accountId,
      createdByUserId: input.userId,
      provider: provider.name,
      amountFen: input.amountFen,
      currency: 'CNY',
      status: 'pending',
      createdAt: input.now,
      expiresAt,
    });
    await recordActivity(tx, {
      accountId: input.accountId,
      actorUserId: input.userId,
      actorName: input.actorName ?? null,
      kind: 'top_up_started',
      ip: input.ip ?? null,
      userAgent: input.userAgent ?? null,
      details: { paymentId, amount: fenToDecimalString(input.amountFen), currency: 'CNY', provider: provider.name },
      at: input.now,
    });
  });

  try {
    const created = await provider.createPayment(db, {
      paymentId,
      accountId: input.accountId,
      amountFen: input.amountFen,
      currency: 'CNY',
      description: input.description,
      returnPath: paymentStatusPath(paymentId),
      expiresAt,
      sessionId: input.sessionId ?? null,
      mobile: input.mobile ?? false,
      clientIp: input.ip ?? null,
      now: input.now,
    });
    await db
      .update(payments)
      .set({ providerPaymentId: created.providerPaymentId, checkoutUrl: created.checkoutUrl })
      .where(eq(payments.id, paymentId));
    // A QR code is scanned from the payment's own page; every other checkout is visited.
    return { ok: true, paymentId, checkoutUrl: isQrCheckout(created.checkoutUrl) ? paymentStatusPath(paymentId) : created.checkoutUrl };
  } catch (error) {
    console.error(`[payments] ${provider.name} could not create payment ${paymentId}:`, (error as Error).message);
    await db
      .update(payments)
      .set({ status: 'failed', failureReason: 'provider_error', settledAt: input.now })
      .where(and(eq(payments.id, paymentId), eq(payments.status, 'pending')));
    return { ok: false, code: 'provider_error', paymentId };
  }
}
