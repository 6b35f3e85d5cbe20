import type { TaxKind } from '@/lib/db/schema';

/** The operator's own ledger accounts (created by migration 0004). */
export const OPERATOR = {
  cash: 'operator:cash',
  revenue: 'operator:revenue',
  vatPayable: 'operator:vat_payable',
  businessTaxPayable: 'operator:business_tax_payable',
  penaltyIncome: 'operator:penalty_income',
  slaCredits: 'operator:sla_credits',
  adjustments: 'operator:adjustments',
} as const;

export const WALLET_PREFIX = 'wallet:';

/** The ledger account of a customer's wallet. */
export function walletLedgerAccountId(accountId: string): string {
  return `${WALLET_PREFIX}${accountId}`;
}

/** Where the tax of a charge is owed. */
export function taxPayableAccount(kind: TaxKind): string {
  return kind === 'vat' ? OPERATOR.vatPayable : OPERATOR.businessTaxPayable;
}
