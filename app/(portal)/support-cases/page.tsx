import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { CaseList } from '@/components/support-cases/case-list';
import { TermsNote } from '@/components/support-cases/terms-note';
import { PageHeader } from '@/components/ui/page-header';
import { requireViewer } from '@/lib/auth/guard';
import { getDb } from '@/lib/db/client';
import { listCasesOfAccount } from '@/lib/support-cases/queries';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('supportCases');
  return { title: t('title') };
}

/** The customer's questions about charges: open ones first. */
export default async function SupportCasesPage() {
  const viewer = await requireViewer('/support-cases');
  const t = await getTranslations('supportCases');
  const cases = await listCasesOfAccount(getDb(), viewer.accountId);
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <TermsNote />
      {cases.length === 0 ? (
        <div className="space-y-2 text-sm" data-testid="cases-empty">
          <p className="text-slate-600 dark:text-slate-400">{t('empty')}</p>
          <p>
            <Link href="/charges" className="underline underline-offset-2">
              {t('toHistory')}
            </Link>
          </p>
        </div>
      ) : (
        <CaseList cases={cases} audience="customer" caption={t('list.caption')} />
      )}
    </>
  );
}
