import { createTranslator } from 'next-intl';
import enContact from '@/lib/i18n/messages/en/contact.json';
import enNotices from '@/lib/i18n/messages/en/notices.json';
import zhContact from '@/lib/i18n/messages/zh-CN/contact.json';
import zhNotices from '@/lib/i18n/messages/zh-CN/notices.json';

/** Languages messages to customers are written in; anything else falls back to English. */
export type MessageLocale = 'en' | 'zh-CN';

export function messageLocale(locale: string | null | undefined): MessageLocale {
  return locale === 'zh-CN' ? 'zh-CN' : 'en';
}

const catalogues = {
  en: { notices: enNotices, contact: enContact },
  'zh-CN': { notices: zhNotices, contact: zhContact },
} as const;

/** A translator outside a request (the outbox worker, code messages), in the recipient's language. */
export function noticesTranslator(locale: MessageLocale) {
  return createTranslator({ locale, messages: catalogues[locale], namespace: 'notices' });
}

export function contactTranslator(locale: MessageLocale) {
  return createTranslator({ locale, messages: catalogues[locale], namespace: 'contact' });
}
