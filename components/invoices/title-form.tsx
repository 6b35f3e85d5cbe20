'use client';

import { useTranslations } from '@/components/shell/client-i18n';
import { useId, useState } from 'react';
import { saveInvoiceTitle } from '@/lib/invoices/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useServerAction } from '@/components/ui/use-server-action';
import type { CheckedTitle } from '@/lib/invoices/titles';
import { fieldErrorClasses, hintClasses, inputClasses, labelClasses } from '@/components/ui/field-styles';

export interface TitleView extends CheckedTitle {
  id: string;
  isDefault: boolean;
  specialReady: boolean;
}

type TextField = 'name' | 'taxpayerId' | 'registeredAddress' | 'phone' | 'bankName' | 'bankAccount';

function TextInput(props: {
  field: TextField;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  disabled: boolean;
  autoComplete?: string;
  required?: boolean;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const described = [props.hint ? hintId : null, props.error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div>
      <label htmlFor={id} className={labelClasses}>
        {props.label}
      </label>
      <input
        id={id}
        name={props.field}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        disabled={props.disabled}
        required={props.required}
        autoComplete={props.autoComplete ?? 'off'}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={described}
        className={inputClasses}
      />
      {props.error ? (
        <p id={errorId} className={fieldErrorClasses}>
          {props.error}
        </p>
      ) : null}
      {props.hint ? (
        <p id={hintId} className={hintClasses}>
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

/** Adds or edits an invoice title; organization fields appear for organizations only. */
export function TitleForm({ title, onDone, disabled }: { title: TitleView | null; onDone: (message?: string) => void; disabled: boolean }) {
  const t = useTranslations('invoices.titles');
  const headingId = useId();
  const [type, setType] = useState<'individual' | 'organization'>(title?.type ?? 'organization');
  const [values, setValues] = useState<Record<TextField, string>>({
    name: title?.name ?? '',
    taxpayerId: title?.taxpayerId ?? '',
    registeredAddress: title?.registeredAddress ?? '',
    phone: title?.phone ?? '',
    bankName: title?.bankName ?? '',
    bankAccount: title?.bankAccount ?? '',
  });
  const [isDefault, setIsDefault] = useState(title?.isDefault ?? false);
  const [confirmCheck, setConfirmCheck] = useState(title?.taxpayerIdCheckFailed ?? false);
  const { pending, feedback, run } = useServerAction();
  const errors = feedback?.fieldErrors ?? {};
  const inactive = disabled || pending;
  const askToConfirm = feedback?.code === 'check_character' || (confirmCheck && type === 'organization' && values.taxpayerId === (title?.taxpayerId ?? ''));
  const set = (field: TextField) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    // A changed ID must be confirmed again if its check character fails.
    if (field === 'taxpayerId') setConfirmCheck(false);
  };

  return (
    <form
      aria-labelledby={headingId}
      className="mt-4 space-y-4 rounded-lg border border-slate-200 p-4 dark:border-slate-700"
      onSubmit={(event) => {
        event.preventDefault();
        run(
          () =>
            saveInvoiceTitle({
              id: title?.id,
              type,
              name: values.name,
              taxpayerId: type === 'organization' ? values.taxpayerId : null,
              registeredAddress: type === 'organization' ? values.registeredAddress : null,
              phone: type === 'organization' ? values.phone : null,
              bankName: type === 'organization' ? values.bankName : null,
              bankAccount: type === 'organization' ? values.bankAccount : null,
              isDefault,
              confirmCheckCharacter: confirmCheck,
            }),
          (data) => onDone(data.message),
        );
      }}
    >
      <h3 id={headingId} className="font-semibold">
        {title ? t('editHeading', { name: title.name }) : t('addHeading')}
      </h3>
      <fieldset>
        <legend className={labelClasses}>{t('type')}</legend>
        <div className="mt-1 flex gap-4">
          {(['organization', 'individual'] as const).map((option) => (
            <label key={option} className="flex items-center gap-2 text-sm">
              <input type="radio" name="type" value={option} checked={type === option} onChange={() => setType(option)} disabled={inactive} />
              {t(option)}
            </label>
          ))}
        </div>
      </fieldset>
      <TextInput field="name" label={type === 'organization' ? t('organizationName') : t('personName')} value={values.name} onChange={set('name')} error={errors.name} disabled={inactive} required autoComplete={type === 'organization' ? 'organization' : 'name'} />
      {type === 'organization' ? (
        <>
          <TextInput field="taxpayerId" label={t('taxpayerId')} value={values.taxpayerId} onChange={set('taxpayerId')} error={errors.taxpayerId} hint={t('taxpayerIdHint')} disabled={inactive} required />
          {askToConfirm ? (
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="confirmCheckCharacter" checked={confirmCheck} onChange={(e) => setConfirmCheck(e.target.checked)} disabled={inactive} className="mt-1" />
              {t('confirmCheck')}
            </label>
          ) : null}
          <fieldset className="space-y-3">
            <legend className="text-sm font-semibold">{t('specialFields')}</legend>
            <p className={hintClasses}>{t('specialFieldsHint')}</p>
            <TextInput field="registeredAddress" label={t('registeredAddress')} value={values.registeredAddress} onChange={set('registeredAddress')} error={errors.registeredAddress} disabled={inactive} />
            <TextInput field="phone" label={t('phone')} value={values.phone} onChange={set('phone')} error={errors.phone} disabled={inactive} autoComplete="tel" />
            <TextInput field="bankName" label={t('bankName')} value={values.bankName} onChange={set('bankName')} error={errors.bankName} disabled={inactive} />
            <TextInput field="bankAccount" label={t('bankAccount')} value={values.bankAccount} onChange={set('bankAccount')} error={errors.bankAccount} disabled={inactive} />
          </fieldset>
        </>
      ) : null}
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="isDefault" checked={isDefault} onChange={(e) => setIsDefault(e.target.checked)} disabled={inactive || title?.isDefault} />
        {t('setDefault')}
      </label>
      {feedback?.tone === 'error' ? <Alert tone={feedback.code === 'check_character' ? 'warning' : 'error'}>{feedback.text}</Alert> : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={inactive}>
          {pending ? t('working') : t('save')}
        </Button>
        <Button variant="secondary" onClick={() => onDone()} disabled={pending}>
          {t('cancel')}
        </Button>
      </div>
    </form>
  );
}
