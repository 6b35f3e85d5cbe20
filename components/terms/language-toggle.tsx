import { clsx } from 'clsx';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { TermsLanguage } from '@/lib/terms/parse-terms';

/** English / 中文 switch for the terms text (links, so it works without JavaScript and can be shared). */
export async function TermsLanguageToggle({ lang, hrefFor }: { lang: TermsLanguage; hrefFor: Record<TermsLanguage, string> }) {
  const t = await getTranslations('terms');
  const options: Array<{ value: TermsLanguage; label: string; htmlLang: string }> = [
    { value: 'en', label: t('languageToggle.en'), htmlLang: 'en' },
    { value: 'zh', label: t('languageToggle.zh'), htmlLang: 'zh-CN' },
  ];
  return (
    <nav aria-label={t('languageToggle.label')} className="no-print">
      <ul className="inline-flex rounded-md border border-slate-300 p-0.5 dark:border-slate-600">
        {options.map((o) => (
          <li key={o.value}>
            <Link
              href={hrefFor[o.value]}
              lang={o.htmlLang}
              aria-current={lang === o.value ? 'true' : undefined}
              className={clsx(
                'block rounded px-3 py-1.5 text-sm',
                lang === o.value ? 'bg-brand-600 font-semibold text-white' : 'text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800',
              )}
            >
              {o.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
