import { getTranslations } from 'next-intl/server';

export default async function MailboxLoading() {
  const t = await getTranslations('common');
  return (
    <div role="status" aria-live="polite" className="space-y-3">
      <span className="sr-only">{t('loading')}</span>
      {[0, 1, 2].map((i) => (
        <div key={i} className="h-28 animate-pulse rounded-xl bg-slate-200 dark:bg-slate-800" />
      ))}
    </div>
  );
}
