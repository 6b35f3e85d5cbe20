import { getTranslations } from 'next-intl/server';

export default async function ContactLoading() {
  const t = await getTranslations('common');
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <span className="sr-only">{t('loading')}</span>
      <div className="h-8 w-56 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      {[0, 1, 2].map((i) => (
        <div key={i} className="h-36 animate-pulse rounded-xl bg-slate-200 dark:bg-slate-800" />
      ))}
    </div>
  );
}
