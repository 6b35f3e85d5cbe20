import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { Table, TableHead, Td, Th, Tr } from '@/components/ui/table';
import type { InvoiceSummary } from '@/lib/invoices/invoice-queries';
import { formatCny } from '@/lib/money';

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
        <Table caption={t('list.heading')} className="mt-3">
          <TableHead>
            <Th>{t('list.number')}</Th>
            <Th>{t('list.date')}</Th>
            <Th>{t('list.period')}</Th>
            <Th>{t('list.type')}</Th>
            <Th>{t('list.buyer')}</Th>
            <Th numeric>{t('list.amount')}</Th>
            <Th>{t('list.status')}</Th>
            <Th>
              <span className="sr-only">{t('list.download')}</span>
            </Th>
          </TableHead>
          <tbody>
            {invoices.map((invoice) => (
              <Tr key={invoice.id} className="align-top">
                <Th scope="row" className="whitespace-nowrap font-mono font-normal">
                  {invoice.number ?? '—'}
                </Th>
                <Td>{format.dateTime(invoice.issuedAt ?? invoice.requestedAt, { dateStyle: 'medium' })}</Td>
                <Td>
                  {invoice.periodFrom} – {invoice.periodTo}
                </Td>
                <Td>{invoice.type === 'credit_note' ? t('types.creditNoteOf', { number: invoice.relatedNumber ?? '' }) : t(`types.${invoice.kind}`)}</Td>
                <Td>{invoice.buyer.name}</Td>
                <Td numeric>{formatCny(invoice.gross, locale)}</Td>
                <Td>
                  {t(`status.${invoice.type === 'credit_note' ? 'credit_note' : invoice.status}`)}
                  {invoice.status === 'credited' && invoice.relatedNumber ? <span className="block text-xs">{t('list.creditedBy', { number: invoice.relatedNumber })}</span> : null}
                  {invoice.status === 'rejected' && invoice.rejectReason ? <span className="block text-xs">{t('list.rejectedBecause', { reason: invoice.rejectReason })}</span> : null}
                </Td>
                <Td>
                  {invoice.hasPdf && invoice.number ? (
                    <a href={`/api/invoices/${invoice.id}/pdf`} download className="font-medium text-brand-700 underline underline-offset-2 dark:text-sky-300" aria-label={t('list.downloadLabel', { number: invoice.number })}>
                      {t('list.download')}
                    </a>
                  ) : null}
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
