'use server';

import { z } from 'zod';
import { viewerAction } from '@/lib/auth/guard';
import { getDb } from '@/lib/db/client';
import { acknowledgeTermsVersion, recordContinuedUse } from '@/lib/terms/terms-records';
import { withTermsErrors } from '@/lib/terms/to-action-error';

/** The amendment banner's button. Only the customer can acknowledge: refused while support views as them. */
export const acknowledgeTerms = viewerAction(
  { policy: 'app/(portal)/terms/actions.ts#acknowledgeTerms', schema: z.object({ version: z.number().int().positive() }) },
  async ({ version }, viewer) =>
    withTermsErrors(async () => {
      const { acknowledgedAt } = await acknowledgeTermsVersion(getDb(), { accountId: viewer.accountId, userId: viewer.userId, version, now: new Date() });
      return { version, acknowledgedAt: acknowledgedAt.toISOString() };
    }),
);

/**
 * The customer used the portal while a version was in force: recorded once per user and version,
 * called by the page (after it is shown) when the shell's loader found the record missing. Never
 * while support views as the customer; nothing before the first-sign-in declaration.
 */
export const recordTermsContinuedUse = viewerAction(
  { policy: 'app/(portal)/terms/actions.ts#recordTermsContinuedUse', schema: z.object({}) },
  async (_input, viewer) => {
    if (!viewer.declared) return { version: null };
    return { version: await recordContinuedUse(getDb(), { accountId: viewer.accountId, userId: viewer.userId, now: new Date() }) };
  },
);
