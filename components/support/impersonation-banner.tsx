import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/shell/client-messages';
import type { ImpersonationBannerData } from '@/lib/shell/load-shell';
import { ImpersonationControls } from './impersonation-controls';

/** On every page while support views as a customer: whose portal this is, why, the time left, End. */
export async function ImpersonationBanner({ impersonation }: { impersonation: ImpersonationBannerData | null }) {
  if (!impersonation) return null;
  const t = await getTranslations('support');
  return (
    <section
      aria-label={t('banner.label')}
      data-testid="impersonation-banner"
      className="flex flex-wrap items-center justify-between gap-3 rounded-lg border-2 border-violet-500 bg-violet-50 px-4 py-3 text-sm text-violet-950 dark:border-violet-400 dark:bg-violet-950 dark:text-violet-50"
    >
      <div>
        <p className="font-semibold">{t('banner.viewing', { name: impersonation.accountName ?? impersonation.accountId, accountId: impersonation.accountId })}</p>
        <p className="mt-0.5">
          {t('banner.reason', { reason: impersonation.reason })} · {t('banner.readOnly')}
        </p>
      </div>
      <ClientMessages namespaces={['support.banner']}>
        <ImpersonationControls accountId={impersonation.accountId} expiresAt={impersonation.expiresAt.toISOString()} serverNow={new Date().toISOString()} />
      </ClientMessages>
    </section>
  );
}
