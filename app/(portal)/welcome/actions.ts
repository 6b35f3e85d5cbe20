'use server';

import { viewerAction } from '@/lib/auth/guard';
import { getDb } from '@/lib/db/client';
import { declareAccount } from '@/lib/terms/declare-account';
import { declarationSchema } from '@/lib/terms/declaration';
import { withTermsErrors } from '@/lib/terms/to-action-error';

/** The first-sign-in declaration. Only the customer can make it: refused while support views as them. */
export const declare = viewerAction({ policy: 'app/(portal)/welcome/actions.ts#declare', schema: declarationSchema }, async (declaration, viewer) =>
  withTermsErrors(() => declareAccount(getDb(), { accountId: viewer.accountId, userId: viewer.userId, declaration, now: new Date() })),
);
