'use server';

import { cookies } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { recordActivity } from '@/lib/audit/record-activity';
import { switchSessionAccount } from '@/lib/members/membership';
import { revokeOtherSessions } from './complete-sign-in';
import { viewerAction } from './guard';
import { IdentityError, unlinkIdentity } from './identities';
import { LINK_COOKIE, LINK_COOKIE_MAX_AGE_SECONDS } from './identity-linking';
import { endImpersonation, IMPERSONATION_REASON_MAX_LENGTH, startImpersonation } from './impersonation';
import { configuredProviders } from './options';

/** "Sign out my other sessions": revokes every other live session of the signed-in user. */
export const signOutOtherSessions = viewerAction(
  { policy: 'lib/auth/actions.ts#signOutOtherSessions', schema: z.object({}) },
  async (_input, viewer) => {
    const now = new Date();
    const count = await revokeOtherSessions(getDb(), { userId: viewer.userId, keepSessionId: viewer.sessionId, now });
    await recordActivity(getDb(), {
      accountId: viewer.ownAccountId,
      actorUserId: viewer.userId,
      actorName: viewer.name,
      kind: 'sign_out_other_sessions',
      details: { count },
      at: now,
    });
    const t = await getTranslations('common');
    return { count, message: t('userMenu.signedOutOthers', { count }) };
  },
);

/**
 * Switches this session to another account the user is a member of (the user menu). The choice is
 * checked against the memberships; every page afterwards takes the account from the session.
 */
export const switchAccountAction = viewerAction(
  { policy: 'lib/auth/actions.ts#switchAccountAction', schema: z.object({ accountId: z.string().regex(/^A\d{9}$/) }) },
  async ({ accountId }, viewer, actor) => {
    const t = await getTranslations('members');
    await switchSessionAccount(getDb(), { sessionId: viewer.sessionId, accountId, actor, now: new Date() });
    return { message: t('switcher.switched', { accountId }) };
  },
);

/* The signed-in user's own identities; refused while support views as a customer. */

export const unlinkIdentityAction = viewerAction(
  { policy: 'lib/auth/actions.ts#unlinkIdentityAction', schema: z.object({ provider: z.string().min(1).max(64), subject: z.string().min(1).max(255) }) },
  async ({ provider, subject }, _viewer, actor) => {
    const t = await getTranslations('identities');
    // The identities are the user's own: the record goes to the account their session uses.
    await unlinkIdentity(getDb(), { provider, subject, accountId: actor.ownAccountId, actor, now: new Date() });
    return { message: t('unlinked') };
  },
);

/** Marks this session as linking (a short-lived cookie only /api/auth sees); the browser then goes through the provider. */
export const startLinkingIdentityAction = viewerAction(
  { policy: 'lib/auth/actions.ts#startLinkingIdentityAction', schema: z.object({ provider: z.string().min(1).max(64) }) },
  async ({ provider }, viewer) => {
    if (!configuredProviders().some((p) => p.id === provider)) throw new IdentityError('unknown_provider');
    (await cookies()).set(LINK_COOKIE, viewer.sessionId, {
      httpOnly: true,
      sameSite: 'lax',
      path: '/api/auth',
      maxAge: LINK_COOKIE_MAX_AGE_SECONDS,
      secure: config().appUrl.startsWith('https://'),
    });
    return { message: '', provider };
  },
);

/** "View as customer": support only, with a reason; the customer is told and it is recorded. */
export const startViewingAs = viewerAction(
  {
    policy: 'lib/auth/actions.ts#startViewingAs',
    schema: z.object({ accountId: z.string().trim().min(1).max(20), reason: z.string().max(IMPERSONATION_REASON_MAX_LENGTH * 4) }),
  },
  async (input, viewer, actor) => {
    // A refused reason or account is an ImpersonationError (a DomainError): the guard answers it.
    const impersonation = await startImpersonation(getDb(), { sessionId: viewer.sessionId, actor, accountId: input.accountId, reason: input.reason, now: new Date() });
    return { accountId: impersonation.accountId, expiresAt: impersonation.expiresAt.toISOString() };
  },
);

/**
 * The banner's End button. No role needed: whoever is viewing as a customer may always stop.
 * Returns the account that was shown, so support can go back to its page.
 */
export const endViewingAs = viewerAction({ policy: 'lib/auth/actions.ts#endViewingAs', schema: z.object({}) }, async (_input, viewer) => {
  const ended = await endImpersonation(getDb(), { sessionId: viewer.sessionId, now: new Date() });
  return { accountId: ended?.accountId ?? null };
});
