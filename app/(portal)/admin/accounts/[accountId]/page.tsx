import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { StandingForm } from '@/components/account/standing-form';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { loadAdminAccount } from '@/lib/accounts/load-admin-account';
import { requireViewer } from '@/lib/auth/guard';
import { getDb } from '@/lib/db/client';
import { formatCny } from '@/lib/money';

export async function generateMetadata({ params }: { params: Promise<{ accountId: string }> }): Promise<Metadata> {
  const t = await getTranslations('account.admin');
  return { title: t('accountTitle', { id: decodeURIComponent((await params).accountId) }) };
}

/** One account's standing, its history, and the admin's actions for cause. */
export default async function AdminAccountPage({ params }: { params: Promise<{ accountId: string }> }) {
  await requireViewer('/admin/accounts/[accountId]');
  const accountId = decodeURIComponent((await params).accountId);
  if (accountId.length > 64) notFound();
  const account = await loadAdminAccount(getDb(), { accountId });
  if (!account) notFound();
  const { wallet: snapshot, standing, actions, changes } = account;
  const t = await getTranslations('account.admin');
  const format = await getFormatter();
  const locale = await getLocale();
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <div className="space-y-6">
      <PageHeader title={t('accountTitle', { id: accountId })} />
      <p className="text-sm">
        <Link href="/admin/accounts" className="underline underline-offset-2">
          {t('back')}
        </Link>
      </p>
      <Card aria-labelledby="standing-now">
        <h2 id="standing-now" className="text-lg font-semibold" data-testid="standing-state">
          {t('currentState', { state: t(`states.${standing?.state ?? 'good'}`) })}
        </h2>
        <ul className="mt-2 space-y-1 text-sm">
          {standing ? <li>{t('since', { date: when(standing.since) })}</li> : null}
          {standing?.reason ? <li>{t('reasonShown', { reason: standing.reason })}</li> : null}
          <li>{t('balance', { amount: formatCny(snapshot.balanceFen, locale) })}</li>
          <li>{t('walletStatus', { status: t(`walletStatuses.${snapshot.status}`) })}</li>
        </ul>
      </Card>
      {actions.length > 0 ? (
        <Card aria-labelledby="standing-action">
          <h2 id="standing-action" className="mb-3 text-lg font-semibold">
            {t('actionHeading')}
          </h2>
          <StandingForm key={standing?.state ?? 'good'} accountId={accountId} actions={actions} />
        </Card>
      ) : null}
      <Card aria-labelledby="standing-history">
        <h2 id="standing-history" className="text-lg font-semibold">
          {t('history')}
        </h2>
        {changes.length === 0 ? (
          <p className="mt-2 text-sm">{t('noHistory')}</p>
        ) : (
          <ol className="mt-2 space-y-1 text-sm">
            {changes.map((c) => (
              <li key={`${c.at.toISOString()}:${c.change}`}>
                {when(c.at)} · {t(`changes.${c.change}`)}
                {c.byName ? ` · ${c.byName}` : ''}
                {c.reason ? ` · ${c.reason}` : ''}
              </li>
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}
