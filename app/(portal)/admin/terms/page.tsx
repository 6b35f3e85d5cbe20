import Link from 'next/link';
import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { PublishForm } from '@/components/terms/publish-form';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireViewer } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { loadAdminTerms } from '@/lib/terms/load-terms';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('terms');
  return { title: t('admin.metaTitle') };
}

export default async function AdminTermsPage() {
  await requireViewer('/admin/terms');
  const t = await getTranslations('terms');
  const format = await getFormatter();
  const { latest, minDate } = await loadAdminTerms(getDb(), { now: new Date(), timeZone: config().billingTimeZone });
  return (
    <div className="space-y-6">
      <PageHeader title={t('admin.title')} description={t('admin.description')} />
      {latest ? (
        <p className="text-sm">
          {t('admin.latest', { version: latest.number, date: format.dateTime(latest.effectiveAt, { dateStyle: 'long' }) })}{' '}
          <Link href="/terms/history" className="text-brand-700 underline dark:text-sky-300">
            {t('actions.history')}
          </Link>
        </p>
      ) : null}
      <Card>
        <PublishForm initialSource={latest?.source ?? ''} minDate={minDate} />
      </Card>
    </div>
  );
}
