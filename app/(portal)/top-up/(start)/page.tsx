import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { PaymentHistory } from '@/components/top-up/payment-history';
import { CardTopUpsUnavailable } from '@/components/top-up/card-top-ups-unavailable';
import { TopUpForm } from '@/components/top-up/top-up-form';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireViewer } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { getWalletSnapshot } from '@/lib/billing/account-status';
import { fenToDecimalString, formatCny } from '@/lib/money';
import { listAccountPayments } from '@/lib/payments/payment-queries';
import { offeredPaymentProviders } from '@/lib/payments/providers';
import { amountToReinstateFen, presetAmountsFen, topUpLimits } from '@/lib/payments/top-up-amount';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('topup');
  return { title: t('title') };
}

export default async function TopUpPage() {
  const viewer = await requireViewer('/top-up');
  const t = await getTranslations('topup');
  const locale = await getLocale();
  const cfg = config();
  const db = getDb();
  const now = new Date();
  const limits = topUpLimits(cfg);
  const [wallet, payments] = await Promise.all([getWalletSnapshot(db, viewer.accountId), listAccountPayments(db, viewer.accountId, now, { impersonating: viewer.impersonation !== null }, 10)]);
  const balanceFen = wallet?.balanceFen ?? 0n;
  const suspended = wallet?.status === 'suspended';
  const reinstateFen = suspended || balanceFen < 0n ? amountToReinstateFen(balanceFen, limits) : null;
  const money = (fen: bigint) => formatCny(fen, locale);
  const option = (fen: bigint) => ({ value: fenToDecimalString(fen), label: money(fen) });
  const offered = offeredPaymentProviders(cfg);

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <div className="space-y-6">
        {viewer.impersonation ? <Alert tone="info">{t('readOnly')}</Alert> : null}
        <Card aria-labelledby="top-up-balance-heading">
          <h2 id="top-up-balance-heading" className="text-sm font-medium text-slate-600 dark:text-slate-400">
            {t('balance.heading')}
          </h2>
          <p className="mt-1 text-2xl font-semibold tabular-nums" data-testid="top-up-balance">
            {money(balanceFen)}
          </p>
          <p className="mt-1 text-sm">
            {t('balance.status')}: <span data-testid="top-up-account-status">{suspended ? t('balance.suspended') : t('balance.active')}</span>
          </p>
        </Card>
        {reinstateFen !== null ? (
          <Alert tone="warning">
            <p className="font-semibold">{t('reinstate.title')}</p>
            <p className="mt-1" data-testid="reinstate-amount">
              {t('reinstate.body', { amount: money(reinstateFen) })}
            </p>
            {reinstateFen > limits.maxFen ? <p className="mt-1">{t('reinstate.tooLarge', { max: money(limits.maxFen), amount: money(reinstateFen) })}</p> : null}
          </Alert>
        ) : null}
        {offered.length > 0 ? (
          <TopUpForm
            presets={presetAmountsFen(limits).map(option)}
            reinstate={
              reinstateFen !== null && reinstateFen <= limits.maxFen
                ? { value: fenToDecimalString(reinstateFen), label: t('reinstate.use', { amount: money(reinstateFen) }) }
                : null
            }
            providers={offered.map((p) => ({
              value: p.name,
              label: t(`providers.${p.name}.label`),
              note: t(`providers.${p.name}.note`),
              limitsHint: t('form.amountHint', { min: money(p.limits.minFen), max: money(p.limits.maxFen) }),
            }))}
            disabled={Boolean(viewer.impersonation)}
          />
        ) : (
          <CardTopUpsUnavailable seller={cfg.seller} accountId={viewer.accountId} />
        )}
        <PaymentHistory payments={payments} />
      </div>
    </>
  );
}
