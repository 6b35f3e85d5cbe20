import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { Table, TableHead, Td, Th, Tr } from '@/components/ui/table';
import { invoiceDocumentView } from '@/lib/invoices/document-view';
import type { InvoiceSummary } from '@/lib/invoices/invoice-queries';
import { formatCny } from '@/lib/money';
import { FinanceRowActions } from './finance-row-actions';
import { InvoiceDocumentTable } from './invoice-document-table';

/** The finance queue: one row per request, invoice or credit note, with its decisions and downloads. */
export async function FinanceQueue({ invoices, limit }: { invoices: InvoiceSummary[]; limit: number }) {
  const t = await getTranslations('finance');
  const tDocument = await getTranslations('invoices.document');
  const format = await getFormatter();
  const locale = await getLocale();
  if (invoices.length === 0) return <p className="text-sm">{t('queue.empty')}</p>;
  return (
    <>
      <Table caption={t('queue.caption')}>
        <TableHead>
          <Th>{t('queue.number')}</Th>
          <Th>{t('queue.customer')}</Th>
          <Th>{t('queue.buyer')}</Th>
          <Th>{t('queue.kind')}</Th>
          <Th numeric>{t('queue.net')}</Th>
          <Th numeric>{t('queue.vat')}</Th>
          <Th numeric>{t('queue.gross')}</Th>
          <Th>{t('queue.status')}</Th>
          <Th>{t('queue.actions')}</Th>
        </TableHead>
        <tbody>
          {invoices.map((invoice) => {
            const gross = formatCny(invoice.gross, locale);
            const label = `${invoice.number ?? invoice.accountName} ${gross}`;
            return (
              <Tr key={invoice.id} className="align-top" data-invoice-id={invoice.id}>
                <Th scope="row" className="font-normal">
                  <span className="whitespace-nowrap font-mono">{invoice.number ?? '—'}</span>
                  <span className="block text-xs text-slate-600 dark:text-slate-400">
                    {invoice.issuedAt ? t('queue.issuedOn', { date: format.dateTime(invoice.issuedAt, { dateStyle: 'medium' }) }) : t('queue.requestedOn', { date: format.dateTime(invoice.requestedAt, { dateStyle: 'medium', timeStyle: 'short' }) })}
                  </span>
                </Th>
                <Td>
                  {invoice.accountName}
                  <span className="block font-mono text-xs">{invoice.accountId}</span>
                </Td>
                <Td>
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
                      <InvoiceDocumentTable view={invoiceDocumentView(invoice.document, locale)} caption={t('queue.linesOf', { invoice: label })} t={tDocument} />
                    </div>
                  </details>
                </Td>
                <Td>{invoice.type === 'credit_note' ? t('kinds.creditNoteOf', { number: invoice.relatedNumber ?? '' }) : t(`kinds.${invoice.kind}`)}</Td>
                <Td numeric>{formatCny(invoice.net, locale)}</Td>
                <Td numeric>{formatCny(invoice.tax, locale)}</Td>
                <Td numeric>{gross}</Td>
                <Td>
                  {t(`statuses.${invoice.type === 'credit_note' ? 'credit_note' : invoice.status}`)}
                  {invoice.status === 'credited' && invoice.relatedNumber ? <span className="block text-xs">{t('queue.creditedBy', { number: invoice.relatedNumber })}</span> : null}
                  {invoice.status === 'rejected' && invoice.rejectReason ? <span className="block text-xs">{t('queue.rejectedBecause', { reason: invoice.rejectReason })}</span> : null}
                </Td>
                <Td className="space-y-2">
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
                </Td>
              </Tr>
            );
          })}
        </tbody>
      </Table>
      {invoices.length >= limit ? <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{t('queue.more', { count: limit })}</p> : null}
    </>
  );
}
