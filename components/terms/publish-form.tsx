'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useId, useState, useTransition } from 'react';
import { publishTerms } from '@/lib/terms/actions';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button';

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
  const router = useRouter();
  const id = useId();
  const [effectiveOn, setEffectiveOn] = useState(minDate);
  const [summaryEn, setSummaryEn] = useState('');
  const [summaryZh, setSummaryZh] = useState('');
  const [source, setSource] = useState(initialSource);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [published, setPublished] = useState<Published | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    setPublished(null);
    startTransition(async () => {
      const result = await publishTerms({ effectiveOn, summaryEn, summaryZh, source });
      if (result.ok) {
        setErrors({});
        setPublished(result.data);
        router.refresh();
        return;
      }
      setErrors(result.error.fieldErrors ?? {});
      setFormError(result.error.message);
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
