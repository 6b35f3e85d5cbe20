import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { CustomerMatch } from '@/lib/support/customer-search';

export async function CustomerResults({ query, matches, more }: { query: string; matches: CustomerMatch[]; more: boolean }) {
  const t = await getTranslations('support');
  return (
    <section aria-labelledby="customer-results-heading" className="space-y-3">
      <h2 id="customer-results-heading" className="sr-only">
        {t('search.results')}
      </h2>
      <p role="status" className="text-sm">
        {t('search.resultsCount', { count: matches.length, query })}
      </p>
      {matches.length > 0 ? (
        <div className="overflow-x-auto rounded-xl border border-slate-200 dark:border-slate-800">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t('search.results')}</caption>
            <thead className="bg-slate-50 text-xs uppercase text-slate-600 dark:bg-slate-900 dark:text-slate-400">
              <tr>
                <th scope="col" className="px-3 py-2">{t('search.columns.account')}</th>
                <th scope="col" className="px-3 py-2">{t('search.columns.name')}</th>
                <th scope="col" className="px-3 py-2">{t('search.columns.kind')}</th>
                <th scope="col" className="px-3 py-2">{t('search.columns.people')}</th>
              </tr>
            </thead>
            <tbody>
              {matches.map((m) => (
                <tr key={m.accountId} className="border-t border-slate-200 dark:border-slate-800">
                  <td className="px-3 py-2 font-mono">
                    <Link href={`/support/customers/${m.accountId}`} className="font-medium text-brand-700 underline underline-offset-2 dark:text-sky-300" aria-label={`${t('search.open')} ${m.name} (${m.accountId})`}>
                      {m.accountId}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{m.name}</td>
                  <td className="px-3 py-2">{t(`kind.${m.kind}`)}</td>
                  <td className="px-3 py-2">
                    <ul>
                      {m.users.map((u) => (
                        <li key={u.email}>{u.email}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {more ? <p className="text-sm text-slate-600 dark:text-slate-400">{t('search.more', { count: matches.length })}</p> : null}
    </section>
  );
}
