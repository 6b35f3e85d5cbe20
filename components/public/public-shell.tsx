import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { LanguageSwitch } from '@/components/shell/language-switch';
import { getViewer } from '@/lib/auth/viewer';
import { config } from '@/lib/config';
import { PublicNav } from './public-nav';

/** The frame of the public pages: name, the public pages, language switch, sign-in (or back to the portal). */
export async function PublicShell({ children }: { children: React.ReactNode }) {
  const common = await getTranslations('common');
  const t = await getTranslations('public');
  const viewer = await getViewer().catch(() => null);
  const items = [
    { href: '/status', label: t('nav.status') },
    { href: '/prices', label: t('nav.prices') },
    { href: '/announcements', label: t('nav.announcements') },
  ];
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-slate-900">
        {common('skipToContent')}
      </a>
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-4 px-4">
          <Link href="/" className="whitespace-nowrap font-semibold text-brand-700 dark:text-white">
            {common('appName')}
          </Link>
          <div className="ml-auto flex items-center gap-1">
            <LanguageSwitch />
            <Link href={viewer ? '/' : '/sign-in'} className="rounded-md px-3 py-2 text-sm font-medium hover:bg-slate-100 dark:hover:bg-slate-800">
              {viewer ? t('nav.portal') : t('nav.signIn')}
            </Link>
          </div>
        </div>
        <div className="mx-auto max-w-6xl px-2 pb-1">
          <PublicNav label={t('nav.label')} items={items} />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {config().demoMode ? <p className="mb-4 text-xs text-slate-600 dark:text-slate-400">{t('demo')}</p> : null}
        {children}
      </main>
      <footer className="mx-auto max-w-6xl px-4 pb-8 text-xs text-slate-600 dark:text-slate-400">{t('footer')}</footer>
    </div>
  );
}
