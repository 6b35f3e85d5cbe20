'use client';

import { useTranslations } from '@/components/shell/client-i18n';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { useServerAction } from '@/components/ui/use-server-action';
import { paySandboxCheckout } from '@/lib/payments/sandbox/actions';

const inputClasses =
  'mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2.5 font-mono text-base shadow-sm focus:border-violet-600 focus:outline-none focus:ring-2 focus:ring-violet-300 aria-[invalid=true]:border-red-600 disabled:bg-slate-100 dark:border-slate-600 dark:bg-slate-800';

/** The hosted card step: number (Luhn-checked), expiry, CVC. */
export function SandboxCardForm({ checkoutId, amountLabel }: { checkoutId: string; amountLabel: string }) {
  const t = useTranslations('topup.sandbox');
  const router = useRouter();
  const ids = { number: useId(), expiry: useId(), cvc: useId(), error: useId() };
  const [card, setCard] = useState({ cardNumber: '', expiry: '', cvc: '' });
  const { pending, feedback, run } = useServerAction();
  const fieldErrors = feedback?.fieldErrors ?? {};
  const message = feedback?.tone === 'error' ? feedback.text : null;
  const [leaving, setLeaving] = useState(false);
  const busy = pending || leaving;

  const field = (name: keyof typeof card, id: string, label: string, props: React.InputHTMLAttributes<HTMLInputElement>) => (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        name={name}
        value={card[name]}
        onChange={(e) => setCard((c) => ({ ...c, [name]: e.target.value }))}
        disabled={busy}
        aria-invalid={fieldErrors[name] ? true : undefined}
        aria-describedby={fieldErrors[name] ? `${id}-error` : undefined}
        className={inputClasses}
        {...props}
      />
      {fieldErrors[name] ? (
        <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-700 dark:text-red-300">
          {fieldErrors[name]}
        </p>
      ) : null}
    </div>
  );

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        run(() => paySandboxCheckout({ checkoutId, ...card }), {
          refresh: 'never',
          onSuccess: (step) => {
            if (step.next === 'challenge') {
              router.refresh();
              return;
            }
            setLeaving(true);
            window.location.assign(step.returnUrl);
          },
        });
      }}
    >
      {field('cardNumber', ids.number, t('cardNumber'), { inputMode: 'numeric', autoComplete: 'cc-number', placeholder: '4242 4242 4242 4242', maxLength: 23 })}
      <div className="grid grid-cols-2 gap-3">
        {field('expiry', ids.expiry, t('expiry'), { inputMode: 'numeric', autoComplete: 'cc-exp', placeholder: 'MM/YY', maxLength: 7 })}
        {field('cvc', ids.cvc, t('cvc'), { inputMode: 'numeric', autoComplete: 'cc-csc', placeholder: '123', maxLength: 4 })}
      </div>
      {message ? (
        <p id={ids.error} role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {message}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={busy}
        className="w-full rounded-lg bg-violet-700 px-4 py-3 text-base font-semibold text-white shadow hover:bg-violet-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-violet-700 disabled:cursor-not-allowed disabled:bg-slate-400"
      >
        {busy ? t('paying') : t('pay', { amount: amountLabel })}
      </button>
      {busy ? (
        <span role="status" className="sr-only">
          {t('paying')}
        </span>
      ) : null}
    </form>
  );
}
