'use server';

import { headers } from 'next/headers';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { closeAccount } from '@/lib/accounts/account-standing';
import { ActionError, viewerAction } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { clientIp } from '@/lib/http/client-ip';
import { formatCny } from '@/lib/money';

/** The customer closes their own account after typing its id (refused while support views as them). */
export const closeAccountAction = viewerAction(
  { policy: 'app/(portal)/account/close/actions.ts#closeAccountAction', schema: z.object({ confirmation: z.string().max(200) }) },
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
