'use client';

import dynamic from 'next/dynamic';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { formatYuan } from '@/components/charges/format';
import { TableHead, Td, Th, Tr } from '@/components/ui/table';
import type { SpendChartData } from './spend-types';

const SpendBars = dynamic(() => import('./spend-bars'), {
  ssr: false,
  loading: () => <div className="h-[260px] animate-pulse rounded-lg bg-slate-100 dark:bg-slate-800" />,
});

const PERIODS = [30, 90] as const;

function sum(values: string[]): string {
  // Exact: whole fen as bigint.
  let fen = 0n;
  for (const v of values) {
    const negative = v.startsWith('-');
    const [whole, fraction = ''] = (negative ? v.slice(1) : v).split('.');
    const amount = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
    fen += negative ? -amount : amount;
  }
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** Spending of the last 30 or 90 days stacked by service, with the same figures as a table. */
export function SpendSection({ data }: { data: SpendChartData }) {
  const t = useTranslations('overview.spend');
  const locale = useLocale();
  const [period, setPeriod] = useState<(typeof PERIODS)[number]>(30);
  const shown: SpendChartData = { services: data.services, days: data.days.slice(-period) };
  const total = sum(shown.days.map((d) => d.total));
  const empty = shown.days.every((d) => d.total === '0.00');

  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="spend-total">
          {t('total', { days: period, total: formatYuan(total, locale) })}
        </p>
        <div role="group" aria-label={t('period')} className="inline-flex rounded-md border border-slate-300 dark:border-slate-600">
          {PERIODS.map((p) => (
            <button
              key={p}
              type="button"
              aria-pressed={period === p}
              onClick={() => setPeriod(p)}
              className={`px-3 py-1.5 text-sm first:rounded-l-md last:rounded-r-md ${period === p ? 'bg-brand-600 text-white' : 'bg-white text-slate-800 hover:bg-slate-100 dark:bg-slate-800 dark:text-slate-100'}`}
            >
              {t('days', { days: p })}
            </button>
          ))}
        </div>
      </div>
      {empty ? (
        <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">{t('empty')}</p>
      ) : (
        <figure className="mt-4">
          <div role="img" aria-label={t('chartLabel', { days: period })}>
            <SpendBars data={shown} locale={locale} />
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
