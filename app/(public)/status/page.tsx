import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ServiceStatusView } from '@/components/public/service-status-view';
import { PageHeader } from '@/components/ui/page-header';
import { STATUS_HISTORY_DAYS } from '@/lib/billing/incident-status';
import { config } from '@/lib/config';
import { cachedServiceStatus } from '@/lib/public-data/cached-data';
import { openToAnyone } from '@/lib/auth/guard';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('public');
  return { title: t('status.metaTitle') };
}

/** Public: current incidents and the last 90 days', per service (no sign-in). */
export default async function StatusPage() {
  openToAnyone('/status');
  const t = await getTranslations('public');
  const status = await cachedServiceStatus();
  return (
    <div className="space-y-6">
      <PageHeader title={t('status.title')} description={t('status.intro', { days: STATUS_HISTORY_DAYS })} />
      <ServiceStatusView status={status} timeZone={config().billingTimeZone} />
    </div>
  );
}
