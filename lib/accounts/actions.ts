'use server';

import { headers } from 'next/headers';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { changeStandingForCause, closeAccount, STANDING_REASON_MAX_LENGTH } from '@/lib/accounts/account-standing';
import { ActionError, viewerAction } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { clientIp } from '@/lib/http/client-ip';
import { formatCny } from '@/lib/money';

/** The customer closes their own account after typing its id (refused while support views as them). */
export const closeAccountAction = viewerAction(
  { policy: 'lib/accounts/actions.ts#closeAccountAction', schema: z.object({ confirmation: z.string().max(200) }) },
  async ({ confirmation }, viewer) => {
    const t = await getTranslations('account.close');
    const h = await headers();
    const result = await closeAccount(getDb(), {
      accountId: viewer.accountId,
      confirmation,
      actor: { userId: viewer.userId, name: viewer.name, ip: clientIp(h), userAgent: h.get('user-agent') },
      now: new Date(),
      timeZone: config().billingTimeZone,
    });
    if (result.ok) return { message: t('closed', { accountId: viewer.accountId }) };
    if (result.code === 'arrears') {
      throw new ActionError('arrears', t('errors.arrears', { amount: formatCny(result.arrearsFen, await getLocale()) }));
    }
    if (result.code === 'confirmation_mismatch') {
      const message = t('errors.confirmation_mismatch', { accountId: viewer.accountId });
      throw new ActionError('confirmation_mismatch', message, { confirmation: message });
    }
    throw new ActionError(result.code, t(`errors.${result.code}`));
  },
);

const standingSchema = z.object({
  accountId: z.string().trim().min(1).max(64),
  action: z.enum(['suspend', 'terminate', 'lift_suspension']),
  reason: z.string().max(STANDING_REASON_MAX_LENGTH * 2),
});

/** An admin suspends or terminates an account for cause, or lifts a suspension for cause. */
export const changeStandingAction = viewerAction(
  { policy: 'lib/accounts/actions.ts#changeStandingAction', schema: standingSchema },
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
