import { useFormatter, useTranslations } from 'next-intl';
import type { CaseMessage } from '@/lib/support-cases/queries';

/** The messages of a question, oldest first, each with who wrote it and when. */
export function CaseThread({ thread, viewerIsCustomer }: { thread: CaseMessage[]; viewerIsCustomer: boolean }) {
  const t = useTranslations('supportCases.thread');
  const format = useFormatter();
  return (
    <section aria-labelledby="thread-heading" className="mb-6">
      <h2 id="thread-heading" className="mb-3 text-lg font-semibold">
        {t('heading')}
      </h2>
      <ol className="space-y-3">
        {thread.map((m) => (
          <li
            key={m.id.toString()}
            data-testid="case-message"
            data-author={m.authorKind}
            className={`rounded-xl border p-4 ${m.authorKind === 'staff' ? 'border-sky-200 bg-sky-50 dark:border-sky-900 dark:bg-sky-950' : 'border-slate-200 dark:border-slate-800'}`}
          >
            <p className="text-xs text-slate-600 dark:text-slate-400">
              {t('wrote', {
                name: viewerIsCustomer && m.authorKind === 'customer' ? t('you') : m.authorName,
                role: m.authorKind === 'staff' ? t('support') : t('customer'),
                at: format.dateTime(m.createdAt, { dateStyle: 'medium', timeStyle: 'short' }),
              })}
            </p>
            <p className="mt-1 whitespace-pre-wrap break-words">{m.body}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
