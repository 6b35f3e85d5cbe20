'use client';

import { useTranslations } from '@/components/shell/client-i18n';
import { useId, useState } from 'react';
import { closeAccountAction } from '@/lib/accounts/actions';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button';
import { useServerAction } from '@/components/ui/use-server-action';

const input = 'mt-1 block w-full max-w-sm rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm dark:border-slate-600 dark:bg-slate-800';

/** Type the account id, then close; a wrong id is refused by the server and said next to the field. */
export function CloseAccountForm({ accountId }: { accountId: string }) {
  const t = useTranslations('account.close');
  const id = useId();
  const [confirmation, setConfirmation] = useState('');
  const { pending, feedback, run } = useServerAction();
  const fieldError = feedback?.fieldErrors?.confirmation;

  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        run(() => closeAccountAction({ confirmation }));
      }}
    >
      {feedback ? <Alert tone={feedback.tone}>{feedback.text}</Alert> : null}
      <div>
        <label htmlFor={`${id}-confirmation`} className="block text-sm font-medium">
          {t('confirmLabel', { accountId })}
        </label>
        <input
          id={`${id}-confirmation`}
          name="confirmation"
          autoComplete="off"
          spellCheck={false}
          value={confirmation}
          onChange={(event) => setConfirmation(event.target.value)}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={`${id}-hint`}
          className={input}
        />
        <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          {t('confirmHint')}
        </p>
      </div>
      <button type="submit" className={buttonClasses('danger')} disabled={pending}>
        {t('submit')}
      </button>
    </form>
  );
}
