import { isServiceDay } from '@/lib/billing/service-day';
import { financeStatusFilters, type FinanceInvoiceFilter, type FinanceStatusFilter } from './invoice-queries';

/** The queue filter from URL search parameters; anything unrecognised falls back to "all" / no date. */
export function financeFilterFrom(params: { status?: string | null; from?: string | null; to?: string | null }, timeZone: string): FinanceInvoiceFilter {
  const status = financeStatusFilters.includes(params.status as FinanceStatusFilter) ? (params.status as FinanceStatusFilter) : 'all';
  const day = (value: string | null | undefined) => (value && isServiceDay(value) ? value : null);
  return { status, from: day(params.from), to: day(params.to), timeZone };
}

/** Search parameters for a filter, for links (downloads, pages). */
export function financeFilterQuery(filter: FinanceInvoiceFilter): string {
  const params = new URLSearchParams();
  if (filter.status !== 'all') params.set('status', filter.status);
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  return params.toString();
}
