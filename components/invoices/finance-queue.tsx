import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { invoiceDocumentView } from '@/lib/invoices/document-view';
import type { InvoiceSummary } from '@/lib/invoices/invoice-queries';
import { formatCny } from '@/lib/money';
import { cellClasses, numberCellClasses, tableClasses, tableWrapperClasses, theadClasses } from './field-styles';
import { FinanceRowActions } from './finance-row-actions';
import { InvoiceDocumentTable } from './invoice-document-table';

/** The finance queue: one row per request, invoice or credit note, with its decisions and downloads. */
export async function FinanceQueue({ invoices, limit }: { invoices: InvoiceSummary[]; limit: number }) {
  const t = await getTranslations('finance');
  const format = await getFormatter();
  const locale = await getLocale();
  if (invoices.length === 0) return <p className="text-sm">{t('queue.empty')}</p>;
  return (
    <>
      <div className={tableWrapperClasses}>
        <table className={tableClasses}>
          <caption className="sr-only">{t('queue.caption')}</caption>
          <thead className={theadClasses}>
            <tr>
              <th scope="col" className={cellClasses}>{t('queue.number')}</th>
              <th scope="col" className={cellClasses}>{t('queue.customer')}</th>
              <th scope="col" className={cellClasses}>{t('queue.buyer')}</th>
              <th scope="col" className={cellClasses}>{t('queue.kind')}</th>
              <th scope="col" className={numberCellClasses}>{t('queue.net')}</th>
              <th scope="col" className={numberCellClasses}>{t('queue.vat')}</th>
              <th scope="col" className={numberCellClasses}>{t('queue.gross')}</th>
              <th scope="col" className={cellClasses}>{t('queue.status')}</th>
              <th scope="col" className={cellClasses}>{t('queue.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {invoices.map((invoice) => {
              const gross = formatCny(invoice.gross, locale);
              const label = `${invoice.number ?? invoice.accountName} ${gross}`;
              return (
                <tr key={invoice.id} className="border-t border-slate-200 align-top dark:border-slate-800" data-invoice-id={invoice.id}>
                  <th scope="row" className={`${cellClasses} font-normal`}>
                    <span className="whitespace-nowrap font-mono">{invoice.number ?? '—'}</span>
                    <span className="block text-xs text-slate-600 dark:text-slate-400">
                      {invoice.issuedAt ? t('queue.issuedOn', { date: format.dateTime(invoice.issuedAt, { dateStyle: 'medium' }) }) : t('queue.requestedOn', { date: format.dateTime(invoice.requestedAt, { dateStyle: 'medium', timeStyle: 'short' }) })}
                    </span>
                  </th>
                  <td className={cellClasses}>
                    {invoice.accountName}
                    <span className="block font-mono text-xs">{invoice.accountId}</span>
                  </td>
                  <td className={cellClasses}>
                    {invoice.buyer.name}
                    {invoice.buyer.taxpayerId ? <span className="block font-mono text-xs">{invoice.buyer.taxpayerId}</span> : null}
                    {invoice.buyer.taxpayerIdCheckFailed ? <span className="block text-xs text-amber-800 dark:text-amber-300">{t('queue.checkFlag')}</span> : null}
                    <details className="mt-1 text-xs">
                      <summary className="cursor-pointer">{t('queue.details')}</summary>
                      <div className="mt-2 min-w-[28rem] space-y-2">
                        <p>{t('queue.period', { from: invoice.periodFrom, to: invoice.periodTo })}</p>
                        {invoice.recipientEmails.length > 0 ? <p>{t('queue.recipients', { emails: invoice.recipientEmails.join(', ') })}</p> : null}
                        {invoice.buyer.address || invoice.buyer.phone ? <p>{[invoice.buyer.address, invoice.buyer.phone].filter(Boolean).join(' · ')}</p> : null}
                        {invoice.buyer.bank || invoice.buyer.account ? <p>{[invoice.buyer.bank, invoice.buyer.account].filter(Boolean).join(' · ')}</p> : null}
                        <InvoiceDocumentTable view={invoiceDocumentView(invoice.document, locale)} caption={t('queue.linesOf', { invoice: label })} />
                      </div>
                    </details>
                  </td>
                  <td className={cellClasses}>
                    {invoice.type === 'credit_note' ? t('kinds.creditNoteOf', { number: invoice.relatedNumber ?? '' }) : t(`kinds.${invoice.kind}`)}
                  </td>
                  <td className={numberCellClasses}>{formatCny(invoice.net, locale)}</td>
                  <td className={numberCellClasses}>{formatCny(invoice.tax, locale)}</td>
                  <td className={numberCellClasses}>{gross}</td>
                  <td className={cellClasses}>
                    {t(`statuses.${invoice.type === 'credit_note' ? 'credit_note' : invoice.status}`)}
                    {invoice.status === 'credited' && invoice.relatedNumber ? <span className="block text-xs">{t('queue.creditedBy', { number: invoice.relatedNumber })}</span> : null}
                    {invoice.status === 'rejected' && invoice.rejectReason ? <span className="block text-xs">{t('queue.rejectedBecause', { reason: invoice.rejectReason })}</span> : null}
                  </td>
                  <td className={`${cellClasses} space-y-2`}>
                    <FinanceRowActions
                      invoiceId={invoice.id}
                      label={label}
                      number={invoice.number}
                      canDecide={invoice.type === 'invoice' && invoice.status === 'requested'}
                      canCredit={invoice.type === 'invoice' && invoice.status === 'issued'}
                    />
                    {invoice.hasPdf && invoice.number ? (
                      <a href={`/api/finance/invoices/${invoice.id}/pdf`} download className="block font-medium text-brand-700 underline underline-offset-2 dark:text-sky-300" aria-label={t('actions.downloadLabel', { number: invoice.number })}>
                        {t('actions.download')}
                      </a>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {invoices.length >= limit ? <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{t('queue.more', { count: limit })}</p> : null}
    </>
  );
}
