/**
 * Kinds of ledger accounts and transfers: the domain's words, plain data (safe for client
 * components), imported by the schema (lib/db/schema, by relative path for drizzle-kit) and re-
 * exported there.
 */

export const ledgerAccountKinds = [
  'wallet',
  'cash',
  'revenue',
  'vat_payable',
  'business_tax_payable',
  'penalty_income',
  'sla_credits',
  'adjustments',
] as const;
export type LedgerAccountKind = (typeof ledgerAccountKinds)[number];

export const transferKinds = ['top_up', 'adjustment', 'charge', 'late_charge', 'sla_credit', 'penalty', 'refund', 'chargeback', 'chargeback_reversal'] as const;
export type TransferKind = (typeof transferKinds)[number];
