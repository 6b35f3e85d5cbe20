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
import { loadTermsDiff } from '@/lib/terms/load-terms';
import { termsLanguage, versionParam } from '@/lib/terms/terms-language';

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
  const showAll = params.all === '1';
  const page = await loadTermsDiff(getDb(), viewer, { from: versionParam(params.from), to: versionParam(params.to), lang });

  if (page.kind === 'need_two') {
    return (
      <>
        <h1 className="mb-4 text-2xl font-semibold">{t('diff.metaTitle')}</h1>
        <Alert>{t('diff.needTwo')}</Alert>
      </>
    );
  }
  if (page.kind === 'bad_versions') {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">{t('diff.metaTitle')}</h1>
        <Alert tone="warning">{t('diff.badVersions')}</Alert>
        <Card aria-label={t('diff.choose')}>
          <CompareForm versions={page.numbers} from={page.from} to={page.to} lang={lang} />
        </Card>
      </div>
    );
  }

  const { numbers, from, to, diff, summary, nothing, recordView } = page;
  const query = (over: Record<string, string>) => `/terms/diff?${new URLSearchParams({ from: String(from), to: String(to), lang, ...(showAll ? { all: '1' } : {}), ...over })}`;

  return (
    <div className="mx-auto max-w-3xl space-y-5">
      {/* Support viewing as the customer is not the customer reading: nothing recorded then. */}
      {recordView ? <TermsViewRecorder version={to} via="diff_page" /> : null}
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
