'use server';

import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { viewerAction } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { formatCny } from '@/lib/money';
import { approveAdjustment, rejectAdjustment, requestAdjustment } from './adjustments';
import { answerAsSupport, askQuestion, closeCase, replyAsCustomer } from './cases';

/*
 * The customer's side of a question about a charge. The outer schemas only bound the size of what
 * reaches the server; the rules (lib/support-cases/rules.ts) validate and explain in both languages.
 * Both are refused while support views as the customer (the policy table): they are the customer's words.
 */

const body = z.string().max(100_000);

export const askQuestionAction = viewerAction(
  {
    policy: 'lib/support-cases/actions.ts#askQuestionAction',
    schema: z.object({ charge: z.object({ kind: z.string().max(20), transferId: z.string().max(40).optional(), day: z.string().max(20).optional() }), body }),
  },
  async (input, viewer, actor) => {
    const t = await getTranslations('supportCases.ask');
    const asked = await askQuestion(getDb(), { accountId: viewer.accountId, author: actor, charge: input.charge, body: input.body, now: new Date() });
    return { message: t('sent', { number: asked.number.toString() }), caseId: asked.caseId };
  },
);

export const replyToCaseAction = viewerAction(
  { policy: 'lib/support-cases/actions.ts#replyToCaseAction', schema: z.object({ caseId: z.string().max(64), body }) },
  async (input, viewer, actor) => {
    const t = await getTranslations('supportCases.thread');
    await replyAsCustomer(getDb(), { accountId: viewer.accountId, caseId: input.caseId, author: actor, body: input.body, now: new Date() });
    return { message: t('replied') };
  },
);

/*
 * Support's side of a question about a charge. Staff act as themselves (their own user and name),
 * also while viewing as a customer: an answer is never written as the customer, and an adjustment is
 * only a request until a second person with the finance role approves it.
 */

const caseId = z.string().max(64);

export const answerCaseAction = viewerAction(
  { policy: 'lib/support-cases/actions.ts#answerCaseAction', schema: z.object({ caseId, body: z.string().max(100_000) }) },
  async (input, _viewer, actor) => {
    const t = await getTranslations('supportCases.support');
    await answerAsSupport(getDb(), { caseId: input.caseId, author: actor, body: input.body, now: new Date() });
    return { message: t('answered') };
  },
);

export const closeCaseAction = viewerAction({ policy: 'lib/support-cases/actions.ts#closeCaseAction', schema: z.object({ caseId }) }, async (input, _viewer, actor) => {
  const t = await getTranslations('supportCases.support');
  await closeCase(getDb(), { caseId: input.caseId, closedBy: actor, now: new Date() });
  return { message: t('closed') };
});

export const requestAdjustmentAction = viewerAction(
  {
    policy: 'lib/support-cases/actions.ts#requestAdjustmentAction',
    schema: z.object({ caseId, amount: z.string().max(100), reason: z.string().max(10_000) }),
  },
  async (input, _viewer, actor) => {
    const t = await getTranslations('supportCases.support');
    const requested = await requestAdjustment(getDb(), {
      caseId: input.caseId,
      amount: input.amount,
      reason: input.reason,
      requester: actor,
      now: new Date(),
    });
    return { message: t('requested', { amount: formatCny(requested.amountFen, await getLocale()) }) };
  },
);

/*
 * Finance decides on adjustments support asked for: the second person. Approving moves money (a
 * ledger transfer of kind `adjustment`), so it needs a recent sign-in; the requester can't decide.
 */

export const approveAdjustmentAction = viewerAction(
  { policy: 'lib/support-cases/actions.ts#approveAdjustmentAction', schema: z.object({ adjustmentId: z.string().max(64), customerName: z.string().max(500) }) },
  async (input, _viewer, actor) => {
    const t = await getTranslations('supportCases.finance');
    const approved = await approveAdjustment(getDb(), {
      adjustmentId: input.adjustmentId,
      approver: actor,
      now: new Date(),
      timeZone: config().billingTimeZone,
    });
    return { message: t('approved', { amount: formatCny(approved.amountFen, await getLocale()), name: input.customerName }) };
  },
);

export const rejectAdjustmentAction = viewerAction(
  { policy: 'lib/support-cases/actions.ts#rejectAdjustmentAction', schema: z.object({ adjustmentId: z.string().max(64), reason: z.string().max(10_000) }) },
  async (input, _viewer, actor) => {
    const t = await getTranslations('supportCases.finance');
    await rejectAdjustment(getDb(), { adjustmentId: input.adjustmentId, reason: input.reason, decider: actor, now: new Date() });
    return { message: t('rejectedDone') };
  },
);
