import Link from 'next/link';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AnnouncementForm } from '@/components/admin-public/announcement-form';
import { AnnouncementList } from '@/components/public/announcement-list';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { listAnnouncements } from '@/lib/announcements/announcements';
import { requireViewer } from '@/lib/auth/guard';
import { getDb } from '@/lib/db/client';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('public');
  return { title: t('admin.metaTitle') };
}

/** Admin: publish an announcement in both languages; below, what has been published. */
export default async function AdminAnnouncementsPage() {
  await requireViewer('/admin/announcements');
  const t = await getTranslations('public');
  const entries = await listAnnouncements(getDb());
  return (
    <div className="space-y-6">
      <PageHeader title={t('admin.title')} description={t('admin.description')} />
      <Card>
        <AnnouncementForm />
      </Card>
      <section aria-labelledby="published-announcements" className="space-y-3">
        <h2 id="published-announcements" className="text-lg font-semibold">
          {t('admin.list')}{' '}
          <Link href="/announcements" className="text-sm font-normal text-brand-700 underline dark:text-sky-300">
            /announcements
          </Link>
        </h2>
        <AnnouncementList entries={entries} />
      </section>
    </div>
  );
}
