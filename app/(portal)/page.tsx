import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { MovementTable } from '@/components/charges/movement-table';
import { BalanceCard } from '@/components/overview/balance-card';
import { CopyButton } from '@/components/overview/copy-button';
import { DaysLeftCard } from '@/components/overview/days-left-card';
import { LowBalanceForm } from '@/components/overview/low-balance-form';
import { SpendSection } from '@/components/overview/spend-section';
import { ClientMessages } from '@/components/shell/client-messages';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { mayOpen, requireViewer } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { getDb, getReadDb } from '@/lib/db/client';
import { fenToDecimalString } from '@/lib/money';
import { loadOverview, spendChartData } from '@/lib/overview/load-overview';
import { spendPeriodParam } from '@/lib/overview/spend-period';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('overview');
  return { title: t('title') };
}

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer('/');
  const period = spendPeriodParam.parse((await searchParams).days);
  const t = await getTranslations('overview');
  const serviceLabels = await getTranslations('charges.services');
  const format = await getFormatter();
  const now = new Date();
  const { wallet, forecast, threshold, spend, services, latest: entries } = await loadOverview(
    { db: getDb(), readDb: getReadDb() },
    { accountId: viewer.accountId, now, timeZone: config().billingTimeZone },
  );
  const label = (id: string) => (serviceLabels.has(id) ? serviceLabels(id) : id);
  const chart = spendChartData(spend, services, label, (day) => format.dateTime(new Date(`${day}T00:00:00Z`), { month: 'short', day: 'numeric', timeZone: 'UTC' }), period);

  return (
    <ClientMessages namespaces={['overview.copy', 'overview.lowBalance']}>
      <PageHeader title={t('title')} />
      <div className="space-y-6">
        <div className="grid gap-6 md:grid-cols-2">
          <BalanceCard wallet={wallet} now={now} canTopUp={mayOpen(viewer, '/top-up')} />
          <DaysLeftCard forecast={forecast} />
          <Card aria-labelledby="account-heading">
            <h2 id="account-heading" className="text-sm font-medium text-slate-600 dark:text-slate-400">
              {t('accountId')}
            </h2>
            <div className="mt-1 flex flex-wrap items-center gap-3">
              <p className="font-mono text-xl" data-testid="account-id">
                {viewer.accountId}
              </p>
              <CopyButton text={viewer.accountId} label={t('copy.label')} />
            </div>
          </Card>
          <Card aria-labelledby="low-balance-heading">
            <h2 id="low-balance-heading" className="text-sm font-medium text-slate-600 dark:text-slate-400">
              {t('lowBalance.heading')}
            </h2>
            <div className="mt-2">
              <LowBalanceForm
                threshold={threshold === null ? null : fenToDecimalString(threshold)}
                readOnly={viewer.impersonation ? 'impersonating' : mayOpen(viewer, 'lib/overview/actions.ts#saveLowBalanceThresholdAction') ? null : 'role'}
              />
            </div>
          </Card>
        </div>
        <Card aria-labelledby="spend-heading">
          <h2 id="spend-heading" className="mb-3 text-lg font-semibold">
            {t('spend.heading')}
          </h2>
          <SpendSection data={chart} period={period} />
        </Card>
        <Card aria-labelledby="latest-heading">
          <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="latest-heading" className="text-lg font-semibold">
              {t('latest.heading')}
            </h2>
            <Link href="/charges" className="text-sm font-medium text-brand-700 underline underline-offset-2 dark:text-sky-300">
              {t('latest.all')}
            </Link>
          </div>
          {entries.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="latest-empty">
              {t('latest.empty')}
            </p>
          ) : (
            <MovementTable entries={entries} caption={t('latest.heading')} />
          )}
        </Card>
      </div>
    </ClientMessages>
  );
}
