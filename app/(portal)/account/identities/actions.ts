'use server';

import { cookies, headers } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { ActionError, viewerAction } from '@/lib/auth/guard';
import { unlinkIdentity } from '@/lib/auth/identities';
import { LINK_COOKIE, LINK_COOKIE_MAX_AGE_SECONDS } from '@/lib/auth/identity-linking';
import { configuredProviders } from '@/lib/auth/options';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { clientIp } from '@/lib/http/client-ip';

/* The signed-in user's own identities; refused while support views as a customer. */

export const unlinkIdentityAction = viewerAction(
  { policy: 'app/(portal)/account/identities/actions.ts#unlinkIdentityAction', schema: z.object({ provider: z.string().min(1).max(64), subject: z.string().min(1).max(255) }) },
  async ({ provider, subject }, viewer) => {
    const t = await getTranslations('identities');
    const h = await headers();
    const result = await unlinkIdentity(getDb(), {
      provider,
      subject,
      actor: { userId: viewer.userId, name: viewer.name, accountId: viewer.ownAccountId, ip: clientIp(h), userAgent: h.get('user-agent') },
      now: new Date(),
    });
    if (!result.ok) throw new ActionError(result.code, t(`errors.${result.code}`));
    return { message: t('unlinked') };
  },
);

/** Marks this session as linking (a short-lived cookie only /api/auth sees); the browser then goes through the provider. */
export const startLinkingIdentityAction = viewerAction(
  { policy: 'app/(portal)/account/identities/actions.ts#startLinkingIdentityAction', schema: z.object({ provider: z.string().min(1).max(64) }) },
  async ({ provider }, viewer) => {
    const t = await getTranslations('identities');
    if (!configuredProviders().some((p) => p.id === provider)) throw new ActionError('unknown_provider', t('errors.unknown_provider'));
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
