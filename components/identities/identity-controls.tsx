'use client';

import { useRouter } from 'next/navigation';
import { startLinkingIdentityAction, unlinkIdentityAction } from '@/lib/auth/actions';
import { signInWith } from '@/components/shell/auth-client';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button';
import { useServerAction } from '@/components/ui/use-server-action';

export function UnlinkIdentityButton({ provider, subject, label }: { provider: string; subject: string; label: string }) {
  const { pending, feedback, run } = useServerAction();
  const router = useRouter();
  // The row goes with the identity: the page says it was unlinked (?unlinked=1), not the row.
  const unlink = () =>
    run(() => unlinkIdentityAction({ provider, subject }), { onSuccess: () => router.replace('/account/identities?unlinked=1'), refresh: 'never' });
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button type="button" className={buttonClasses('ghost', 'px-2 py-1 text-red-700 dark:text-red-400')} disabled={pending} onClick={unlink}>
        {label}
      </button>
      {feedback?.tone === 'error' ? <Alert tone="error">{feedback.text}</Alert> : null}
    </div>
  );
}

/** Starts linking: the server marks this session as linking, then the provider's own sign-in, back to this page. */
export function LinkProviderButton({ provider, label }: { provider: string; label: string }) {
  const { pending, feedback, run } = useServerAction();
  return (
    <div>
      <button
        type="button"
        className={buttonClasses('secondary')}
        disabled={pending}
        onClick={() => run(() => startLinkingIdentityAction({ provider }), (data) => void signInWith(data.provider, '/account/identities?linked=1'))}
      >
        {label}
      </button>
      {feedback?.tone === 'error' ? <Alert tone="error">{feedback.text}</Alert> : null}
    </div>
  );
}
