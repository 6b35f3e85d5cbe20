'use client';

import { useQuery } from '@tanstack/react-query';
import { QueryProvider } from '@/components/shell/query-provider';
import Link from 'next/link';
import { useFormatter, useLocale, useTranslations } from '@/components/shell/client-i18n';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import type { PaymentStatusView } from '@/lib/payments/payment-queries';
import { failureReasonKey, formatYuan } from './format';
import { PaymentStatusBadge } from './payment-status-badge';

/** Fast while a confirmation is normally seconds away, then slower (the provider may retry for a while). */
const POLL_MS = 1500;
const SLOW_POLL_MS = 10_000;
const FAST_POLLS = 40;

async function fetchPaymentStatus(paymentId: string): Promise<PaymentStatusView> {
  const response = await fetch(`/api/payments/${encodeURIComponent(paymentId)}`, { cache: 'no-store', headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`status ${response.status}`);
  return (await response.json()) as PaymentStatusView;
}

/** React Query (the polling) for this panel only: the rest of the portal never loads it. */
export function PaymentStatusPanel(props: { initial: PaymentStatusView; qrImage: string | null }) {
  return (
    <QueryProvider>
      <PaymentStatusPanelView {...props} />
    </QueryProvider>
  );
}

/** One payment's status, polled until it is final (confirmed, declined, failed or expired). */
function PaymentStatusPanelView({ initial, qrImage }: { initial: PaymentStatusView; qrImage: string | null }) {
  const t = useTranslations('topup');
  const locale = useLocale();
  const format = useFormatter();
  const query = useQuery({
    queryKey: ['payment', initial.id],
    queryFn: () => fetchPaymentStatus(initial.id),
    initialData: initial,
    staleTime: 0,
    retry: 2,
    refetchInterval: (q) => (q.state.data?.status !== 'pending' ? false : q.state.dataUpdateCount < FAST_POLLS ? POLL_MS : SLOW_POLL_MS),
    refetchIntervalInBackground: true,
  });
  const payment = query.data;
  const amount = formatYuan(payment.amount, locale);
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'medium' });
  const unpaid = payment.status === 'declined' || payment.status === 'failed' || payment.status === 'expired';

  return (
    <div className="space-y-6">
      <Card aria-labelledby="payment-heading">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="payment-heading" className="text-lg font-semibold">
            {t('payment.heading', { amount })}
          </h2>
          <span data-testid="payment-status">
            <PaymentStatusBadge status={payment.status} label={t(`status.${payment.status}`)} />
          </span>
        </div>
        <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="text-slate-600 dark:text-slate-400">{t('payment.reference')}</dt>
          <dd className="font-mono">{payment.id}</dd>
          <dt className="text-slate-600 dark:text-slate-400">{t('payment.started')}</dt>
          <dd>{when(payment.createdAt)}</dd>
          {payment.settledAt ? (
            <>
              <dt className="text-slate-600 dark:text-slate-400">{t('payment.settled')}</dt>
              <dd>{when(payment.settledAt)}</dd>
            </>
          ) : (
            <>
              <dt className="text-slate-600 dark:text-slate-400">{t('payment.expires')}</dt>
              <dd>{when(payment.expiresAt)}</dd>
            </>
          )}
        </dl>

        <div aria-live="polite" className="mt-4">
          {payment.status === 'pending' ? (
            <div className="space-y-3">
              <p className="text-sm">{t('payment.pendingBody')}</p>
              <p role="status" className="flex items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
                <span aria-hidden="true" className="inline-block size-3 animate-spin rounded-full border-2 border-slate-400 border-t-transparent" />
                {t('payment.checking')}
              </p>
              {payment.checkoutUrl ? (
                <a href={payment.checkoutUrl} className={buttonClasses('secondary')}>
                  {t('payment.continue')}
                </a>
              ) : null}
              {qrImage && payment.qrCode ? (
                <figure className="space-y-2" aria-labelledby="wechat-qr-heading">
                  <h3 id="wechat-qr-heading" className="font-semibold">
                    {t('payment.qrHeading')}
                  </h3>
                  {/* A data: URL drawn on the server; next/image adds nothing for it. */}
                  {/* eslint-disable-next-line @next/next/no-img-element */}
                  <img src={qrImage} alt={t('payment.qrAlt')} width={200} height={200} data-testid="wechat-qr" data-code={payment.qrCode} className="rounded border border-slate-200 bg-white p-2" />
                  <figcaption className="text-sm">{t('payment.qrBody')}</figcaption>
                </figure>
              ) : null}
            </div>
          ) : payment.status === 'succeeded' ? (
            <Alert tone="success">
              <p className="font-semibold">{t('payment.succeededBody', { amount })}</p>
              <p className="mt-1" data-testid="payment-balance">
                {t('payment.newBalance', { balance: formatYuan(payment.balance, locale) })}
              </p>
              <p className="mt-1">{payment.accountStatus === 'active' ? t('payment.accountActive') : t('payment.accountSuspended')}</p>
              {payment.refunded ? (
                <p className="mt-1" data-testid="payment-refunded">
                  {t('payment.refunded', { amount: formatYuan(payment.refunded, locale) })}
                </p>
              ) : null}
              <p className="mt-2">
                <a href={`/api/payments/${encodeURIComponent(payment.id)}/receipt`} className="underline underline-offset-2" download>
                  {t('payment.receipt')}
                </a>
              </p>
            </Alert>
          ) : unpaid ? (
            <Alert tone="error">
              <p className="font-semibold">{t(`payment.${payment.status}Body`)}</p>
              <p className="mt-1" data-testid="payment-reason">
                {t('payment.reason', { reason: t(`reasons.${failureReasonKey(payment.failureReason)}`) })}
              </p>
            </Alert>
          ) : null}
        </div>
        {query.isError ? (
          <p role="status" className="mt-2 text-sm text-amber-800 dark:text-amber-300">
            {t('payment.pollError')}
          </p>
        ) : null}
      </Card>

      <div className="flex flex-wrap gap-3">
        <Link href="/top-up" className={buttonClasses(payment.status === 'pending' ? 'secondary' : 'primary')}>
          {payment.status === 'pending' ? t('payment.back') : t('payment.again')}
        </Link>
        <Link href="/" className={buttonClasses('ghost')}>
          {t('payment.overview')}
        </Link>
      </div>
    </div>
  );
}
