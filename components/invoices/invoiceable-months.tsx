import { getLocale, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import type { InvoiceableMonth } from '@/lib/invoices/invoiceable-charges';
import { formatCny } from '@/lib/money';
import { cellClasses, numberCellClasses, tableClasses, tableWrapperClasses, theadClasses } from './field-styles';

/** What the customer may invoice, per month of service day. */
export async function InvoiceableMonths({ months, monthLabel }: { months: InvoiceableMonth[]; monthLabel: (month: string) => string }) {
  const t = await getTranslations('invoices.invoiceable');
  const locale = await getLocale();
  return (
    <Card aria-labelledby="invoiceable-heading">
      <h2 id="invoiceable-heading" className="text-lg font-semibold">
        {t('heading')}
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t('intro')}</p>
      {months.length === 0 ? (
        <p className="mt-3 text-sm">{t('empty')}</p>
      ) : (
        <div className={`mt-3 ${tableWrapperClasses}`}>
          <table className={tableClasses}>
            <caption className="sr-only">{t('caption')}</caption>
            <thead className={theadClasses}>
              <tr>
                <th scope="col" className={cellClasses}>{t('month')}</th>
                <th scope="col" className={numberCellClasses}>{t('charges')}</th>
                <th scope="col" className={numberCellClasses}>{t('net')}</th>
                <th scope="col" className={numberCellClasses}>{t('vat')}</th>
                <th scope="col" className={numberCellClasses}>{t('gross')}</th>
              </tr>
            </thead>
            <tbody>
              {months.map((m) => (
                <tr key={m.month} className="border-t border-slate-200 dark:border-slate-800">
                  <th scope="row" className={`${cellClasses} font-normal`}>{monthLabel(m.month)}</th>
                  <td className={numberCellClasses}>{m.chargeCount}</td>
                  <td className={numberCellClasses}>{formatCny(m.net, locale)}</td>
                  <td className={numberCellClasses}>{formatCny(m.tax, locale)}</td>
                  <td className={numberCellClasses}>{formatCny(m.gross, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
