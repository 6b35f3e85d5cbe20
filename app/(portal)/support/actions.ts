'use server';

import { headers } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { ActionError, viewerAction } from '@/lib/auth/guard';
import { endImpersonation, IMPERSONATION_REASON_MAX_LENGTH, ImpersonationError, startImpersonation } from '@/lib/auth/impersonation';
import { getDb } from '@/lib/db/client';
import { clientIp } from '@/lib/http/client-ip';

const REASON_CODES = new Set(['reason_missing', 'reason_too_short', 'reason_too_long']);

/** "View as customer": support only, with a reason; the customer is told and it is recorded. */
export const startViewingAs = viewerAction(
  {
    policy: 'app/(portal)/support/actions.ts#startViewingAs',
    schema: z.object({ accountId: z.string().trim().min(1).max(20), reason: z.string().max(IMPERSONATION_REASON_MAX_LENGTH * 4) }),
  },
  async (input, viewer) => {
    const h = await headers();
    try {
      const impersonation = await startImpersonation(getDb(), {
        sessionId: viewer.sessionId,
        staffUserId: viewer.userId,
        staffName: viewer.name,
        accountId: input.accountId,
        reason: input.reason,
        ip: clientIp(h),
        userAgent: h.get('user-agent'),
        now: new Date(),
      });
      return { accountId: impersonation.accountId, expiresAt: impersonation.expiresAt.toISOString() };
    } catch (error) {
      if (!(error instanceof ImpersonationError)) throw error;
      const t = await getTranslations('support');
      const message = t(`errors.${error.code}`);
      throw new ActionError(error.code, message, REASON_CODES.has(error.code) ? { reason: message } : undefined);
    }
  },
);

/**
 * The banner's End button. No role needed: whoever is viewing as a customer may always stop.
 * Returns the account that was shown, so support can go back to its page.
 */
export const endViewingAs = viewerAction({ policy: 'app/(portal)/support/actions.ts#endViewingAs', schema: z.object({}) }, async (_input, viewer) => {
  const ended = await endImpersonation(getDb(), { sessionId: viewer.sessionId, now: new Date() });
  return { accountId: ended?.accountId ?? null };
});
