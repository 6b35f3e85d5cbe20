import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

/** The shell header's link to the notice centre with the number of unread notices (counted by the shell's loader). */
export async function UnreadNoticeCount({ count: unread }: { count: number }) {
  const t = await getTranslations('notices');
  return (
    <Link
      href="/notices"
      aria-label={t('shell.label', { count: unread })}
      data-testid="unread-notice-count"
      className="relative inline-flex items-center gap-1 rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5 fill-current">
        <path d="M10 2a6 6 0 0 0-6 6v3.59l-1.7 1.7A1 1 0 0 0 3 15h14a1 1 0 0 0 .7-1.71L16 11.59V8a6 6 0 0 0-6-6Zm0 16a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 10 18Z" />
      </svg>
      <span className="sr-only sm:not-sr-only">{t('shell.link')}</span>
      {unread > 0 ? (
        <span aria-hidden="true" className="min-w-5 rounded-full bg-red-700 px-1.5 text-center text-xs font-semibold leading-5 text-white">
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </Link>
  );
}
