'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from '@/components/shell/client-i18n';
import { acceptInvitationAction } from '@/lib/members/actions';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button';
import { useServerAction } from '@/components/ui/use-server-action';

/** Accepts the invitation; on success the session uses the new account, so the overview opens afresh. */
export function AcceptInvitationButton({ token }: { token: string }) {
  const t = useTranslations('members');
  const router = useRouter();
  // After it, the overview of the account joined: the action's refresh re-renders the whole shell for it.
  const { pending, feedback, run } = useServerAction();
  return (
    <div className="space-y-3">
      {feedback ? <Alert tone={feedback.tone}>{feedback.text}</Alert> : null}
      <button type="button" className={buttonClasses('primary')} disabled={pending} onClick={() => run(() => acceptInvitationAction({ token }), () => router.push('/'))}>
        {t('invitation.accept')}
      </button>
    </div>
  );
}
