import { getLocale, getMessages, getTimeZone } from 'next-intl/server';
import { pickMessages } from '@/lib/i18n/pick-messages';
import { I18nProvider } from './client-i18n';

/**
 * Sends the browser only the messages its client components below need: the listed namespaces
 * (or branches, `support.banner`) plus `common`. Server components keep reading every message on
 * the server; without this, every area's messages would be in every page's HTML. Client components
 * read them with `useTranslations` from `./client-i18n` (never next-intl's client runtime).
 */
export async function ClientMessages({ namespaces, children }: { namespaces: readonly string[]; children: React.ReactNode }) {
  const [locale, timeZone, messages] = await Promise.all([getLocale(), getTimeZone(), getMessages()]);
  return (
    <I18nProvider locale={locale} timeZone={timeZone} messages={pickMessages(messages, ['common', ...namespaces])}>
      {children}
    </I18nProvider>
  );
}
