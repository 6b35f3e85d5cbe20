import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/shell/client-messages';
import type { TermsBanner as TermsBannerData } from '@/lib/terms/terms-records';
import { AcknowledgeButton } from './acknowledge-button';
import { ContinuedUseRecorder } from './continued-use-recorder';

/**
 * On every page until the customer acknowledges the latest version of the terms: what changed and
 * when it takes effect. When the customer's continued use of the version in force is not yet on
 * record, the page records it once it is open in the browser (never while rendering).
 */
export async function TermsBanner({ banner, continuedUseDue }: { banner: TermsBannerData | null; continuedUseDue: number | null }) {
  const recorder = continuedUseDue === null ? null : <ContinuedUseRecorder version={continuedUseDue} />;
  if (!banner) return recorder;
  const t = await getTranslations('terms');
  const ta = await getTranslations('account.banner');
  const format = await getFormatter();
  const date = format.dateTime(banner.version.effectiveAt, { dateStyle: 'long' });
  const diffHref = banner.fromVersion ? `/terms/diff?from=${banner.fromVersion}&to=${banner.version.number}` : `/terms?version=${banner.version.number}`;
  return (
    <section
      aria-label={t('banner.label')}
      data-testid="terms-banner"
      className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <div>
        <p className="font-medium">
          {banner.upcoming ? t('banner.upcoming', { version: banner.version.number, date }) : t('banner.inForce', { version: banner.version.number, date })}
        </p>
        <p className="mt-0.5">{t('banner.continued')}</p>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Link href={diffHref} className="font-medium underline underline-offset-2">
          {t('banner.see')}
        </Link>
        <ClientMessages namespaces={['terms.banner']}>
          <AcknowledgeButton version={banner.version.number} />
        </ClientMessages>
        <details className="group">
          <summary className="cursor-pointer rounded-md px-2 py-1 font-medium underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-offset-2">
            {ta('disagree')}
          </summary>
          <div className="mt-2 max-w-md rounded-md border border-amber-300 bg-white p-3 text-amber-950 dark:border-amber-800 dark:bg-amber-900 dark:text-amber-50">
            <p>{ta('disagreeExplain')}</p>
            <Link href="/account/close?from=terms" className="mt-2 inline-block font-medium underline underline-offset-2">
              {ta('closeLink')}
            </Link>
          </div>
        </details>
      </div>
      {recorder}
    </section>
  );
}
