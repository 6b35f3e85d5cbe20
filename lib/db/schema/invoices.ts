import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { customerAccounts, users } from './accounts';
import { chargeLines, penaltyParts } from './billing';
import { invoiceTitleTypes, invoiceTypes, invoiceKinds, invoiceStatuses, type InvoiceTitleType } from '../../invoices/vocabulary';
export { invoiceTitleTypes, type InvoiceTitleType, invoiceTypes, type InvoiceType, invoiceKinds, type InvoiceKind, invoiceStatuses, type InvoiceStatus } from '../../invoices/vocabulary';

/** PDF bytes as PostgreSQL `bytea` (Buffer from pg, Uint8Array from PGlite; both are Uint8Array). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength)),
  fromDriver: (value) => (value instanceof Uint8Array ? value : new Uint8Array(value as ArrayBuffer)),
});

/**
 * A saved invoice title (发票抬头): several per account, one default. Organizations carry a taxpayer
 * ID; the four special-invoice fields are needed only for a special VAT invoice.
 */
export const invoiceTitles = pgTable(
  'invoice_titles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: text('account_id')
      .notNull()
      .references(() => customerAccounts.id),
    type: text('type', { enum: invoiceTitleTypes }).notNull(),
    name: text('name').notNull(),
    /** Normalized (upper-case, no spaces); null for individuals. */
    taxpayerId: text('taxpayer_id'),
    /** The customer confirmed an ID whose GB 32100 check character does not match. */
    taxpayerIdCheckFailed: boolean('taxpayer_id_check_failed').notNull().default(false),
    registeredAddress: text('registered_address'),
    phone: text('phone'),
    bankName: text('bank_name'),
    bankAccount: text('bank_account'),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('invoice_titles_account_idx').on(t.accountId),
    uniqueIndex('invoice_titles_one_default').on(t.accountId).where(sql`${t.isDefault}`),
  ],
);

/** The buyer as printed, copied from the title when requested (a later title edit changes nothing). */
export interface InvoiceBuyerSnapshot {
  type: InvoiceTitleType;
  name: string;
  taxpayerId?: string;
  /** The customer confirmed an ID whose check character does not match (finance sees a flag). */
  taxpayerIdCheckFailed?: boolean;
  address?: string;
  phone?: string;
  bank?: string;
  account?: string;
}

/** An InvoiceDocument with amounts as fen strings (JSON has no bigint). */
export interface StoredInvoiceDocument {
  lines: { service: string; taxRate: string; chargeCount: number; net: string; tax: string; gross: string }[];
  totalsByRate: { taxRate: string; net: string; tax: string; gross: string }[];
  total: { net: string; tax: string; gross: string };
  totalInCapitals: string;
}

/**
 * Invoice requests, issued invoices and credit notes (red invoices). Once issued, the number,
 * amounts, document and PDF are frozen (a trigger refuses changes); the only change an issued
 * invoice accepts is being marked `credited` when its credit note is issued.
 */
export const invoices = pgTable(
  'invoices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: text('account_id')
      .notNull()
      .references(() => customerAccounts.id),
    type: text('type', { enum: invoiceTypes }).notNull(),
    kind: text('kind', { enum: invoiceKinds }).notNull(),
    status: text('status', { enum: invoiceStatuses }).notNull(),
    titleId: uuid('title_id').references(() => invoiceTitles.id, { onDelete: 'set null' }),
    buyer: jsonb('buyer').$type<InvoiceBuyerSnapshot>().notNull(),
    recipientEmails: text('recipient_emails').array().notNull().default(sql`'{}'::text[]`),
    /** First and last service day covered (inclusive). */
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    netFen: bigint('net_fen', { mode: 'bigint' }).notNull(),
    taxFen: bigint('tax_fen', { mode: 'bigint' }).notNull(),
    grossFen: bigint('gross_fen', { mode: 'bigint' }).notNull(),
    document: jsonb('document').$type<StoredInvoiceDocument>().notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    requestedBy: uuid('requested_by').references(() => users.id),
    /** e.g. INV-2026-000001: year of issue and a gap-free sequence per year. */
    number: text('number'),
    numberYear: integer('number_year'),
    numberSeq: integer('number_seq'),
    issuedAt: timestamp('issued_at', { withTimezone: true }),
    issuedBy: uuid('issued_by').references(() => users.id),
    pdf: bytea('pdf'),
    rejectedAt: timestamp('rejected_at', { withTimezone: true }),
    rejectedBy: uuid('rejected_by').references(() => users.id),
    rejectReason: text('reject_reason'),
    /** Credit notes: the issued invoice reversed (one credit note per invoice). */
    reversesInvoiceId: uuid('reverses_invoice_id').references((): AnyPgColumn => invoices.id),
    creditedAt: timestamp('credited_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('invoices_number_key').on(t.number),
    uniqueIndex('invoices_year_seq_key').on(t.numberYear, t.numberSeq),
    uniqueIndex('invoices_reverses_key').on(t.reversesInvoiceId),
    index('invoices_account_idx').on(t.accountId, t.requestedAt),
    index('invoices_status_idx').on(t.status, t.requestedAt),
    index('invoices_issued_idx').on(t.issuedAt),
  ],
);

/**
 * The charge lines an invoice covers. A charge is in at most one live invoice: the unique index
 * holds among rows not released, and a rejection or credit note releases its invoice's rows (in
 * its own transaction), which frees the charges while keeping the record of what was covered.
 */
export const invoiceCharges = pgTable(
  'invoice_charges',
  {
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    chargeLineId: bigint('charge_line_id', { mode: 'bigint' })
      .notNull()
      .references(() => chargeLines.id),
    releasedAt: timestamp('released_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.invoiceId, t.chargeLineId] }),
    uniqueIndex('invoice_charges_live_charge_key').on(t.chargeLineId).where(sql`${t.releasedAt} is null`),
  ],
);

/** The penalty parts an invoice covers (overdue penalties are invoiceable like charges), released like `invoice_charges`. */
export const invoicePenaltyParts = pgTable(
  'invoice_penalty_parts',
  {
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    penaltyPartId: bigint('penalty_part_id', { mode: 'bigint' })
      .notNull()
      .references(() => penaltyParts.id),
    releasedAt: timestamp('released_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.invoiceId, t.penaltyPartId] }),
    uniqueIndex('invoice_penalty_parts_live_key').on(t.penaltyPartId).where(sql`${t.releasedAt} is null`),
  ],
);

/** The last number issued per year; its row is locked by the issuing transaction. */
export const invoiceNumberCounters = pgTable('invoice_number_counters', {
  year: integer('year').primaryKey(),
  lastSeq: integer('last_seq').notNull().default(0),
});
