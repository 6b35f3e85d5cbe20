import Link from 'next/link';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { formatCny } from '@/lib/money';
import type { ChargeSummary } from '@/lib/support-cases/queries';

/** What a question is about: one movement of the balance, or one service day's charges. */
export function ChargeSummaryView({ charge }: { charge: ChargeSummary }) {
  const t = useTranslations('supportCases.charge');
  const services = useTranslations('charges.services');
  const format = useFormatter();
  const locale = useLocale();
  const title =
    charge.subject === 'day' || charge.kind === null
      ? t('day', { day: charge.serviceDay ?? '' })
      : t('transfer', { kind: t(`kinds.${charge.kind}`), at: charge.postedAt ? format.dateTime(charge.postedAt, { dateStyle: 'medium', timeStyle: 'short' }) : '' });
  return (
    <section aria-labelledby="charge-heading" className="mb-6 rounded-xl border border-slate-200 p-4 dark:border-slate-800" data-testid="case-charge">
      <h2 id="charge-heading" className="text-lg font-semibold">
        {t('heading')}
      </h2>
      <p className="mt-1 font-medium">{title}</p>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {charge.serviceId ? (
          <>
            <dt className="text-slate-600 dark:text-slate-400">{t('service')}</dt>
            <dd>{services.has(charge.serviceId) ? services(charge.serviceId) : charge.serviceId}</dd>
          </>
        ) : null}
        {charge.serviceDay ? (
          <>
            <dt className="text-slate-600 dark:text-slate-400">{t('serviceDay')}</dt>
            <dd>
              <Link href={`/charges/day/${charge.serviceDay}`} className="underline underline-offset-2" aria-label={t('dayLink', { day: charge.serviceDay })}>
                {charge.serviceDay}
              </Link>
            </dd>
          </>
        ) : null}
        <dt className="text-slate-600 dark:text-slate-400">{charge.subject === 'day' ? t('dayTotal') : t('amount')}</dt>
        <dd className="tabular-nums" data-testid="case-charge-amount">
          {formatCny(charge.subject === 'day' ? charge.disputedFen : charge.amountFen, locale)}
        </dd>
      </dl>
    </section>
  );
}
