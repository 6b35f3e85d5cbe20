'use server';

import { z } from 'zod';
import { viewerAction } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { publishTermsVersion } from '@/lib/terms/publish-terms-version';
import { withTermsErrors } from '@/lib/terms/to-action-error';
import { isIsoDate } from '@/lib/time/zoned-date';

const publishSchema = z.object({
  source: z.string().trim().min(1).max(200_000),
  summaryEn: z.string().trim().min(1).max(2000),
  summaryZh: z.string().trim().min(1).max(2000),
  effectiveOn: z.string().refine(isIsoDate, 'YYYY-MM-DD'),
});

/** Publishes a new version of the terms (admins only) and notifies every customer. */
export const publishTerms = viewerAction({ policy: 'app/(portal)/admin/terms/actions.ts#publishTerms', schema: publishSchema }, async (input, viewer) =>
  withTermsErrors(async () => {
    const { version, noticesCreated } = await publishTermsVersion(getDb(), {
      ...input,
      publishedByUserId: viewer.userId,
      timeZone: config().billingTimeZone,
      now: new Date(),
    });
    return { version: version.number, effectiveOn: version.effectiveOn, effectiveAt: version.effectiveAt.toISOString(), noticesCreated };
  }, (code) => (code.startsWith('effective') ? 'effectiveOn' : code === 'invalid_text' || code === 'unchanged' ? 'source' : undefined)),
);
