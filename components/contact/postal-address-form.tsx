'use client';

import { useTranslations } from '@/components/shell/client-i18n';
import { useId, useState } from 'react';
import { savePostalAddress } from '@/lib/contact/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { useServerAction } from '@/components/ui/use-server-action';
import { fieldErrorClasses, hintClasses, inputClasses, labelClasses } from '@/components/ui/field-styles';

export function PostalAddressForm({ postalAddress, disabled = false }: { postalAddress: string | null; disabled?: boolean }) {
  const t = useTranslations('contact');
  const ids = { heading: useId(), input: useId(), hint: useId(), error: useId() };
  const [value, setValue] = useState(postalAddress ?? '');
  const { pending, feedback, run } = useServerAction();
  const error = feedback?.fieldErrors?.postalAddress;
  return (
    <Card aria-labelledby={ids.heading}>
      <h2 id={ids.heading} className="text-lg font-semibold">
        {t('address.heading')}
      </h2>
      <form
        className="mt-3"
        onSubmit={(event) => {
          event.preventDefault();
          run(() => savePostalAddress({ postalAddress: value }));
        }}
      >
        <label htmlFor={ids.input} className={labelClasses}>
          {t('address.label')}
        </label>
        <textarea
          id={ids.input}
          name="postalAddress"
          rows={3}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          autoComplete="street-address"
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${ids.hint}${error ? ` ${ids.error}` : ''}`}
          className={`${inputClasses} max-w-xl`}
        />
        {error ? (
          <p id={ids.error} role="alert" className={fieldErrorClasses}>
            {error}
          </p>
        ) : null}
        <p id={ids.hint} className={hintClasses}>
          {t('address.hint')}
        </p>
        <Button type="submit" className="mt-3" disabled={disabled || pending}>
          {pending ? t('working') : t('address.save')}
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
