'use client';

import { useTranslations } from 'next-intl';
import { acceptInvitationAction } from '@/app/(portal)/invitations/[token]/actions';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button';
import { useServerAction } from '@/components/ui/use-server-action';

/** Accepts the invitation; on success the session uses the new account, so the overview opens afresh. */
export function AcceptInvitationButton({ token }: { token: string }) {
  const t = useTranslations('members');
  const { pending, feedback, run } = useServerAction();
  return (
    <div className="space-y-3">
      {feedback ? <Alert tone={feedback.tone}>{feedback.text}</Alert> : null}
      <button type="button" className={buttonClasses('primary')} disabled={pending} onClick={() => run(() => acceptInvitationAction({ token }), () => {
          // A full load: the session now uses the new account, and every part of the shell shows it.
          window.location.href = '/';
        })}>
        {t('invitation.accept')}
      </button>
    </div>
  );
}
