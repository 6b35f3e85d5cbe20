'use client';

import { clsx } from 'clsx';
import { useTranslations } from '@/components/shell/client-i18n';
import { useId, useState } from 'react';
import { startTopUpAction } from '@/lib/payments/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { fieldErrorClasses, hintClasses, inputClasses, labelClasses } from '@/components/ui/field-styles';
import { useServerAction } from '@/components/ui/use-server-action';

export interface AmountOption {
  /** Yuan as typed in the field, e.g. "100.00". */
  value: string;
  label: string;
}

export interface ProviderOption {
  /** Provider name sent with the form (`sandbox`, `stripe`, `alipay`, `wechatpay`). */
  value: string;
  label: string;
  /** Where the customer will pay. */
  note: string;
  /** This provider's own limits, in words. */
  limitsHint: string;
}

export interface TopUpFormProps {
  presets: AmountOption[];
  /** The amount that reinstates a suspended account (pre-filled), when there is one. */
  reinstate: AmountOption | null;
  /** The providers configured, in order; the first is chosen at first. */
  providers: ProviderOption[];
  disabled: boolean;
}

/** Preset and custom amounts, the no-transfer/no-withdrawal statement, then off to the provider's page. */
export function TopUpForm({ presets, reinstate, providers, disabled }: TopUpFormProps) {
  const t = useTranslations('topup');
  const ids = { heading: useId(), input: useId(), hint: useId(), error: useId(), statement: useId(), providers: useId() };
  const [amount, setAmount] = useState(reinstate?.value ?? '');
  const [providerName, setProviderName] = useState(providers[0]?.value ?? '');
  const chosen = providers.find((p) => p.value === providerName) ?? providers[0];
  const { pending, feedback, run } = useServerAction();
  const onField = feedback?.fieldErrors?.amount ?? feedback?.fieldErrors?.provider;
  // A field's message goes when the field changes; a form-level refusal stays until the next submit.
  const [fieldEdited, setFieldEdited] = useState(false);
  const fieldError = onField && !fieldEdited ? onField : null;
  const formError = feedback?.tone === 'error' && !onField ? feedback.text : null;
  const [redirecting, setRedirecting] = useState(false);
  const options = reinstate && !presets.some((p) => p.value === reinstate.value) ? [reinstate, ...presets] : presets;
  const busy = pending || redirecting;

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFieldEdited(false);
    run(() => startTopUpAction({ amount, provider: chosen?.value }), {
      refresh: 'never',
      onSuccess: (data) => {
        setRedirecting(true);
        window.location.assign(data.checkoutUrl);
      },
    });
  }

  return (
    <Card aria-labelledby={ids.heading}>
      <h2 id={ids.heading} className="text-lg font-semibold">
        {t('form.heading')}
      </h2>
      <form className="mt-4 space-y-5" onSubmit={submit} noValidate>
        {options.length > 0 ? (
          <div role="group" aria-label={t('form.presets')} className="flex flex-wrap gap-2">
            {options.map((option) => (
              <button
                key={option.value}
                type="button"
                aria-pressed={amount === option.value}
                disabled={disabled || busy}
                onClick={() => {
                  setAmount(option.value);
                  setFieldEdited(true);
                }}
                className={clsx(
                  'rounded-md border px-4 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-not-allowed disabled:opacity-60',
                  amount === option.value
                    ? 'border-brand-600 bg-brand-50 text-brand-700 dark:bg-slate-800 dark:text-white'
                    : 'border-slate-300 bg-white hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:hover:bg-slate-700',
                )}
              >
                {option.label}
              </button>
            ))}
          </div>
        ) : null}

        <div>
          <label htmlFor={ids.input} className={labelClasses}>
            {t('form.amountLabel')}
          </label>
          <input
            id={ids.input}
            name="amount"
            inputMode="decimal"
            autoComplete="off"
            value={amount}
            onChange={(e) => {
              setAmount(e.target.value);
              setFieldEdited(true);
            }}
            disabled={disabled || busy}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={`${ids.hint}${fieldError ? ` ${ids.error}` : ''}`}
            className={`${inputClasses} max-w-xs`}
          />
          {fieldError ? (
            <p id={ids.error} role="alert" className={fieldErrorClasses}>
              {fieldError}
            </p>
          ) : null}
          <p id={ids.hint} className={hintClasses}>
            {chosen?.limitsHint}
          </p>
        </div>

        {providers.length > 1 ? (
          <fieldset>
            <legend className="block text-sm font-medium">{t('form.payWith')}</legend>
            <div className="mt-2 flex flex-wrap gap-4">
              {providers.map((p) => (
                <label key={p.value} className="flex items-center gap-2 text-sm">
                  <input
                    type="radio"
                    name="provider"
                    value={p.value}
                    checked={chosen?.value === p.value}
                    disabled={disabled || busy}
                    onChange={() => {
                      setProviderName(p.value);
                      setFieldEdited(true);
                    }}
                  />
                  {p.label}
                </label>
              ))}
            </div>
          </fieldset>
        ) : null}

        <div id={ids.statement} className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          <p className="font-semibold">{t('form.statementHeading')}</p>
          <p className="mt-1" data-testid="no-transfer-statement">
            {t('form.statement')}
          </p>
        </div>

        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="provider-note">
          {chosen?.note}
        </p>

        <Button type="submit" disabled={disabled || busy} aria-describedby={ids.statement}>
          {redirecting ? t('form.redirecting') : pending ? t('form.working') : t('form.submit')}
        </Button>
        {busy ? (
          <span role="status" className="sr-only">
            {redirecting ? t('form.redirecting') : t('form.working')}
          </span>
        ) : null}
      </form>
      {formError ? (
        <Alert tone="error" className="mt-4">
          {formError}
        </Alert>
      ) : null}
    </Card>
  );
}
