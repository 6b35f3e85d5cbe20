import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { MailboxMessageItem } from '@/components/notices/mailbox-message';
import { inputClasses, labelClasses } from '@/components/ui/field-styles';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireViewer } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { loadMailboxPage } from '@/lib/contact/load-mailbox';
import { getDb } from '@/lib/db/client';
import { mailboxEnabled } from '@/lib/notices/mailbox';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('notices.mailbox');
  return { title: t('title') };
}

/** Demo mode only: what the portal would have sent by email and SMS, for anyone signed in. */
export default async function MailboxPage({ searchParams }: { searchParams: Promise<{ to?: string | string[] }> }) {
  if (!mailboxEnabled(config())) notFound();
  await requireViewer('/mailbox');
  const t = await getTranslations('notices.mailbox');
  const { to } = await searchParams;
  const typed = typeof to === 'string' ? to.trim() : '';
  const { messages } = await loadMailboxPage(getDb(), { typed });

  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      <form method="get" className="mb-6 flex flex-wrap items-end gap-3">
        <div className="w-full max-w-md">
          <label htmlFor="mailbox-to" className={labelClasses}>
            {t('filterLabel')}
          </label>
          <input id="mailbox-to" name="to" type="search" defaultValue={typed} placeholder={t('filterAll')} className={inputClasses} />
        </div>
        <button type="submit" className={buttonClasses('primary')}>
          {t('filter')}
        </button>
        <Link href={typed ? `/mailbox?to=${encodeURIComponent(typed)}` : '/mailbox'} className={buttonClasses('secondary')}>
          {t('refresh')}
        </Link>
      </form>
      {messages.length === 0 ? (
        <Card>
          <p className="text-sm">{t('empty')}</p>
        </Card>
      ) : (
        <ul aria-label={t('title')} className="space-y-3">
          {messages.map((message) => (
            <MailboxMessageItem key={message.id} message={message} />
          ))}
        </ul>
      )}
    </>
  );
}
