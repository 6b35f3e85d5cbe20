/**
 * Kinds of charge lines a billing run writes: the domain's words, plain data (safe for client
 * components), imported by the schema (lib/db/schema, by relative path for drizzle-kit) and re-
 * exported there.
 */

export const chargeLineKinds = ['usage', 'late_usage', 'sla_credit'] as const;
export type ChargeLineKind = (typeof chargeLineKinds)[number];
