'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from '@/components/shell/client-i18n';
import { useId, useState } from 'react';
import { declare } from '@/lib/terms/actions';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button';
import { useServerAction } from '@/components/ui/use-server-action';

type Kind = 'individual' | 'organization';
type Residence = 'CN' | 'other';

const radioCard = 'flex cursor-pointer gap-3 rounded-lg border border-slate-300 p-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 dark:border-slate-600 dark:has-[:checked]:bg-slate-800';
const fieldError = 'mt-1 text-sm font-medium text-red-800 dark:text-red-300';

/** The first-sign-in declaration: who the customer is, where they reside, and acceptance of the terms. */
export function DeclarationForm({ termsVersion, termsEffective, defaultName }: { termsVersion: number; termsEffective: string; defaultName: string }) {
  const t = useTranslations('welcome');
  const router = useRouter();
  const id = useId();
  const [kind, setKind] = useState<Kind | null>(null);
  const [name, setName] = useState(defaultName);
  const [authorized, setAuthorized] = useState(false);
  const [residence, setResidence] = useState<Residence | null>(null);
  const [acceptTerms, setAcceptTerms] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { pending, feedback, run, clear } = useServerAction();
  const formError = feedback?.tone === 'error' ? feedback.text : null;

  // The user's own name is the right default for an individual, not for an organization.
  function chooseKind(value: Kind) {
    setKind(value);
    if (value === 'organization' && name === defaultName) setName('');
    if (value === 'individual' && !name.trim()) setName(defaultName);
  }

  function check(): Record<string, string> {
    const found: Record<string, string> = {};
    if (!kind) found.kind = t('required');
    if (!name.trim()) found.name = t('nameRequired');
    if (kind === 'organization' && !authorized) found.authorized = t('required');
    if (!residence) found.residence = t('required');
    if (!acceptTerms) found.acceptTerms = t('required');
    return found;
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = check();
    setErrors(found);
    clear();
    if (Object.keys(found).length || !kind || !residence) {
      const first = Object.keys(found)[0];
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    run(() => declare({ kind, name, authorized: kind === 'organization' && authorized, residence, termsVersion, acceptTerms: true }), {
      refresh: 'never',
      onSuccess: () => {
        router.replace('/');
        router.refresh();
      },
      onError: (error) => {
        if (error.fieldErrors) setErrors(error.fieldErrors);
        if (error.code === 'terms_changed') router.refresh();
      },
    });
  }

  const describedBy = (field: string, hint?: string) => [hint, errors[field] ? `${id}-${field}-error` : null].filter(Boolean).join(' ') || undefined;
  const errorOf = (field: string) =>
    errors[field] ? (
      <p id={`${id}-${field}-error`} className={fieldError}>
        {errors[field]}
      </p>
    ) : null;

  return (
    <form onSubmit={submit} noValidate className="space-y-6">
      {formError ? <Alert tone="error">{formError}</Alert> : null}

      <fieldset aria-describedby={describedBy('kind')}>
        <legend className="text-base font-semibold">{t('accountType.legend')}</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {(['individual', 'organization'] as const).map((value, i) => (
            <label key={value} className={radioCard}>
              <input
                type="radio"
                name="kind"
                value={value}
                id={i === 0 ? `${id}-kind` : undefined}
                checked={kind === value}
                onChange={() => chooseKind(value)}
                className="mt-1"
              />
              <span>
                <span className="block font-medium">{t(`accountType.${value}`)}</span>
                <span className="block text-sm text-slate-600 dark:text-slate-400">
                  {t(`accountType.${value}Hint`)}
                </span>
              </span>
            </label>
          ))}
        </div>
        {errorOf('kind')}
      </fieldset>

      {kind ? (
        <div className="space-y-3">
          <div>
            <label htmlFor={`${id}-name`} className="block text-sm font-medium">
              {t(`name.${kind}`)}
            </label>
            <input
              id={`${id}-name`}
              name="name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              autoComplete={kind === 'organization' ? 'organization' : 'name'}
              aria-invalid={errors.name ? true : undefined}
              aria-describedby={describedBy('name')}
              maxLength={200}
              className="mt-1 block w-full max-w-md rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-800"
            />
            {errorOf('name')}
          </div>
          {kind === 'organization' ? (
            <div>
              <label className="flex gap-3">
                <input
                  id={`${id}-authorized`}
                  type="checkbox"
                  checked={authorized}
                  onChange={(e) => setAuthorized(e.target.checked)}
                  aria-invalid={errors.authorized ? true : undefined}
                  aria-describedby={describedBy('authorized')}
                  className="mt-1"
                />
                <span>{t('authorized')}</span>
              </label>
              {errorOf('authorized')}
            </div>
          ) : null}
        </div>
      ) : null}

      <fieldset aria-describedby={describedBy('residence', `${id}-residence-hint`)}>
        <legend className="text-base font-semibold">{t('residence.legend')}</legend>
        <p id={`${id}-residence-hint`} className="text-sm text-slate-600 dark:text-slate-400">
          {t('residence.hint')}
        </p>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {(['CN', 'other'] as const).map((value, i) => (
            <label key={value} className={radioCard}>
              <input type="radio" name="residence" value={value} id={i === 0 ? `${id}-residence` : undefined} checked={residence === value} onChange={() => setResidence(value)} className="mt-1" />
              <span className="font-medium">{t(`residence.${value}`)}</span>
            </label>
          ))}
        </div>
        {errorOf('residence')}
      </fieldset>

      <fieldset>
        <legend className="text-base font-semibold">{t('terms.legend')}</legend>
        <p className="mt-1 text-sm">{t('terms.version', { version: termsVersion, date: termsEffective })}</p>
        <p className="mt-1 text-sm">
          <a href="/terms" target="_blank" rel="noopener" className="font-medium text-brand-700 underline dark:text-sky-300">
            {t('terms.read')}
          </a>
        </p>
        <label className="mt-3 flex gap-3">
          <input
            id={`${id}-acceptTerms`}
            type="checkbox"
            checked={acceptTerms}
            onChange={(e) => setAcceptTerms(e.target.checked)}
            aria-invalid={errors.acceptTerms ? true : undefined}
            aria-describedby={describedBy('acceptTerms')}
            className="mt-1"
          />
          <span>{t('terms.accept', { version: termsVersion })}</span>
        </label>
        {errorOf('acceptTerms')}
      </fieldset>

      <button type="submit" disabled={pending} className={buttonClasses('primary')}>
        {pending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
