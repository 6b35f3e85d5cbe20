'use server';

import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { viewerAction } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { formatCny } from '@/lib/money';
import { asActionError } from '@/lib/support-cases/action-errors';
import { approveAdjustment, rejectAdjustment } from '@/lib/support-cases/adjustments';

/*
 * Finance decides on adjustments support asked for: the second person. Approving moves money (a
 * ledger transfer of kind `adjustment`), so it needs a recent sign-in; the requester can't decide.
 */

export const approveAdjustmentAction = viewerAction(
  { policy: 'app/(portal)/finance/adjustment-actions.ts#approveAdjustmentAction', schema: z.object({ adjustmentId: z.string().max(64), customerName: z.string().max(500) }) },
  async (input, viewer) => {
    const t = await getTranslations('supportCases.finance');
    try {
      const approved = await approveAdjustment(getDb(), {
        adjustmentId: input.adjustmentId,
        approver: { userId: viewer.userId, name: viewer.name },
        now: new Date(),
        timeZone: config().billingTimeZone,
      });
      return { message: t('approved', { amount: formatCny(approved.amountFen, await getLocale()), name: input.customerName }) };
    } catch (error) {
      return asActionError(error);
    }
  },
);

export const rejectAdjustmentAction = viewerAction(
  { policy: 'app/(portal)/finance/adjustment-actions.ts#rejectAdjustmentAction', schema: z.object({ adjustmentId: z.string().max(64), reason: z.string().max(10_000) }) },
  async (input, viewer) => {
    const t = await getTranslations('supportCases.finance');
    try {
      await rejectAdjustment(getDb(), { adjustmentId: input.adjustmentId, reason: input.reason, decider: { userId: viewer.userId, name: viewer.name }, now: new Date() });
      return { message: t('rejectedDone') };
    } catch (error) {
      return asActionError(error);
    }
  },
);
