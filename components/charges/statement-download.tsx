import { getTranslations } from 'next-intl/server';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';

/**
 * The monthly statement of any ended month: a plain GET form (works without JavaScript), the month
 * picker limited to months that have ended.
 */
export async function StatementDownload({ latestMonth }: { latestMonth: string }) {
  const t = await getTranslations('charges.statement');
  return (
    <Card aria-labelledby="statement-heading">
      <h2 id="statement-heading" className="text-lg font-semibold">
        {t('heading')}
      </h2>
      <p id="statement-intro" className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        {t('intro')}
      </p>
      <form action="/api/charges/statement" method="get" className="mt-3 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="statement-month" className="block text-sm font-medium">
            {t('month')}
          </label>
          <input
            id="statement-month"
            type="month"
            name="month"
            required
            max={latestMonth}
            defaultValue={latestMonth}
            pattern="\d{4}-\d{2}"
            aria-describedby="statement-intro"
            className="mt-1 rounded-md border border-slate-300 px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
          />
        </div>
        <button type="submit" className={buttonClasses('secondary')}>
          {t('download')}
        </button>
      </form>
    </Card>
  );
}
