import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireViewer } from '@/lib/auth/guard';

export default async function OverviewPage() {
  const viewer = await requireViewer();
  const t = await getTranslations('overview');
  return (
    <>
      <PageHeader title={t('title')} />
      <Card aria-labelledby="account-heading">
        <h2 id="account-heading" className="text-sm font-medium text-slate-600 dark:text-slate-400">
          {t('accountId')}
        </h2>
        <p className="mt-1 font-mono text-xl" data-testid="account-id">
          {viewer.accountId}
        </p>
      </Card>
    </>
  );
}
