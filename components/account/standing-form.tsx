'use client';

import { useTranslations } from '@/components/shell/client-i18n';
import { useId, useState } from 'react';
import { changeStandingAction } from '@/lib/accounts/actions';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button';
import { useServerAction } from '@/components/ui/use-server-action';

type StandingAction = 'suspend' | 'terminate' | 'lift_suspension';

const control = 'mt-1 block w-full max-w-xl rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-800';

/** The admin's action on one account, with the reason the customer will read. */
export function StandingForm({ accountId, actions }: { accountId: string; actions: StandingAction[] }) {
  const t = useTranslations('account.admin');
  const id = useId();
  const [action, setAction] = useState<StandingAction>(actions[0]);
  const [reason, setReason] = useState('');
  const { pending, feedback, run } = useServerAction();
  const reasonError = feedback?.fieldErrors?.reason;

  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        run(() => changeStandingAction({ accountId, action, reason }), () => setReason(''));
      }}
    >
      {feedback ? <Alert tone={feedback.tone}>{feedback.text}</Alert> : null}
      <div>
        <label htmlFor={`${id}-action`} className="block text-sm font-medium">
          {t('action')}
        </label>
        <select id={`${id}-action`} value={action} onChange={(e) => setAction(e.target.value as StandingAction)} className={control}>
          {actions.map((a) => (
            <option key={a} value={a}>
              {t(`actions.${a}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-reason`} className="block text-sm font-medium">
          {t('reason')}
        </label>
        <textarea
          id={`${id}-reason`}
          rows={3}
          maxLength={1000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={`${id}-reason-hint`}
          className={control}
        />
        <p id={`${id}-reason-hint`} className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          {t('reasonHint')}
        </p>
      </div>
      <button type="submit" className={buttonClasses(action === 'lift_suspension' ? 'primary' : 'danger')} disabled={pending}>
        {t('submit')}
      </button>
    </form>
  );
}
