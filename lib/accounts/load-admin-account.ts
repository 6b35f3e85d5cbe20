import { getWalletSnapshot, type WalletSnapshot } from '@/lib/billing/account-status';
import type { Db } from '@/lib/db/client';
import { listStandingChanges, standingActionsFor, type StandingAction, type StandingChange } from './account-standing';

/** Everything the admin's page of one account shows. */
export interface AdminAccountView {
  wallet: WalletSnapshot;
  /** Closed, terminated or suspended for cause; null: good standing. */
  standing: NonNullable<WalletSnapshot['standing']> | null;
  /** What the admin may do from this standing (none once terminated). */
  actions: StandingAction[];
  changes: StandingChange[];
}

/** One account's standing, its history and the admin's actions; null when there is no such account. */
export async function loadAdminAccount(db: Db, input: { accountId: string }): Promise<AdminAccountView | null> {
  const [wallet, changes] = await Promise.all([getWalletSnapshot(db, input.accountId), listStandingChanges(db, input.accountId)]);
  if (!wallet) return null;
  const standing = wallet.standing ?? null;
  return { wallet, standing, actions: standingActionsFor(standing?.state ?? null), changes };
}
