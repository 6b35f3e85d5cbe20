'use client';

import { clsx } from 'clsx';
import { useTranslations } from 'next-intl';
import { useId, useState, useTransition } from 'react';
import { startTopUpAction } from '@/lib/payments/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';

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
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [redirecting, setRedirecting] = useState(false);
  const [pending, startTransition] = useTransition();
  const options = reinstate && !presets.some((p) => p.value === reinstate.value) ? [reinstate, ...presets] : presets;
  const busy = pending || redirecting;

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFieldError(null);
    setFormError(null);
    startTransition(async () => {
      const result = await startTopUpAction({ amount, provider: chosen?.value });
      if (result.ok) {
        setRedirecting(true);
        window.location.assign(result.data.checkoutUrl);
        return;
      }
      const onField = result.error.fieldErrors?.amount ?? result.error.fieldErrors?.provider;
      if (onField) setFieldError(onField);
      else setFormError(result.error.message);
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
                  setFieldError(null);
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
          <label htmlFor={ids.input} className="block text-sm font-medium">
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
              setFieldError(null);
            }}
            disabled={disabled || busy}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={`${ids.hint}${fieldError ? ` ${ids.error}` : ''}`}
            className="mt-1 block w-full max-w-xs rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600 disabled:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:disabled:bg-slate-900"
          />
          {fieldError ? (
            <p id={ids.error} role="alert" className="mt-1 text-sm font-medium text-red-800 dark:text-red-300">
              {fieldError}
            </p>
          ) : null}
          <p id={ids.hint} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
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
                      setFieldError(null);
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
