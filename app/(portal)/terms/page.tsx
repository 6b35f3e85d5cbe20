import Link from 'next/link';
import type { Metadata } from 'next';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { PrevailsStatement } from '@/components/terms/prevails-statement';
import { PrintButton } from '@/components/terms/print-button';
import { TermsLanguageToggle } from '@/components/terms/language-toggle';
import { TermsDocumentView } from '@/components/terms/terms-document';
import { TermsViewRecorder } from '@/components/terms/view-recorder';
import { Passage } from '@/components/terms/passage';
import { VersionStatusBadge } from '@/components/terms/version-status-badge';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button';
import { requireViewer } from '@/lib/auth/guard';
import { getDb } from '@/lib/db/client';
import { loadTermsPage } from '@/lib/terms/load-terms';
import { termsLanguage, versionParam } from '@/lib/terms/terms-language';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('terms');
  return { title: t('metaTitle') };
}

type SearchParams = Promise<{ lang?: string | string[]; version?: string | string[] }>;

export default async function TermsPage({ searchParams }: { searchParams: SearchParams }) {
  // Readable before the first-sign-in declaration: the customer accepts these terms there.
  const viewer = await requireViewer('/terms');
  const params = await searchParams;
  const t = await getTranslations('terms');
  const format = await getFormatter();
  const lang = termsLanguage(params.lang, await getLocale());
  const requested = versionParam(params.version);
  const page = await loadTermsPage(getDb(), viewer, { requested, lang, now: new Date() });

  if (!page.found) {
    return (
      <>
        <h1 className="mb-4 text-2xl font-semibold">{t('title')}</h1>
        <Alert>{page.requested ? t('unknownVersion', { version: page.requested }) : t('noTerms')}</Alert>
      </>
    );
  }

  const { version, doc, status, residence, hrefFor, law, coverage, current, offerCurrent, upcoming, recordView } = page;
  const date = (d: Date) => format.dateTime(d, { dateStyle: 'long' });

  return (
    <div className="mx-auto max-w-3xl">
      {/* Support viewing as the customer is not the customer reading: nothing recorded then. */}
      {recordView ? <TermsViewRecorder version={version.number} via="terms_page" /> : null}
      <header className="mb-6">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div>
            <h1 className="text-3xl font-semibold tracking-tight">
              <Passage text={doc.title} lang={lang} fallbackLabel={t('fallbackBadge')} showBadge={false} />
            </h1>
            <p className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-600 dark:text-slate-400 print:text-black">
              <VersionStatusBadge status={status} label={t(`status.${status}`)} />
              <span data-testid="terms-version">{t('versionLine', { version: version.number, published: date(version.publishedAt), effective: date(version.effectiveAt) })}</span>
            </p>
          </div>
          <TermsLanguageToggle lang={lang} hrefFor={hrefFor} />
        </div>
        <div className="no-print mt-4 flex flex-wrap gap-2">
          <Link href="/terms/history" className={buttonClasses('secondary')}>
            {t('actions.history')}
          </Link>
          {version.number > 1 ? (
            <Link href={`/terms/diff?from=${version.number - 1}&to=${version.number}&lang=${lang}`} className={buttonClasses('secondary')}>
              {t('actions.compareWithPrevious', { from: version.number - 1 })}
            </Link>
          ) : null}
          {offerCurrent ? (
            <Link href={`/terms?lang=${lang}`} className={buttonClasses('secondary')}>
              {t('actions.viewCurrent')}
            </Link>
          ) : null}
          <PrintButton label={t('actions.print')} />
        </div>
      </header>

      {upcoming && current ? (
        <Alert className="no-print mb-6">
          {t('upcoming', { version: upcoming.number, date: date(upcoming.effectiveAt) })}{' '}
          <Link href={`/terms/diff?from=${current.number}&to=${upcoming.number}&lang=${lang}`} className="font-medium underline">
            {t('seeChanges')}
          </Link>
        </Alert>
      ) : null}

      <PrevailsStatement lang={lang} coverage={coverage} />

      {law ? (
        <p className="mb-6 rounded-xl border border-amber-300 bg-amber-50 px-5 py-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100 print:border-black print:bg-transparent print:text-black" data-testid="governing-law-note">
          {residence === 'CN' ? t('governingLaw.yoursCN', { section: law.title }) : residence === 'other' ? t('governingLaw.yoursOther', { section: law.title }) : t('governingLaw.unknown', { section: law.title })}{' '}
          <a href={`#${law.section.id}`} className="no-print font-medium underline">
            {t('governingLaw.jump')}
          </a>
        </p>
      ) : null}

      <TermsDocumentView doc={doc} lang={lang} residence={residence} />
    </div>
  );
}
