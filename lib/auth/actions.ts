'use server';

import { headers } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { recordActivity } from '@/lib/audit/record-activity';
import { clientIp } from '@/lib/http/client-ip';
import { memberActor } from '@/lib/members/actor';
import { switchSessionAccount } from '@/lib/members/membership';
import { revokeOtherSessions } from './complete-sign-in';
import { ActionError, viewerAction } from './guard';

/** "Sign out my other sessions": revokes every other live session of the signed-in user. */
export const signOutOtherSessions = viewerAction(
  { policy: 'lib/auth/session-actions.ts#signOutOtherSessions', schema: z.object({}) },
  async (_input, viewer) => {
    const now = new Date();
    const count = await revokeOtherSessions(getDb(), { userId: viewer.userId, keepSessionId: viewer.sessionId, now });
    await recordActivity(getDb(), {
      accountId: viewer.ownAccountId,
      actorUserId: viewer.userId,
      actorName: viewer.name,
      kind: 'sign_out_other_sessions',
      details: { count },
      at: now,
    });
    const t = await getTranslations('common');
    return { count, message: t('userMenu.signedOutOthers', { count }) };
  },
);

/**
 * Switches this session to another account the user is a member of (the user menu). The choice is
 * checked against the memberships; every page afterwards takes the account from the session.
 */
export const switchAccountAction = viewerAction(
  { policy: 'lib/auth/session-actions.ts#switchAccountAction', schema: z.object({ accountId: z.string().regex(/^A\d{9}$/) }) },
  async ({ accountId }, viewer) => {
    const t = await getTranslations('members');
    const h = await headers();
    const result = await switchSessionAccount(getDb(), {
      sessionId: viewer.sessionId,
      userId: viewer.userId,
      accountId,
      actor: memberActor(viewer, { ip: clientIp(h), userAgent: h.get('user-agent') }),
      now: new Date(),
    });
    if (!result.ok) throw new ActionError('not_member', t('switcher.notMember'));
    return { message: t('switcher.switched', { accountId }) };
  },
);
