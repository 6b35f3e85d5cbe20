'use client';

import { useTranslations } from '@/components/shell/client-i18n';
import { useEffect, useId, useState } from 'react';
import { cancelContactChange, requestContactCode, verifyContact } from '@/lib/contact/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { useServerAction } from '@/components/ui/use-server-action';
import { fieldErrorClasses, hintClasses, inputClasses, labelClasses } from '@/components/ui/field-styles';

export interface PendingView {
  /** Normalised value (E.164 for phones), sent back when asking for a new code. */
  value: string;
  /** As shown to the customer. */
  display: string;
  status: 'pending' | 'locked';
  expired: boolean;
  attemptsLeft: number;
  /** Formatted expiry time. */
  expiresAt: string;
}

export interface ContactChannelSectionProps {
  channel: 'email' | 'phone';
  verified: string | null;
  verifiedOn: string | null;
  pending: PendingView | null;
  /** ISO instant from which a new code may be requested; null: now. */
  resendAvailableAt: string | null;
  /** Pre-fills the input when nothing is verified yet (the sign-in email). */
  suggestion?: string;
  disabled?: boolean;
}

function useSecondsUntil(iso: string | null): number {
  const [now, setNow] = useState(() => Date.now());
  const target = iso ? new Date(iso).getTime() : 0;
  useEffect(() => {
    if (target <= Date.now()) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 1000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [target]);
  // Never more than the 60 s cooldown, whatever the clock skew between browser and server.
  return Math.min(60, Math.max(0, Math.ceil((target - now) / 1000)));
}

/** One contact channel: the verified value in use, a pending change with its code, and a form for a new value. */
export function ContactChannelSection(props: ContactChannelSectionProps) {
  const { channel, verified, verifiedOn, pending, disabled = false } = props;
  const t = useTranslations('contact');
  const ids = { heading: useId(), value: useId(), valueHint: useId(), valueError: useId(), code: useId(), codeError: useId(), pendingHeading: useId() };
  const { pending: busy, feedback, run } = useServerAction();
  const [valueInput, setValueInput] = useState(verified ? '' : (props.suggestion ?? ''));
  const [codeInput, setCodeInput] = useState('');
  const secondsToResend = useSecondsUntil(props.resendAvailableAt);
  const valueError = feedback?.fieldErrors?.value;
  const codeError = feedback?.fieldErrors?.code;
  const canEnterCode = pending !== null && pending.status === 'pending' && !pending.expired;
  const inactive = disabled || busy;

  return (
    <Card aria-labelledby={ids.heading}>
      <h2 id={ids.heading} className="text-lg font-semibold">
        {t(`${channel}.heading`)}
      </h2>
      <dl className="mt-3 text-sm">
        <dt className="font-medium text-slate-600 dark:text-slate-400">{t(`${channel}.current`)}</dt>
        <dd className="mt-1 flex flex-wrap items-center gap-2">
          {verified ? (
            <>
              <span className="font-mono text-base" data-testid={`${channel}-verified`}>
                {verified}
              </span>
              <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">{t('verified')}</span>
              {verifiedOn ? <span className="text-xs text-slate-600 dark:text-slate-400">{t('verifiedOn', { date: verifiedOn })}</span> : null}
            </>
          ) : (
            <span className="text-slate-600 dark:text-slate-400">{t('none')}</span>
          )}
        </dd>
      </dl>

      {pending ? (
        <section aria-labelledby={ids.pendingHeading} className="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-4 dark:border-amber-800 dark:bg-amber-950">
          <h3 id={ids.pendingHeading} className="font-medium">
            {t('pending.heading', { value: pending.display })}
          </h3>
          <p className="mt-1 text-sm">
            {pending.status === 'locked'
              ? t('pending.locked', { value: pending.display })
              : pending.expired
                ? t('pending.expired', { value: pending.display })
                : t('pending.sent', { value: pending.display, time: pending.expiresAt })}
          </p>
          {canEnterCode ? (
            <form
              className="mt-3 flex flex-wrap items-end gap-3"
              onSubmit={(event) => {
                event.preventDefault();
                run(() => verifyContact({ channel, code: codeInput }), () => setCodeInput(''));
              }}
            >
              <div>
                <label htmlFor={ids.code} className={labelClasses}>
                  {t('pending.codeLabel')}
                </label>
                <input
                  id={ids.code}
                  name="code"
                  value={codeInput}
                  onChange={(e) => setCodeInput(e.target.value)}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={8}
                  required
                  disabled={disabled}
                  aria-invalid={codeError ? true : undefined}
                  aria-describedby={codeError ? ids.codeError : undefined}
                  className={`${inputClasses} w-36 font-mono tracking-widest`}
                />
              </div>
              <Button type="submit" disabled={inactive}>
                {t('pending.verify')}
              </Button>
              <p className="w-full text-xs text-slate-700 dark:text-slate-300">{t('pending.attemptsLeft', { count: pending.attemptsLeft })}</p>
              {codeError ? (
                <p id={ids.codeError} role="alert" className={fieldErrorClasses}>
                  {codeError}
                </p>
              ) : null}
            </form>
          ) : null}
          <div className="mt-3 flex flex-wrap items-center gap-2">
            <Button variant="secondary" disabled={inactive || secondsToResend > 0} onClick={() => run(() => requestContactCode({ channel, value: pending.value }))}>
              {t('pending.resend')}
            </Button>
            {secondsToResend > 0 ? (
              <span className="text-xs text-slate-700 dark:text-slate-300" aria-live="off">
                {t('pending.resendIn', { seconds: secondsToResend })}
              </span>
            ) : null}
            <Button variant="ghost" disabled={inactive} onClick={() => run(() => cancelContactChange({ channel }))}>
              {t('pending.cancel')}
            </Button>
          </div>
        </section>
      ) : null}

      <form
        className="mt-4"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          run(() => requestContactCode({ channel, value: valueInput }), () => setValueInput(''));
        }}
      >
        <label htmlFor={ids.value} className={labelClasses}>
          {verified ? t(`${channel}.newLabel`) : t(`${channel}.addLabel`)}
        </label>
        <div className="flex flex-wrap items-start gap-3">
          <input
            id={ids.value}
            name="value"
            type={channel === 'email' ? 'email' : 'tel'}
            autoComplete={channel === 'email' ? 'email' : 'tel'}
            value={valueInput}
            onChange={(e) => setValueInput(e.target.value)}
            required
            disabled={disabled}
            aria-invalid={valueError ? true : undefined}
            aria-describedby={`${ids.valueHint}${valueError ? ` ${ids.valueError}` : ''}`}
            className={`${inputClasses} max-w-sm flex-1`}
          />
          <Button type="submit" disabled={inactive} className="mt-1">
            {t('sendCode')}
          </Button>
        </div>
        {valueError ? (
          <p id={ids.valueError} role="alert" className={fieldErrorClasses}>
            {valueError}
          </p>
        ) : null}
        <p id={ids.valueHint} className={hintClasses}>
          {t(`${channel}.hint`)}
        </p>
      </form>

      {feedback && !feedback.fieldErrors ? (
        <Alert tone={feedback.tone} className="mt-4">
          {feedback.text}
        </Alert>
      ) : null}
    </Card>
  );
}
