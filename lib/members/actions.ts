'use server';

import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { viewerAction } from '@/lib/auth/guard';
import { DomainError } from '@/lib/errors';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { memberRoles } from '@/lib/db/schema';
import { acceptInvitation, inviteMember, withdrawInvitation } from './invitations';
import { changeMemberRole, removeMember } from './membership';

/* Managing the members of the account in use: owners only, refused while support views as the customer. */

export const inviteMemberAction = viewerAction(
  {
    policy: 'lib/members/actions.ts#inviteMemberAction',
    schema: z.object({ email: z.string().trim().min(1).max(254), role: z.enum(memberRoles) }),
  },
  async ({ email, role }, viewer, actor) => {
    const t = await getTranslations('members');
    const result = await inviteMember(getDb(), {
      accountId: viewer.accountId,
      email,
      role,
      actor,
      appUrl: config().appUrl,
      locale: await getLocale(),
      now: new Date(),
    });
    if (!result.ok) throw new DomainError(result.code, t(`errors.${result.code}`), { field: 'email' });
    return { message: t('invite.sent', { email: email.toLowerCase() }), url: result.url };
  },
);

export const changeMemberRoleAction = viewerAction(
  { policy: 'lib/members/actions.ts#changeMemberRoleAction', schema: z.object({ userId: z.uuid(), role: z.enum(memberRoles) }) },
  async ({ userId, role }, viewer, actor) => {
    const t = await getTranslations('members');
    const result = await changeMemberRole(getDb(), { accountId: viewer.accountId, userId, role, actor, now: new Date() });
    if (!result.ok) throw new DomainError(result.code, t(`errors.${result.code}`));
    return { message: t('done.roleChanged') };
  },
);

export const removeMemberAction = viewerAction(
  { policy: 'lib/members/actions.ts#removeMemberAction', schema: z.object({ userId: z.uuid() }) },
  async ({ userId }, viewer, actor) => {
    const t = await getTranslations('members');
    const result = await removeMember(getDb(), { accountId: viewer.accountId, userId, actor, now: new Date() });
    if (!result.ok) throw new DomainError(result.code, t(`errors.${result.code}`));
    return { message: t('done.removed') };
  },
);

export const withdrawInvitationAction = viewerAction(
  { policy: 'lib/members/actions.ts#withdrawInvitationAction', schema: z.object({ invitationId: z.uuid() }) },
  async ({ invitationId }, viewer, actor) => {
    const t = await getTranslations('members');
    const done = await withdrawInvitation(getDb(), { accountId: viewer.accountId, invitationId, actor, now: new Date() });
    if (!done) throw new DomainError('not_found', t('errors.not_found'));
    return { message: t('open.withdrawn') };
  },
);

/** Accepts an invitation as the signed-in user (their verified email must be the invited one) and switches to its account. */
export const acceptInvitationAction = viewerAction(
  { policy: 'lib/members/actions.ts#acceptInvitationAction', schema: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) }) },
  async ({ token }, _viewer, actor) => {
    const t = await getTranslations('members');
    const result = await acceptInvitation(getDb(), {
      token,
      userId: actor.userId,
      userName: actor.name,
      sessionId: actor.sessionId,
      ip: actor.ip,
      userAgent: actor.userAgent,
      now: new Date(),
    });
    if (!result.ok) throw new DomainError(result.code, t(`invitation.errors.${result.code}`));
    return { message: t('invitation.accepted', { accountId: result.accountId, role: t(`roles.${result.role}`) }), accountId: result.accountId };
  },
);
