import { bigint, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { customerAccounts, users } from './accounts';
import { termsRecordKinds } from '../../terms/vocabulary';
export { termsRecordKinds, type TermsRecordKind } from '../../terms/vocabulary';

/**
 * One published version of the terms of use. `source` is the operator's bilingual text (English
 * with Chinese passages, the format of `lib/terms/content/*.txt`); it is parsed for display and
 * never edited after publishing: a change is a new version.
 */
export const termsVersions = pgTable(
  'terms_versions',
  {
    /** 1, 2, 3 … in publishing order; shown to readers and used in URLs. */
    number: integer('number').primaryKey(),
    source: text('source').notNull(),
    summaryEn: text('summary_en').notNull(),
    summaryZh: text('summary_zh').notNull(),
    /** The calendar date the version takes effect, in the operator's time zone. */
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    /** Start of `effectiveOn` in the operator's time zone: the version is current from this instant. */
    effectiveAt: timestamp('effective_at', { withTimezone: true }).notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    /** Null for the version shipped with the portal. */
    publishedByUserId: uuid('published_by_user_id').references(() => users.id),
  },
  (t) => [check('terms_versions_number_positive', sql`${t.number} > 0`), index('terms_versions_effective_idx').on(t.effectiveAt)],
);

/**
 * Who saw, used the portal under, accepted (first-sign-in declaration) or acknowledged (amendment
 * banner) which version, and when. One row per (account, user, version, kind): the first time counts.
 */
export const termsRecords = pgTable(
  'terms_records',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    accountId: text('account_id')
      .notNull()
      .references(() => customerAccounts.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    versionNumber: integer('version_number')
      .notNull()
      .references(() => termsVersions.number),
    kind: text('kind', { enum: termsRecordKinds }).notNull(),
    /** Where it happened: `declaration`, `banner`, `terms_page`, `diff_page`, `portal`, `seed`. */
    via: text('via').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('terms_records_once').on(t.accountId, t.userId, t.versionNumber, t.kind),
    index('terms_records_version_idx').on(t.versionNumber, t.kind),
  ],
);

export type TermsVersionRow = typeof termsVersions.$inferSelect;
export type TermsRecordRow = typeof termsRecords.$inferSelect;
