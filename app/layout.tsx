import type { Metadata } from 'next';
import { getLocale, getMessages, getTimeZone, getTranslations } from 'next-intl/server';
import { I18nProvider } from '@/components/shell/client-i18n';
import { DemoModeBanner } from '@/components/shell/demo-mode-banner';
import { pickMessages } from '@/lib/i18n/pick-messages';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return { title: { default: t('appName'), template: `%s · ${t('appName')}` } };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [locale, timeZone] = await Promise.all([getLocale(), getTimeZone()]);
  // The shell's own client parts need `common`; each page adds its namespaces (components/shell/client-messages.tsx).
  const messages = pickMessages(await getMessages(), ['common']);
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <DemoModeBanner />
        <I18nProvider locale={locale} timeZone={timeZone} messages={messages}>
          {children}
        </I18nProvider>
      </body>
    </html>
  );
}
