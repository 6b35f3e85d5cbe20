import type { Viewer } from '@/lib/auth/viewer';
import type { Db } from '@/lib/db/client';
import { historyFilterSearch, isFiltered, type HistoryFilter } from './history-filter';
import { historyPageView, type HistoryPageView } from './history-view';
import { listServices } from './services';
import { HISTORY_PAGE_SIZE, listWalletMovements } from './wallet-history';

/** Everything the charges page shows, for one account and filter. */
export interface ChargesPageView {
  /** The filter as a query string ('' when nothing is filtered): the CSV link's and the list's. */
  search: string;
  filtered: boolean;
  /** The catalogue's services, in order (the filter's choices). */
  services: string[];
  /** The first page of movements; the rest scrolls in. */
  first: HistoryPageView;
}

/** The charges page: the wallet's movements the filter selects, from `db` (the read replica, if any). */
export async function loadChargesPage(
  db: Db,
  viewer: Pick<Viewer, 'accountId'>,
  input: { filter: HistoryFilter; timeZone: string },
): Promise<ChargesPageView> {
  const { filter, timeZone } = input;
  const [page, services] = await Promise.all([
    listWalletMovements(db, { accountId: viewer.accountId, filter, after: null, limit: HISTORY_PAGE_SIZE, timeZone }),
    listServices(db),
  ]);
  return {
    search: historyFilterSearch(filter).toString(),
    filtered: isFiltered(filter),
    services,
    first: historyPageView(page),
  };
}
