import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { getViewer } from '@/lib/auth/viewer';
import { config } from '@/lib/config';
import { isLocale, LOCALE_COOKIE, localeFromAcceptLanguage, type AppLocale } from './locales';
import { loadMessages } from './messages';

/** The request's locale: the cookie set by the switcher, else the user's saved choice, else Accept-Language. */
export async function resolveLocale(): Promise<AppLocale> {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(fromCookie)) return fromCookie;
  const viewer = await getViewer().catch(() => null);
  if (viewer?.locale) return viewer.locale;
  return localeFromAcceptLanguage((await headers()).get('accept-language'));
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  return { locale, messages: loadMessages(locale), timeZone: config().billingTimeZone };
});
