'use server';

import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { changeStandingForCause, closeAccount, STANDING_REASON_MAX_LENGTH } from '@/lib/accounts/account-standing';
import { viewerAction } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';

/** The customer closes their own account after typing its id (refused while support views as them). */
export const closeAccountAction = viewerAction(
  { policy: 'lib/accounts/actions.ts#closeAccountAction', schema: z.object({ confirmation: z.string().max(200) }) },
  async ({ confirmation }, viewer, actor) => {
    const t = await getTranslations('account.close');
    await closeAccount(getDb(), { accountId: viewer.accountId, confirmation, actor, now: new Date(), timeZone: config().billingTimeZone });
    return { message: t('closed', { accountId: viewer.accountId }) };
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
  async (input, _viewer, actor) => {
    const t = await getTranslations('account.admin');
    await changeStandingForCause(getDb(), { ...input, actor, now: new Date() });
    return { message: t(`done.${input.action}`) };
  },
);
