/**
 * Tax kinds of the catalogue's tax rules: the domain's words, plain data (safe for client
 * components), imported by the schema (lib/db/schema, by relative path for drizzle-kit) and re-
 * exported there.
 */

export const taxKinds = ['vat', 'business_tax'] as const;
export type TaxKind = (typeof taxKinds)[number];

export const priceChangeKinds = ['price', 'tax_rule'] as const;
export type PriceChangeKind = (typeof priceChangeKinds)[number];
