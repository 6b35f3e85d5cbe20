import { bigint, date, index, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { services, taxKinds } from './billing';
import { priceChangeKinds } from '../../catalogue/vocabulary';
export { priceChangeKinds, type PriceChangeKind } from '../../catalogue/vocabulary';

/** An operator announcement published by an admin, in both languages (public on /announcements). */
export const announcements = pgTable(
  'announcements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    titleEn: text('title_en').notNull(),
    titleZh: text('title_zh').notNull(),
    bodyEn: text('body_en').notNull(),
    bodyZh: text('body_zh').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    publishedByUserId: uuid('published_by_user_id').references(() => users.id),
  },
  (t) => [index('announcements_published_idx').on(t.publishedAt)],
);

/**
 * A scheduled change of the price list or of a tax rule. Scheduling inserts the effective-dated row
 * the billing reads (`prices` / `tax_rules`, ids kept here); withdrawing it before it takes effect
 * deletes that row again and records who withdrew it. The rows here are the history of changes.
 */
export const priceChanges = pgTable(
  'price_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: priceChangeKinds }).notNull(),
    /** Price changes: the service. */
    serviceId: text('service_id').references(() => services.id),
    /** Price changes: the service's tax category from then on; tax-rule changes: the category. */
    taxCategory: text('tax_category').notNull(),
    /** Price changes: yuan per unit excluding VAT. */
    unitPrice: numeric('unit_price', { precision: 18, scale: 6 }),
    /** Tax-rule changes: kind and rate. */
    taxKind: text('tax_kind', { enum: taxKinds }),
    taxRate: numeric('tax_rate', { precision: 7, scale: 6 }),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    /** The catalogue row the change inserted (no foreign key: a withdrawal deletes that row). */
    priceId: bigint('price_id', { mode: 'bigint' }),
    taxRuleId: bigint('tax_rule_id', { mode: 'bigint' }),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }).notNull(),
    scheduledByUserId: uuid('scheduled_by_user_id').references(() => users.id),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnByUserId: uuid('withdrawn_by_user_id').references(() => users.id),
  },
  (t) => [index('price_changes_effective_idx').on(t.effectiveFrom)],
);
