import { sql } from 'drizzle-orm';
import { bigint, boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { staffRoles } from '../../auth/vocabulary';
export { staffRoles, type StaffRole } from '../../auth/vocabulary';

/** A customer account: what owns a wallet, invoices and contacts. Its id is shown to the customer. */
export const customerAccounts = pgTable('customer_accounts', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: ['individual', 'organization'] }).notNull().default('individual'),
  /** Person's or organization's name as declared. */
  name: text('name').notNull(),
  residence: text('residence', { enum: ['CN', 'other'] }),
  /** When the first-sign-in declaration (capacity, residence, terms) was made. Null: not yet. */
  declaredAt: timestamp('declared_at', { withTimezone: true }),
  /** The customer's own low-balance alert threshold in fen; null: no alert. */
  lowBalanceThresholdFen: bigint('low_balance_threshold_fen', { mode: 'bigint' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    /** A provider vouched for the email (users are only created from verified emails; identities link only into verified users). */
    emailVerified: boolean('email_verified').notNull().default(false),
    name: text('name').notNull(),
    /** `en` or `zh-CN`; null: follow the browser. */
    locale: text('locale'),
    /**
     * The account made with the user at first sign-in: where a new session starts while they are
     * still a member of it. Which accounts they may use is `account_members` (lib/db/schema/members.ts).
     */
    accountId: text('account_id')
      .notNull()
      .references(() => customerAccounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_key').on(sql`lower(${t.email})`), index('users_account_idx').on(t.accountId)],
);

/** A third-party sign-in linked to a user; one user may have several. */
export const identities = pgTable(
  'identities',
  {
    provider: text('provider').notNull(),
    subject: text('subject').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    email: text('email'),
    /** The provider said the email is verified (GitHub: primary and verified; OIDC: the `email_verified` claim). */
    emailVerified: boolean('email_verified').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** The last sign-in through this identity (null: none since this was recorded). */
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.provider, t.subject] }), index('identities_user_idx').on(t.userId)],
);

export const userRoles = pgTable(
  'user_roles',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role', { enum: staffRoles }).notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

/**
 * A signed-in browser session. The session cookie (a JWT) only carries this row's id, so a
 * session is revoked by setting `revoked_at`, and impersonation lives here, on the server.
 */
export const authSessions = pgTable(
  'auth_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    provider: text('provider').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /** The sign-in with the provider (a new sign-in is a new row): the session's age and the recent-sign-in rule count from here. */
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Written at most once a minute (lib/auth/session-policy.ts): the idle limit counts from here. */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /**
     * The customer account this session uses (the user must be a member; switched from the user
     * menu). Null only for sessions opened before memberships existed: their user's own account.
     */
    accountId: text('account_id').references(() => customerAccounts.id),
    /** Support impersonation: the customer account viewed, why, and until when. */
    impersonatedAccountId: text('impersonated_account_id').references(() => customerAccounts.id),
    impersonationReason: text('impersonation_reason'),
    impersonationStartedAt: timestamp('impersonation_started_at', { withTimezone: true }),
    impersonationExpiresAt: timestamp('impersonation_expires_at', { withTimezone: true }),
  },
  (t) => [index('auth_sessions_user_idx').on(t.userId), index('auth_sessions_account_idx').on(t.accountId, t.userId)],
);

/**
 * Append-only record of sign-ins, sensitive actions and support access (the database refuses
 * UPDATE and DELETE outside the retention purge).
 */
export const activityRecords = pgTable(
  'activity_records',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** The customer account the record is about (shown in its /activity). */
    accountId: text('account_id'),
    /** Who acted: a user id, or null for the system/platform. */
    actorUserId: uuid('actor_user_id'),
    actorName: text('actor_name'),
    /** e.g. `sign_in`, `sign_out_others`, `impersonation_start`, `impersonated_page_view`, `action_refused` … */
    kind: text('kind').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    impersonation: boolean('impersonation').notNull().default(false),
  },
  (t) => [index('activity_account_at_idx').on(t.accountId, t.at), index('activity_at_idx').on(t.at)],
);

/** A notice to a customer; the site notice centre is the channel of record. */
export const notices = pgTable(
  'notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: text('account_id')
      .notNull()
      .references(() => customerAccounts.id),
    /** e.g. `suspended`, `reinstated`, `penalty_posted`, `low_balance`, `invoice_issued`, `terms_amended`, `support_access`. */
    kind: text('kind').notNull(),
    params: jsonb('params').$type<Record<string, string | number | null>>().notNull().default({}),
    /** Makes creating the notice for one event idempotent. */
    dedupeKey: text('dedupe_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('notices_account_idx').on(t.accountId, t.createdAt), uniqueIndex('notices_dedupe_key').on(t.dedupeKey)],
);
