import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import type { InvoiceSummary } from '@/lib/invoices/invoice-queries';
import { formatCny } from '@/lib/money';
import { cellClasses, numberCellClasses, tableClasses, tableWrapperClasses, theadClasses } from './field-styles';

/** The customer's invoices, credit notes and requests, with a download link for each issued PDF. */
export async function AccountInvoiceList({ invoices }: { invoices: InvoiceSummary[] }) {
  const t = await getTranslations('invoices');
  const format = await getFormatter();
  const locale = await getLocale();
  return (
    <Card aria-labelledby="account-invoices-heading">
      <h2 id="account-invoices-heading" className="text-lg font-semibold">
        {t('list.heading')}
      </h2>
      {invoices.length === 0 ? (
        <p className="mt-3 text-sm">{t('list.empty')}</p>
      ) : (
        <div className={`mt-3 ${tableWrapperClasses}`}>
          <table className={tableClasses}>
            <caption className="sr-only">{t('list.heading')}</caption>
            <thead className={theadClasses}>
              <tr>
                <th scope="col" className={cellClasses}>{t('list.number')}</th>
                <th scope="col" className={cellClasses}>{t('list.date')}</th>
                <th scope="col" className={cellClasses}>{t('list.period')}</th>
                <th scope="col" className={cellClasses}>{t('list.type')}</th>
                <th scope="col" className={cellClasses}>{t('list.buyer')}</th>
                <th scope="col" className={numberCellClasses}>{t('list.amount')}</th>
                <th scope="col" className={cellClasses}>{t('list.status')}</th>
                <th scope="col" className={cellClasses}>
                  <span className="sr-only">{t('list.download')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {invoices.map((invoice) => (
                <tr key={invoice.id} className="border-t border-slate-200 align-top dark:border-slate-800">
                  <th scope="row" className={`${cellClasses} whitespace-nowrap font-mono font-normal`}>{invoice.number ?? '—'}</th>
                  <td className={cellClasses}>{format.dateTime(invoice.issuedAt ?? invoice.requestedAt, { dateStyle: 'medium' })}</td>
                  <td className={cellClasses}>
                    {invoice.periodFrom} – {invoice.periodTo}
                  </td>
                  <td className={cellClasses}>
                    {invoice.type === 'credit_note' ? t('types.creditNoteOf', { number: invoice.relatedNumber ?? '' }) : t(`types.${invoice.kind}`)}
                  </td>
                  <td className={cellClasses}>{invoice.buyer.name}</td>
                  <td className={numberCellClasses}>{formatCny(invoice.gross, locale)}</td>
                  <td className={cellClasses}>
                    {t(`status.${invoice.type === 'credit_note' ? 'credit_note' : invoice.status}`)}
                    {invoice.status === 'credited' && invoice.relatedNumber ? <span className="block text-xs">{t('list.creditedBy', { number: invoice.relatedNumber })}</span> : null}
                    {invoice.status === 'rejected' && invoice.rejectReason ? <span className="block text-xs">{t('list.rejectedBecause', { reason: invoice.rejectReason })}</span> : null}
                  </td>
                  <td className={cellClasses}>
                    {invoice.hasPdf && invoice.number ? (
                      <a href={`/api/invoices/${invoice.id}/pdf`} download className="font-medium text-brand-700 underline underline-offset-2 dark:text-sky-300" aria-label={t('list.downloadLabel', { number: invoice.number })}>
                        {t('list.download')}
                      </a>
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
