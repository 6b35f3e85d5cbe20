import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { HistoryFilters } from '@/components/charges/history-filters';
import { HistoryList } from '@/components/charges/history-list';
import { StatementDownload } from '@/components/charges/statement-download';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireViewer } from '@/lib/auth/guard';
import { historyFilterFrom, historyFilterSearch, isFiltered } from '@/lib/charges/history-filter';
import { historyPageView } from '@/lib/charges/history-view';
import { listServices } from '@/lib/charges/services';
import { HISTORY_PAGE_SIZE, listWalletMovements } from '@/lib/charges/wallet-history';
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
  const search = historyFilterSearch(filter).toString();
  const db = getReadDb();
  const [page, services] = await Promise.all([
    listWalletMovements(db, { accountId: viewer.accountId, filter, after: null, limit: HISTORY_PAGE_SIZE, timeZone: config().billingTimeZone }),
    listServices(db),
  ]);
  const serviceLabels = await getTranslations('charges.services');
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <a href={`/api/charges/csv${search ? `?${search}` : ''}`} className={buttonClasses('secondary')} download data-testid="csv-download">
            {isFiltered(filter) ? t('csvFiltered') : t('csv')}
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
          <HistoryList key={search} initial={historyPageView(page)} search={search} filtered={isFiltered(filter)} />
        </Card>
        <StatementDownload latestMonth={previousMonth(new Date(), config().billingTimeZone)} />
      </div>
    </>
  );
}
