import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { LinkProviderButton, UnlinkIdentityButton } from '@/components/identities/identity-controls';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TableHead, Td, Th, Tr } from '@/components/ui/table';
import { requireViewer } from '@/lib/auth/guard';
import { loadIdentitiesPage } from '@/lib/auth/load-identities';
import { getDb } from '@/lib/db/client';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('identities');
  return { title: t('metaTitle') };
}

/** The signed-in user's linked third-party identities: list, link another provider, unlink (never the last). */
export default async function IdentitiesPage({ searchParams }: { searchParams: Promise<{ error?: string; linked?: string; unlinked?: string }> }) {
  const viewer = await requireViewer('/account/identities');
  const t = await getTranslations('identities');
  const format = await getFormatter();
  const { error, linked, unlinked } = await searchParams;
  const { identities: list, providers: configured, canUnlink, canLink } = await loadIdentitiesPage(getDb(), viewer);
  const providers = configured.map((p) => ({ id: p.id, name: p.demo ? t('demoProvider') : p.name }));
  const nameOf = (id: string) => providers.find((p) => p.id === id)?.name ?? id;
  const when = (at: Date) => format.dateTime(at, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} description={t('description')} />
      {error === 'identity_in_use' ? <Alert tone="error">{t('errors.identity_in_use')}</Alert> : null}
      {linked === '1' && !error ? <Alert tone="success">{t('linkedNow')}</Alert> : null}
      {unlinked === '1' && !error ? <Alert tone="success">{t('unlinked')}</Alert> : null}
      <Table caption={t('caption')} data-testid="identities">
        <TableHead>
          <Th>{t('provider')}</Th>
          <Th>{t('subject')}</Th>
          <Th>{t('email')}</Th>
          <Th>{t('linked')}</Th>
          <Th>{t('lastUsed')}</Th>
          <Th>{t('actions')}</Th>
        </TableHead>
        <tbody>
          {list.map((identity) => (
            <Tr key={`${identity.provider}:${identity.subject}`} data-testid="identity" data-subject={identity.subject}>
              <Td>{nameOf(identity.provider)}</Td>
              <Td className="font-mono">{identity.subject}</Td>
              <Td>
                {identity.email ?? '—'} {identity.email && identity.emailVerified ? <span className="text-xs text-emerald-700 dark:text-emerald-400">({t('verified')})</span> : null}
              </Td>
              <Td>{when(identity.linkedAt)}</Td>
              <Td>{identity.lastUsedAt ? when(identity.lastUsedAt) : t('never')}</Td>
              <Td>
                {canUnlink ? (
                  <UnlinkIdentityButton provider={identity.provider} subject={identity.subject} label={t('unlink', { provider: nameOf(identity.provider), subject: identity.subject })} />
                ) : (
                  <span className="text-sm text-slate-600 dark:text-slate-400">{t('onlyOne')}</span>
                )}
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
      {canLink ? (
        <Card aria-labelledby="link-heading">
          <h2 id="link-heading" className="text-lg font-semibold">
            {t('linkHeading')}
          </h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t('linkIntro')}</p>
          <div className="mt-4 flex flex-wrap gap-2">
            {providers.map((p) => (
              <LinkProviderButton key={p.id} provider={p.id} label={t('linkWith', { provider: p.name })} />
            ))}
          </div>
        </Card>
      ) : null}
    </div>
  );
}
