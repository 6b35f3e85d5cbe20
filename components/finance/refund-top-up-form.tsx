'use client';

import { useTranslations } from '@/components/shell/client-i18n';
import { useId, useState } from 'react';
import { refundTopUpAction } from '@/lib/payments/actions';
import { fieldErrorClasses, inputClasses, labelClasses } from '@/components/ui/field-styles';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useServerAction } from '@/components/ui/use-server-action';

/** Finance refunds a mistaken top-up (not yet spent): payment reference, amount and a reason, all required. */
export function RefundTopUpForm() {
  const t = useTranslations('reversals.refund');
  const ids = { heading: useId(), payment: useId(), amount: useId(), reason: useId(), paymentError: useId(), amountError: useId(), reasonError: useId() };
  const [paymentId, setPaymentId] = useState('');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const { pending, feedback, run } = useServerAction();
  const errors = feedback?.fieldErrors ?? {};
  const field = (name: 'paymentId' | 'amount' | 'reason', errorId: string) => ({
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? errorId : undefined,
  });

  return (
    <section aria-labelledby={ids.heading} className="space-y-3">
      <h3 id={ids.heading} className="text-base font-semibold">
        {t('heading')}
      </h3>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t('intro')}</p>
      <form
        className="grid gap-3 sm:grid-cols-2"
        onSubmit={(event) => {
          event.preventDefault();
          run(
            () => refundTopUpAction({ paymentId, amount, reason }),
            () => {
              setAmount('');
              setReason('');
            },
          );
        }}
      >
        <div>
          <label htmlFor={ids.payment} className={labelClasses}>
            {t('payment')}
          </label>
          <input id={ids.payment} value={paymentId} onChange={(e) => setPaymentId(e.target.value)} required autoComplete="off" className={`${inputClasses} font-mono`} {...field('paymentId', ids.paymentError)} />
          {errors.paymentId ? (
            <p id={ids.paymentError} className={fieldErrorClasses}>
              {errors.paymentId}
            </p>
          ) : null}
        </div>
        <div>
          <label htmlFor={ids.amount} className={labelClasses}>
            {t('amount')}
          </label>
          <input id={ids.amount} value={amount} onChange={(e) => setAmount(e.target.value)} required inputMode="decimal" autoComplete="off" className={inputClasses} {...field('amount', ids.amountError)} />
          {errors.amount ? (
            <p id={ids.amountError} className={fieldErrorClasses}>
              {errors.amount}
            </p>
          ) : null}
        </div>
        <div className="sm:col-span-2">
          <label htmlFor={ids.reason} className={labelClasses}>
            {t('reason')}
          </label>
          <textarea id={ids.reason} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} required className={inputClasses} {...field('reason', ids.reasonError)} />
          {errors.reason ? (
            <p id={ids.reasonError} className={fieldErrorClasses}>
              {errors.reason}
            </p>
          ) : null}
        </div>
        <div className="sm:col-span-2">
          <Button type="submit" variant="danger" disabled={pending}>
            {pending ? t('working') : t('submit')}
          </Button>
        </div>
      </form>
      {feedback ? (
        <Alert tone={feedback.tone === 'success' ? 'success' : 'error'}>
          {feedback.text}
        </Alert>
      ) : null}
    </section>
  );
}
