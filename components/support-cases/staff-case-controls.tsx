'use client';

import { useTranslations } from '@/components/shell/client-i18n';
import { useId, useState } from 'react';
import { closeCaseAction, requestAdjustmentAction } from '@/lib/support-cases/actions';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button';
import { useServerAction } from '@/components/ui/use-server-action';

const input = 'mt-1 block w-full max-w-md rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-800';

function FieldError({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <p id={id} role="alert" className="mt-1 text-sm text-red-700 dark:text-red-300">
      {text}
    </p>
  ) : null;
}

/** Support asks for a credit (yuan as typed, and a reason); finance must approve it before money moves. */
export function AdjustmentRequestForm({ caseId }: { caseId: string }) {
  const t = useTranslations('supportCases.support');
  const id = useId();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const { pending, feedback, run } = useServerAction();
  const amountError = feedback?.fieldErrors?.amount;
  const reasonError = feedback?.fieldErrors?.reason;
  return (
    <form
      className="space-y-3"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        run(
          () => requestAdjustmentAction({ caseId, amount, reason }),
          () => {
            setAmount('');
            setReason('');
          },
        );
      }}
    >
      {feedback && !amountError && !reasonError ? <Alert tone={feedback.tone}>{feedback.text}</Alert> : null}
      <div>
        <label htmlFor={`${id}-amount`} className="block text-sm font-medium">
          {t('amountLabel')}
        </label>
        <input
          id={`${id}-amount`}
          name="amount"
          inputMode="decimal"
          autoComplete="off"
          value={amount}
          onChange={(event) => setAmount(event.target.value)}
          aria-invalid={amountError ? true : undefined}
          aria-describedby={`${id}-amount-hint${amountError ? ` ${id}-amount-error` : ''}`}
          className={input}
        />
        <p id={`${id}-amount-hint`} className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          {t('amountHint')}
        </p>
        <FieldError id={`${id}-amount-error`} text={amountError} />
      </div>
      <div>
        <label htmlFor={`${id}-reason`} className="block text-sm font-medium">
          {t('reasonLabel')}
        </label>
        <input
          id={`${id}-reason`}
          name="reason"
          autoComplete="off"
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? `${id}-reason-error` : undefined}
          className={input}
        />
        <FieldError id={`${id}-reason-error`} text={reasonError} />
      </div>
      <button type="submit" className={buttonClasses('secondary')} disabled={pending}>
        {t('requestSubmit')}
      </button>
    </form>
  );
}

/** Closes the question: no more messages (its adjustments still go to finance). */
export function CloseCaseButton({ caseId }: { caseId: string }) {
  const t = useTranslations('supportCases.support');
  const { pending, feedback, run } = useServerAction();
  return (
    <div className="space-y-2">
      {feedback ? <Alert tone={feedback.tone}>{feedback.text}</Alert> : null}
      <button type="button" className={buttonClasses('danger')} disabled={pending} onClick={() => run(() => closeCaseAction({ caseId }))}>
        {t('close')}
      </button>
    </div>
  );
}
