import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Table, TableHead, Td, Th, Tr } from '@/components/ui/table';
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
        <Table caption={t('search.results')}>
          <TableHead>
            <Th>{t('search.columns.account')}</Th>
            <Th>{t('search.columns.name')}</Th>
            <Th>{t('search.columns.kind')}</Th>
            <Th>{t('search.columns.people')}</Th>
          </TableHead>
          <tbody>
            {matches.map((m) => (
              <Tr key={m.accountId}>
                <Td className="font-mono">
                  <Link href={`/support/customers/${m.accountId}`} className="font-medium text-brand-700 underline underline-offset-2 dark:text-sky-300" aria-label={`${t('search.open')} ${m.name} (${m.accountId})`}>
                    {m.accountId}
                  </Link>
                </Td>
                <Td>{m.name}</Td>
                <Td>{t(`kind.${m.kind}`)}</Td>
                <Td>
                  <ul>
                    {m.users.map((u) => (
                      <li key={u.email}>{u.email}</li>
                    ))}
                  </ul>
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      {more ? <p className="text-sm text-slate-600 dark:text-slate-400">{t('search.more', { count: matches.length })}</p> : null}
    </section>
  );
}
