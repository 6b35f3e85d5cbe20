import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { buttonClasses } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TableHead, Td, Th, Tr } from '@/components/ui/table';
import { findAccountsForAdmin } from '@/lib/accounts/account-standing';
import { requireViewer } from '@/lib/auth/guard';
import { getDb } from '@/lib/db/client';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('account.admin');
  return { title: t('metaTitle') };
}

/** Admins find a customer account to suspend or terminate for cause (or to lift a suspension). */
export default async function AdminAccountsPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  await requireViewer('/admin/accounts');
  const t = await getTranslations('account.admin');
  const raw = (await searchParams).q;
  const q = (typeof raw === 'string' ? raw : '').slice(0, 200);
  const accounts = q.trim() ? await findAccountsForAdmin(getDb(), q) : [];
  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} description={t('description')} />
      <Card>
        <form method="get" role="search" className="flex flex-wrap items-end gap-3">
          <div className="grow">
            <label htmlFor="admin-accounts-q" className="block text-sm font-medium">
              {t('searchLabel')}
            </label>
            <input
              id="admin-accounts-q"
              name="q"
              type="search"
              defaultValue={q}
              maxLength={200}
              className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-800"
            />
          </div>
          <button type="submit" className={buttonClasses('primary')}>
            {t('search')}
          </button>
        </form>
      </Card>
      {q.trim() ? (
        accounts.length === 0 ? (
          <p className="text-sm">{t('noResults')}</p>
        ) : (
          <Table caption={t('results')}>
            <TableHead>
              <Th>{t('id')}</Th>
              <Th>{t('name')}</Th>
              <Th>{t('email')}</Th>
              <Th>{t('state')}</Th>
            </TableHead>
            <tbody>
              {accounts.map((a) => (
                <Tr key={a.id}>
                  <Td>
                    <Link href={`/admin/accounts/${encodeURIComponent(a.id)}`} className="font-mono underline underline-offset-2" aria-label={t('open', { id: a.id })}>
                      {a.id}
                    </Link>
                  </Td>
                  <Td>{a.name}</Td>
                  <Td>{a.email ?? '—'}</Td>
                  <Td>{t(`states.${a.state ?? 'good'}`)}</Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        )
      ) : null}
    </div>
  );
}
