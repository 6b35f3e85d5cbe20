'use client';

import { useTranslations } from '@/components/shell/client-i18n';
import { useId, useState } from 'react';
import { saveLowBalanceThresholdAction } from '@/lib/overview/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useServerAction } from '@/components/ui/use-server-action';

/**
 * The customer's own low-balance alert threshold: set, change or clear it. Read-only, saying why,
 * while support views as the customer or for a member whose role may not change it.
 */
export function LowBalanceForm({ threshold, readOnly }: { threshold: string | null; readOnly: 'impersonating' | 'role' | null }) {
  const disabled = readOnly !== null;
  const t = useTranslations('overview.lowBalance');
  const ids = { input: useId(), hint: useId(), error: useId() };
  const [value, setValue] = useState(threshold ?? '');
  const { pending, feedback, run, clear } = useServerAction();
  const fieldError = feedback?.fieldErrors?.threshold ?? null;

  function save(text: string) {
    run(
      () => saveLowBalanceThresholdAction({ threshold: text }),
      (data) => setValue(data.threshold ?? ''),
    );
  }

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save(value);
      }}
    >
      <label htmlFor={ids.input} className="block text-sm font-medium">
        {t('label')}
      </label>
      <div className="mt-1 flex flex-wrap items-center gap-2">
        <input
          id={ids.input}
          name="threshold"
          inputMode="decimal"
          autoComplete="off"
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            if (fieldError) clear();
          }}
          disabled={disabled || pending}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={`${ids.hint}${fieldError ? ` ${ids.error}` : ''}`}
          className="block w-40 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600 disabled:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:disabled:bg-slate-900"
        />
        <Button type="submit" disabled={disabled || pending}>
          {pending ? t('saving') : t('save')}
        </Button>
        {threshold !== null ? (
          <Button variant="ghost" disabled={disabled || pending} onClick={() => save('')}>
            {t('clear')}
          </Button>
        ) : null}
      </div>
      {fieldError ? (
        <p id={ids.error} role="alert" className="mt-1 text-sm font-medium text-red-800 dark:text-red-300">
          {fieldError}
        </p>
      ) : null}
      <p id={ids.hint} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
        {readOnly === 'impersonating' ? t('readOnly') : readOnly === 'role' ? t('roleReadOnly') : t('hint')}
      </p>
      {feedback && !fieldError ? (
        <Alert tone={feedback.tone} className="mt-3">
          {feedback.text}
        </Alert>
      ) : null}
    </form>
  );
}
