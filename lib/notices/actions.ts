'use server';

import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { viewerAction } from '@/lib/auth/guard';
import { DomainError } from '@/lib/errors';
import { getDb } from '@/lib/db/client';
import { markAllNoticesRead, markNoticeRead } from '@/lib/notices/notice-centre';

/* Reading a notice is the customer's act: support viewing as them leaves notices unread. */

export const markNoticeAsRead = viewerAction(
  { policy: 'lib/notices/actions.ts#markNoticeAsRead', schema: z.object({ noticeId: z.uuid() }) },
  async ({ noticeId }, viewer) => {
    const found = await markNoticeRead(getDb(), { accountId: viewer.accountId, noticeId, now: new Date(), role: viewer.memberRole });
    if (!found) throw new DomainError('not_found', (await getTranslations('notices'))('errors.notFound'));
    return { noticeId };
  },
);

export const markAllNoticesAsRead = viewerAction(
  { policy: 'lib/notices/actions.ts#markAllNoticesAsRead', schema: z.object({}) },
  async (_input, viewer) => ({ marked: await markAllNoticesRead(getDb(), { accountId: viewer.accountId, now: new Date(), role: viewer.memberRole }) }),
);
