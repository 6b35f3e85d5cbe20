import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { CloseAccountForm } from '@/components/account/close-account-form';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { loadCloseAccountPage } from '@/lib/accounts/load-close-account';
import { requireViewer } from '@/lib/auth/guard';
import { getDb } from '@/lib/db/client';
import { formatCny } from '@/lib/money';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('account.close');
  return { title: t('metaTitle') };
}

/**
 * Closing the account (issue 15): the balance can't be withdrawn or transferred (the terms), arrears
 * are paid first, and the account id is typed to confirm. A closed account stays readable.
 */
export default async function CloseAccountPage({ searchParams }: { searchParams: Promise<{ from?: string }> }) {
  const viewer = await requireViewer('/account/close');
  const t = await getTranslations('account.close');
  const locale = await getLocale();
  const format = await getFormatter();
  const { from } = await searchParams;
  const summary = await loadCloseAccountPage(getDb(), viewer);
  const { ended } = summary;
  const money = (fen: bigint) => formatCny(fen, locale);

  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} description={t('description')} />
      {from === 'terms' ? <Alert tone="info">{t('fromTerms')}</Alert> : null}
      {ended ? (
        <Alert tone="info">
          {t(ended.state === 'closed' ? 'alreadyClosed' : 'terminated', { date: format.dateTime(ended.since, { dateStyle: 'long', timeStyle: 'short' }) })}
        </Alert>
      ) : (
        <>
          <Card aria-labelledby="close-balance">
            <h2 id="close-balance" className="text-lg font-semibold">
              {t('balanceHeading')}
            </h2>
            <p className="mt-2 text-sm font-medium">{t('noRefund')}</p>
            <ul className="mt-3 space-y-1 text-sm">
              <li data-testid="close-balance">{t('balance', { amount: money(summary.balanceFen) })}</li>
              <li data-testid="close-arrears">{summary.arrearsFen > 0n ? t('arrears', { amount: money(summary.arrearsFen) }) : t('noArrears')}</li>
            </ul>
            {summary.arrearsFen > 0n ? (
              <Alert tone="warning" className="mt-3">
                {t('arrearsFirst', { amount: money(summary.arrearsFen) })}{' '}
                <Link href="/top-up" className="font-medium underline">
                  {t('payLink')}
                </Link>
              </Alert>
            ) : null}
          </Card>
          <Card aria-labelledby="close-effects">
            <h2 id="close-effects" className="text-lg font-semibold">
              {t('whatHappens')}
            </h2>
            <ul className="mt-2 ml-5 list-disc space-y-1 text-sm">
              <li>{t('effects.usage')}</li>
              <li>{t('effects.readOnly')}</li>
              <li>{t('effects.records')}</li>
            </ul>
            <div className="mt-4">
              <CloseAccountForm accountId={viewer.accountId} />
            </div>
          </Card>
        </>
      )}
    </div>
  );
}
