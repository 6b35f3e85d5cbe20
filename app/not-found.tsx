import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { LanguageSwitch } from '@/components/shell/language-switch';

/**
 * An unknown path: a plain frame with no viewer, navigation, banners or unread count, so a 404
 * never touches the database and stays cheap to answer. (A portal page that calls notFound() gets
 * app/(portal)/not-found.tsx inside the signed-in shell instead.)
 */
export default async function NotFound() {
  const t = await getTranslations('common');
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-slate-900">
        {t('skipToContent')}
      </a>
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-4 px-4">
          <Link href="/" className="whitespace-nowrap font-semibold text-brand-700 dark:text-white">
            {t('appName')}
          </Link>
          <div className="ml-auto flex items-center gap-1">
            <LanguageSwitch />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        <h1 className="text-2xl font-semibold">{t('notFound.title')}</h1>
        <p className="mt-2 text-slate-600 dark:text-slate-400">{t('notFound.body')}</p>
        <Link href="/" className="mt-4 inline-block text-brand-700 underline dark:text-sky-300">
          {t('backHome')}
        </Link>
      </main>
    </div>
  );
}
