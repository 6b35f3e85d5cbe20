import { getTranslations } from 'next-intl/server';
import { buttonClasses } from '@/components/ui/button';

/** A plain GET form: the search is in the address, so results can be linked and reloaded. */
export async function CustomerSearchForm({ query }: { query: string }) {
  const t = await getTranslations('support');
  return (
    <form role="search" action="/support" method="get" aria-labelledby="customer-search-heading" className="space-y-2">
      <h2 id="customer-search-heading" className="text-lg font-semibold">
        {t('search.heading')}
      </h2>
      <label htmlFor="customer-search" className="block text-sm font-medium">
        {t('search.label')}
      </label>
      <p id="customer-search-hint" className="text-xs text-slate-600 dark:text-slate-400">
        {t('search.hint')}
      </p>
      <div className="flex flex-wrap gap-2">
        <input
          id="customer-search"
          name="q"
          type="search"
          defaultValue={query}
          autoComplete="off"
          aria-describedby="customer-search-hint"
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-800"
        />
        <button type="submit" className={buttonClasses('primary')}>
          {t('search.submit')}
        </button>
      </div>
    </form>
  );
}
