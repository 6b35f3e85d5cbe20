import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { MovementTable } from '@/components/charges/movement-table';
import { BalanceCard } from '@/components/overview/balance-card';
import { CopyButton } from '@/components/overview/copy-button';
import { DaysLeftCard } from '@/components/overview/days-left-card';
import { LowBalanceForm } from '@/components/overview/low-balance-form';
import { spendPeriodParam } from '@/lib/overview/spend-period';
import { SpendSection } from '@/components/overview/spend-section';
import { ClientMessages } from '@/components/shell/client-messages';
import type { SpendChartData } from '@/components/overview/spend-types';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireViewer } from '@/lib/auth/guard';
import { addDays } from '@/lib/billing/service-day';
import { emptyHistoryFilter } from '@/lib/charges/history-filter';
import { historyPageView } from '@/lib/charges/history-view';
import { listServices } from '@/lib/charges/services';
import { listWalletMovements } from '@/lib/charges/wallet-history';
import { config } from '@/lib/config';
import { getDb, getReadDb } from '@/lib/db/client';
import { getWalletSnapshot, type WalletSnapshot } from '@/lib/billing/account-status';
import { fenToDecimalString } from '@/lib/money';
import { computeDaysLeft } from '@/lib/overview/days-left';
import { getLowBalanceThreshold } from '@/lib/overview/low-balance-threshold';
import { loadSpendHistory, type SpendHistory } from '@/lib/overview/spend';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('overview');
  return { title: t('title') };
}

const LATEST_ENTRIES = 5;

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer('/');
  const period = spendPeriodParam.parse((await searchParams).days);
  const t = await getTranslations('overview');
  const serviceLabels = await getTranslations('charges.services');
  const format = await getFormatter();
  // The balance, status and alert threshold may have just been written (a top-up, the form below):
  // the primary. Spending and the latest movements may lag a moment: the read replica, if any.
  const db = getDb();
  const readDb = getReadDb();
  const now = new Date();
  const timeZone = config().billingTimeZone;
  // One connection on the embedded database: these run one after another there anyway.
  const [snapshot, spend, latest, threshold, services] = await Promise.all([
    getWalletSnapshot(db, viewer.accountId),
    loadSpendHistory(readDb, { accountId: viewer.accountId, now, timeZone }),
    listWalletMovements(readDb, { accountId: viewer.accountId, filter: emptyHistoryFilter, after: null, limit: LATEST_ENTRIES, timeZone }),
    getLowBalanceThreshold(db, viewer.accountId),
    listServices(readDb),
  ]);
  const wallet: WalletSnapshot = snapshot ?? {
    accountId: viewer.accountId,
    balanceFen: 0n,
    status: 'active',
    suspendedAt: null,
    graceEndsAt: null,
    serviceArrearsFen: 0n,
    penaltyArrearsFen: 0n,
  };
  const forecast = computeDaysLeft({ balanceFen: wallet.balanceFen, dailyGrossFen: spend.byDay, firstChargeDay: spend.firstChargeDay, now, timeZone });
  const label = (id: string) => (serviceLabels.has(id) ? serviceLabels(id) : id);
  const chart = chartData(spend, services, label, (day) => format.dateTime(new Date(`${day}T00:00:00Z`), { month: 'short', day: 'numeric', timeZone: 'UTC' }));
  const entries = historyPageView(latest).entries;

  return (
    <ClientMessages namespaces={['overview.copy', 'overview.lowBalance']}>
      <PageHeader title={t('title')} />
      <div className="space-y-6">
        <div className="grid gap-6 md:grid-cols-2">
          <BalanceCard wallet={wallet} now={now} />
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
              <LowBalanceForm threshold={threshold === null ? null : fenToDecimalString(threshold)} disabled={Boolean(viewer.impersonation)} />
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

/** Every day of the chart's period (days without charges as zero), per service. */
function chartData(spend: SpendHistory, catalogue: string[], label: (id: string) => string, dayLabel: (day: string) => string): SpendChartData {
  const ids = [...new Set([...catalogue, ...spend.byDayAndService.map((r) => r.serviceId)])];
  const cells = new Map(spend.byDayAndService.map((r) => [`${r.day}|${r.serviceId}`, r.grossFen]));
  const days: SpendChartData['days'] = [];
  for (let day = spend.from; day <= spend.to; day = addDays(day, 1)) {
    const values: Record<string, string> = {};
    let total = 0n;
    for (const id of ids) {
      const fen = cells.get(`${day}|${id}`) ?? 0n;
      values[id] = fenToDecimalString(fen);
      total += fen;
    }
    days.push({ day, label: dayLabel(day), values, total: fenToDecimalString(total) });
  }
  return { services: ids.map((id) => ({ id, label: label(id) })), days };
}
