import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PaymentReversalsTable } from '@/components/finance/payment-reversals-table';
import { RefundTopUpForm } from '@/components/finance/refund-top-up-form';
import { AdjustmentQueue } from '@/components/support-cases/adjustment-queue';
import { FinanceAnnouncer } from '@/components/invoices/finance-announcer';
import { FinanceFilterForm } from '@/components/invoices/finance-filter-form';
import { FinanceQueue } from '@/components/invoices/finance-queue';
import { ZipDownload } from '@/components/invoices/zip-download';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireViewer } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { FINANCE_QUEUE_LIMIT, loadFinancePage } from '@/lib/finance/load-finance';
import { financeFilterFrom } from '@/lib/invoices/finance-filter';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('finance');
  return { title: t('title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function FinancePage({ searchParams }: { searchParams: SearchParams }) {
  await requireViewer('/finance');
  const t = await getTranslations('finance');
  const params = await searchParams;
  const one = (name: string) => (typeof params[name] === 'string' ? (params[name] as string) : null);
  const filter = financeFilterFrom({ status: one('status'), from: one('from'), to: one('to') }, config().billingTimeZone);
  const { invoices, pdfs, query, csvQuery, adjustments, reversals } = await loadFinancePage(getDb(), { filter });

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <div className="space-y-6">
        <Card>
          <FinanceFilterForm filter={filter} />
        </Card>
        <Card aria-labelledby="finance-downloads-heading">
          <h2 id="finance-downloads-heading" className="text-lg font-semibold">
            {t('downloads.heading')}
          </h2>
          <div className="mt-3 flex flex-wrap items-start gap-6">
            <ZipDownload query={query} files={pdfs.files} bytes={pdfs.bytes} />
            <div className="space-y-1">
              <a href={`/api/finance/invoices/csv${csvQuery ? `?${csvQuery}` : ''}`} download className={buttonClasses('secondary')}>
                {t('downloads.csv')}
              </a>
              <p className="text-xs text-slate-600 dark:text-slate-400">{filter.from || filter.to ? t('downloads.csvRange', { from: filter.from ?? '…', to: filter.to ?? '…' }) : t('downloads.csvAll')}</p>
            </div>
          </div>
        </Card>
        <section aria-labelledby="finance-queue-heading">
          <h2 id="finance-queue-heading" className="mb-3 text-lg font-semibold">
            {t('queue.heading', { count: invoices.length })}
          </h2>
          <FinanceAnnouncer>
            <FinanceQueue invoices={invoices} limit={FINANCE_QUEUE_LIMIT} />
          </FinanceAnnouncer>
        </section>
        <Card>
          <RefundTopUpForm />
        </Card>
        <AdjustmentQueue items={adjustments} />
        <PaymentReversalsTable rows={reversals} />
      </div>
    </>
  );
}
