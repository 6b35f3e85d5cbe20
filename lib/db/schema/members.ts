import { sql } from 'drizzle-orm';
import { index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { memberRoles } from '../../members/roles';
import { customerAccounts, users } from './accounts';

export { memberRoles, type MemberRole } from '../../members/roles';

/**
 * Who may use a customer account, and as what: `owner` (everything, including members and closing
 * the account), `billing` (top-ups, invoices and titles, contact details), `viewer` (read only).
 * Every account has at least one owner (lib/members/membership.ts keeps the last one). A user made
 * at first sign-in is the owner of the account made with them: a database trigger writes that row
 * for every new user (migration `members-backfill`), so no path can make a user without it.
 */
export const accountMembers = pgTable(
  'account_members',
  {
    accountId: text('account_id')
      .notNull()
      .references(() => customerAccounts.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role', { enum: memberRoles }).notNull(),
    /** Who invited them (null: the account was made with them). */
    invitedByUserId: uuid('invited_by_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.userId] }), index('account_members_user_idx').on(t.userId)],
);

/**
 * An invitation to join an account: valid 7 days, used once. Only a hash of the link's token is
 * kept; the link itself is shown once to the owner and sent by email through the outbox.
 */
export const accountInvitations = pgTable(
  'account_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: text('account_id')
      .notNull()
      .references(() => customerAccounts.id),
    /** Lower-case: the address whose verified owner may accept. */
    email: text('email').notNull(),
    role: text('role', { enum: memberRoles }).notNull(),
    /** SHA-256 of the token in the link, hex. */
    tokenHash: text('token_hash').notNull(),
    invitedByUserId: uuid('invited_by_user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedByUserId: uuid('accepted_by_user_id'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('account_invitations_token_key').on(t.tokenHash),
    index('account_invitations_account_idx').on(t.accountId, t.createdAt),
    index('account_invitations_email_idx').on(sql`lower(${t.email})`),
  ],
);
