'use server';

import { headers } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { ActionError, viewerAction } from '@/lib/auth/guard';
import { getDb } from '@/lib/db/client';
import { clientIp } from '@/lib/http/client-ip';
import { acceptInvitation } from '@/lib/members/invitations';

/** Accepts an invitation as the signed-in user (their verified email must be the invited one) and switches to its account. */
export const acceptInvitationAction = viewerAction(
  { policy: 'app/(portal)/invitations/[token]/actions.ts#acceptInvitationAction', schema: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) }) },
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
