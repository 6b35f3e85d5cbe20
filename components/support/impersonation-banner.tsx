import { eq } from 'drizzle-orm';
import { getTranslations } from 'next-intl/server';
import type { Viewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { customerAccounts } from '@/lib/db/schema';
import { ImpersonationControls } from './impersonation-controls';

/** On every page while support views as a customer: whose portal this is, why, the time left, End. */
export async function ImpersonationBanner({ viewer }: { viewer: Viewer }) {
  const impersonation = viewer.impersonation;
  if (!impersonation) return null;
  const t = await getTranslations('support');
  const [account] = await getDb().select({ name: customerAccounts.name }).from(customerAccounts).where(eq(customerAccounts.id, impersonation.accountId));
  return (
    <section
      aria-label={t('banner.label')}
      data-testid="impersonation-banner"
      className="flex flex-wrap items-center justify-between gap-3 rounded-lg border-2 border-violet-500 bg-violet-50 px-4 py-3 text-sm text-violet-950 dark:border-violet-400 dark:bg-violet-950 dark:text-violet-50"
    >
      <div>
        <p className="font-semibold">{t('banner.viewing', { name: account?.name ?? impersonation.accountId, accountId: impersonation.accountId })}</p>
        <p className="mt-0.5">
          {t('banner.reason', { reason: impersonation.reason })} · {t('banner.readOnly')}
        </p>
      </div>
      <ImpersonationControls accountId={impersonation.accountId} expiresAt={impersonation.expiresAt.toISOString()} serverNow={new Date().toISOString()} />
    </section>
  );
}
