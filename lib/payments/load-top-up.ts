import type { PortalConfig } from '@/lib/config';
import type { Db } from '@/lib/db/client';
import { getWalletSnapshot } from '@/lib/billing/account-status';
import { listAccountPayments, type PaymentView } from './payment-queries';
import { offeredPaymentProviders, type OfferedProvider } from './providers';
import { amountToReinstateFen, presetAmountsFen, topUpLimits, type TopUpLimits } from './top-up-amount';

/** How many of the account's latest top-ups the page lists. */
export const TOP_UP_HISTORY = 10;

/** Everything the top-up page shows, for one account. */
export interface TopUpView {
  balanceFen: bigint;
  suspended: boolean;
  /** What to top up to be active again (the arrears, at least the minimum); null when nothing is owed. */
  reinstateFen: bigint | null;
  limits: TopUpLimits;
  presetsFen: bigint[];
  /** The payment methods offered; none means card top-ups are not available here. */
  offered: OfferedProvider[];
  payments: PaymentView[];
}

/** The top-up page of an account. Support viewing as the customer never gets a payable checkout link. */
export async function loadTopUp(
  db: Db,
  cfg: PortalConfig,
  input: { accountId: string; impersonating: boolean; now: Date },
): Promise<TopUpView> {
  const limits = topUpLimits(cfg);
  const [wallet, payments] = await Promise.all([
    getWalletSnapshot(db, input.accountId),
    listAccountPayments(db, input.accountId, input.now, { impersonating: input.impersonating }, TOP_UP_HISTORY),
  ]);
  const balanceFen = wallet?.balanceFen ?? 0n;
  const suspended = wallet?.status === 'suspended';
  return {
    balanceFen,
    suspended,
    reinstateFen: suspended || balanceFen < 0n ? amountToReinstateFen(balanceFen, limits) : null,
    limits,
    presetsFen: presetAmountsFen(limits),
    offered: offeredPaymentProviders(cfg),
    payments,
  };
}
