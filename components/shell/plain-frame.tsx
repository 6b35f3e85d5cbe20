import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { LanguageSwitch } from './language-switch';

/**
 * The frame of a page outside the signed-in shell (an unknown path, a refusal outside it): the
 * portal's name and the language switch, no viewer, navigation, banners or unread count, so it
 * never touches the database. Next.js renders the root not-found and forbidden files with every
 * route, so this frame must stay cheap.
 */
export async function PlainFrame({ children }: { children: React.ReactNode }) {
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
        {children}
      </main>
    </div>
  );
}
