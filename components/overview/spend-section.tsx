import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { formatYuan } from '@/components/charges/format';
import { TableHead, Td, Th, Tr } from '@/components/ui/table';
import { fenToDecimalString, parseYuanToFen, sumFen } from '@/lib/money';
import { SpendChart } from './spend-chart';
import { SPEND_PERIODS, type SpendPeriod } from '@/lib/overview/spend-period';
import type { SpendChartData } from '@/lib/overview/spend-chart';

/**
 * Spending of the last 30 or 90 days stacked by service, with the same figures as a table. Drawn
 * on the server, one period per render: the period switch is a pair of links (`?days=90`), so the
 * page carries one chart, not both, and needs no script for it.
 */
export async function SpendSection({ data, period }: { data: SpendChartData; period: SpendPeriod }) {
  const t = await getTranslations('overview.spend');
  const locale = await getLocale();
  const shown: SpendChartData = { services: data.services, days: data.days.slice(-period) };
  // Exact: whole fen as bigint.
  const total = fenToDecimalString(sumFen(shown.days.map((d) => parseYuanToFen(d.total, { allowNegative: true }) ?? 0n)));
  const empty = shown.days.every((d) => d.total === '0.00');
  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="spend-total">
          {t('total', { days: period, total: formatYuan(total, locale) })}
        </p>
        <nav aria-label={t('period')} className="inline-flex rounded-md border border-slate-300 dark:border-slate-600">
          {SPEND_PERIODS.map((p) => (
            <Link
              key={p}
              href={p === SPEND_PERIODS[0] ? '/' : `/?days=${p}`}
              scroll={false}
              prefetch={false}
              replace
              aria-current={p === period ? 'true' : undefined}
              className={`px-3 py-1.5 text-sm first:rounded-l-md last:rounded-r-md ${p === period ? 'bg-brand-600 text-white' : 'bg-white text-slate-800 hover:bg-slate-100 dark:bg-slate-800 dark:text-slate-100'}`}
            >
              {t('days', { days: p })}
            </Link>
          ))}
        </nav>
      </div>
          {empty ? (
            <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">{t('empty')}</p>
          ) : (
            <figure className="mt-4">
              <div role="img" aria-label={t('chartLabel', { days: period })}>
                <SpendChart data={shown} locale={locale} />
              </div>
              <figcaption className="sr-only">{t('chartCaption')}</figcaption>
            </figure>
          )}
          <details className="mt-4">
            <summary className="cursor-pointer text-sm font-medium text-brand-700 dark:text-sky-300">{t('showTable')}</summary>
            <div className="mt-2 max-h-96 overflow-y-auto rounded-xl" tabIndex={0} role="region" aria-label={t('tableCaption', { days: period })}>
              <table className="w-full text-left text-sm" data-testid="spend-table">
                <caption className="sr-only">{t('tableCaption', { days: period })}</caption>
                <TableHead>
                  <Th>{t('day')}</Th>
                  {shown.services.map((s) => (
                    <Th key={s.id} numeric>
                      {s.label}
                    </Th>
                  ))}
                  <Th numeric>{t('dayTotal')}</Th>
                </TableHead>
                <tbody>
                  {[...shown.days].reverse().map((d) => (
                    <Tr key={d.day}>
                      <Th scope="row" className="font-normal">
                        {d.day}
                      </Th>
                      {shown.services.map((s) => (
                        <Td key={s.id} numeric>
                          {formatYuan(d.values[s.id] ?? '0', locale)}
                        </Td>
                      ))}
                      <Td numeric className="font-medium">
                        {formatYuan(d.total, locale)}
                      </Td>
                    </Tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
    </div>
  );
}
