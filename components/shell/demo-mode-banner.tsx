import { getTranslations } from 'next-intl/server';
import { config } from '@/lib/config';

/** A slim note at the top of every page in demo mode, so nobody mistakes the demo for the real portal. */
export async function DemoModeBanner() {
  if (!config().demoMode) return null;
  const t = await getTranslations('modes.demoBanner');
  return (
    <aside aria-label={t('label')} className="no-print border-b border-amber-300 bg-amber-100 px-4 py-1.5 text-center text-xs text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
      <strong className="font-semibold">{t('label')}</strong> · {t('text')}
    </aside>
  );
}
