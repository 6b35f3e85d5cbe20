import { getLocale, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { Table, TableHead, Td, Th, Tr } from '@/components/ui/table';
import type { InvoiceableMonth } from '@/lib/invoices/invoiceable-charges';
import { formatCny } from '@/lib/money';

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
        <Table caption={t('caption')} className="mt-3">
          <TableHead>
            <Th>{t('month')}</Th>
            <Th numeric>{t('charges')}</Th>
            <Th numeric>{t('net')}</Th>
            <Th numeric>{t('vat')}</Th>
            <Th numeric>{t('gross')}</Th>
          </TableHead>
          <tbody>
            {months.map((m) => (
              <Tr key={m.month}>
                <Th scope="row" className="font-normal">
                  {monthLabel(m.month)}
                </Th>
                <Td numeric>{m.chargeCount}</Td>
                <Td numeric>{formatCny(m.net, locale)}</Td>
                <Td numeric>{formatCny(m.tax, locale)}</Td>
                <Td numeric>{formatCny(m.gross, locale)}</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
