'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useFormatter, useLocale, useTranslations } from '@/components/shell/client-i18n';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
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

const RETRY_DELAY_MS = 1000;

/**
 * The pages shown: the server's first, then one more per `fetchNextPage` (ignored while one is on its
 * way), retried once after a second as the portal's queries were; `isError` until a page arrives.
 * The list is keyed by its filter on the page, so a new filter starts over from the server's page.
 * (What React Query did here, without its ~11 KiB: nothing else on the page is cached or refetched.)
 */
function useHistoryPages(initial: HistoryPageView, search: string) {
  const [pages, setPages] = useState<HistoryPageView[]>(() => [initial]);
  const [isFetchingNextPage, setFetching] = useState(false);
  const [isError, setError] = useState(false);
  const inFlight = useRef<AbortController | null>(null);
  useEffect(() => () => inFlight.current?.abort(), []);
  const nextCursor = pages[pages.length - 1].nextCursor;

  const fetchNextPage = useCallback(async () => {
    if (inFlight.current || nextCursor == null) return;
    const controller = new AbortController();
    inFlight.current = controller;
    setFetching(true);
    try {
      let page: HistoryPageView;
      try {
        page = await fetchPage(search, nextCursor, controller.signal);
      } catch (error) {
        if (controller.signal.aborted) throw error;
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
        page = await fetchPage(search, nextCursor, controller.signal);
      }
      setPages((shown) => [...shown, page]);
      setError(false);
    } catch {
      if (!controller.signal.aborted) setError(true);
    } finally {
      if (!controller.signal.aborted) {
        inFlight.current = null;
        setFetching(false);
      }
    }
  }, [search, nextCursor]);

  return { pages, hasNextPage: nextCursor != null, isFetchingNextPage, isError, fetchNextPage };
}

/**
 * The history as an infinite list: the server's first page, then keyset pages from /api/charges
 * when the end of the list scrolls into view (or the "Load more" button is used, for keyboards).
 */
export function HistoryList({ initial, search, filtered }: HistoryListProps) {
  const t = useTranslations('charges');
  const format = useFormatter();
  const locale = useLocale();
  const i18n = useMemo<MovementI18n>(() => ({ t, dateTime: format.dateTime, locale }), [t, format, locale]);
  const sentinel = useRef<HTMLDivElement>(null);
  const { pages, hasNextPage, isFetchingNextPage, fetchNextPage, isError } = useHistoryPages(initial, search);

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

  const entries = pages.flatMap((page) => page.entries);
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
