import { sql } from 'drizzle-orm';
import { bigint, index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { customerAccounts } from './accounts';
import { ledgerAccountKinds, transferKinds } from '../../ledger/vocabulary';
export { ledgerAccountKinds, type LedgerAccountKind, transferKinds, type TransferKind } from '../../ledger/vocabulary';

/**
 * The double-entry ledger. Every posting's `amount_fen` is the change of its ledger account's
 * balance (positive = the account's balance grows); the postings of a transfer sum to zero, so all
 * postings sum to zero. Transfers and postings are append-only (a trigger refuses UPDATE/DELETE):
 * corrections are new transfers. Only `postLedgerTransfers` (lib/ledger/post-transfers.ts) writes them,
 * always through lib/billing's `postAndApply`.
 */

/** A ledger account: one wallet per customer account (`wallet:{accountId}`), plus the operator's own accounts (`operator:{kind}`). */
export const ledgerAccounts = pgTable('ledger_accounts', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: ledgerAccountKinds }).notNull(),
  customerAccountId: text('customer_account_id')
    .unique('ledger_accounts_customer_account_key')
    .references(() => customerAccounts.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A customer's prepaid wallet. `balance_fen` caches Σ of the wallet's postings and is updated by
 * the posting statement itself (checked by `verifyBooks`). `penalty_arrears_fen` is the part of a
 * negative balance that is unpaid penalties (payments settle service arrears first), kept by
 * lib/billing's `postAndApply` in the posting's transaction; `suspended_at` likewise (wallet-status.ts).
 */
export const wallets = pgTable(
  'wallets',
  {
    accountId: text('account_id')
      .primaryKey()
      .references(() => customerAccounts.id),
    ledgerAccountId: text('ledger_account_id')
      .notNull()
      .unique('wallets_ledger_account_key')
      .references(() => ledgerAccounts.id),
    balanceFen: bigint('balance_fen', { mode: 'bigint' }).notNull().default(sql`0`),
    penaltyArrearsFen: bigint('penalty_arrears_fen', { mode: 'bigint' }).notNull().default(sql`0`),
    /** Set when a posting left the balance below zero; null while active. */
    suspendedAt: timestamp('suspended_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // No index may involve balance_fen (not even a partial one's predicate): balance updates then
  // stay HOT (fillfactor 80, migration 0012), which keeps bulk settlement cheap.
  (t) => [index('wallets_suspended_idx').on(t.suspendedAt).where(sql`${t.suspendedAt} is not null`)],
);

export const ledgerTransfers = pgTable(
  'ledger_transfers',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey().generatedByDefaultAsIdentity(),
    /** e.g. `charge:{account}:{service}:{day}`, `penalty:{account}:{period}`, a payment id. Unique: a retry never posts twice. */
    idempotencyKey: text('idempotency_key').notNull().unique('ledger_transfers_idempotency_key'),
    kind: text('kind', { enum: transferKinds }).notNull(),
    /**
     * The customer account whose wallet the transfer moves (null for operator-only transfers).
     * No foreign key: the poster only moves wallets that exist (and wallets reference their
     * account); per-row key checks would dominate bulk settlement. `verifyBooks` checks it.
     */
    customerAccountId: text('customer_account_id'),
    /** When the money moved in the domain's time (a run's `now`, a penalty period's end). */
    effectiveAt: timestamp('effective_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Outside reference (payment id, operator note). */
    reference: text('reference'),
    memo: text('memo'),
  },
  (t) => [index('ledger_transfers_account_idx').on(t.customerAccountId, t.effectiveAt)],
);

/**
 * One leg of a transfer. Referential integrity is the poster's job, checked set-based in the posting
 * statement itself (legs join the transfers inserted by that statement; unknown ledger accounts are
 * refused) and re-checked by `verifyBooks`: per-row foreign-key triggers cost more than the rest of
 * a 300,000-line settlement together.
 */
export const ledgerPostings = pgTable(
  'ledger_postings',
  {
    transferId: bigint('transfer_id', { mode: 'bigint' }).notNull(),
    ledgerAccountId: text('ledger_account_id').notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    /**
     * Wallet postings: the wallet's balance right after this posting was applied (a statement's
     * running balance; within one posting batch in transfer-id order). Null for operator accounts.
     */
    balanceAfterFen: bigint('balance_after_fen', { mode: 'bigint' }),
  },
  (t) => [primaryKey({ columns: [t.transferId, t.ledgerAccountId] })],
);

/** Every suspension and reinstatement of a wallet, in order. */
export const walletStatusChanges = pgTable(
  'wallet_status_changes',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    accountId: text('account_id')
      .notNull()
      .references(() => customerAccounts.id),
    status: text('status', { enum: ['suspended', 'reinstated'] }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    balanceFen: bigint('balance_fen', { mode: 'bigint' }).notNull(),
  },
  (t) => [index('wallet_status_changes_account_idx').on(t.accountId, t.at)],
);
