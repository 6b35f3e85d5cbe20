import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { formatCny } from '@/lib/money';
import type { DaysLeft } from '@/lib/overview/days-left';

/** Days of balance left and the predicted run-out date (or why there is no prediction). */
export async function DaysLeftCard({ forecast }: { forecast: DaysLeft }) {
  const t = await getTranslations('overview.daysLeft');
  const locale = await getLocale();
  const format = await getFormatter();
  const date = (day: string) => format.dateTime(new Date(`${day}T00:00:00Z`), { dateStyle: 'long', timeZone: 'UTC' });
  return (
    <Card aria-labelledby="days-left-heading">
      <h2 id="days-left-heading" className="text-sm font-medium text-slate-600 dark:text-slate-400">
        {t('heading')}
      </h2>
      <div data-testid="days-left" data-kind={forecast.kind}>
        {forecast.kind === 'estimate' ? (
          <>
            <p className="mt-1 text-3xl font-semibold tabular-nums">{t('days', { days: forecast.daysLeft })}</p>
            <p className="mt-2 text-sm">{t('runsOut', { date: date(forecast.runsOutOn) })}</p>
            <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
              {t('basis', { average: formatCny(forecast.averageDailyFen, locale), days: forecast.windowDays })}
            </p>
          </>
        ) : (
          <p className="mt-2 text-sm">
            {forecast.kind === 'exhausted'
              ? t('exhausted')
              : forecast.kind === 'no_spend'
                ? t('noSpend', { days: forecast.windowDays })
                : t('tooLittle', { days: forecast.historyDays, needed: forecast.neededDays })}
          </p>
        )}
      </div>
    </Card>
  );
}
