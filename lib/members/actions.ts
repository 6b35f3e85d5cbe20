'use server';

import { headers } from 'next/headers';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { ActionError, viewerAction } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { memberRoles } from '@/lib/db/schema';
import { clientIp } from '@/lib/http/client-ip';
import { memberActor } from './actor';
import { acceptInvitation, inviteMember, withdrawInvitation } from './invitations';
import { changeMemberRole, removeMember } from './membership';

/* Managing the members of the account in use: owners only, refused while support views as the customer. */

async function requestInfo() {
  const h = await headers();
  return { ip: clientIp(h), userAgent: h.get('user-agent') };
}

export const inviteMemberAction = viewerAction(
  {
    policy: 'lib/members/actions.ts#inviteMemberAction',
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
  { policy: 'lib/members/actions.ts#changeMemberRoleAction', schema: z.object({ userId: z.uuid(), role: z.enum(memberRoles) }) },
  async ({ userId, role }, viewer) => {
    const t = await getTranslations('members');
    const result = await changeMemberRole(getDb(), { accountId: viewer.accountId, userId, role, actor: memberActor(viewer, await requestInfo()), now: new Date() });
    if (!result.ok) throw new ActionError(result.code, t(`errors.${result.code}`));
    return { message: t('done.roleChanged') };
  },
);

export const removeMemberAction = viewerAction(
  { policy: 'lib/members/actions.ts#removeMemberAction', schema: z.object({ userId: z.uuid() }) },
  async ({ userId }, viewer) => {
    const t = await getTranslations('members');
    const result = await removeMember(getDb(), { accountId: viewer.accountId, userId, actor: memberActor(viewer, await requestInfo()), now: new Date() });
    if (!result.ok) throw new ActionError(result.code, t(`errors.${result.code}`));
    return { message: t('done.removed') };
  },
);

export const withdrawInvitationAction = viewerAction(
  { policy: 'lib/members/actions.ts#withdrawInvitationAction', schema: z.object({ invitationId: z.uuid() }) },
  async ({ invitationId }, viewer) => {
    const t = await getTranslations('members');
    const done = await withdrawInvitation(getDb(), { accountId: viewer.accountId, invitationId, actor: memberActor(viewer, await requestInfo()), now: new Date() });
    if (!done) throw new ActionError('not_found', t('errors.not_found'));
    return { message: t('open.withdrawn') };
  },
);

/** Accepts an invitation as the signed-in user (their verified email must be the invited one) and switches to its account. */
export const acceptInvitationAction = viewerAction(
  { policy: 'lib/members/actions.ts#acceptInvitationAction', schema: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) }) },
  async ({ token }, viewer) => {
    const t = await getTranslations('members');
    const h = await headers();
    const result = await acceptInvitation(getDb(), {
      token,
      userId: viewer.userId,
      userName: viewer.name,
      sessionId: viewer.sessionId,
      ip: clientIp(h),
      userAgent: h.get('user-agent'),
      now: new Date(),
    });
    if (!result.ok) throw new ActionError(result.code, t(`invitation.errors.${result.code}`));
    return { message: t('invitation.accepted', { accountId: result.accountId, role: t(`roles.${result.role}`) }), accountId: result.accountId };
  },
);
