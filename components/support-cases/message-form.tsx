'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from '@/components/shell/client-i18n';
import { useId, useState } from 'react';
import { answerCaseAction } from '@/lib/support-cases/actions';
import { askQuestionAction, replyToCaseAction } from '@/lib/support-cases/actions';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button';
import { useServerAction } from '@/components/ui/use-server-action';

const MAX = 2000;

type Target =
  /** The customer asks about a charge (then goes to the new question). */
  | { kind: 'ask'; charge: { kind: 'transfer'; transferId: string } | { kind: 'day'; day: string } }
  /** The customer adds to their open question. */
  | { kind: 'reply'; caseId: string }
  /** Support answers (the customer is notified). */
  | { kind: 'answer'; caseId: string };

/**
 * One text box and a button: the question, the customer's reply, or support's answer. The server
 * checks the length (1–2,000 characters) and says what is wrong next to the field; the counter here
 * only helps.
 */
export function MessageForm({ target }: { target: Target }) {
  const t = useTranslations('supportCases');
  const id = useId();
  const router = useRouter();
  const [body, setBody] = useState('');
  const { pending, feedback, run } = useServerAction();
  const fieldError = feedback?.fieldErrors?.body ?? (feedback?.tone === 'error' && feedback.code?.startsWith('message_') ? feedback.text : undefined);
  const count = [...body].length;
  const labels =
    target.kind === 'ask'
      ? { label: t('ask.label'), hint: t('ask.hint', { max: MAX }), submit: t('ask.submit') }
      : target.kind === 'reply'
        ? { label: t('thread.replyLabel'), hint: t('ask.hint', { max: MAX }), submit: t('thread.replySubmit') }
        : { label: t('support.answerLabel'), hint: t('support.answerHint', { max: MAX }), submit: t('support.answerSubmit') };

  return (
    <form
      className="space-y-3"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (target.kind === 'ask') {
          run(
            () => askQuestionAction({ charge: target.charge, body }),
            (data) => router.push(`/support-cases/${data.caseId}`),
          );
        } else if (target.kind === 'reply') {
          run(() => replyToCaseAction({ caseId: target.caseId, body }), () => setBody(''));
        } else {
          run(() => answerCaseAction({ caseId: target.caseId, body }), () => setBody(''));
        }
      }}
    >
      {feedback && !fieldError ? (
        <Alert tone={feedback.tone} className="mb-2">
          {feedback.text}
        </Alert>
      ) : null}
      <div>
        <label htmlFor={`${id}-body`} className="block text-sm font-medium">
          {labels.label}
        </label>
        <textarea
          id={`${id}-body`}
          name="body"
          rows={6}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={`${id}-hint ${id}-count${fieldError ? ` ${id}-error` : ''}`}
          className="mt-1 block w-full max-w-2xl rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-800"
        />
        <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          {labels.hint}
        </p>
        <p id={`${id}-count`} className={`text-xs ${count > MAX ? 'text-red-700 dark:text-red-300' : 'text-slate-600 dark:text-slate-400'}`}>
          {t('ask.count', { count, max: MAX })}
        </p>
        {fieldError ? (
          <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-700 dark:text-red-300">
            {fieldError}
          </p>
        ) : null}
      </div>
      <button type="submit" className={buttonClasses('primary')} disabled={pending}>
        {labels.submit}
      </button>
    </form>
  );
}
