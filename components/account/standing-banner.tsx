import { getTranslations } from 'next-intl/server';
import type { AccountStanding } from '@/lib/accounts/account-standing';

/** On every page of a closed, terminated or suspended-for-cause account: what the customer can still do. */
export async function StandingBanner({ standing }: { standing: AccountStanding | null }) {
  if (!standing) return null;
  const t = await getTranslations('account.readOnly');
  const text =
    standing.state === 'closed'
      ? t('bannerClosed')
      : standing.state === 'terminated'
        ? t('bannerTerminated')
        : t('bannerSuspended', { reason: standing.reason ?? '—' });
  return (
    <section
      aria-label={text}
      data-testid="standing-banner"
      className="rounded-lg border border-slate-300 bg-slate-100 px-4 py-3 text-sm font-medium text-slate-900 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-100"
    >
      {text}
    </section>
  );
}
