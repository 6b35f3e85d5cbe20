import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { CustomerSummaryView } from '@/components/support/customer-summary-view';
import { StartImpersonationForm } from '@/components/support/start-impersonation-form';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireViewer } from '@/lib/auth/guard';
import { getDb } from '@/lib/db/client';
import { getCustomerSummary } from '@/lib/support/customer-summary';

type Params = Promise<{ accountId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const t = await getTranslations('support');
  const { accountId } = await params;
  return { title: `${decodeURIComponent(accountId)} · ${t('title')}` };
}

export default async function SupportCustomerPage({ params }: { params: Params }) {
  const viewer = await requireViewer('/support/customers/[accountId]');
  const t = await getTranslations('support');
  const accountId = decodeURIComponent((await params).accountId).trim().toUpperCase();
  const summary = /^A\d{9}$/.test(accountId) ? await getCustomerSummary(getDb(), accountId, new Date()) : null;
  const back = (
    <Link href="/support" className="text-sm font-medium text-brand-700 underline underline-offset-2 dark:text-sky-300">
      {t('customer.back')}
    </Link>
  );
  if (!summary) {
    return (
      <>
        <PageHeader title={t('customer.notFoundTitle')} actions={back} />
        <Alert tone="warning">{t('customer.notFound', { accountId })}</Alert>
      </>
    );
  }
  const ownAccount = summary.account.id === viewer.ownAccountId;
  return (
    <>
      <PageHeader title={summary.account.name} description={summary.account.id} actions={back} />
      <div className="space-y-4">
        <CustomerSummaryView summary={summary} />
        <Card aria-labelledby="view-as-heading">
          <h2 id="view-as-heading" className="text-lg font-semibold">
            {t('viewAs.heading')}
          </h2>
          <p className="mt-1 text-sm">{t('viewAs.explain')}</p>
          <p className="mt-1 mb-3 text-sm text-slate-600 dark:text-slate-400">{t('viewAs.recorded')}</p>
          {ownAccount ? (
            <Alert>{t('viewAs.ownAccount')}</Alert>
          ) : (
            <>
              {viewer.impersonation?.accountId === summary.account.id ? <Alert className="mb-3">{t('viewAs.already')}</Alert> : null}
              <StartImpersonationForm accountId={summary.account.id} />
            </>
          )}
        </Card>
      </div>
    </>
  );
}
