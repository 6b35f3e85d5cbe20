'use client';

import { useTranslations } from '@/components/shell/client-i18n';
import { useId, useState } from 'react';
import { saveStatementPreference } from '@/lib/contact/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { useServerAction } from '@/components/ui/use-server-action';
import { hintClasses } from '@/components/ui/field-styles';

/** The monthly statement by email: a checkbox, saved with its own button. */
export function StatementPreference({ enabled, emailVerified, disabled = false }: { enabled: boolean; emailVerified: boolean; disabled?: boolean }) {
  const t = useTranslations('contact');
  const ids = { heading: useId(), input: useId(), hint: useId() };
  const [checked, setChecked] = useState(enabled);
  const { pending, feedback, run } = useServerAction();
  return (
    <Card aria-labelledby={ids.heading}>
      <h2 id={ids.heading} className="text-lg font-semibold">
        {t('statement.heading')}
      </h2>
      <form
        className="mt-3"
        onSubmit={(event) => {
          event.preventDefault();
          run(() => saveStatementPreference({ enabled: checked }));
        }}
      >
        <div className="flex items-start gap-2">
          <input
            id={ids.input}
            type="checkbox"
            name="monthlyStatement"
            checked={checked}
            onChange={(e) => setChecked(e.target.checked)}
            disabled={disabled}
            aria-describedby={ids.hint}
            className="mt-1 h-4 w-4"
          />
          <label htmlFor={ids.input} className="text-sm font-medium">
            {t('statement.label')}
          </label>
        </div>
        <p id={ids.hint} className={hintClasses}>
          {t('statement.hint')} {emailVerified ? null : t('statement.needsEmail')}
        </p>
        <Button type="submit" className="mt-3" disabled={disabled || pending}>
          {pending ? t('working') : t('statement.save')}
        </Button>
      </form>
      {feedback && !feedback.fieldErrors ? (
        <Alert tone={feedback.tone} className="mt-4">
          {feedback.text}
        </Alert>
      ) : null}
    </Card>
  );
}
