import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { Table, TableHead, Td, Th, Tr } from '@/components/ui/table';
import { formatCny } from '@/lib/money';
import type { PaymentReversalRow } from '@/lib/payments/apply-payment-reversal';

/** Refunds and disputes of top-ups, newest first: what money went back out of (or came back to) wallets. */
export async function PaymentReversalsTable({ rows }: { rows: PaymentReversalRow[] }) {
  const t = await getTranslations('reversals');
  const locale = await getLocale();
  const format = await getFormatter();
  return (
    <Card aria-labelledby="finance-reversals-heading">
      <h2 id="finance-reversals-heading" className="text-lg font-semibold">
        {t('heading')}
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t('intro')}</p>
      {rows.length === 0 ? (
        <p className="mt-3 text-sm">{t('empty')}</p>
      ) : (
        <Table caption={t('caption')} className="mt-3">
          <TableHead>
            <Th>{t('columns.at')}</Th>
            <Th>{t('columns.kind')}</Th>
            <Th>{t('columns.account')}</Th>
            <Th>{t('columns.payment')}</Th>
            <Th>{t('columns.providerObject')}</Th>
            <Th numeric>{t('columns.amount')}</Th>
          </TableHead>
          <tbody>
            {rows.map((row) => (
              <Tr key={row.transferId}>
                <Td>{format.dateTime(row.at, { dateStyle: 'medium', timeStyle: 'short' })}</Td>
                <Td>{t(`kinds.${row.kind}`)}</Td>
                <Td className="font-mono">{row.accountId}</Td>
                <Td className="font-mono">{row.paymentId ?? '—'}</Td>
                <Td className="font-mono">{row.providerObject ?? '—'}</Td>
                <Td numeric>{formatCny(row.amountFen, locale)}</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
