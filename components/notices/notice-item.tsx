import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import type { NoticeEntry } from '@/lib/notices/notice-centre';
import { renderNotice } from '@/lib/notices/render-notice';
import { MarkReadButton } from './mark-read-button';

/** One notice: title, text (in the reader's language), when, read state, and where else it was sent. */
export async function NoticeItem({ notice, readOnly }: { notice: NoticeEntry; readOnly: boolean }) {
  const t = await getTranslations('notices');
  const format = await getFormatter();
  const locale = await getLocale();
  const { title, body } = renderNotice(notice.kind, notice.params, locale);
  const unread = notice.readAt === null;
  const headingId = `notice-${notice.id}`;
  return (
    <li>
      <article
        aria-labelledby={headingId}
        className={
          unread
            ? 'rounded-xl border border-brand-600/40 bg-white p-4 shadow-sm dark:border-sky-700 dark:bg-slate-900'
            : 'rounded-xl border border-slate-200 bg-slate-50 p-4 dark:border-slate-800 dark:bg-slate-950'
        }
      >
        <div className="flex flex-wrap items-start justify-between gap-2">
          <h2 id={headingId} className={unread ? 'text-base font-semibold' : 'text-base font-medium text-slate-700 dark:text-slate-300'}>
            {unread ? (
              <span className="mr-2 rounded-full bg-brand-600 px-2 py-0.5 align-middle text-xs font-medium text-white">{t('unread')}</span>
            ) : (
              <span className="sr-only">{t('read')}: </span>
            )}
            {title}
          </h2>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            <time dateTime={notice.createdAt.toISOString()}>{t('postedAt', { at: format.dateTime(notice.createdAt, { dateStyle: 'medium', timeStyle: 'short' }) })}</time>
          </p>
        </div>
        {body ? <p className="mt-2 text-sm">{body}</p> : null}
        <div className="mt-3 flex flex-wrap items-center justify-between gap-2">
          {notice.deliveries.length > 0 ? (
            <p className="text-xs text-slate-600 dark:text-slate-400">
              {t('delivery.heading')}:{' '}
              {notice.deliveries.map((d, i) => (
                <span key={`${d.channel}-${i}`}>
                  {i > 0 ? ' · ' : ''}
                  {t(`delivery.${d.channel}`)} ({t(`delivery.${d.status}`)})
                </span>
              ))}
            </p>
          ) : (
            <span />
          )}
          {unread ? <MarkReadButton noticeId={notice.id} label={t('markRead')} disabled={readOnly} /> : null}
        </div>
      </article>
    </li>
  );
}
