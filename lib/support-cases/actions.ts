'use server';

import { z } from 'zod';
import { viewerAction } from '@/lib/auth/guard';
import { getDb } from '@/lib/db/client';
import { asActionError } from '@/lib/support-cases/action-errors';
import { askQuestion, replyAsCustomer } from '@/lib/support-cases/cases';
import { getTranslations } from 'next-intl/server';

/*
 * The customer's side of a question about a charge. The outer schemas only bound the size of what
 * reaches the server; the rules (lib/support-cases/rules.ts) validate and explain in both languages.
 * Both are refused while support views as the customer (the policy table): they are the customer's words.
 */

const body = z.string().max(100_000);

export const askQuestionAction = viewerAction(
  {
    policy: 'app/(portal)/support-cases/actions.ts#askQuestionAction',
    schema: z.object({ charge: z.object({ kind: z.string().max(20), transferId: z.string().max(40).optional(), day: z.string().max(20).optional() }), body }),
  },
  async (input, viewer) => {
    const t = await getTranslations('supportCases.ask');
    try {
      const asked = await askQuestion(getDb(), { accountId: viewer.accountId, author: { userId: viewer.userId, name: viewer.name }, charge: input.charge, body: input.body, now: new Date() });
      return { message: t('sent', { number: asked.number.toString() }), caseId: asked.caseId };
    } catch (error) {
      return asActionError(error);
    }
  },
);

export const replyToCaseAction = viewerAction(
  { policy: 'app/(portal)/support-cases/actions.ts#replyToCaseAction', schema: z.object({ caseId: z.string().max(64), body }) },
  async (input, viewer) => {
    const t = await getTranslations('supportCases.thread');
    try {
      await replyAsCustomer(getDb(), { accountId: viewer.accountId, caseId: input.caseId, author: { userId: viewer.userId, name: viewer.name }, body: input.body, now: new Date() });
      return { message: t('replied') };
    } catch (error) {
      return asActionError(error);
    }
  },
);
