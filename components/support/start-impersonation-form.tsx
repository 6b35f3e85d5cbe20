'use client';

import { useTranslations } from 'next-intl';
import { useId, useState, useTransition } from 'react';
import { startViewingAs } from '@/lib/auth/actions';
import { Button } from '@/components/ui/button';
import { reauthPath } from '@/lib/auth/session-policy';

/** Reason, then "View as customer": on success the portal opens as the customer sees it. */
export function StartImpersonationForm({ accountId }: { accountId: string }) {
  const t = useTranslations('support');
  const id = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const reasonId = `${id}-reason`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;

  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          setError(null);
          setFieldError(null);
          const result = await startViewingAs({ accountId, reason });
          if (!result.ok) {
            if (result.error.code === 'reauth_required') {
              // Viewing as a customer needs a sign-in within 15 minutes: through the provider again, then back here.
              window.location.assign(reauthPath(window.location.pathname + window.location.search));
              return;
            }
            if (result.error.fieldErrors?.reason) setFieldError(result.error.fieldErrors.reason);
            else setError(result.error.message);
            return;
          }
          // Switching whose portal this is: a full page load, so the shell and banner render for the
          // customer and no page of the staff member's own account survives in the client's cache.
          window.location.assign(new URL('/', window.location.origin).href);
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
