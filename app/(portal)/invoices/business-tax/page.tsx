import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TableHead, Td, Th, Tr } from '@/components/ui/table';
import { requireViewer } from '@/lib/auth/guard';
import { getDb } from '@/lib/db/client';
import { businessTaxStatement } from '@/lib/invoices/business-tax-statement';
import { formatCny } from '@/lib/money';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('invoices.businessTax');
  return { title: t('title') };
}

/** The business-tax statement: charges from before their category moved to VAT, which no VAT invoice covers. */
export default async function BusinessTaxStatementPage() {
  const viewer = await requireViewer('/invoices/business-tax');
  const t = await getTranslations('invoices.businessTax');
  const format = await getFormatter();
  const locale = await getLocale();
  const statement = await businessTaxStatement(getDb(), viewer.accountId);
  const money = (fen: bigint) => formatCny(fen, locale);
  const monthLabel = (month: string) => format.dateTime(new Date(`${month}-15T00:00:00Z`), { year: 'numeric', month: 'long', timeZone: 'UTC' });
  const percent = (rate: string) => format.number(Number(rate), { style: 'percent', maximumFractionDigits: 2 });

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Card aria-labelledby="business-tax-heading">
        <h2 id="business-tax-heading" className="mb-3 text-lg font-semibold">
          {t('heading', { account: viewer.accountId })}
        </h2>
        {statement.lines.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="business-tax-empty">
            {t('empty')}
          </p>
        ) : (
          <Table caption={t('caption')} data-testid="business-tax-table">
            <TableHead>
              <Th>{t('month')}</Th>
              <Th>{t('service')}</Th>
              <Th numeric>{t('rate')}</Th>
              <Th numeric>{t('count')}</Th>
              <Th numeric>{t('net')}</Th>
              <Th numeric>{t('tax')}</Th>
              <Th numeric>{t('gross')}</Th>
            </TableHead>
            <tbody>
              {statement.lines.map((line) => (
                <Tr key={`${line.month}|${line.service}|${line.taxRate}`}>
                  <Td>{monthLabel(line.month)}</Td>
                  <Td>{line.service}</Td>
                  <Td numeric>{percent(line.taxRate)}</Td>
                  <Td numeric>{line.chargeCount}</Td>
                  <Td numeric>{money(line.net)}</Td>
                  <Td numeric>{money(line.tax)}</Td>
                  <Td numeric>{money(line.gross)}</Td>
                </Tr>
              ))}
              <Tr className="font-semibold">
                <Th scope="row" colSpan={4}>
                  {t('total')}
                </Th>
                <Td numeric>{money(statement.total.net)}</Td>
                <Td numeric>{money(statement.total.tax)}</Td>
                <Td numeric data-testid="business-tax-total">
                  {money(statement.total.gross)}
                </Td>
              </Tr>
            </tbody>
          </Table>
        )}
        <p className="mt-4 text-sm">
          <Link href="/invoices" className="text-brand-700 underline underline-offset-2 dark:text-sky-300">
            {t('back')}
          </Link>
        </p>
      </Card>
    </>
  );
}
