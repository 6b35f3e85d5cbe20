import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { PENALTY_RATE } from '@/lib/billing/rules';
import { penaltyFor } from '@/lib/billing/penalty-periods';
import type { WalletSnapshot } from '@/lib/billing/account-status';
import { formatCny } from '@/lib/money';
import { ratePercent } from '@/components/charges/format';

/**
 * The balance and the account's status in words: active; or suspended since when, when the grace
 * ends, the penalty each overdue day adds (0.3 % of the service arrears) and what brings it back.
 * The link to top up only for members whose role may (`canTopUp`, from the page: viewers can't).
 */
export async function BalanceCard({ wallet, now, canTopUp }: { wallet: WalletSnapshot; now: Date; canTopUp: boolean }) {
  const t = await getTranslations('overview.balance');
  const locale = await getLocale();
  const format = await getFormatter();
  const money = (fen: bigint) => formatCny(fen, locale);
  const when = (date: Date) => format.dateTime(date, { dateStyle: 'medium', timeStyle: 'short' });
  const suspended = wallet.status === 'suspended' && wallet.suspendedAt && wallet.graceEndsAt;
  const owedFen = wallet.balanceFen < 0n ? -wallet.balanceFen : 0n;

  return (
    <Card aria-labelledby="balance-heading">
      <h2 id="balance-heading" className="text-sm font-medium text-slate-600 dark:text-slate-400">
        {t('heading')}
      </h2>
      <p className="mt-1 text-3xl font-semibold tabular-nums" data-testid="balance">
        {money(wallet.balanceFen)}
      </p>
      <p className="mt-2 text-sm">
        {t('status')}{' '}
        <span
          data-testid="account-status"
          className={`rounded-full px-2 py-0.5 text-xs font-semibold ${suspended ? 'bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100' : 'bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100'}`}
        >
          {suspended ? t('suspended') : t('active')}
        </span>
      </p>
      {suspended && wallet.suspendedAt && wallet.graceEndsAt ? (
        <div className="mt-3 space-y-1 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-950 dark:border-red-900 dark:bg-red-950 dark:text-red-100" data-testid="suspension-details">
          <p>{t('suspendedSince', { at: when(wallet.suspendedAt) })}</p>
          <p>{wallet.graceEndsAt > now ? t('graceEnds', { at: when(wallet.graceEndsAt) }) : t('graceEnded', { at: when(wallet.graceEndsAt) })}</p>
          <p>
            {t('penalty', {
              rate: ratePercent(PENALTY_RATE),
              arrears: money(wallet.serviceArrearsFen),
              amount: money(penaltyFor(wallet.serviceArrearsFen)),
            })}
          </p>
          {wallet.penaltyArrearsFen > 0n ? <p>{t('penaltiesOwed', { amount: money(wallet.penaltyArrearsFen) })}</p> : null}
          <p className="font-semibold">{t('owed', { amount: money(owedFen) })}</p>
        </div>
      ) : null}
      {canTopUp ? (
        <p className="mt-3">
          <Link href="/top-up" className="text-sm font-medium text-brand-700 underline underline-offset-2 dark:text-sky-300">
            {suspended ? t('reinstate') : t('topUp')}
          </Link>
        </p>
      ) : null}
    </Card>
  );
}
