'use server';

import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { recordActivity } from '@/lib/audit/record-activity';
import { revokeOtherSessions } from './complete-sign-in';
import { viewerAction } from './guard';

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
