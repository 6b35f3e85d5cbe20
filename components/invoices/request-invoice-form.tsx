'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from '@/components/shell/client-i18n';
import { QueryProvider } from '@/components/shell/query-provider';
import { useId, useState } from 'react';
import { requestInvoiceAction } from '@/lib/invoices/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { useServerAction } from '@/components/ui/use-server-action';
import type { InvoiceDocumentView } from '@/lib/invoices/document-view';
import { fieldErrorClasses, hintClasses, inputClasses, labelClasses } from '@/components/ui/field-styles';
import { InvoiceDocumentTable } from './invoice-document-table';

export interface RequestTitleOption {
  id: string;
  name: string;
  isDefault: boolean;
  specialReady: boolean;
}

interface PreviewResponse {
  view: InvoiceDocumentView;
  grossFen: string;
  chargeCount: number;
  periodFrom: string;
  periodTo: string;
}

async function fetchPreview(from: string, to: string): Promise<PreviewResponse> {
  const response = await fetch(`/api/invoices/preview?${new URLSearchParams({ from, to })}`, { cache: 'no-store' });
  const body = (await response.json()) as PreviewResponse | { error: { message: string } };
  if (!response.ok || 'error' in body) throw new Error('error' in body ? body.error.message : response.statusText);
  return body;
}

type RequestInvoiceFormProps = Parameters<typeof RequestInvoiceFormView>[0];

/** React Query (the preview) for this form only: the rest of the portal never loads it. */
export function RequestInvoiceForm(props: RequestInvoiceFormProps) {
  return (
    <QueryProvider>
      <RequestInvoiceFormView {...props} />
    </QueryProvider>
  );
}

/**
 * The request: months, title, general or special, recipients, and a live preview of the invoice
 * (per service and rate, totals, capitals). The request carries the previewed total, so an amount
 * that changed in between is refused rather than invoiced unseen.
 */
function RequestInvoiceFormView({
  months,
  titles,
  defaultEmail,
  disabled,
}: {
  months: { month: string; label: string }[];
  titles: RequestTitleOption[];
  defaultEmail: string;
  disabled: boolean;
}) {
  const t = useTranslations('invoices.request');
  const tDocument = useTranslations('invoices.document');
  const ids = { heading: useId(), from: useId(), to: useId(), title: useId(), emails: useId(), emailsHint: useId(), emailsError: useId(), kindError: useId() };
  const [chosenFrom, setFrom] = useState(months[0]?.month ?? '');
  const [chosenTo, setTo] = useState(months[months.length - 1]?.month ?? '');
  // After a request the months on offer change: a month no longer listed falls back to the ends.
  const listed = (month: string) => months.some((m) => m.month === month);
  const from = listed(chosenFrom) ? chosenFrom : (months[0]?.month ?? '');
  const to = listed(chosenTo) ? chosenTo : (months[months.length - 1]?.month ?? '');
  const [chosenTitleId, setTitleId] = useState((titles.find((x) => x.isDefault) ?? titles[0])?.id ?? '');
  const titleId = titles.some((x) => x.id === chosenTitleId) ? chosenTitleId : ((titles.find((x) => x.isDefault) ?? titles[0])?.id ?? '');
  const [kind, setKind] = useState<'general' | 'special'>('general');
  const [emails, setEmails] = useState(defaultEmail);
  const queryClient = useQueryClient();
  const { pending, feedback, run } = useServerAction();
  const rangeOk = Boolean(from && to && from <= to);
  const preview = useQuery({ queryKey: ['invoice-preview', from, to], queryFn: () => fetchPreview(from, to), enabled: rangeOk, staleTime: 0 });
  const title = titles.find((x) => x.id === titleId);
  const specialAllowed = Boolean(title?.specialReady);
  const effectiveKind = kind === 'special' && !specialAllowed ? 'general' : kind;
  const errors = feedback?.fieldErrors ?? {};
  const inactive = disabled || pending;

  if (months.length === 0) {
    return (
      <Card aria-labelledby={ids.heading}>
        <h2 id={ids.heading} className="text-lg font-semibold">
          {t('heading')}
        </h2>
        <p className="mt-2 text-sm">{t('nothing')}</p>
        {feedback ? (
          <Alert tone={feedback.tone} className="mt-3">
            {feedback.text}
          </Alert>
        ) : null}
      </Card>
    );
  }

  return (
    <Card aria-labelledby={ids.heading}>
      <h2 id={ids.heading} className="text-lg font-semibold">
        {t('heading')}
      </h2>
      <form
        className="mt-3 space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          if (!preview.data) return;
          const expectedGrossFen = preview.data.grossFen;
          run(
            () => requestInvoiceAction({ fromMonth: from, toMonth: to, titleId, kind: effectiveKind, recipientEmails: emails, expectedGrossFen }),
            () => void queryClient.invalidateQueries({ queryKey: ['invoice-preview'] }),
          );
        }}
      >
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor={ids.from} className={labelClasses}>
              {t('fromMonth')}
            </label>
            <select id={ids.from} name="fromMonth" value={from} onChange={(e) => setFrom(e.target.value)} disabled={inactive} className={inputClasses}>
              {months.map((m) => (
                <option key={m.month} value={m.month}>
                  {m.label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={ids.to} className={labelClasses}>
              {t('toMonth')}
            </label>
            <select id={ids.to} name="toMonth" value={to} onChange={(e) => setTo(e.target.value)} disabled={inactive} aria-invalid={!rangeOk || errors.toMonth ? true : undefined} className={inputClasses}>
              {months.map((m) => (
                <option key={m.month} value={m.month}>
                  {m.label}
                </option>
              ))}
            </select>
            {!rangeOk ? <p className={fieldErrorClasses}>{t('rangeOrder')}</p> : null}
          </div>
        </div>

        {titles.length === 0 ? (
          <Alert tone="info">{t('noTitles')}</Alert>
        ) : (
          <div>
            <label htmlFor={ids.title} className={labelClasses}>
              {t('title')}
            </label>
            <select id={ids.title} name="titleId" value={titleId} onChange={(e) => setTitleId(e.target.value)} disabled={inactive} className={inputClasses}>
              {titles.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                  {x.isDefault ? ` (${t('defaultTitle')})` : ''}
                </option>
              ))}
            </select>
            {errors.titleId ? <p className={fieldErrorClasses}>{errors.titleId}</p> : null}
          </div>
        )}

        <fieldset aria-describedby={errors.kind ? ids.kindError : undefined}>
          <legend className={labelClasses}>{t('kind')}</legend>
          <div className="mt-1 space-y-1">
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="kind" value="general" checked={effectiveKind === 'general'} onChange={() => setKind('general')} disabled={inactive} />
              {t('general')}
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="kind" value="special" checked={effectiveKind === 'special'} onChange={() => setKind('special')} disabled={inactive || !specialAllowed} />
              {t('special')}
            </label>
          </div>
          <p className={hintClasses}>{specialAllowed ? t('specialHint') : t('specialUnavailable')}</p>
          {errors.kind ? (
            <p id={ids.kindError} className={fieldErrorClasses}>
              {errors.kind}
            </p>
          ) : null}
        </fieldset>

        <div>
          <label htmlFor={ids.emails} className={labelClasses}>
            {t('emails')}
          </label>
          <textarea
            id={ids.emails}
            name="recipientEmails"
            rows={2}
            value={emails}
            onChange={(e) => setEmails(e.target.value)}
            disabled={inactive}
            aria-invalid={errors.recipientEmails ? true : undefined}
            aria-describedby={`${ids.emailsHint}${errors.recipientEmails ? ` ${ids.emailsError}` : ''}`}
            className={`${inputClasses} max-w-xl`}
          />
          {errors.recipientEmails ? (
            <p id={ids.emailsError} className={fieldErrorClasses}>
              {errors.recipientEmails}
            </p>
          ) : null}
          <p id={ids.emailsHint} className={hintClasses}>
            {t('emailsHint')}
          </p>
        </div>

        <section aria-labelledby={`${ids.heading}-preview`} aria-busy={preview.isFetching} className="space-y-2">
          <h3 id={`${ids.heading}-preview`} className="font-semibold">
            {t('previewHeading')}
          </h3>
          {!rangeOk ? null : preview.isPending ? (
            <p className="text-sm">{t('previewLoading')}</p>
          ) : preview.isError ? (
            <Alert tone="warning">{preview.error.message}</Alert>
          ) : (
            <>
              <p className="text-sm text-slate-600 dark:text-slate-400">{t('previewSummary', { count: preview.data.chargeCount, from: preview.data.periodFrom, to: preview.data.periodTo })}</p>
              <InvoiceDocumentTable view={preview.data.view} caption={t('previewCaption')} t={tDocument} />
            </>
          )}
        </section>

        {feedback ? <Alert tone={feedback.tone}>{feedback.text}</Alert> : null}
        <Button type="submit" disabled={inactive || !preview.data || preview.isFetching || titles.length === 0}>
          {pending ? t('working') : t('submit')}
        </Button>
      </form>
    </Card>
  );
}
