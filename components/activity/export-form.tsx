import { getTranslations } from 'next-intl/server';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';

const input = 'mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-800';

/** Finance and admin: every account's records for a date range, downloaded as CSV or JSON lines. */
export async function ActivityExportForm({ from, to, timeZone }: { from: string; to: string; timeZone: string }) {
  const t = await getTranslations('activity');
  return (
    <Card aria-labelledby="export-heading">
      <h2 id="export-heading" className="text-lg font-semibold">
        {t('export.heading')}
      </h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{t('export.intro', { timeZone })}</p>
      <form action="/api/activity/export" method="get" className="flex flex-wrap items-end gap-4">
        <div>
          <label htmlFor="export-from" className="block text-sm font-medium">
            {t('export.from')}
          </label>
          <input id="export-from" name="from" type="date" required defaultValue={from} className={input} />
        </div>
        <div>
          <label htmlFor="export-to" className="block text-sm font-medium">
            {t('export.to')}
          </label>
          <input id="export-to" name="to" type="date" required defaultValue={to} className={input} />
        </div>
        <div>
          <label htmlFor="export-account" className="block text-sm font-medium">
            {t('export.account')}
          </label>
          <input id="export-account" name="account" type="text" pattern="[Aa][0-9]{9}" aria-describedby="export-account-hint" className={`${input} w-40 font-mono`} />
          <p id="export-account-hint" className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">
            {t('export.accountHint')}
          </p>
        </div>
        <fieldset>
          <legend className="text-sm font-medium">{t('export.format')}</legend>
          <div className="mt-1 flex gap-3 text-sm">
            <label className="flex items-center gap-1">
              <input type="radio" name="format" value="csv" defaultChecked /> {t('export.csv')}
            </label>
            <label className="flex items-center gap-1">
              <input type="radio" name="format" value="jsonl" /> {t('export.jsonl')}
            </label>
          </div>
        </fieldset>
        <button type="submit" className={buttonClasses('primary')}>
          {t('export.submit')}
        </button>
      </form>
    </Card>
  );
}
