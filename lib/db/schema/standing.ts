import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { customerAccounts, users } from './accounts';

/**
 * Standing of a customer account beyond its wallet (issue 15 "Closing an account"): closed by the
 * customer, terminated for cause by an admin, or suspended for cause by an admin (lifted by an
 * admin). No row: in good standing. The wallet's own suspension (negative balance) is separate.
 */
export const accountStandingStates = ['closed', 'terminated', 'suspended_for_cause'] as const;
export type AccountStandingState = (typeof accountStandingStates)[number];

export const accountStandings = pgTable('account_standings', {
  accountId: text('account_id')
    .primaryKey()
    .references(() => customerAccounts.id),
  state: text('state', { enum: accountStandingStates }).notNull(),
  reason: text('reason'),
  since: timestamp('since', { withTimezone: true }).notNull(),
  byUserId: uuid('by_user_id').references(() => users.id),
});

/** Every change of standing, in order (closing, termination, suspension for cause and its lifting). */
export const accountStandingChanges = pgTable(
  'account_standing_changes',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    accountId: text('account_id')
      .notNull()
      .references(() => customerAccounts.id),
    change: text('change', { enum: ['closed', 'terminated', 'suspended_for_cause', 'suspension_lifted'] }).notNull(),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull(),
    byUserId: uuid('by_user_id').references(() => users.id),
  },
  (t) => [index('account_standing_changes_account_idx').on(t.accountId, t.at)],
);
