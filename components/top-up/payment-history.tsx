import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import type { PaymentView } from '@/lib/payments/payment-queries';
import { failureReasonKey, formatYuan } from './format';
import { PaymentStatusBadge } from './payment-status-badge';

/** The account's recent top-ups: each payment with its status and, when it credited nothing, why. */
export async function PaymentHistory({ payments }: { payments: PaymentView[] }) {
  const t = await getTranslations('topup');
  const format = await getFormatter();
  const locale = await getLocale();
  return (
    <Card aria-labelledby="top-up-history-heading">
      <h2 id="top-up-history-heading" className="text-lg font-semibold">
        {t('history.heading')}
      </h2>
      {payments.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{t('history.empty')}</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-slate-600 dark:border-slate-700 dark:text-slate-400">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">
                  {t('history.started')}
                </th>
                <th scope="col" className="py-2 pr-4 text-right font-medium">
                  {t('history.amount')}
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  {t('history.status')}
                </th>
                <th scope="col" className="py-2 font-medium">
                  {t('history.details')}
                </th>
              </tr>
            </thead>
            <tbody>
              {payments.map((p) => (
                <tr key={p.id} className="border-b border-slate-100 last:border-0 dark:border-slate-800" data-testid="top-up-row">
                  <td className="py-2 pr-4">
                    <Link href={`/top-up/${p.id}`} className="underline underline-offset-2" aria-label={t('history.open', { id: p.id })}>
                      {format.dateTime(new Date(p.createdAt), { dateStyle: 'medium', timeStyle: 'short' })}
                    </Link>
                  </td>
                  <td className="py-2 pr-4 text-right tabular-nums">{formatYuan(p.amount, locale)}</td>
                  <td className="py-2 pr-4">
                    <PaymentStatusBadge status={p.status} label={t(`status.${p.status}`)} />
                  </td>
                  <td className="py-2 text-slate-700 dark:text-slate-300">
                    {p.status === 'declined' || p.status === 'failed' || p.status === 'expired' ? t(`reasons.${failureReasonKey(p.failureReason)}`) : null}
                    {p.status === 'succeeded' ? (
                      <span className="flex flex-wrap gap-3">
                        {p.refunded ? <span data-testid="top-up-refunded">{t('history.refunded', { amount: formatYuan(p.refunded, locale) })}</span> : null}
                        <a href={`/api/payments/${encodeURIComponent(p.id)}/receipt`} className="underline underline-offset-2" aria-label={t('history.receipt', { id: p.id })} download>
                          {t('history.receiptShort')}
                        </a>
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
