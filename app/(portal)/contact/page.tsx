import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { AccuracyCard } from '@/components/contact/accuracy-card';
import { ContactChannelSection } from '@/components/contact/contact-channel-section';
import { PostalAddressForm } from '@/components/contact/postal-address-form';
import { StatementPreference } from '@/components/contact/statement-preference';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { requireViewer } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { loadContactPage, type ChannelView } from '@/lib/contact/load-contact';
import { getDb } from '@/lib/db/client';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('contact');
  return { title: t('title') };
}

export default async function ContactPage() {
  const viewer = await requireViewer('/contact');
  const t = await getTranslations('contact');
  const format = await getFormatter();
  const page = await loadContactPage(getDb(), config(), viewer, { now: new Date() });
  const { readOnly } = page;
  const view = ({ channel, verified, verifiedAt, pending, resendAvailableAt }: ChannelView) => ({
    channel,
    verified,
    verifiedOn: verifiedAt ? format.dateTime(verifiedAt, { dateStyle: 'long' }) : null,
    pending: pending ? { ...pending, expiresAt: format.dateTime(pending.expiresAt, { hour: '2-digit', minute: '2-digit' }) } : null,
    resendAvailableAt,
    disabled: readOnly,
  });

  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      <div className="space-y-6">
        {readOnly ? <Alert tone="info">{t('readOnly')}</Alert> : null}
        {page.mailbox ? (
          <Alert tone="info">
            {t('demoHint')}{' '}
            <Link href="/mailbox" className="font-medium underline underline-offset-2">
              {t('openMailbox')}
            </Link>
          </Alert>
        ) : null}
        <AccuracyCard confirmedAt={page.accuracyConfirmedAt} prompt={page.prompt} disabled={readOnly} />
        <ContactChannelSection {...view(page.email)} suggestion={page.emailSuggestion} />
        <ContactChannelSection {...view(page.phone)} />
        <StatementPreference enabled={page.monthlyStatement} emailVerified={page.emailVerified} disabled={readOnly} />
        <PostalAddressForm postalAddress={page.postalAddress} disabled={readOnly} />
      </div>
    </>
  );
}
