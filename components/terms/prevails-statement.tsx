import { getTranslations } from 'next-intl/server';
import type { TranslationCoverage } from '@/lib/terms/parse-terms';
import type { TermsLanguage } from '@/lib/terms/parse-terms';

/**
 * The statement that the Chinese version prevails (terms "Important Notice"), always shown in both
 * languages, and — when the operator's Chinese is partial — how partial it is, in the view's language.
 */
export async function PrevailsStatement({ lang, coverage }: { lang: TermsLanguage; coverage: TranslationCoverage }) {
  const t = await getTranslations('terms');
  const partial = coverage.translated < coverage.total;
  return (
    <aside aria-labelledby="prevails-heading" data-testid="prevails-statement" className="mb-6 rounded-xl border border-sky-300 bg-sky-50 px-5 py-4 text-sm text-sky-950 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100 print:border-black print:bg-transparent print:text-black">
      <h2 id="prevails-heading" className="font-semibold">
        {t('prevails.heading')}
      </h2>
      <p className="mt-1" lang="zh-CN">
        {t('prevails.zh')}
      </p>
      <p lang="en">{t('prevails.en')}</p>
      <p className="mt-1 text-sky-900 dark:text-sky-200 print:text-black">{t('prevails.source')}</p>
      {partial ? (
        <p className="mt-2 border-t border-sky-200 pt-2 dark:border-sky-800" lang={lang === 'zh' ? 'zh-CN' : 'en'} data-testid="partial-chinese">
          {t(lang === 'zh' ? 'partialChinese.zh' : 'partialChinese.en', { translated: coverage.translated, total: coverage.total })}
        </p>
      ) : null}
    </aside>
  );
}
