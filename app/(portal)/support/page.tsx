import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { CustomerResults } from '@/components/support/customer-results';
import { CustomerSearchForm } from '@/components/support/customer-search-form';
import { CaseList } from '@/components/support-cases/case-list';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Skeleton } from '@/components/ui/skeleton';
import { requireViewer } from '@/lib/auth/guard';
import { getDb } from '@/lib/db/client';
import { CUSTOMER_SEARCH_MIN_LENGTH, searchCustomers } from '@/lib/support/customer-search';
import { listOpenCases } from '@/lib/support-cases/queries';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('support');
  return { title: t('title') };
}

async function SearchResults({ query }: { query: string }) {
  const result = await searchCustomers(getDb(), { query });
  return <CustomerResults query={query} matches={result.matches} more={result.more} />;
}

export default async function SupportPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  await requireViewer('/support');
  const t = await getTranslations('support');
  const common = await getTranslations('common');
  const { q } = await searchParams;
  const query = (typeof q === 'string' ? q : '').trim().slice(0, 200);
  const cases = await getTranslations('supportCases');
  const openCases = await listOpenCases(getDb());
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <div className="space-y-6">
        <Card>
          <CustomerSearchForm query={query} />
        </Card>
        {query.length >= CUSTOMER_SEARCH_MIN_LENGTH ? (
          <Suspense key={query} fallback={<Skeleton label={common('loading')} blocks={1} className="h-40" />}>
            <SearchResults query={query} />
          </Suspense>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">{query ? t('search.tooShort', { min: CUSTOMER_SEARCH_MIN_LENGTH }) : t('search.prompt')}</p>
        )}
        <section aria-labelledby="open-cases-heading">
          <h2 id="open-cases-heading" className="mb-3 text-lg font-semibold">
            {cases('support.queueHeading')}
          </h2>
          {openCases.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">{cases('support.queueEmpty')}</p>
          ) : (
            <CaseList cases={openCases} audience="support" caption={cases('support.queueCaption')} />
          )}
        </section>
      </div>
    </>
  );
}
