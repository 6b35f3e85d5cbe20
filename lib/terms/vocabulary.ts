/**
 * Kinds of records of a customer and the terms: the domain's words, plain data (safe for client
 * components), imported by the schema (lib/db/schema, by relative path for drizzle-kit) and re-
 * exported there.
 */

export const termsRecordKinds = ['viewed', 'continued_use', 'accepted', 'acknowledged'] as const;
export type TermsRecordKind = (typeof termsRecordKinds)[number];
