import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import { pickMessages } from '@/lib/i18n/pick-messages';

/**
 * Sends the browser only the messages its client components below need: the listed namespaces
 * (or branches, `support.banner`) plus `common`. Server components keep reading every message on
 * the server; without this, every area's messages would be in every page's HTML.
 */
export async function ClientMessages({ namespaces, children }: { namespaces: readonly string[]; children: React.ReactNode }) {
  const messages = await getMessages();
  return <NextIntlClientProvider messages={pickMessages(messages, ['common', ...namespaces])}>{children}</NextIntlClientProvider>;
}
