import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/shell/client-messages';
import type { AccuracyPrompt } from '@/lib/contact/contact-details';
import { formatPhone } from '@/lib/contact/phone';
import { ConfirmAccuracyButton } from './confirm-accuracy-button';

/**
 * On every page while the customer should check their contact details: 180 days after the last
 * confirmation, or after a message to one of them bounced. Gone once they confirm or correct.
 */
export async function ContactAccuracyBanner({ prompt, impersonating }: { prompt: AccuracyPrompt | null; impersonating: boolean }) {
  if (!prompt) return null;
  const t = await getTranslations('contact');
  const format = await getFormatter();
  const text =
    prompt.reason === 'bounced'
      ? t('banner.bounced', { destination: prompt.channel === 'phone' ? formatPhone(prompt.destination) : prompt.destination })
      : prompt.lastConfirmedAt
        ? t('banner.stale', { date: format.dateTime(prompt.lastConfirmedAt, { dateStyle: 'long' }) })
        : t('banner.staleNever');
  return (
    <section
      aria-label={t('banner.label')}
      className="flex flex-wrap items-center gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <p className="min-w-0 flex-1">{text}</p>
      <Link href="/contact" className="font-medium underline underline-offset-2">
        {t('banner.review')}
      </Link>
      <ClientMessages namespaces={['contact.working', 'contact.accuracy']}>
        <ConfirmAccuracyButton variant="secondary" disabled={impersonating} />
      </ClientMessages>
    </section>
  );
}
