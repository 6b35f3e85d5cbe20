import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { AccuracyCard } from '@/components/contact/accuracy-card';
import { ContactChannelSection, type PendingView } from '@/components/contact/contact-channel-section';
import { PostalAddressForm } from '@/components/contact/postal-address-form';
import { StatementPreference } from '@/components/contact/statement-preference';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { requireViewer } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { getContactDetails, type ChannelDetails } from '@/lib/contact/contact-details';
import { formatPhone } from '@/lib/contact/phone';
import { getDb } from '@/lib/db/client';
import { mailboxEnabled } from '@/lib/notices/mailbox';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('contact');
  return { title: t('title') };
}

export default async function ContactPage() {
  const viewer = await requireViewer('/contact');
  const t = await getTranslations('contact');
  const format = await getFormatter();
  const details = await getContactDetails(getDb(), viewer.accountId, new Date());
  const readOnly = Boolean(viewer.impersonation);

  const view = (channel: 'email' | 'phone', d: ChannelDetails) => {
    const show = (v: string) => (channel === 'phone' ? formatPhone(v) : v);
    const pending: PendingView | null = d.pending
      ? {
          value: d.pending.value,
          display: show(d.pending.value),
          status: d.pending.status,
          expired: d.pending.expired,
          attemptsLeft: d.pending.attemptsLeft,
          expiresAt: format.dateTime(d.pending.expiresAt, { hour: '2-digit', minute: '2-digit' }),
        }
      : null;
    return {
      channel,
      verified: d.verified ? show(d.verified) : null,
      verifiedOn: d.verifiedAt ? format.dateTime(d.verifiedAt, { dateStyle: 'long' }) : null,
      pending,
      resendAvailableAt: d.resendAvailableAt?.toISOString() ?? null,
      disabled: readOnly,
    };
  };

  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      <div className="space-y-6">
        {readOnly ? <Alert tone="info">{t('readOnly')}</Alert> : null}
        {mailboxEnabled(config()) ? (
          <Alert tone="info">
            {t('demoHint')}{' '}
            <Link href="/mailbox" className="font-medium underline underline-offset-2">
              {t('openMailbox')}
            </Link>
          </Alert>
        ) : null}
        <AccuracyCard confirmedAt={details.accuracyConfirmedAt} prompt={details.prompt} disabled={readOnly} />
        <ContactChannelSection {...view('email', details.email)} suggestion={details.email.verified || details.email.pending ? undefined : viewer.email} />
        <ContactChannelSection {...view('phone', details.phone)} />
        <StatementPreference enabled={details.monthlyStatementSince !== null} emailVerified={details.email.verified !== null} disabled={readOnly} />
        <PostalAddressForm postalAddress={details.postalAddress} disabled={readOnly} />
      </div>
    </>
  );
}
