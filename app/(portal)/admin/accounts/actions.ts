'use server';

import { headers } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { changeStandingForCause, STANDING_REASON_MAX_LENGTH } from '@/lib/accounts/account-standing';
import { ActionError, viewerAction } from '@/lib/auth/guard';
import { getDb } from '@/lib/db/client';
import { clientIp } from '@/lib/http/client-ip';

const schema = z.object({
  accountId: z.string().trim().min(1).max(64),
  action: z.enum(['suspend', 'terminate', 'lift_suspension']),
  reason: z.string().max(STANDING_REASON_MAX_LENGTH * 2),
});

/** An admin suspends or terminates an account for cause, or lifts a suspension for cause. */
export const changeStandingAction = viewerAction(
  { policy: 'app/(portal)/admin/accounts/actions.ts#changeStandingAction', schema },
  async (input, viewer) => {
    const t = await getTranslations('account.admin');
    const h = await headers();
    const result = await changeStandingForCause(getDb(), {
      ...input,
      actor: { userId: viewer.userId, name: viewer.name, ip: clientIp(h), userAgent: h.get('user-agent') },
      now: new Date(),
    });
    if (result.ok) return { message: t(`done.${input.action}`) };
    const message = t(`errors.${result.code}`);
    throw new ActionError(result.code, message, result.code === 'reason_required' ? { reason: message } : undefined);
  },
);
