'use client';

import { useTranslations } from '@/components/shell/client-i18n';
import { useState } from 'react';
import { useServerAction } from '@/components/ui/use-server-action';
import { answerSandboxChallengeAction } from '@/lib/payments/sandbox/actions';

/** The test challenge (a stand-in for 3-D Secure): Approve or Fail. */
export function SandboxChallenge({ checkoutId, body }: { checkoutId: string; body: string }) {
  const t = useTranslations('topup.sandbox');
  const { pending, feedback, run } = useServerAction();
  const message = feedback?.tone === 'error' ? feedback.text : null;
  const [leaving, setLeaving] = useState(false);
  const busy = pending || leaving;

  const answer = (decision: 'approve' | 'fail') =>
    run(() => answerSandboxChallengeAction({ checkoutId, decision }), {
      refresh: 'never',
      onSuccess: (step) => {
        if (step.next === 'return') {
          setLeaving(true);
          window.location.assign(step.returnUrl);
        }
      },
    });

  return (
    <section aria-labelledby="sandbox-challenge-heading" className="space-y-4">
      <h2 id="sandbox-challenge-heading" className="text-lg font-semibold">
        {t('challengeHeading')}
      </h2>
      <p className="text-sm">{body}</p>
      <div className="grid grid-cols-2 gap-3">
        <button
          type="button"
          disabled={busy}
          onClick={() => answer('approve')}
          className="rounded-lg bg-emerald-700 px-4 py-3 font-semibold text-white hover:bg-emerald-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-emerald-700 disabled:bg-slate-400"
        >
          {t('approve')}
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => answer('fail')}
          className="rounded-lg border border-red-700 bg-white px-4 py-3 font-semibold text-red-800 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-700 disabled:text-slate-400 dark:bg-slate-900 dark:text-red-300"
        >
          {t('fail')}
        </button>
      </div>
      {busy ? (
        <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
          {t('working')}
        </p>
      ) : null}
      {message ? (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {message}
        </p>
      ) : null}
    </section>
  );
}
