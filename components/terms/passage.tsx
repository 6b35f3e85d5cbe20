import { inLanguage, type Bilingual, type TermsLanguage } from '@/lib/terms/parse-terms';

export const htmlLangOf = (lang: TermsLanguage) => (lang === 'zh' ? 'zh-CN' : 'en');

/**
 * A passage of the terms in the chosen language, marked with the language it is really in: in the
 * Chinese view, a passage the operator gave no Chinese for is shown in English with a badge.
 */
export function Passage({ text, lang, fallbackLabel, showBadge = true }: { text: Bilingual; lang: TermsLanguage; fallbackLabel: string; showBadge?: boolean }) {
  const shown = inLanguage(text, lang);
  if (!shown) return null;
  if (!shown.fallback) return <>{shown.text}</>;
  const other: TermsLanguage = lang === 'zh' ? 'en' : 'zh';
  return (
    <>
      {showBadge ? <FallbackBadge label={fallbackLabel} /> : null}
      <span lang={htmlLangOf(other)}>{shown.text}</span>
    </>
  );
}

export function FallbackBadge({ label }: { label: string }) {
  return (
    <span className="mr-2 inline-block rounded border border-slate-300 px-1.5 py-0.5 align-middle text-[0.7rem] font-normal leading-none text-slate-600 dark:border-slate-600 dark:text-slate-400">
      {label}
    </span>
  );
}
