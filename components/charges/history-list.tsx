'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import { useFormatter, useLocale, useTranslations } from '@/components/shell/client-i18n';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { QueryProvider } from '@/components/shell/query-provider';
import type { HistoryPageView } from '@/lib/charges/history-view';
import { FocusableTable } from './focusable-table';
import { MovementRow, MovementTableHead, type MovementI18n } from './movement-rows';

export interface HistoryListProps {
  /** The first page, rendered on the server. */
  initial: HistoryPageView;
  /** The filter's query string (without `cursor`), also the query's identity. */
  search: string;
  filtered: boolean;
}

async function fetchPage(search: string, cursor: string | null, signal: AbortSignal): Promise<HistoryPageView> {
  const params = new URLSearchParams(search);
  if (cursor) params.set('cursor', cursor);
  const response = await fetch(`/api/charges?${params}`, { signal, headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`history request failed: ${response.status}`);
  return (await response.json()) as HistoryPageView;
}

/** React Query for this list only (its own client, kept while the list is shown): pages that don't page never load it. */
export function HistoryList(props: HistoryListProps) {
  return (
    <QueryProvider>
      <HistoryListView {...props} />
    </QueryProvider>
  );
}

/**
 * The history as an infinite list: the server's first page, then keyset pages from /api/charges
 * when the end of the list scrolls into view (or the "Load more" button is used, for keyboards).
 */
function HistoryListView({ initial, search, filtered }: HistoryListProps) {
  const t = useTranslations('charges');
  const format = useFormatter();
  const locale = useLocale();
  const i18n = useMemo<MovementI18n>(() => ({ t, dateTime: format.dateTime, locale }), [t, format, locale]);
  const sentinel = useRef<HTMLDivElement>(null);
  const query = useInfiniteQuery({
    queryKey: ['charges', search],
    queryFn: ({ pageParam, signal }) => fetchPage(search, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: { pages: [initial], pageParams: [null] },
    // The server rendered the first page a moment ago; history only grows at its top.
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: false,
  });
  const { hasNextPage, isFetchingNextPage, fetchNextPage, isError } = query;

  useEffect(() => {
    const node = sentinel.current;
    if (!node || !hasNextPage || isError) return;
    const observer = new IntersectionObserver(
      (seen) => {
        if (seen.some((entry) => entry.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
      },
      { rootMargin: '600px 0px' },
    );
    observer.observe(node);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, isError]);

  const entries = query.data.pages.flatMap((page) => page.entries);
  if (entries.length === 0) {
    return <p className="py-6 text-sm text-slate-600 dark:text-slate-400" data-testid="history-empty">{filtered ? t('emptyFiltered') : t('empty')}</p>;
  }

  return (
    <div>
      <FocusableTable caption={t('tableCaption')} aria-describedby="history-count">
        <MovementTableHead i18n={i18n} />
        <tbody>
          {entries.map((entry) => (
            <MovementRow key={entry.id} entry={entry} i18n={i18n} />
          ))}
        </tbody>
      </FocusableTable>
      <div ref={sentinel} aria-hidden="true" />
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <p id="history-count" role="status" className="text-sm text-slate-600 dark:text-slate-400" data-testid="history-count">
          {isFetchingNextPage ? t('loadingMore') : hasNextPage ? t('shown', { count: entries.length }) : t('allShown', { count: entries.length })}
        </p>
        {hasNextPage && !isError ? (
          <Button variant="secondary" onClick={() => void fetchNextPage()} disabled={isFetchingNextPage}>
            {t('loadMore')}
          </Button>
        ) : null}
      </div>
      {isError ? (
        <Alert tone="error" className="mt-3">
          <p>{t('loadError')}</p>
          <Button variant="secondary" className="mt-2" onClick={() => void fetchNextPage()}>
            {t('retry')}
          </Button>
        </Alert>
      ) : null}
    </div>
  );
}
