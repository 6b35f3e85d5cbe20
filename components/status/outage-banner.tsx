import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import type { OngoingOutage } from '@/lib/billing/incident-status';

/**
 * On every portal page while an outage hits the account: which services, since when, and that the
 * time is credited once resolved. Fed by props (the shell loads the outages); renders nothing when none.
 */
export async function OutageBanner({ outages, timeZone }: { outages: OngoingOutage[]; timeZone: string }) {
  if (outages.length === 0) return null;
  const t = await getTranslations('public');
  const charges = await getTranslations('charges');
  const format = await getFormatter();
  const zh = (await getLocale()) === 'zh-CN';
  const serviceName = (id: string) => (charges.has(`services.${id}`) ? charges(`services.${id}` as 'services.compute') : id);
  return (
    <section
      aria-label={t('banner.label')}
      data-testid="outage-banner"
      className="rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
    >
      <p className="font-medium">{t('banner.heading', { count: outages.length })}</p>
      <ul className="mt-1 list-disc pl-5">
        {outages.map((o) => (
          <li key={o.id}>
            {t('banner.item', {
              title: (zh ? o.titleZh : o.titleEn) ?? t('status.untitled', { service: serviceName(o.serviceId) }),
              at: format.dateTime(new Date(o.startedAt), { dateStyle: 'medium', timeStyle: 'short', timeZone }),
            })}
          </li>
        ))}
      </ul>
      <p className="mt-1">
        {t('banner.credit')}{' '}
        <Link href="/status" className="font-medium underline underline-offset-2">
          {t('banner.statusLink')}
        </Link>
      </p>
    </section>
  );
}
