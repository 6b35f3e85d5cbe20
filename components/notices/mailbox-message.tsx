import { getFormatter, getTranslations } from 'next-intl/server';
import { formatPhone } from '@/lib/contact/phone';
import type { MailboxMessage } from '@/lib/notices/mailbox';

/** One message in the demo mailbox: emails with their rendered HTML (sandboxed), SMS as text. */
export async function MailboxMessageItem({ message }: { message: MailboxMessage }) {
  const t = await getTranslations('notices.mailbox');
  const format = await getFormatter();
  const headingId = `mail-${message.id}`;
  const to = message.channel === 'sms' ? formatPhone(message.recipient) : message.recipient;
  return (
    <li>
      <article aria-labelledby={headingId} data-recipient={message.recipient} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <h2 id={headingId} className="text-base font-semibold">
          {message.channel === 'email' ? (message.subject ?? t('noSubject')) : t('sms')}
        </h2>
        <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-xs text-slate-600 dark:text-slate-400">
          <dt>{t('channel')}</dt>
          <dd>{message.channel === 'email' ? t('email') : t('sms')}</dd>
          <dt>{t('to')}</dt>
          <dd className="font-mono">{to}</dd>
          <dt>{t('sentAt')}</dt>
          <dd>
            <time dateTime={message.createdAt.toISOString()}>{format.dateTime(message.createdAt, { dateStyle: 'medium', timeStyle: 'medium' })}</time>
          </dd>
          {message.attachments.length > 0 ? (
            <>
              <dt>{t('attachments')}</dt>
              <dd>
                <ul data-testid="mailbox-attachments">
                  {message.attachments.map((a) => (
                    <li key={a.filename}>
                      <span className="font-mono">{a.filename}</span> ({a.contentType}, {t('attachmentSize', { kb: Math.max(1, Math.round(a.size / 1024)) })})
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
        </dl>
        <p className="mt-3 whitespace-pre-wrap break-words text-sm">{message.bodyText}</p>
        {message.bodyHtml ? (
          <details className="mt-3">
            <summary className="cursor-pointer text-sm font-medium text-brand-700 dark:text-sky-300">{t('showEmail')}</summary>
            <iframe title={t('emailPreview', { to })} sandbox="" srcDoc={message.bodyHtml} className="mt-2 h-96 w-full rounded border border-slate-200 bg-white dark:border-slate-700" />
          </details>
        ) : null}
      </article>
    </li>
  );
}
