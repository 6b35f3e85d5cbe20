import Link from 'next/link';
import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { DeclarationForm } from '@/components/terms/declaration-form';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { requireViewer } from '@/lib/auth/guard';
import { getDb } from '@/lib/db/client';
import { loadWelcome } from '@/lib/terms/load-terms';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('welcome');
  return { title: t('metaTitle') };
}

/** First sign-in: the declaration every customer makes before using the portal (the guard sends them here). */
export default async function WelcomePage() {
  const viewer = await requireViewer('/welcome');
  const t = await getTranslations('welcome');
  const tt = await getTranslations('terms');
  const format = await getFormatter();
  const welcome = await loadWelcome(getDb(), viewer, { now: new Date() });

  if (welcome.declared) {
    return (
      <div className="mx-auto max-w-2xl space-y-4">
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <Alert tone="success">{t('alreadyDeclared')}</Alert>
        <Link href="/" className={buttonClasses('primary')}>
          {t('continue')}
        </Link>
      </div>
    );
  }

  const { current } = welcome;
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="text-slate-700 dark:text-slate-300">{t('intro')}</p>
      <aside aria-label={tt('prevails.heading')} className="rounded-lg border border-sky-300 bg-sky-50 px-4 py-3 text-sm text-sky-950 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100">
        <p lang="zh-CN">{tt('prevails.zh')}</p>
        <p lang="en">{tt('prevails.en')}</p>
      </aside>
      {viewer.impersonation ? <Alert tone="warning">{t('impersonating')}</Alert> : null}
      {current ? (
        <Card>
          <DeclarationForm termsVersion={current.number} termsEffective={format.dateTime(current.effectiveAt, { dateStyle: 'long' })} defaultName={viewer.name} />
        </Card>
      ) : (
        <Alert tone="warning">{tt('noTerms')}</Alert>
      )}
    </div>
  );
}
