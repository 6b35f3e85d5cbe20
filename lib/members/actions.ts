'use server';

import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { viewerAction } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { memberRoles } from '@/lib/db/schema';
import { acceptInvitation, inviteMember, withdrawInvitation } from './invitations';
import { changeMemberRole, removeMember } from './membership';

/*
 * Managing the members of the account in use: owners only, refused while support views as the customer.
 * A refusal is a MemberError (lib/members/member-error.ts), answered by the guard.
 */

export const inviteMemberAction = viewerAction(
  {
    policy: 'lib/members/actions.ts#inviteMemberAction',
    schema: z.object({ email: z.string().trim().min(1).max(254), role: z.enum(memberRoles) }),
  },
  async ({ email, role }, viewer, actor) => {
    const t = await getTranslations('members');
    const invited = await inviteMember(getDb(), {
      accountId: viewer.accountId,
      email,
      role,
      actor,
      appUrl: config().appUrl,
      locale: await getLocale(),
      now: new Date(),
    });
    return { message: t('invite.sent', { email: email.toLowerCase() }), url: invited.url };
  },
);

export const changeMemberRoleAction = viewerAction(
  { policy: 'lib/members/actions.ts#changeMemberRoleAction', schema: z.object({ userId: z.uuid(), role: z.enum(memberRoles) }) },
  async ({ userId, role }, viewer, actor) => {
    const t = await getTranslations('members');
    await changeMemberRole(getDb(), { accountId: viewer.accountId, userId, role, actor, now: new Date() });
    return { message: t('done.roleChanged') };
  },
);

export const removeMemberAction = viewerAction(
  { policy: 'lib/members/actions.ts#removeMemberAction', schema: z.object({ userId: z.uuid() }) },
  async ({ userId }, viewer, actor) => {
    const t = await getTranslations('members');
    await removeMember(getDb(), { accountId: viewer.accountId, userId, actor, now: new Date() });
    return { message: t('done.removed') };
  },
);

export const withdrawInvitationAction = viewerAction(
  { policy: 'lib/members/actions.ts#withdrawInvitationAction', schema: z.object({ invitationId: z.uuid() }) },
  async ({ invitationId }, viewer, actor) => {
    const t = await getTranslations('members');
    await withdrawInvitation(getDb(), { accountId: viewer.accountId, invitationId, actor, now: new Date() });
    return { message: t('open.withdrawn') };
  },
);

/** Accepts an invitation as the signed-in user (their verified email must be the invited one) and switches to its account. */
export const acceptInvitationAction = viewerAction(
  { policy: 'lib/members/actions.ts#acceptInvitationAction', schema: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) }) },
  async ({ token }, _viewer, actor) => {
    const t = await getTranslations('members');
    const accepted = await acceptInvitation(getDb(), { token, actor, now: new Date() });
    return { message: t('invitation.accepted', { accountId: accepted.accountId, role: t(`roles.${accepted.role}`) }), accountId: accepted.accountId };
  },
);
