'use client';

import { useTranslations } from '@/components/shell/client-i18n';
import { useId, useState } from 'react';
import { startViewingAs } from '@/lib/auth/actions';
import { Button } from '@/components/ui/button';
import { useServerAction } from '@/components/ui/use-server-action';

/** Reason, then "View as customer": on success the portal opens as the customer sees it. */
export function StartImpersonationForm({ accountId }: { accountId: string }) {
  const t = useTranslations('support');
  const id = useId();
  const [reason, setReason] = useState('');
  const { pending, feedback, run } = useServerAction();
  const fieldError = feedback?.fieldErrors?.reason ?? null;
  const error = feedback?.tone === 'error' && !fieldError ? feedback.text : null;
  const reasonId = `${id}-reason`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;

  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        // Viewing as a customer needs a sign-in within 15 minutes: the hook sends the user through the provider again.
        run(() => startViewingAs({ accountId, reason }), {
          refresh: 'never',
          // Switching whose portal this is: a full page load, so the shell and banner render for the
          // customer and no page of the staff member's own account survives in the client's cache.
          onSuccess: () => window.location.assign(new URL('/', window.location.origin).href),
        });
      }}
    >
      <div>
        <label htmlFor={reasonId} className="block text-sm font-medium">
          {t('viewAs.reason')}
        </label>
        <p id={hintId} className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">
          {t('viewAs.reasonHint')}
        </p>
        <textarea
          id={reasonId}
          name="reason"
          rows={2}
          required
          maxLength={500}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? `${hintId} ${errorId}` : hintId}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-800"
        />
        {fieldError ? (
          <p id={errorId} role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
            {fieldError}
          </p>
        ) : null}
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? t('viewAs.starting') : t('viewAs.submit')}
      </Button>
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </form>
  );
}
