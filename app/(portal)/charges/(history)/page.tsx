import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { HistoryFilters } from '@/components/charges/history-filters';
import { HistoryList } from '@/components/charges/history-list';
import { StatementDownload } from '@/components/charges/statement-download';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireViewer } from '@/lib/auth/guard';
import { historyFilterFrom } from '@/lib/charges/history-filter';
import { loadChargesPage } from '@/lib/charges/load-charges';
import { config } from '@/lib/config';
import { getReadDb } from '@/lib/db/client';
import { previousMonth } from '@/lib/statements/statement-month';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('charges');
  return { title: t('title') };
}

/** Every movement of the wallet, filterable; the first page is rendered here, the rest scrolls in. */
export default async function ChargesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer('/charges');
  const t = await getTranslations('charges');
  const filter = historyFilterFrom(await searchParams);
  const { search, filtered, services, first } = await loadChargesPage(getReadDb(), viewer, { filter, timeZone: config().billingTimeZone });
  const serviceLabels = await getTranslations('charges.services');
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <a href={`/api/charges/csv${search ? `?${search}` : ''}`} className={buttonClasses('secondary')} download data-testid="csv-download">
            {filtered ? t('csvFiltered') : t('csv')}
          </a>
        }
      />
      <div className="space-y-6">
        <Card aria-labelledby="history-filters-heading">
          <h2 id="history-filters-heading" className="sr-only">
            {t('filters.heading')}
          </h2>
          <HistoryFilters key={search} filter={filter} services={services.map((id) => ({ id, label: serviceLabels.has(id) ? serviceLabels(id) : id }))} />
        </Card>
        <Card aria-labelledby="history-heading">
          <h2 id="history-heading" className="mb-3 text-lg font-semibold">
            {t('heading')}
          </h2>
          <HistoryList key={search} initial={first} search={search} filtered={filtered} />
        </Card>
        <StatementDownload latestMonth={previousMonth(new Date(), config().billingTimeZone)} />
      </div>
    </>
  );
}
