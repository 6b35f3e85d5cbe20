import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { payments, type PaymentStatus } from '@/lib/db/schema';
import { getWalletSnapshot } from '@/lib/billing/account-status';
import { fenToDecimalString } from '@/lib/money';
import type { Payment } from './apply-payment-update';
import { isQrCheckout } from './provider';
import { refundedFenByPayment } from './refund-top-up';

/** A payment as the browser sees it: amounts as decimal strings, instants as ISO strings. */
export interface PaymentView {
  id: string;
  status: PaymentStatus;
  /** Yuan, e.g. "100.00". */
  amount: string;
  currency: string;
  provider: string;
  failureReason: string | null;
  createdAt: string;
  expiresAt: string;
  settledAt: string | null;
  /** The provider's page, while the customer can still pay there. */
  checkoutUrl: string | null;
  /** WeChat Pay Native: the code to show as a QR code, while the customer can still pay. */
  qrCode: string | null;
  /** Yuan refunded by finance so far, or null when nothing was. */
  refunded: string | null;
}

/** The status route's answer: the payment and the wallet it is for. */
export interface PaymentStatusView extends PaymentView {
  balance: string;
  accountStatus: 'active' | 'suspended';
}

/**
 * Who the view is for. Support viewing as the customer never gets the customer's checkout link:
 * impersonation never moves money, and the provider's page must not be reachable from it.
 */
export interface PaymentAudience {
  impersonating: boolean;
}

/**
 * A payment as the customer sees it. One still pending past its expiry is shown as what the
 * scheduler's `expire-abandoned-top-ups` job will make it (expired, abandoned): reading never writes.
 */
export function paymentView(payment: Payment, now: Date, audience: PaymentAudience, refundedFen = 0n): PaymentView {
  const abandoned = payment.status === 'pending' && payment.expiresAt.getTime() <= now.getTime();
  const payable = !audience.impersonating && payment.status === 'pending' && !abandoned;
  const qr = isQrCheckout(payment.checkoutUrl);
  return {
    id: payment.id,
    status: abandoned ? 'expired' : payment.status,
    amount: fenToDecimalString(payment.amountFen),
    currency: payment.currency,
    provider: payment.provider,
    failureReason: abandoned ? 'abandoned' : payment.failureReason,
    createdAt: payment.createdAt.toISOString(),
    expiresAt: payment.expiresAt.toISOString(),
    settledAt: payment.settledAt?.toISOString() ?? null,
    checkoutUrl: payable && !qr ? payment.checkoutUrl : null,
    qrCode: payable && qr ? payment.checkoutUrl : null,
    refunded: refundedFen > 0n ? fenToDecimalString(refundedFen) : null,
  };
}

/** One payment of an account (null when it is another account's or does not exist). */
export async function findAccountPayment(db: Db, accountId: string, paymentId: string): Promise<Payment | null> {
  const [payment] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.id, paymentId), eq(payments.accountId, accountId)));
  return payment ?? null;
}

export async function paymentStatusView(db: Db, accountId: string, paymentId: string, now: Date, audience: PaymentAudience): Promise<PaymentStatusView | null> {
  const payment = await findAccountPayment(db, accountId, paymentId);
  if (!payment) return null;
  const wallet = await getWalletSnapshot(db, accountId);
  const refunded = await refundedFenByPayment(db, [payment.id]);
  return { ...paymentView(payment, now, audience, refunded.get(payment.id)), balance: fenToDecimalString(wallet?.balanceFen ?? 0n), accountStatus: wallet?.status ?? 'active' };
}

/** The account's most recent top-ups, newest first (abandoned ones shown as expired). */
export async function listAccountPayments(db: Db, accountId: string, now: Date, audience: PaymentAudience, limit = 20): Promise<PaymentView[]> {
  const rows = await db.select().from(payments).where(eq(payments.accountId, accountId)).orderBy(desc(payments.createdAt)).limit(limit);
  const refunded = await refundedFenByPayment(db, rows.map((p) => p.id));
  return rows.map((p) => paymentView(p, now, audience, refunded.get(p.id)));
}
