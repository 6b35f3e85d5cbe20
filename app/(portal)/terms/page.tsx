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
import { getAccountDeclaration } from '@/lib/terms/account-declaration';
import { inLanguage, parseTerms, translationCoverage } from '@/lib/terms/parse-terms';
import { termsLanguage, versionParam } from '@/lib/terms/terms-language';
import { getCurrentTermsVersion, getLatestTermsVersion, getTermsVersion, versionStatus } from '@/lib/terms/versions';

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
  const db = getDb();
  const now = new Date();
  const requested = versionParam(params.version);
  const [current, latest] = await Promise.all([getCurrentTermsVersion(db, now), getLatestTermsVersion(db)]);
  const version = requested ? await getTermsVersion(db, requested) : current;

  if (!version) {
    return (
      <>
        <h1 className="mb-4 text-2xl font-semibold">{t('title')}</h1>
        <Alert>{requested ? t('unknownVersion', { version: requested }) : t('noTerms')}</Alert>
      </>
    );
  }

  const doc = parseTerms(version.source);
  const declaration = await getAccountDeclaration(db, viewer.accountId);
  const residence = declaration?.declaredAt ? declaration.residence : null;
  const status = versionStatus(version, current, now);
  const date = (d: Date) => format.dateTime(d, { dateStyle: 'long' });
  const hrefFor = {
    en: `/terms?${new URLSearchParams({ ...(requested ? { version: String(requested) } : {}), lang: 'en' })}`,
    zh: `/terms?${new URLSearchParams({ ...(requested ? { version: String(requested) } : {}), lang: 'zh' })}`,
  };
  const law = doc.sections.find((s) => s.role === 'governing_law');
  const lawTitle = law ? (inLanguage(law.title, lang)?.text ?? '') : '';
  const showUpcoming = latest && current && latest.number > current.number && version.number === current.number;

  return (
    <div className="mx-auto max-w-3xl">
      {/* Support viewing as the customer is not the customer reading: nothing recorded then. */}
      {viewer.impersonation ? null : <TermsViewRecorder version={version.number} via="terms_page" />}
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
          {requested && current && requested !== current.number ? (
            <Link href={`/terms?lang=${lang}`} className={buttonClasses('secondary')}>
              {t('actions.viewCurrent')}
            </Link>
          ) : null}
          <PrintButton label={t('actions.print')} />
        </div>
      </header>

      {showUpcoming ? (
        <Alert className="no-print mb-6">
          {t('upcoming', { version: latest.number, date: date(latest.effectiveAt) })}{' '}
          <Link href={`/terms/diff?from=${current.number}&to=${latest.number}&lang=${lang}`} className="font-medium underline">
            {t('seeChanges')}
          </Link>
        </Alert>
      ) : null}

      <PrevailsStatement lang={lang} coverage={translationCoverage(doc)} />

      {law ? (
        <p className="mb-6 rounded-xl border border-amber-300 bg-amber-50 px-5 py-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100 print:border-black print:bg-transparent print:text-black" data-testid="governing-law-note">
          {residence === 'CN' ? t('governingLaw.yoursCN', { section: lawTitle }) : residence === 'other' ? t('governingLaw.yoursOther', { section: lawTitle }) : t('governingLaw.unknown', { section: lawTitle })}{' '}
          <a href={`#${law.id}`} className="no-print font-medium underline">
            {t('governingLaw.jump')}
          </a>
        </p>
      ) : null}

      <TermsDocumentView doc={doc} lang={lang} residence={residence} />
    </div>
  );
}
