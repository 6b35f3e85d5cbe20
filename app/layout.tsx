import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import { DemoModeBanner } from '@/components/shell/demo-mode-banner';
import { pickMessages } from '@/lib/i18n/pick-messages';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return { title: { default: t('appName'), template: `%s · ${t('appName')}` } };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  // The shell's own client parts need `common`; each page adds its namespaces (components/shell/client-messages.tsx).
  const messages = pickMessages(await getMessages(), ['common']);
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <DemoModeBanner />
        <NextIntlClientProvider messages={messages}>
          {children}
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
