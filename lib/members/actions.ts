'use server';

import { headers } from 'next/headers';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { ActionError, viewerAction } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { memberRoles } from '@/lib/db/schema';
import { clientIp } from '@/lib/http/client-ip';
import { memberActor } from '@/lib/members/actor';
import { inviteMember, withdrawInvitation } from '@/lib/members/invitations';
import { changeMemberRole, removeMember } from '@/lib/members/membership';

/* Managing the members of the account in use: owners only, refused while support views as the customer. */

async function requestInfo() {
  const h = await headers();
  return { ip: clientIp(h), userAgent: h.get('user-agent') };
}

export const inviteMemberAction = viewerAction(
  {
    policy: 'app/(portal)/members/actions.ts#inviteMemberAction',
    schema: z.object({ email: z.string().trim().min(1).max(254), role: z.enum(memberRoles) }),
  },
  async ({ email, role }, viewer) => {
    const t = await getTranslations('members');
    const result = await inviteMember(getDb(), {
      accountId: viewer.accountId,
      email,
      role,
      actor: memberActor(viewer, await requestInfo()),
      appUrl: config().appUrl,
      locale: await getLocale(),
      now: new Date(),
    });
    if (!result.ok) throw new ActionError(result.code, t(`errors.${result.code}`), { email: t(`errors.${result.code}`) });
    return { message: t('invite.sent', { email: email.toLowerCase() }), url: result.url };
  },
);

export const changeMemberRoleAction = viewerAction(
  { policy: 'app/(portal)/members/actions.ts#changeMemberRoleAction', schema: z.object({ userId: z.uuid(), role: z.enum(memberRoles) }) },
  async ({ userId, role }, viewer) => {
    const t = await getTranslations('members');
    const result = await changeMemberRole(getDb(), { accountId: viewer.accountId, userId, role, actor: memberActor(viewer, await requestInfo()), now: new Date() });
    if (!result.ok) throw new ActionError(result.code, t(`errors.${result.code}`));
    return { message: t('done.roleChanged') };
  },
);

export const removeMemberAction = viewerAction(
  { policy: 'app/(portal)/members/actions.ts#removeMemberAction', schema: z.object({ userId: z.uuid() }) },
  async ({ userId }, viewer) => {
    const t = await getTranslations('members');
    const result = await removeMember(getDb(), { accountId: viewer.accountId, userId, actor: memberActor(viewer, await requestInfo()), now: new Date() });
    if (!result.ok) throw new ActionError(result.code, t(`errors.${result.code}`));
    return { message: t('done.removed') };
  },
);

export const withdrawInvitationAction = viewerAction(
  { policy: 'app/(portal)/members/actions.ts#withdrawInvitationAction', schema: z.object({ invitationId: z.uuid() }) },
  async ({ invitationId }, viewer) => {
    const t = await getTranslations('members');
    const done = await withdrawInvitation(getDb(), { accountId: viewer.accountId, invitationId, actor: memberActor(viewer, await requestInfo()), now: new Date() });
    if (!done) throw new ActionError('not_found', t('errors.not_found'));
    return { message: t('open.withdrawn') };
  },
);
