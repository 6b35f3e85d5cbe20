import { isIsoDate } from '@/lib/time/zoned-date';
import type { TransferKind } from '@/lib/db/schema';

/** What the history can be narrowed to: one kind of movement as customers think of them. */
export const historyTypes = ['charge', 'credit', 'penalty', 'top_up', 'adjustment'] as const;
export type HistoryType = (typeof historyTypes)[number];

/** The ledger transfer kinds behind each history type. */
export const transferKindsOf: Record<HistoryType, readonly TransferKind[]> = {
  charge: ['charge', 'late_charge'],
  credit: ['sla_credit'],
  penalty: ['penalty'],
  // Refunds and chargebacks reverse top-ups: they are listed with them.
  top_up: ['top_up', 'refund', 'chargeback', 'chargeback_reversal'],
  adjustment: ['adjustment'],
};

export function historyTypeOf(kind: TransferKind): HistoryType {
  switch (kind) {
    case 'charge':
    case 'late_charge':
      return 'charge';
    case 'sla_credit':
      return 'credit';
    case 'refund':
    case 'chargeback':
    case 'chargeback_reversal':
      return 'top_up';
    default:
      return kind;
  }
}

/**
 * The filters of the charge history, as they travel in the page's and the API's query string
 * (`from`, `to`, `service`, `type`), so a filtered view is a link. Dates are calendar days in the
 * billing time zone, inclusive, on the day the movement was posted.
 */
export interface HistoryFilter {
  from: string | null;
  to: string | null;
  service: string | null;
  type: HistoryType | null;
}

export const emptyHistoryFilter: HistoryFilter = { from: null, to: null, service: null, type: null };

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function param(params: Params, name: string): string | null {
  const value = params instanceof URLSearchParams ? params.get(name) : params[name];
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' && text.trim() !== '' ? text.trim() : null;
}

const servicePattern = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/** Reads the filters from a query string; anything malformed is ignored (shows everything rather than an error). */
export function historyFilterFrom(params: Params): HistoryFilter {
  let from = param(params, 'from');
  let to = param(params, 'to');
  if (from && !isIsoDate(from)) from = null;
  if (to && !isIsoDate(to)) to = null;
  // A reversed range is read the way it was meant.
  if (from && to && from > to) [from, to] = [to, from];
  const service = param(params, 'service');
  const type = param(params, 'type');
  return {
    from,
    to,
    service: service && servicePattern.test(service) ? service : null,
    type: type && (historyTypes as readonly string[]).includes(type) ? (type as HistoryType) : null,
  };
}

/** The query string of a filter (only the parts that are set, in a fixed order). */
export function historyFilterSearch(filter: HistoryFilter): URLSearchParams {
  const search = new URLSearchParams();
  if (filter.from) search.set('from', filter.from);
  if (filter.to) search.set('to', filter.to);
  if (filter.service) search.set('service', filter.service);
  if (filter.type) search.set('type', filter.type);
  return search;
}

export function isFiltered(filter: HistoryFilter): boolean {
  return Boolean(filter.from || filter.to || filter.service || filter.type);
}
