'use server';

import { z } from 'zod';
import { viewerAction } from '@/lib/auth/guard';
import { getDb } from '@/lib/db/client';
import { acknowledgeTermsVersion } from '@/lib/terms/terms-records';
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
