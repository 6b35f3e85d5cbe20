import { Table, TableHead, Td, Th, Tr } from '@/components/ui/table';
import type { InvoiceDocumentView } from '@/lib/invoices/document-view';

/**
 * An invoice's lines per service and tax rate, subtotals per rate, totals and the total in Chinese capitals.
 * Shared by the finance queue (server) and the request form's preview (browser): `t` is the caller's
 * translator of `invoices.document` (next-intl's on the server, ../shell/client-i18n's in the browser).
 */
export function InvoiceDocumentTable({ view, caption, t }: { view: InvoiceDocumentView; caption: string; t: (key: string, values?: Record<string, string | number>) => string }) {
  return (
    <div className="space-y-2">
      <Table caption={caption}>
        <TableHead>
          <Th>{t('service')}</Th>
          <Th numeric>{t('rate')}</Th>
          <Th numeric>{t('net')}</Th>
          <Th numeric>{t('vat')}</Th>
          <Th numeric>{t('gross')}</Th>
        </TableHead>
        <tbody>
          {view.lines.map((line) => (
            <Tr key={line.key}>
              <Th scope="row" className="font-normal">
                {line.service}
              </Th>
              <Td numeric>{line.rate}</Td>
              <Td numeric>{line.net}</Td>
              <Td numeric>{line.tax}</Td>
              <Td numeric>{line.gross}</Td>
            </Tr>
          ))}
          {view.subtotals.map((subtotal, index) => (
            <tr key={subtotal.key} className={index === 0 ? 'border-t-2 border-slate-300 dark:border-slate-600' : 'border-t border-slate-200 dark:border-slate-800'}>
              <Th scope="row" className="font-normal">
                {t('subtotal', { rate: subtotal.rate })}
              </Th>
              <Td numeric>{subtotal.rate}</Td>
              <Td numeric>{subtotal.net}</Td>
              <Td numeric>{subtotal.tax}</Td>
              <Td numeric>{subtotal.gross}</Td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t-2 border-slate-300 font-semibold dark:border-slate-600">
            <Th scope="row">{t('total')}</Th>
            <Td numeric />
            <Td numeric>{view.total.net}</Td>
            <Td numeric>{view.total.tax}</Td>
            <Td numeric>{view.total.gross}</Td>
          </tr>
        </tfoot>
      </Table>
      <p className="text-sm">
        <span className="font-medium">{t('inWords')}</span> <span lang="zh-CN">{view.inWords}</span>
      </p>
    </div>
  );
}
