import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { InviteMemberForm } from '@/components/members/invite-member-form';
import { MemberRoleForm, RemoveMemberButton } from '@/components/members/member-controls';
import { WithdrawInvitationButton } from '@/components/members/withdraw-invitation-button';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TableHead, Td, Th, Tr } from '@/components/ui/table';
import { requireViewer } from '@/lib/auth/guard';
import { getDb } from '@/lib/db/client';
import { loadMembersPage } from '@/lib/members/load-members';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('members');
  return { title: t('metaTitle') };
}

/** The members of the account in use (owners): their roles, last sign-in and providers; invitations. */
export default async function MembersPage() {
  const viewer = await requireViewer('/members');
  const t = await getTranslations('members');
  const format = await getFormatter();
  const { members, invitations } = await loadMembersPage(getDb(), viewer, { now: new Date() });
  const when = (at: Date) => format.dateTime(at, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} description={t('description', { accountId: viewer.accountId })} />
      <Table caption={t('list.caption')} data-testid="members">
        <TableHead>
          <Th>{t('list.name')}</Th>
          <Th>{t('list.email')}</Th>
          <Th>{t('list.role')}</Th>
          <Th>{t('list.lastSignIn')}</Th>
          <Th>{t('list.signsInWith')}</Th>
          <Th>{t('list.actions')}</Th>
        </TableHead>
        <tbody>
          {members.map((m) => (
            <Tr key={m.userId} data-testid="member" data-email={m.email}>
              <Td>
                {m.name} {m.self ? <span className="text-slate-500">{t('list.you')}</span> : null}
              </Td>
              <Td>{m.email}</Td>
              <Td data-testid="member-role">{t(`roles.${m.role}`)}</Td>
              <Td>{m.lastSignInAt ? when(m.lastSignInAt) : t('list.never')}</Td>
              <Td>{m.providers.join(', ') || '—'}</Td>
              <Td>
                <div className="flex flex-wrap items-center gap-2">
                  <MemberRoleForm userId={m.userId} name={m.name} role={m.role} />
                  <RemoveMemberButton userId={m.userId} name={m.name} self={m.self} />
                </div>
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>

      <Card aria-labelledby="invite-heading">
        <h2 id="invite-heading" className="text-lg font-semibold">
          {t('invite.heading')}
        </h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t('invite.intro')}</p>
        <div className="mt-4">
          <InviteMemberForm />
        </div>
      </Card>

      <section aria-labelledby="open-invitations" className="space-y-2">
        <h2 id="open-invitations" className="text-lg font-semibold">
          {t('open.heading')}
        </h2>
        {invitations.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('open.none')}</p>
        ) : (
          <Table caption={t('open.caption')}>
            <TableHead>
              <Th>{t('open.email')}</Th>
              <Th>{t('open.role')}</Th>
              <Th>{t('open.expires')}</Th>
              <Th>{t('list.actions')}</Th>
            </TableHead>
            <tbody>
              {invitations.map((i) => (
                <Tr key={i.id} data-testid="open-invitation">
                  <Td>{i.email}</Td>
                  <Td>{t(`roles.${i.role}`)}</Td>
                  <Td>{when(i.expiresAt)}</Td>
                  <Td>
                    <WithdrawInvitationButton invitationId={i.id} email={i.email} />
                  </Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </div>
  );
}
