'use client';

import Link from 'next/link';
import { useTranslations } from '@/components/shell/client-i18n';
import { useId, useState } from 'react';
import { publishTerms } from '@/lib/terms/actions';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button';
import { useServerAction } from '@/components/ui/use-server-action';

const input = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-800';
const fieldError = 'mt-1 whitespace-pre-line text-sm font-medium text-red-800 dark:text-red-300';

interface Published {
  version: number;
  effectiveOn: string;
  noticesCreated: number;
}

/** Publishes a new version: effective date, summaries in both languages, and the bilingual text. */
export function PublishForm({ initialSource, minDate }: { initialSource: string; minDate: string }) {
  const t = useTranslations('terms');
  const id = useId();
  const [effectiveOn, setEffectiveOn] = useState(minDate);
  const [summaryEn, setSummaryEn] = useState('');
  const [summaryZh, setSummaryZh] = useState('');
  const [source, setSource] = useState(initialSource);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [published, setPublished] = useState<Published | null>(null);
  const { pending, feedback, run } = useServerAction();
  const formError = feedback?.tone === 'error' ? feedback.text : null;

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPublished(null);
    run(() => publishTerms({ effectiveOn, summaryEn, summaryZh, source }), {
      refresh: 'success',
      onSuccess: (data) => {
        setErrors({});
        setPublished(data);
      },
      onError: (error) => setErrors(error.fieldErrors ?? {}),
    });
  }

  const field = (name: string) => ({
    id: `${id}-${name}`,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': [errors[name] ? `${id}-${name}-error` : null, name === 'effectiveOn' || name === 'source' ? `${id}-${name}-hint` : null].filter(Boolean).join(' ') || undefined,
  });
  const errorOf = (name: string) =>
    errors[name] ? (
      <p id={`${id}-${name}-error`} className={fieldError}>
        {errors[name]}
      </p>
    ) : null;

  return (
    <form onSubmit={submit} className="space-y-5">
      {published ? (
        <Alert tone="success">
          {t('admin.published', { version: published.version, date: published.effectiveOn, count: published.noticesCreated })}{' '}
          <Link href={`/terms/diff?from=${published.version - 1}&to=${published.version}`} className="font-medium underline">
            {t('admin.seeDiff')}
          </Link>
        </Alert>
      ) : null}
      {formError ? <Alert tone="error">{formError}</Alert> : null}

      <div>
        <label htmlFor={`${id}-effectiveOn`} className="block text-sm font-medium">
          {t('admin.effectiveOn')}
        </label>
        <input type="date" required min={minDate} value={effectiveOn} onChange={(e) => setEffectiveOn(e.target.value)} className={`${input} max-w-xs`} {...field('effectiveOn')} />
        <p id={`${id}-effectiveOn-hint`} className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          {t('admin.effectiveHint')}
        </p>
        {errorOf('effectiveOn')}
      </div>

      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <label htmlFor={`${id}-summaryEn`} className="block text-sm font-medium">
            {t('admin.summaryEn')}
          </label>
          <textarea required rows={3} lang="en" value={summaryEn} onChange={(e) => setSummaryEn(e.target.value)} className={input} {...field('summaryEn')} />
          {errorOf('summaryEn')}
        </div>
        <div>
          <label htmlFor={`${id}-summaryZh`} className="block text-sm font-medium">
            {t('admin.summaryZh')}
          </label>
          <textarea required rows={3} lang="zh-CN" value={summaryZh} onChange={(e) => setSummaryZh(e.target.value)} className={input} {...field('summaryZh')} />
          {errorOf('summaryZh')}
        </div>
      </div>

      <div>
        <label htmlFor={`${id}-source`} className="block text-sm font-medium">
          {t('admin.content')}
        </label>
        <p id={`${id}-source-hint`} className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          {t('admin.contentHint')}
        </p>
        <textarea required rows={24} spellCheck={false} value={source} onChange={(e) => setSource(e.target.value)} className={`${input} font-mono`} {...field('source')} />
        {errors.source ? <p className="mt-1 text-sm font-medium text-red-800 dark:text-red-300">{t('admin.problems')}</p> : null}
        {errorOf('source')}
      </div>

      <button type="submit" disabled={pending} className={buttonClasses('primary')}>
        {pending ? t('admin.publishing') : t('admin.publish')}
      </button>
    </form>
  );
}
