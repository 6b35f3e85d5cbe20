'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { signOutOtherSessions } from '@/lib/auth/actions';

/** Signs out every other session of the signed-in user; the server refuses it while support views as the customer. */
export function SignOutOthersButton({ label }: { label: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  return (
    <div className="flex flex-col items-start gap-2">
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const outcome = await signOutOtherSessions({});
            setResult(outcome.ok ? { ok: true, message: outcome.data.message } : { ok: false, message: outcome.error.message });
            if (outcome.ok) router.refresh();
          })
        }
      >
        {label}
      </Button>
      {result ? (
        <p role={result.ok ? 'status' : 'alert'} className={result.ok ? 'text-sm' : 'text-sm text-red-700 dark:text-red-400'} data-testid="sign-out-others-result">
          {result.message}
        </p>
      ) : null}
    </div>
  );
}
