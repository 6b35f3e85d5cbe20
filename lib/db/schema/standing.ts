import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { customerAccounts, users } from './accounts';
import { accountStandingStates } from '../../accounts/vocabulary';
export { accountStandingStates, type AccountStandingState } from '../../accounts/vocabulary';

/** A customer account's standing beyond its wallet (states: lib/accounts/vocabulary.ts). No row: in good standing. */
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
