import Link from 'next/link';
import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { CompareForm } from '@/components/terms/compare-form';
import { TermsLanguageToggle } from '@/components/terms/language-toggle';
import { TermsDiffView } from '@/components/terms/terms-diff-view';
import { TermsViewRecorder } from '@/components/terms/view-recorder';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { requireViewer } from '@/lib/auth/guard';
import { getDb } from '@/lib/db/client';
import { diffTerms } from '@/lib/terms/diff-terms';
import { parseTerms } from '@/lib/terms/parse-terms';
import { termsLanguage, versionParam } from '@/lib/terms/terms-language';
import { listTermsVersions } from '@/lib/terms/versions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('terms');
  return { title: t('diff.metaTitle') };
}

type SearchParams = Promise<{ from?: string | string[]; to?: string | string[]; lang?: string | string[]; all?: string | string[] }>;

export default async function TermsDiffPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireViewer('/terms/diff');
  const params = await searchParams;
  const t = await getTranslations('terms');
  const lang = termsLanguage(params.lang, await getLocale());
  const db = getDb();
  const versions = await listTermsVersions(db);
  const numbers = versions.map((v) => v.number);
  const latest = numbers.at(-1) ?? 0;
  const to = versionParam(params.to) ?? latest;
  const from = versionParam(params.from) ?? to - 1;
  const before = versions.find((v) => v.number === from);
  const after = versions.find((v) => v.number === to);
  const showAll = params.all === '1';

  if (versions.length < 2) {
    return (
      <>
        <h1 className="mb-4 text-2xl font-semibold">{t('diff.metaTitle')}</h1>
        <Alert>{t('diff.needTwo')}</Alert>
      </>
    );
  }
  if (!before || !after || from === to) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">{t('diff.metaTitle')}</h1>
        <Alert tone="warning">{t('diff.badVersions')}</Alert>
        <Card aria-label={t('diff.choose')}>
          <CompareForm versions={numbers} from={numbers.at(-2) ?? 1} to={latest} lang={lang} />
        </Card>
      </div>
    );
  }

  const diff = diffTerms(parseTerms(before.source), parseTerms(after.source), lang);
  const query = (over: Record<string, string>) => `/terms/diff?${new URLSearchParams({ from: String(from), to: String(to), lang, ...(showAll ? { all: '1' } : {}), ...over })}`;
  const summary = lang === 'zh' ? after.summaryZh : after.summaryEn;
  const nothing = diff.changed + diff.added + diff.removed === 0;

  return (
    <div className="mx-auto max-w-3xl space-y-5">
      {/* Support viewing as the customer is not the customer reading: nothing recorded then. */}
      {viewer.impersonation ? null : <TermsViewRecorder version={after.number} via="diff_page" />}
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t('diff.title', { from, to })}</h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400" lang={lang === 'zh' ? 'zh-CN' : 'en'}>
            {t('diff.summary', { version: to, summary })}
          </p>
        </div>
        <TermsLanguageToggle lang={lang} hrefFor={{ en: query({ lang: 'en' }), zh: query({ lang: 'zh' }) }} />
      </header>

      <Card aria-label={t('diff.choose')} className="no-print">
        <CompareForm versions={numbers} from={from} to={to} lang={lang} />
      </Card>

      <p className="text-sm" role="status" data-testid="diff-counts">
        {nothing ? t('diff.none') : t('diff.counts', { changed: diff.changed, added: diff.added, removed: diff.removed })} {nothing ? null : t('diff.legend')}
      </p>
      {lang === 'zh' ? <p className="text-sm text-slate-600 dark:text-slate-400">{t('diff.zhNote')}</p> : null}

      <div className="no-print flex flex-wrap gap-2">
        <Link href={query({ all: showAll ? '0' : '1' })} className={buttonClasses('secondary')}>
          {showAll ? t('diff.showChanges') : t('diff.showAll')}
        </Link>
        <Link href={`/terms?version=${to}&lang=${lang}`} className={buttonClasses('secondary')}>
          {t('diff.readFull', { version: to })}
        </Link>
      </div>

      <TermsDiffView diff={diff} lang={lang} showAll={showAll} anchorHref={(key) => `/terms?version=${to}&lang=${lang}#${key}`} />
    </div>
  );
}
