import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { activityActor, type ActorRef } from '@/lib/audit/actor';
import { recordActivity } from '@/lib/audit/record-activity';
import type { Db } from '@/lib/db/client';
import { payments } from '@/lib/db/schema';
import { DomainError } from '@/lib/errors';
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
  /** Who starts it; their address is also the payer's IP some providers ask for. */
  actor: ActorRef;
  amountFen: bigint;
  limits: TopUpLimits;
  /** Shown on the provider's page. */
  description: string;
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

/**
 * A top-up that could not start: the amount is outside the provider's limits (`invalid`, on the
 * amount field), or the provider could not be reached (`provider_error`; `paymentId` is the payment
 * recorded as failed, null when none was made).
 */
export class TopUpError extends DomainError<'invalid' | 'provider_error'> {
  private constructor(
    code: 'invalid' | 'provider_error',
    options: { field?: string; messageKey: string; params?: Record<string, bigint> },
    readonly paymentId: string | null,
  ) {
    super(code, code, options);
    this.name = 'TopUpError';
  }

  static outOfRange(limits: TopUpLimits): TopUpError {
    return new TopUpError('invalid', { field: 'amount', messageKey: 'topup.errors.outOfRange', params: { min: limits.minFen, max: limits.maxFen } }, null);
  }

  static providerError(paymentId: string | null): TopUpError {
    return new TopUpError('provider_error', { messageKey: 'topup.errors.provider' }, paymentId);
  }
}

/**
 * Starts a top-up: records the attempt (a pending payment and an activity record), then asks the
 * provider for its hosted payment page and returns where the browser goes. Nothing is credited
 * here; only a verified confirmation credits the wallet. A provider that cannot be reached leaves a
 * `failed` payment with its reason (TopUpError `provider_error`).
 */
export async function startTopUp(db: Db, provider: PaymentProvider<ProviderEvent>, input: StartTopUpInput): Promise<{ paymentId: string; checkoutUrl: string }> {
  // The form validated the amount already; the rule is checked again where money starts moving.
  if (input.amountFen < input.limits.minFen || input.amountFen > input.limits.maxFen) throw TopUpError.outOfRange(input.limits);
  const paymentId = newPaymentId();
  const expiresAt = new Date(input.now.getTime() + PAYMENT_TTL_MS);
  await db.transaction(async (tx) => {
    await tx.insert(payments).values({
      id: paymentId,
      accountId: input.accountId,
      createdByUserId: input.actor.userId,
      provider: provider.name,
      amountFen: input.amountFen,
      currency: 'CNY',
      status: 'pending',
      createdAt: input.now,
      expiresAt,
    });
    await recordActivity(tx, {
      accountId: input.accountId,
      ...activityActor(input.actor),
      kind: 'top_up_started',
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
      clientIp: input.actor.ip ?? null,
      now: input.now,
    });
    await db
      .update(payments)
      .set({ providerPaymentId: created.providerPaymentId, checkoutUrl: created.checkoutUrl })
      .where(eq(payments.id, paymentId));
    // A QR code is scanned from the payment's own page; every other checkout is visited.
    return { paymentId, checkoutUrl: isQrCheckout(created.checkoutUrl) ? paymentStatusPath(paymentId) : created.checkoutUrl };
  } catch (error) {
    console.error(`[payments] ${provider.name} could not create payment ${paymentId}:`, (error as Error).message);
    await db
      .update(payments)
      .set({ status: 'failed', failureReason: 'provider_error', settledAt: input.now })
      .where(and(eq(payments.id, paymentId), eq(payments.status, 'pending')));
    throw TopUpError.providerError(paymentId);
  }
}
