import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { MarkReadButton } from '@/components/notices/mark-read-button';
import { NoticeItem } from '@/components/notices/notice-item';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireViewer } from '@/lib/auth/guard';
import { getDb } from '@/lib/db/client';
import { loadNoticesPage } from '@/lib/notices/load-notices';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('notices');
  return { title: t('title') };
}

export default async function NoticesPage({ searchParams }: { searchParams: Promise<{ before?: string | string[] }> }) {
  const viewer = await requireViewer('/notices');
  const t = await getTranslations('notices');
  const { before } = await searchParams;
  const { entries, unread, cursor, nextCursor, readOnly, canMarkAllRead } = await loadNoticesPage(getDb(), viewer, { before: typeof before === 'string' ? before : null });

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('intro')}
        actions={canMarkAllRead ? <MarkReadButton label={t('markAllRead')} disabled={readOnly} /> : undefined}
      />
      <p role="status" className="mb-4 text-sm font-medium" data-testid="unread-summary">
        {t('unreadSummary', { count: unread })}
      </p>
      {entries.length === 0 ? (
        <Card>
          <p className="text-sm">{t('empty')}</p>
        </Card>
      ) : (
        <ul aria-label={t('list')} className="space-y-3">
          {entries.map((notice) => (
            <NoticeItem key={notice.id} notice={notice} readOnly={readOnly} />
          ))}
        </ul>
      )}
      {cursor || nextCursor ? (
        <nav aria-label={t('pagination')} className="mt-6 flex gap-3">
          {cursor ? (
            <Link href="/notices" className={buttonClasses('secondary')}>
              {t('newestNotices')}
            </Link>
          ) : null}
          {nextCursor ? (
            <Link href={`/notices?before=${encodeURIComponent(nextCursor)}`} className={buttonClasses('secondary')}>
              {t('olderNotices')}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
