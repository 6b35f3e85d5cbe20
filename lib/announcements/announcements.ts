import { desc } from 'drizzle-orm';
import type { ActorRef } from '@/lib/audit/actor';
import type { Db } from '@/lib/db/client';
import { announcements, termsVersions } from '@/lib/db/schema';
import { broadcastNotice } from '@/lib/notices/broadcast-notice';

export interface NewAnnouncement {
  titleEn: string;
  titleZh: string;
  bodyEn: string;
  bodyZh: string;
  /** Who publishes it (null: the system, e.g. a script). */
  actor: ActorRef | null;
  now: Date;
}

/**
 * Publishes an operator announcement (both languages) and puts it in every customer's notice centre
 * (with email and SMS by their verified contacts), in one transaction.
 */
export async function publishAnnouncement(db: Db, input: NewAnnouncement): Promise<{ id: string; noticesCreated: number }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(announcements)
      .values({
        titleEn: input.titleEn.trim(),
        titleZh: input.titleZh.trim(),
        bodyEn: input.bodyEn.trim(),
        bodyZh: input.bodyZh.trim(),
        publishedAt: input.now,
        publishedByUserId: input.actor?.userId ?? null,
      })
      .returning();
    const noticesCreated = await broadcastNotice(tx, {
      accounts: 'all',
      kind: 'announcement',
      params: { titleEn: row.titleEn, titleZh: row.titleZh, bodyEn: row.bodyEn, bodyZh: row.bodyZh },
      dedupePrefix: `announcement:${row.id}:`,
      now: input.now,
    });
    return { id: row.id, noticesCreated };
  });
}

/** One entry of the public announcements page (JSON-safe: it is cached). */
export type AnnouncementEntry =
  | { kind: 'announcement'; id: string; titleEn: string; titleZh: string; bodyEn: string; bodyZh: string; publishedAt: string }
  | { kind: 'terms_amendment'; id: string; version: number; summaryEn: string; summaryZh: string; effectiveOn: string; publishedAt: string };

/**
 * Operator announcements and every amendment of the terms (each published version after the first),
 * newest first: the terms are amended by publishing a new version, so that is the announcement.
 */
export async function listAnnouncements(db: Db): Promise<AnnouncementEntry[]> {
  const own = await db.select().from(announcements).orderBy(desc(announcements.publishedAt));
  const versions = await db.select().from(termsVersions).orderBy(desc(termsVersions.number));
  const entries: AnnouncementEntry[] = [
    ...own.map((a) => ({
      kind: 'announcement' as const,
      id: a.id,
      titleEn: a.titleEn,
      titleZh: a.titleZh,
      bodyEn: a.bodyEn,
      bodyZh: a.bodyZh,
      publishedAt: a.publishedAt.toISOString(),
    })),
    ...versions
      .filter((v) => v.number > 1)
      .map((v) => ({
        kind: 'terms_amendment' as const,
        id: `terms-${v.number}`,
        version: v.number,
        summaryEn: v.summaryEn,
        summaryZh: v.summaryZh,
        effectiveOn: v.effectiveOn,
        publishedAt: v.publishedAt.toISOString(),
      })),
  ];
  return entries.sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
}
