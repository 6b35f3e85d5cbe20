import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { AdjustmentList } from '@/components/support-cases/adjustment-list';
import { CaseThread } from '@/components/support-cases/case-thread';
import { ChargeSummaryView } from '@/components/support-cases/charge-summary';
import { MessageForm } from '@/components/support-cases/message-form';
import { AdjustmentRequestForm, CloseCaseButton } from '@/components/support-cases/staff-case-controls';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireViewer } from '@/lib/auth/guard';
import { getDb } from '@/lib/db/client';
import { formatCny } from '@/lib/money';
import { isCaseId } from '@/lib/support-cases/cases';
import { getCaseForStaff } from '@/lib/support-cases/queries';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('supportCases');
  return { title: t('title') };
}

/** Support's view of one question: answer it, ask finance for an adjustment, close it. */
export default async function SupportCaseStaffPage({ params }: { params: Promise<{ caseId: string }> }) {
  await requireViewer('/support/cases/[caseId]');
  const { caseId } = await params;
  if (!isCaseId(caseId)) notFound();
  const detail = await getCaseForStaff(getDb(), caseId);
  if (!detail) notFound();
  const t = await getTranslations('supportCases');
  const format = await getFormatter();
  const locale = await getLocale();
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <>
      <PageHeader
        title={t('support.title', { number: detail.number.toString(), name: detail.accountName, accountId: detail.accountId })}
        description={`${t(`status.${detail.status}`)} · ${t('thread.openedAt', { at: when(detail.createdAt) })}`}
      />
      <p className="mb-4 flex flex-wrap gap-4 text-sm">
        <Link href="/support" className="underline underline-offset-2">
          {t('support.back')}
        </Link>
        <Link href={`/support/customers/${detail.accountId}`} className="underline underline-offset-2">
          {detail.accountName} ({detail.accountId})
        </Link>
      </p>
      <ChargeSummaryView charge={detail.charge} />
      <CaseThread thread={detail.thread} viewerIsCustomer={false} />
      <AdjustmentList adjustments={detail.adjustments} />
      {detail.status === 'open' ? (
        <div className="space-y-6">
          <Card>
            <MessageForm target={{ kind: 'answer', caseId: detail.id }} />
          </Card>
          <Card aria-labelledby="adjustment-request-heading">
            <h2 id="adjustment-request-heading" className="text-lg font-semibold">
              {t('support.adjustmentHeading')}
            </h2>
            {detail.adjustableFen > 0n ? (
              <>
                <p className="mt-1 mb-3 text-sm text-slate-600 dark:text-slate-400">{t('support.adjustmentIntro', { max: formatCny(detail.adjustableFen, locale) })}</p>
                <AdjustmentRequestForm caseId={detail.id} />
              </>
            ) : (
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t('support.adjustmentNone')}</p>
            )}
          </Card>
          <CloseCaseButton caseId={detail.id} />
        </div>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="case-closed">
          {detail.closedAt ? t('thread.closedAt', { at: when(detail.closedAt), name: detail.closedByName ?? '—' }) : null}
        </p>
      )}
    </>
  );
}
