import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { DayDetailView } from '@/components/charges/day-detail-view';
import { PageHeader } from '@/components/ui/page-header';
import { requireViewer } from '@/lib/auth/guard';
import { loadDayDetail } from '@/lib/charges/day-detail';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { isIsoDate } from '@/lib/time/zoned-date';

export async function generateMetadata({ params }: { params: Promise<{ day: string }> }): Promise<Metadata> {
  const t = await getTranslations('charges.day');
  return { title: t('title', { day: (await params).day }) };
}

/** One service day's charges and credits with how each was computed. */
export default async function ChargeDayPage({ params }: { params: Promise<{ day: string }> }) {
  const viewer = await requireViewer('/charges/day/[day]');
  const { day } = await params;
  if (!isIsoDate(day)) notFound();
  const t = await getTranslations('charges.day');
  const detail = await loadDayDetail(getDb(), { accountId: viewer.accountId, day, timeZone: config().billingTimeZone });
  return (
    <>
      <PageHeader title={t('title', { day })} description={t('description')} />
      <p className="mb-4 flex flex-wrap gap-4 text-sm">
        <Link href="/charges" className="underline underline-offset-2">
          {t('back')}
        </Link>
        {detail ? (
          <Link href={`/support-cases/new?day=${day}`} className="underline underline-offset-2" data-testid="ask-about-day">
            {t('ask', { day })}
          </Link>
        ) : null}
      </p>
      {detail ? <DayDetailView detail={detail} /> : <p className="text-sm text-slate-600 dark:text-slate-400">{t('none')}</p>}
    </>
  );
}
