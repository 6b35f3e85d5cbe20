import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { AppShell } from '@/components/shell/app-shell';
import { loadShell } from '@/lib/shell/load-shell';

export default async function Forbidden() {
  const [t, shell] = await Promise.all([getTranslations('common'), loadShell()]);
  return (
    <AppShell shell={shell}>
      <h1 className="text-2xl font-semibold">{t('forbidden.title')}</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">{t('forbidden.body')}</p>
      <Link href="/" className="mt-4 inline-block text-brand-700 underline dark:text-sky-300">
        {t('backHome')}
      </Link>
    </AppShell>
  );
}
