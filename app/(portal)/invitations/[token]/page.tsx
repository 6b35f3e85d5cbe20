import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { AcceptInvitationButton } from '@/components/members/accept-invitation-button';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireViewer } from '@/lib/auth/guard';
import { getDb } from '@/lib/db/client';
import { previewInvitation, type InvitationPreview } from '@/lib/members/invitations';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('members');
  return { title: t('invitation.metaTitle') };
}

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/** An invitation link: signed in (any account, before the declaration too), the user sees it and accepts it. */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  await requireViewer('/invitations/[token]');
  const { token } = await params;
  const t = await getTranslations('members');
  const format = await getFormatter();
  const preview: InvitationPreview = TOKEN.test(token) ? await previewInvitation(getDb(), token, new Date()) : { state: 'invalid' };

  return (
    <div className="space-y-6">
      <PageHeader title={t('invitation.title')} />
      {preview.state === 'valid' ? (
        <Card>
          <p data-testid="invitation-summary">
            {t('invitation.valid', {
              accountName: preview.accountName ?? '',
              accountId: preview.accountId ?? '',
              role: t(`roles.${preview.role ?? 'viewer'}`),
              email: preview.email ?? '',
              expiresAt: preview.expiresAt ? format.dateTime(preview.expiresAt, { dateStyle: 'long', timeStyle: 'short' }) : '',
            })}
          </p>
          <div className="mt-4">
            <AcceptInvitationButton token={token} />
          </div>
        </Card>
      ) : (
        <Alert tone="warning">{t(`invitation.${preview.state}`)}</Alert>
      )}
    </div>
  );
}
