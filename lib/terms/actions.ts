'use server';

import { z } from 'zod';
import { viewerAction } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { isIsoDate } from '@/lib/time/zoned-date';
import { declareAccount } from './declare-account';
import { declarationSchema } from './declaration';
import { publishTermsVersion } from './publish-terms-version';
import { acknowledgeTermsVersion, recordContinuedUse, recordTermsView, TERMS_VIEW_PLACES } from './terms-records';
import { withTermsErrors } from './to-action-error';

/** The amendment banner's button. Only the customer can acknowledge: refused while support views as them. */
export const acknowledgeTerms = viewerAction(
  { policy: 'lib/terms/actions.ts#acknowledgeTerms', schema: z.object({ version: z.number().int().positive() }) },
  async ({ version }, viewer, actor) => {
    const { acknowledgedAt } = await acknowledgeTermsVersion(getDb(), { accountId: viewer.accountId, actor, version, now: new Date() });
    return { version, acknowledgedAt: acknowledgedAt.toISOString() };
  },
);

/**
 * The customer used the portal while a version was in force: recorded once per user and version,
 * called by the page (after it is shown) when the shell's loader found the record missing. Never
 * while support views as the customer; nothing before the first-sign-in declaration.
 */
export const recordTermsContinuedUse = viewerAction(
  { policy: 'lib/terms/actions.ts#recordTermsContinuedUse', schema: z.object({}) },
  async (_input, viewer, actor) => {
    if (!viewer.declared) return { version: null };
    return { version: await recordContinuedUse(getDb(), { accountId: viewer.accountId, actor, now: new Date() }) };
  },
);

/**
 * The customer opened a version's text: called by the terms and diff pages after they are shown, so
 * the render writes nothing. Not while support views as the customer (the pages don't ask then).
 */
export const recordTermsViewed = viewerAction(
  { policy: 'lib/terms/actions.ts#recordTermsViewed', schema: z.object({ version: z.number().int().positive(), via: z.enum(TERMS_VIEW_PLACES) }) },
  async ({ version, via }, viewer, actor) =>
    withTermsErrors(async () => {
      await recordTermsView(getDb(), { accountId: viewer.accountId, actor, version, via, now: new Date() });
      return { version };
    }),
);

const publishSchema = z.object({
  source: z.string().trim().min(1).max(200_000),
  summaryEn: z.string().trim().min(1).max(2000),
  summaryZh: z.string().trim().min(1).max(2000),
  effectiveOn: z.string().refine(isIsoDate, 'YYYY-MM-DD'),
});

/** Publishes a new version of the terms (admins only) and notifies every customer. */
export const publishTerms = viewerAction({ policy: 'lib/terms/actions.ts#publishTerms', schema: publishSchema }, async (input, _viewer, actor) =>
  withTermsErrors(async () => {
    const { version, noticesCreated } = await publishTermsVersion(getDb(), {
      ...input,
      actor,
      timeZone: config().billingTimeZone,
      now: new Date(),
    });
    return { version: version.number, effectiveOn: version.effectiveOn, effectiveAt: version.effectiveAt.toISOString(), noticesCreated };
  }, (code) => (code.startsWith('effective') ? 'effectiveOn' : code === 'invalid_text' || code === 'unchanged' ? 'source' : undefined)),
);

/** The first-sign-in declaration. Only the customer can make it: refused while support views as them. */
export const declare = viewerAction({ policy: 'lib/terms/actions.ts#declare', schema: declarationSchema }, async (declaration, viewer, actor) =>
  declareAccount(getDb(), { accountId: viewer.accountId, actor, declaration, now: new Date() }),
);
