import { addDays } from '@/lib/billing/service-day';
import { emptyHistoryFilter } from '@/lib/charges/history-filter';
import { historyPageView, type MovementView } from '@/lib/charges/history-view';
import { listServices } from '@/lib/charges/services';
import { listWalletMovements } from '@/lib/charges/wallet-history';
import type { Db } from '@/lib/db/client';
import { getWalletSnapshot, type WalletSnapshot } from '@/lib/billing/account-status';
import { fenToDecimalString } from '@/lib/money';
import { computeDaysLeft, type DaysLeft } from './days-left';
import { getLowBalanceThreshold } from './low-balance-threshold';
import { loadSpendHistory, type SpendHistory } from './spend';
import type { SpendChartData } from './spend-chart';

/** How many of the latest wallet movements the overview lists. */
export const LATEST_ENTRIES = 5;

/** Everything the overview page shows, for one account. */
export interface OverviewView {
  wallet: WalletSnapshot;
  forecast: DaysLeft;
  /** The low-balance alert threshold, or null when none is set. */
  threshold: bigint | null;
  spend: SpendHistory;
  /** The catalogue's services, in order (the chart's series even on days without charges). */
  services: string[];
  latest: MovementView[];
}

/**
 * The overview of an account. The balance, status and alert threshold may have just been written
 * (a top-up, the threshold form): from the primary `db`. Spending and the latest movements may lag
 * a moment: from `readDb` (the read replica, if any). One connection on the embedded database:
 * the reads run one after another there anyway.
 */
export async function loadOverview(
  dbs: { db: Db; readDb: Db },
  input: { accountId: string; now: Date; timeZone: string },
): Promise<OverviewView> {
  const { db, readDb } = dbs;
  const { accountId, now, timeZone } = input;
  const [snapshot, spend, latest, threshold, services] = await Promise.all([
    getWalletSnapshot(db, accountId),
    loadSpendHistory(readDb, { accountId, now, timeZone }),
    listWalletMovements(readDb, { accountId, filter: emptyHistoryFilter, after: null, limit: LATEST_ENTRIES, timeZone }),
    getLowBalanceThreshold(db, accountId),
    listServices(readDb),
  ]);
  const wallet: WalletSnapshot = snapshot ?? {
    accountId,
    balanceFen: 0n,
    status: 'active',
    suspendedAt: null,
    graceEndsAt: null,
    serviceArrearsFen: 0n,
    penaltyArrearsFen: 0n,
  };
  const forecast = computeDaysLeft({ balanceFen: wallet.balanceFen, dailyGrossFen: spend.byDay, firstChargeDay: spend.firstChargeDay, now, timeZone });
  return { wallet, forecast, threshold, spend, services, latest: historyPageView(latest).entries };
}

/**
 * Every day of the chart's period (days without charges as zero), per service, labelled in the
 * reader's language: the last `lastDays` days of the loaded history, or all of it.
 */
export function spendChartData(
  spend: SpendHistory,
  catalogue: string[],
  label: (id: string) => string,
  dayLabel: (day: string) => string,
  lastDays?: number,
): SpendChartData {
  const ids = [...new Set([...catalogue, ...spend.byDayAndService.map((r) => r.serviceId)])];
  const cells = new Map(spend.byDayAndService.map((r) => [`${r.day}|${r.serviceId}`, r.grossFen]));
  const days: SpendChartData['days'] = [];
  const first = lastDays === undefined ? spend.from : addDays(spend.to, 1 - lastDays);
  for (let day = first < spend.from ? spend.from : first; day <= spend.to; day = addDays(day, 1)) {
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
