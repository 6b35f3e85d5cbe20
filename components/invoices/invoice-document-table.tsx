import { useTranslations } from 'next-intl';
import type { InvoiceDocumentView } from '@/lib/invoices/document-view';
import { cellClasses, numberCellClasses, tableClasses, tableWrapperClasses, theadClasses } from './field-styles';

/** An invoice's lines per service and tax rate, subtotals per rate, totals and the total in Chinese capitals. */
export function InvoiceDocumentTable({ view, caption }: { view: InvoiceDocumentView; caption: string }) {
  const t = useTranslations('invoices.document');
  return (
    <div className="space-y-2">
      <div className={tableWrapperClasses}>
        <table className={tableClasses}>
          <caption className="sr-only">{caption}</caption>
          <thead className={theadClasses}>
            <tr>
              <th scope="col" className={cellClasses}>{t('service')}</th>
              <th scope="col" className={numberCellClasses}>{t('rate')}</th>
              <th scope="col" className={numberCellClasses}>{t('net')}</th>
              <th scope="col" className={numberCellClasses}>{t('vat')}</th>
              <th scope="col" className={numberCellClasses}>{t('gross')}</th>
            </tr>
          </thead>
          <tbody>
            {view.lines.map((line) => (
              <tr key={line.key} className="border-t border-slate-200 dark:border-slate-800">
                <th scope="row" className={`${cellClasses} font-normal`}>{line.service}</th>
                <td className={numberCellClasses}>{line.rate}</td>
                <td className={numberCellClasses}>{line.net}</td>
                <td className={numberCellClasses}>{line.tax}</td>
                <td className={numberCellClasses}>{line.gross}</td>
              </tr>
            ))}
            {view.subtotals.map((subtotal, index) => (
              <tr key={subtotal.key} className={index === 0 ? 'border-t-2 border-slate-300 dark:border-slate-600' : 'border-t border-slate-200 dark:border-slate-800'}>
                <th scope="row" className={`${cellClasses} font-normal`}>{t('subtotal', { rate: subtotal.rate })}</th>
                <td className={numberCellClasses}>{subtotal.rate}</td>
                <td className={numberCellClasses}>{subtotal.net}</td>
                <td className={numberCellClasses}>{subtotal.tax}</td>
                <td className={numberCellClasses}>{subtotal.gross}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="border-t-2 border-slate-300 font-semibold dark:border-slate-600">
              <th scope="row" className={cellClasses}>{t('total')}</th>
              <td className={numberCellClasses} />
              <td className={numberCellClasses}>{view.total.net}</td>
              <td className={numberCellClasses}>{view.total.tax}</td>
              <td className={numberCellClasses}>{view.total.gross}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="text-sm">
        <span className="font-medium">{t('inWords')}</span> <span lang="zh-CN">{view.inWords}</span>
      </p>
    </div>
  );
}
