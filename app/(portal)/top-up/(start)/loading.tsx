import { getTranslations } from 'next-intl/server';

/*
 * In a route group so that this skeleton wraps only the top-up form: a loading boundary streams the page
 * with status 200 at once, so a notFound() below it (e.g. /top-up/[paymentId] with a bad id) could no longer
 * answer 404.
 */
export default async function TopUpLoading() {
  const t = await getTranslations('common');
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <span className="sr-only">{t('loading')}</span>
      <div className="h-8 w-40 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <div className="h-24 animate-pulse rounded-xl bg-slate-200 dark:bg-slate-800" />
      <div className="h-72 animate-pulse rounded-xl bg-slate-200 dark:bg-slate-800" />
    </div>
  );
}
