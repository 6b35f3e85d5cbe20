'use client';

import { useTranslations } from '@/components/shell/client-i18n';
import { useId, useState } from 'react';
import type { ActionResult } from '@/lib/auth/guard';
import { issueCreditNoteAction, issueInvoiceAction, rejectInvoiceAction } from '@/lib/invoices/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useServerAction } from '@/components/ui/use-server-action';
import { fieldErrorClasses, inputClasses, labelClasses } from '@/components/ui/field-styles';
import { useFinanceAnnounce } from './finance-announcer';

/** Issue or reject a request; reverse an issued invoice with a credit note (after a confirmation). */
export function FinanceRowActions({ invoiceId, label, canDecide, canCredit, number }: { invoiceId: string; label: string; canDecide: boolean; canCredit: boolean; number: string | null }) {
  const t = useTranslations('finance.actions');
  const reasonId = useId();
  const reasonErrorId = useId();
  const [mode, setMode] = useState<'idle' | 'reject' | 'credit'>('idle');
  const [reason, setReason] = useState('');
  const { pending, feedback, run: runAction } = useServerAction();
  const announce = useFinanceAnnounce();
  const run = <R extends { message: string }>(action: () => Promise<ActionResult<R>>, onSuccess?: (data: R) => void) =>
    runAction(action, (data) => {
      announce({ tone: 'success', text: data.message });
      onSuccess?.(data);
    });
  const reasonError = feedback?.fieldErrors?.reason;

  return (
    <div className="space-y-2">
      {canDecide && mode === 'idle' ? (
        <div className="flex flex-wrap gap-2">
          <Button disabled={pending} aria-label={t('issueLabel', { invoice: label })} onClick={() => run(() => issueInvoiceAction({ invoiceId }))}>
            {pending ? t('working') : t('issue')}
          </Button>
          <Button variant="secondary" disabled={pending} aria-label={t('rejectLabel', { invoice: label })} onClick={() => setMode('reject')}>
            {t('reject')}
          </Button>
        </div>
      ) : null}
      {canDecide && mode === 'reject' ? (
        <form
          className="space-y-2"
          onSubmit={(event) => {
            event.preventDefault();
            run(() => rejectInvoiceAction({ invoiceId, reason }), () => setMode('idle'));
          }}
        >
          <label htmlFor={reasonId} className={labelClasses}>
            {t('reason')}
          </label>
          <textarea
            id={reasonId}
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? reasonErrorId : undefined}
            className={`${inputClasses} min-w-56`}
          />
          {reasonError ? (
            <p id={reasonErrorId} className={fieldErrorClasses}>
              {reasonError}
            </p>
          ) : null}
          <div className="flex gap-2">
            <Button type="submit" variant="danger" disabled={pending}>
              {t('confirmReject')}
            </Button>
            <Button variant="secondary" disabled={pending} onClick={() => setMode('idle')}>
              {t('cancel')}
            </Button>
          </div>
        </form>
      ) : null}
      {canCredit && number ? (
        mode === 'credit' ? (
          <div className="space-y-2">
            <p className="text-sm">{t('creditNoteConfirm', { number })}</p>
            <div className="flex gap-2">
              <Button variant="danger" disabled={pending} onClick={() => run(() => issueCreditNoteAction({ invoiceId }), () => setMode('idle'))}>
                {pending ? t('working') : t('confirmCreditNote')}
              </Button>
              <Button variant="secondary" disabled={pending} onClick={() => setMode('idle')}>
                {t('cancel')}
              </Button>
            </div>
          </div>
        ) : (
          <Button variant="secondary" disabled={pending} aria-label={t('creditNoteLabel', { number })} onClick={() => setMode('credit')}>
            {t('creditNote')}
          </Button>
        )
      ) : null}
      {feedback?.tone === 'error' && !(feedback.fieldErrors && mode === 'reject') ? (
        <Alert tone={feedback.tone} className="text-xs">
          {feedback.text}
        </Alert>
      ) : null}
    </div>
  );
}
