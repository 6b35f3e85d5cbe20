import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { ActionsSection } from '@/components/activity/actions-section';
import { ActivityExportForm } from '@/components/activity/export-form';
import { RecordsDownload } from '@/components/activity/records-download';
import { SessionsSection } from '@/components/activity/sessions-section';
import { SignInsSection } from '@/components/activity/sign-ins-section';
import { SupportAccessSection } from '@/components/activity/support-access-section';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { ClientMessages } from '@/components/shell/client-messages';
import { Skeleton } from '@/components/ui/skeleton';
import { ACTIVITY_RETENTION_DAYS } from '@/lib/audit/retention';
import { requireViewer } from '@/lib/auth/guard';
import { loadActivityPage } from '@/lib/auth/load-activity';
import type { Viewer } from '@/lib/auth/viewer';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('activity');
  return { title: t('title') };
}

/** The records and sessions: streamed in after the page frame, so the guard has answered first. */
async function ActivitySections({ viewer }: { viewer: Viewer }) {
  const t = await getTranslations('activity');
  const timeZone = config().billingTimeZone;
  const { activity, sessions, exportRange } = await loadActivityPage(getDb(), viewer, { now: new Date(), timeZone });
  return (
    <div className="space-y-6">
      {activity.truncated ? <Alert>{t('truncated')}</Alert> : null}
      <SessionsSection sessions={sessions} />
      <SupportAccessSection accesses={activity.supportAccesses} />
      <SignInsSection signIns={activity.signIns} />
      <ActionsSection actions={activity.actions} />
      <Card aria-labelledby="records-heading">
        <h2 id="records-heading" className="text-lg font-semibold">
          {t('records.heading')}
        </h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t('records.intro')}</p>
        <div className="mt-3">
          <ClientMessages namespaces={['activity.records']}>
            <RecordsDownload />
          </ClientMessages>
        </div>
      </Card>
      {exportRange ? <ActivityExportForm from={exportRange.from} to={exportRange.to} timeZone={timeZone} /> : null}
    </div>
  );
}

/** The shown account's activity (the customer's own, or the customer support is viewing as). */
export default async function ActivityPage() {
  const viewer = await requireViewer('/activity');
  const t = await getTranslations('activity');
  const common = await getTranslations('common');
  return (
    <>
      <PageHeader title={t('title')} description={t('description', { days: ACTIVITY_RETENTION_DAYS })} />
      <Suspense fallback={<Skeleton label={common('loading')} blocks={4} />}>
        <ActivitySections viewer={viewer} />
      </Suspense>
    </>
  );
}
