'use client';

import { Button } from '@/components/ui/button';
import { useServerAction } from '@/components/ui/use-server-action';
import { signOutOtherSessions } from '@/lib/auth/actions';

/** Signs out every other session of the signed-in user; the server refuses it while support views as the customer. */
export function SignOutOthersButton({ label }: { label: string }) {
  const { pending, feedback, run } = useServerAction();
  const ok = feedback?.tone === 'success';
  return (
    <div className="flex flex-col items-start gap-2">
      <Button variant="secondary" disabled={pending} onClick={() => run(() => signOutOtherSessions({}), { refresh: 'success' })}>
        {label}
      </Button>
      {feedback ? (
        <p role={ok ? 'status' : 'alert'} className={ok ? 'text-sm' : 'text-sm text-red-700 dark:text-red-400'} data-testid="sign-out-others-result">
          {feedback.text}
        </p>
      ) : null}
    </div>
  );
}
