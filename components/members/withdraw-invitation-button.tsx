'use client';

import { useTranslations } from '@/components/shell/client-i18n';
import { withdrawInvitationAction } from '@/lib/members/actions';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button';
import { useServerAction } from '@/components/ui/use-server-action';

export function WithdrawInvitationButton({ invitationId, email }: { invitationId: string; email: string }) {
  const t = useTranslations('members');
  const { pending, feedback, run } = useServerAction();
  return (
    <div className="flex items-center gap-2">
      <button type="button" className={buttonClasses('ghost', 'px-2 py-1')} disabled={pending} onClick={() => run(() => withdrawInvitationAction({ invitationId }))}>
        {t('open.withdraw', { email })}
      </button>
      {feedback?.tone === 'error' ? <Alert tone="error">{feedback.text}</Alert> : null}
    </div>
  );
}
