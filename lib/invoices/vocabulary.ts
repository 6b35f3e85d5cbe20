/**
 * Invoice titles, types, kinds and states: the domain's words, plain data (safe for client
 * components), imported by the schema (lib/db/schema, by relative path for drizzle-kit) and re-
 * exported there.
 */

export const invoiceTitleTypes = ['individual', 'organization'] as const;
export type InvoiceTitleType = (typeof invoiceTitleTypes)[number];

export const invoiceTypes = ['invoice', 'credit_note'] as const;
export type InvoiceType = (typeof invoiceTypes)[number];

export const invoiceKinds = ['general', 'special'] as const;
export type InvoiceKind = (typeof invoiceKinds)[number];

/** `credited`: issued, then reversed by a credit note. */
export const invoiceStatuses = ['requested', 'issued', 'rejected', 'credited'] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];
