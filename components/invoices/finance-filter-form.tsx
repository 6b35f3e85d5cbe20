import { getTranslations } from 'next-intl/server';
import { Button } from '@/components/ui/button';
import { financeStatusFilters, type FinanceInvoiceFilter } from '@/lib/invoices/invoice-queries';
import { hintClasses, inputClasses, labelClasses } from '@/components/ui/field-styles';

/** Status and date filter of the queue: a plain GET form, so a filtered queue is a link. */
export async function FinanceFilterForm({ filter }: { filter: FinanceInvoiceFilter }) {
  const t = await getTranslations('finance.filter');
  return (
    <form method="get" action="/finance" className="flex flex-wrap items-end gap-4" aria-label={t('label')}>
      <div>
        <label htmlFor="finance-status" className={labelClasses}>
          {t('status')}
        </label>
        <select id="finance-status" name="status" defaultValue={filter.status} className={inputClasses}>
          {financeStatusFilters.map((status) => (
            <option key={status} value={status}>
              {t(`statuses.${status}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="finance-from" className={labelClasses}>
          {t('from')}
        </label>
        <input id="finance-from" type="date" name="from" defaultValue={filter.from ?? ''} className={inputClasses} />
      </div>
      <div>
        <label htmlFor="finance-to" className={labelClasses}>
          {t('to')}
        </label>
        <input id="finance-to" type="date" name="to" defaultValue={filter.to ?? ''} className={inputClasses} />
      </div>
      <Button type="submit">{t('apply')}</Button>
      <p className={`${hintClasses} basis-full`}>{t('dateHint')}</p>
    </form>
  );
}
