import { getTranslations } from 'next-intl/server';
import { buttonClasses } from '@/components/ui/button';
import type { TermsLanguage } from '@/lib/terms/parse-terms';

const selectClasses = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-800';

/** Picks two versions and a language for /terms/diff; a plain GET form, so it works without JavaScript. */
export async function CompareForm({ versions, from, to, lang }: { versions: number[]; from: number; to: number; lang: TermsLanguage }) {
  const t = await getTranslations('terms');
  return (
    <form action="/terms/diff" method="get" className="no-print grid gap-4 sm:grid-cols-4 sm:items-end">
      <label className="block text-sm font-medium">
        {t('history.from')}
        <select name="from" defaultValue={String(from)} className={selectClasses}>
          {versions.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm font-medium">
        {t('history.to')}
        <select name="to" defaultValue={String(to)} className={selectClasses}>
          {versions.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm font-medium">
        {t('history.language')}
        <select name="lang" defaultValue={lang} className={selectClasses}>
          <option value="en" lang="en">
            English
          </option>
          <option value="zh" lang="zh-CN">
            中文
          </option>
        </select>
      </label>
      <button type="submit" className={buttonClasses('primary')}>
        {t('history.compare')}
      </button>
    </form>
  );
}
