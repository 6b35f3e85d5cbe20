import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { customerAccounts } from './accounts';
import { ledgerTransfers } from './ledger';
import { taxKinds } from '../../catalogue/vocabulary';
import { chargeLineKinds } from '../../billing/vocabulary';
export { chargeLineKinds, type ChargeLineKind } from '../../billing/vocabulary';
export { taxKinds, type TaxKind } from '../../catalogue/vocabulary';

/** A service sold by the operator (compute, storage, traffic …). */
export const services = pgTable('services', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Unit usage is reported in, e.g. `vCPU-hour`. */
  unit: text('unit').notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
});

/** Effective-dated price list: the row with the latest `effective_from` ≤ the service day applies. */
export const prices = pgTable(
  'prices',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    serviceId: text('service_id')
      .notNull()
      .references(() => services.id),
    effectiveFrom: date('effective_from').notNull(),
    /** Yuan per unit excluding tax, up to 6 decimals, exact. */
    unitPrice: numeric('unit_price', { precision: 18, scale: 6 }).notNull(),
    unit: text('unit').notNull(),
    /** Selects the tax rule, e.g. `it_services` (VAT 6 %), `basic_telecom` (VAT 9 %). */
    taxCategory: text('tax_category').notNull(),
  },
  (t) => [uniqueIndex('prices_service_from_key').on(t.serviceId, t.effectiveFrom)],
);

/** Effective-dated tax rules per tax category; a charge uses the rule in force on its service day. */
export const taxRules = pgTable(
  'tax_rules',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    category: text('category').notNull(),
    kind: text('kind', { enum: taxKinds }).notNull(),
    /** e.g. 0.06 */
    rate: numeric('rate', { precision: 7, scale: 6 }).notNull(),
    effectiveFrom: date('effective_from').notNull(),
  },
  (t) => [uniqueIndex('tax_rules_category_from_key').on(t.category, t.effectiveFrom)],
);

/** Usage reported by the platform, idempotent by the caller's event id. */
export const usageEvents = pgTable(
  'usage_events',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => customerAccounts.id),
    serviceId: text('service_id')
      .notNull()
      .references(() => services.id),
    quantity: numeric('quantity', { precision: 38, scale: 9 }).notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    /** The billing-time-zone day of `occurred_at`, fixed when received. */
    serviceDay: date('service_day').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('usage_events_day_key_idx').on(t.serviceDay, t.accountId, t.serviceId)],
);

/**
 * (account, service, day) keys that received usage when their day was (about to be) over: the next
 * run compares their total with what was billed and posts the difference. `revision` grows on
 * every arrival so a key is only cleared when nothing arrived after it was read.
 */
export const usageLateKeys = pgTable(
  'usage_late_keys',
  {
    accountId: text('account_id').notNull(),
    serviceId: text('service_id').notNull(),
    serviceDay: date('service_day').notNull(),
    revision: integer('revision').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.serviceId, t.serviceDay] })],
);

/** Service days whose usage has been settled in full (later usage goes through usage_late_keys). */
export const settledDays = pgTable('settled_days', {
  serviceDay: date('service_day').primaryKey(),
  timeZone: text('time_zone').notNull(),
  settledAt: timestamp('settled_at', { withTimezone: true }).notNull(),
});

/**
 * What the balance paid, line by line: a day's usage per (account, service) (`usage`), later usage
 * for a settled day (`late_usage`, `seq` 1, 2 …) and outage credits (`sla_credit`, negative
 * amounts). Amounts are per line: net, tax = round_half_up(net × rate), gross = net + tax; the
 * line's ledger transfer moved exactly `gross`. Invoices sum lines per service and tax rate.
 */
export const chargeLines = pgTable(
  'charge_lines',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    // No foreign keys on this bulk-written table: lines are built from usage (which references its
    // account and service) and inserted only for transfers posted in the same transaction.
    accountId: text('account_id').notNull(),
    serviceId: text('service_id').notNull(),
    serviceDay: date('service_day').notNull(),
    kind: text('kind', { enum: chargeLineKinds }).notNull(),
    /** 0 for a day's first line of its kind, 1, 2 … for supplementary lines. */
    seq: integer('seq').notNull(),
    /** Usage lines: units billed by this line. Credit lines: outage minutes added by this line. */
    quantity: numeric('quantity', { precision: 38, scale: 9 }).notNull(),
    /** `vCPU-hour` …, or `minute` for credits. */
    unit: text('unit').notNull(),
    /** Yuan per unit (usage lines); null on credit lines. */
    unitPrice: numeric('unit_price', { precision: 18, scale: 6 }),
    netFen: bigint('net_fen', { mode: 'bigint' }).notNull(),
    taxKind: text('tax_kind', { enum: taxKinds }).notNull(),
    taxCategory: text('tax_category').notNull(),
    taxRate: numeric('tax_rate', { precision: 7, scale: 6 }).notNull(),
    taxFen: bigint('tax_fen', { mode: 'bigint' }).notNull(),
    grossFen: bigint('gross_fen', { mode: 'bigint' }).notNull(),
    /** The ledger transfer that moved `gross` (one per line). */
    transferId: bigint('transfer_id', { mode: 'bigint' }).notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    postedAt: timestamp('posted_at', { withTimezone: true }).notNull(),
  },
  // The transfer's idempotency key is unique in the ledger; here one line per transfer. The day-first
  // index grows at its end as days are settled (cheap in bulk).
  (t) => [
    uniqueIndex('charge_lines_transfer_key').on(t.transferId),
    index('charge_lines_account_day_idx').on(t.accountId, t.serviceDay),
    index('charge_lines_day_service_idx').on(t.serviceDay, t.serviceId),
    // Charges under business tax are few (service days before the move to VAT): their statement reads this small index.
    index('charge_lines_business_tax_idx').on(t.accountId, t.serviceDay).where(sql`${t.taxKind} = 'business_tax'`),
  ],
);

/** A qualifying outage reported by the platform, idempotent by the caller's id. */
export const incidents = pgTable(
  'incidents',
  {
    id: text('id').primaryKey(),
    serviceId: text('service_id')
      .notNull()
      .references(() => services.id),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    /** Null while the incident is ongoing (status `investigating`); set once when it is resolved. */
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** The accounts hit; null: every account using the service. */
    accountIds: text('account_ids').array(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** What the platform calls the incident, shown in notices, the banner and /status (optional). */
    titleEn: text('title_en'),
    titleZh: text('title_zh'),
    /** When a later post by the same id last changed it (title, end). */
    updatedAt: timestamp('updated_at', { withTimezone: true }),
  },
  (t) => [
    index('incidents_service_time_idx').on(t.serviceId, t.startedAt, t.endedAt),
    // The outage banner on every page looks for ongoing incidents.
    index('incidents_ongoing_idx').on(t.startedAt).where(sql`${t.endedAt} is null`),
  ],
);

/** (service, day) pairs whose outage credits must be (re)computed at the next run. */
export const creditReviews = pgTable(
  'credit_reviews',
  {
    serviceId: text('service_id').notNull(),
    serviceDay: date('service_day').notNull(),
    revision: integer('revision').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.serviceId, t.serviceDay] })],
);

/** Overdue penalties: one per complete 24-hour overdue period of a suspension. */
export const penalties = pgTable(
  'penalties',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    accountId: text('account_id')
      .notNull()
      .references(() => customerAccounts.id),
    suspendedAt: timestamp('suspended_at', { withTimezone: true }).notNull(),
    /** 1 for the first overdue day after the 24-hour grace. */
    periodIndex: integer('period_index').notNull(),
    periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
    periodEnd: timestamp('period_end', { withTimezone: true }).notNull(),
    /** Outstanding service-charge arrears the penalty was computed on. */
    arrearsFen: bigint('arrears_fen', { mode: 'bigint' }).notNull(),
    rate: numeric('rate', { precision: 7, scale: 6 }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    /** Null when the penalty rounded to zero (the period is still recorded as assessed). */
    transferId: bigint('transfer_id', { mode: 'bigint' }).references(() => ledgerTransfers.id),
  },
  (t) => [
    uniqueIndex('penalties_period_key').on(t.accountId, t.suspendedAt, t.periodIndex),
    index('penalties_account_idx').on(t.accountId, t.periodEnd),
  ],
);

/**
 * The VAT of an overdue penalty (DESIGN "Suspension and overdue penalty"): the VAT-inclusive
 * penalty divided among the tax rates of the service arrears it was computed on, one row per rate.
 * `gross` is the part of the penalty (the parts of a penalty sum to its amount), `tax` = gross × rate
 * / (1 + rate) rounded half up once, `net` = gross − tax. Invoiceable like charge lines.
 */
export const penaltyParts = pgTable(
  'penalty_parts',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    penaltyId: bigint('penalty_id', { mode: 'bigint' })
      .notNull()
      .references(() => penalties.id),
    accountId: text('account_id').notNull(),
    /** The billing-time-zone day the penalty fell due (its period's end): invoices select by it. */
    serviceDay: date('service_day').notNull(),
    taxKind: text('tax_kind', { enum: taxKinds }).notNull(),
    taxRate: numeric('tax_rate', { precision: 7, scale: 6 }).notNull(),
    /** The service arrears at this rate the penalty was divided by. */
    arrearsFen: bigint('arrears_fen', { mode: 'bigint' }).notNull(),
    netFen: bigint('net_fen', { mode: 'bigint' }).notNull(),
    taxFen: bigint('tax_fen', { mode: 'bigint' }).notNull(),
    grossFen: bigint('gross_fen', { mode: 'bigint' }).notNull(),
  },
  (t) => [
    uniqueIndex('penalty_parts_rate_key').on(t.penaltyId, t.taxKind, t.taxRate),
    index('penalty_parts_account_day_idx').on(t.accountId, t.serviceDay),
  ],
);
