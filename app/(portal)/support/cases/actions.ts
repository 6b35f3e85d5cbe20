'use server';

import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { viewerAction } from '@/lib/auth/guard';
import { getDb } from '@/lib/db/client';
import { formatCny } from '@/lib/money';
import { asActionError } from '@/lib/support-cases/action-errors';
import { requestAdjustment } from '@/lib/support-cases/adjustments';
import { answerAsSupport, closeCase } from '@/lib/support-cases/cases';

/*
 * Support's side of a question about a charge. Staff act as themselves (their own user and name),
 * also while viewing as a customer: an answer is never written as the customer, and an adjustment is
 * only a request until a second person with the finance role approves it.
 */

const caseId = z.string().max(64);

export const answerCaseAction = viewerAction(
  { policy: 'app/(portal)/support/cases/actions.ts#answerCaseAction', schema: z.object({ caseId, body: z.string().max(100_000) }) },
  async (input, viewer) => {
    const t = await getTranslations('supportCases.support');
    try {
      await answerAsSupport(getDb(), { caseId: input.caseId, author: { userId: viewer.userId, name: viewer.name }, body: input.body, now: new Date() });
      return { message: t('answered') };
    } catch (error) {
      return asActionError(error);
    }
  },
);

export const closeCaseAction = viewerAction({ policy: 'app/(portal)/support/cases/actions.ts#closeCaseAction', schema: z.object({ caseId }) }, async (input, viewer) => {
  const t = await getTranslations('supportCases.support');
  try {
    await closeCase(getDb(), { caseId: input.caseId, closedBy: { userId: viewer.userId, name: viewer.name }, now: new Date() });
    return { message: t('closed') };
  } catch (error) {
    return asActionError(error);
  }
});

export const requestAdjustmentAction = viewerAction(
  {
    policy: 'app/(portal)/support/cases/actions.ts#requestAdjustmentAction',
    schema: z.object({ caseId, amount: z.string().max(100), reason: z.string().max(10_000) }),
  },
  async (input, viewer) => {
    const t = await getTranslations('supportCases.support');
    try {
      const requested = await requestAdjustment(getDb(), {
        caseId: input.caseId,
        amount: input.amount,
        reason: input.reason,
        requester: { userId: viewer.userId, name: viewer.name },
        now: new Date(),
      });
      return { message: t('requested', { amount: formatCny(requested.amountFen, await getLocale()) }) };
    } catch (error) {
      return asActionError(error);
    }
  },
);
