'use server';

import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { viewerAction } from '@/lib/auth/guard';
import { publishAnnouncement } from '@/lib/announcements/announcements';
import { getDb } from '@/lib/db/client';
import { expirePublicData, PUBLIC_DATA_TAGS } from '@/lib/public-data/cache';

const text = (max: number) => z.string().trim().min(1).max(max);

const announcementSchema = z.object({ titleEn: text(200), titleZh: text(200), bodyEn: text(10_000), bodyZh: text(10_000) });

/** Publishes an announcement (admins only): public page and every customer's notice centre. */
export const publishAnnouncementAction = viewerAction({ policy: 'lib/announcements/actions.ts#publishAnnouncementAction', schema: announcementSchema }, async (input, _viewer, actor) => {
  const result = await publishAnnouncement(getDb(), { ...input, actor, now: new Date() });
  expirePublicData(PUBLIC_DATA_TAGS.announcements);
  const t = await getTranslations('public');
  return { message: t('admin.published', { count: result.noticesCreated }) };
});
