import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import type { AnnouncementEntry } from '@/lib/announcements/announcements';

/** Announcements as articles, each in the reader's language (the other language a click away on the switch). */
export async function AnnouncementList({ entries }: { entries: AnnouncementEntry[] }) {
  const t = await getTranslations('public');
  const format = await getFormatter();
  const zh = (await getLocale()) === 'zh-CN';
  if (entries.length === 0) return <p className="text-sm">{t('announcements.empty')}</p>;
  return (
    <ol className="space-y-4">
      {entries.map((entry) => {
        const headingId = `announcement-${entry.id}`;
        const title =
          entry.kind === 'announcement' ? (zh ? entry.titleZh : entry.titleEn) : t('announcements.termsTitle', { version: entry.version });
        const body =
          entry.kind === 'announcement'
            ? zh
              ? entry.bodyZh
              : entry.bodyEn
            : t('announcements.termsBody', { date: entry.effectiveOn, summary: zh ? entry.summaryZh : entry.summaryEn });
        return (
          <li key={entry.id}>
            <article aria-labelledby={headingId} className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
              <h2 id={headingId} className="text-base font-semibold">
                {title}
              </h2>
              <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
                <time dateTime={entry.publishedAt}>{t('announcements.published', { at: format.dateTime(new Date(entry.publishedAt), { dateStyle: 'long' }) })}</time>
              </p>
              <p className="mt-2 whitespace-pre-line text-sm">{body}</p>
              {entry.kind === 'terms_amendment' ? (
                <p className="mt-2 text-sm">
                  <Link href={`/terms?version=${entry.version}`} className="font-medium text-brand-700 underline dark:text-sky-300">
                    {t('announcements.readTerms')}
                  </Link>
                </p>
              ) : null}
            </article>
          </li>
        );
      })}
    </ol>
  );
}
