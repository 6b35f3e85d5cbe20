import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AnnouncementList } from '@/components/public/announcement-list';
import { PageHeader } from '@/components/ui/page-header';
import { cachedAnnouncements } from '@/lib/public-data/cached-data';
import { openToAnyone } from '@/lib/auth/guard';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('public');
  return { title: t('announcements.metaTitle') };
}

/** Public: operator announcements and terms amendments, newest first (no sign-in). */
export default async function AnnouncementsPage() {
  openToAnyone('/announcements');
  const t = await getTranslations('public');
  const entries = await cachedAnnouncements();
  return (
    <div className="space-y-6">
      <PageHeader title={t('announcements.title')} description={t('announcements.intro')} />
      <AnnouncementList entries={entries} />
    </div>
  );
}
