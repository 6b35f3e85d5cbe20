import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { payments, type PaymentStatus } from '@/lib/db/schema';
import { getWalletSnapshot } from '@/lib/billing/account-status';
import { fenToDecimalString } from '@/lib/money';
import { expireAbandonedPayments, type Payment } from './apply-payment-update';
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

export function paymentView(payment: Payment, now: Date, audience: PaymentAudience, refundedFen = 0n): PaymentView {
  const payable = !audience.impersonating && payment.status === 'pending' && payment.expiresAt.getTime() > now.getTime();
  const qr = isQrCheckout(payment.checkoutUrl);
  return {
    id: payment.id,
    status: payment.status,
    amount: fenToDecimalString(payment.amountFen),
    currency: payment.currency,
    provider: payment.provider,
    failureReason: payment.failureReason,
    createdAt: payment.createdAt.toISOString(),
    expiresAt: payment.expiresAt.toISOString(),
    settledAt: payment.settledAt?.toISOString() ?? null,
    checkoutUrl: payable && !qr ? payment.checkoutUrl : null,
    qrCode: payable && qr ? payment.checkoutUrl : null,
    refunded: refundedFen > 0n ? fenToDecimalString(refundedFen) : null,
  };
}

/** One payment of an account (null when it is another account's or does not exist); expired first when abandoned. */
export async function findAccountPayment(db: Db, accountId: string, paymentId: string, now: Date): Promise<Payment | null> {
  const where = and(eq(payments.id, paymentId), eq(payments.accountId, accountId));
  const [payment] = await db.select().from(payments).where(where);
  if (!payment) return null;
  if (payment.status !== 'pending' || payment.expiresAt.getTime() > now.getTime()) return payment;
  await expireAbandonedPayments(db, now, { paymentId });
  const [reread] = await db.select().from(payments).where(where);
  return reread ?? null;
}

export async function paymentStatusView(db: Db, accountId: string, paymentId: string, now: Date, audience: PaymentAudience): Promise<PaymentStatusView | null> {
  const payment = await findAccountPayment(db, accountId, paymentId, now);
  if (!payment) return null;
  const wallet = await getWalletSnapshot(db, accountId);
  const refunded = await refundedFenByPayment(db, [payment.id]);
  return { ...paymentView(payment, now, audience, refunded.get(payment.id)), balance: fenToDecimalString(wallet?.balanceFen ?? 0n), accountStatus: wallet?.status ?? 'active' };
}

/** The account's most recent top-ups, newest first (abandoned ones shown as expired). */
export async function listAccountPayments(db: Db, accountId: string, now: Date, audience: PaymentAudience, limit = 20): Promise<PaymentView[]> {
  await expireAbandonedPayments(db, now, { accountId });
  const rows = await db.select().from(payments).where(eq(payments.accountId, accountId)).orderBy(desc(payments.createdAt)).limit(limit);
  const refunded = await refundedFenByPayment(db, rows.map((p) => p.id));
  return rows.map((p) => paymentView(p, now, audience, refunded.get(p.id)));
}
