import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { AdjustmentList } from '@/components/support-cases/adjustment-list';
import { CaseThread } from '@/components/support-cases/case-thread';
import { ChargeSummaryView } from '@/components/support-cases/charge-summary';
import { MessageForm } from '@/components/support-cases/message-form';
import { TermsNote } from '@/components/support-cases/terms-note';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireViewer } from '@/lib/auth/guard';
import { getDb } from '@/lib/db/client';
import { isCaseId } from '@/lib/support-cases/cases';
import { getCaseOfAccount } from '@/lib/support-cases/queries';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('supportCases');
  return { title: t('title') };
}

/** One of the customer's questions: the charge, the thread, its adjustments, and a reply while open. */
export default async function SupportCasePage({ params }: { params: Promise<{ caseId: string }> }) {
  const viewer = await requireViewer('/support-cases/[caseId]');
  const { caseId } = await params;
  if (!isCaseId(caseId)) notFound();
  // Another account's question is not found: the account comes from the viewer.
  const detail = await getCaseOfAccount(getDb(), viewer.accountId, caseId);
  if (!detail) notFound();
  const t = await getTranslations('supportCases');
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <>
      <PageHeader
        title={t('thread.title', { number: detail.number.toString() })}
        description={`${t(`status.${detail.status}`)} · ${t('thread.openedAt', { at: when(detail.createdAt) })}`}
      />
      <p className="mb-4 text-sm">
        <Link href="/support-cases" className="underline underline-offset-2">
          {t('thread.back')}
        </Link>
      </p>
      <TermsNote />
      <ChargeSummaryView charge={detail.charge} />
      <CaseThread thread={detail.thread} viewerIsCustomer />
      <AdjustmentList adjustments={detail.adjustments} />
      {detail.status === 'open' ? (
        <Card>
          <MessageForm target={{ kind: 'reply', caseId: detail.id }} />
        </Card>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="case-closed">
          {detail.closedAt ? t('thread.closedAt', { at: when(detail.closedAt), name: detail.closedByName ?? '—' }) : null} {t('thread.closedNote')}
        </p>
      )}
    </>
  );
}
