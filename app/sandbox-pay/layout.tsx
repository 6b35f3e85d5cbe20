import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/shell/client-messages';
import { config } from '@/lib/config';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('topup.sandbox');
  // Not the portal's title template: this stands for a third party's page.
  return { title: { absolute: t('pageTitle') } };
}

export const dynamic = 'force-dynamic';

/**
 * The embedded sandbox card processor's pages: deliberately outside the portal shell and its look.
 * Demo mode only: in production they do not exist.
 */
export default async function SandboxPayLayout({ children }: { children: React.ReactNode }) {
  if (!config().demoMode) notFound();
  const t = await getTranslations('topup.sandbox');
  return (
    <div className="min-h-screen bg-gradient-to-br from-violet-100 via-slate-50 to-indigo-100 px-4 py-10 text-slate-900 dark:from-slate-950 dark:via-slate-900 dark:to-indigo-950 dark:text-slate-100">
      <header className="mx-auto flex max-w-md items-center justify-between">
        <span className="text-lg font-bold tracking-tight text-violet-800 dark:text-violet-300">
          <span aria-hidden="true">◆ </span>
          {t('brand')}
        </span>
        <span className="rounded-full bg-amber-200 px-2 py-0.5 text-xs font-semibold uppercase tracking-wide text-amber-950">{t('testMode')}</span>
      </header>
      <main id="main" className="mx-auto mt-6 max-w-md">
        <ClientMessages namespaces={['topup.sandbox']}>{children}</ClientMessages>
      </main>
      <p className="mx-auto mt-6 max-w-md text-center text-xs text-slate-600 dark:text-slate-400">{t('secured')}</p>
    </div>
  );
}
