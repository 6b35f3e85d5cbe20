/**
 * Standing of a customer account other than good: the domain's words, plain data (safe for client
 * components), imported by the schema (lib/db/schema, by relative path for drizzle-kit) and re-
 * exported there.
 */

/**
 * Standing of a customer account beyond its wallet (issue 15 "Closing an account"): closed by the
 * customer, terminated for cause by an admin, or suspended for cause by an admin (lifted by an
 * admin). No row: in good standing. The wallet's own suspension (negative balance) is separate.
 */
export const accountStandingStates = ['closed', 'terminated', 'suspended_for_cause'] as const;
export type AccountStandingState = (typeof accountStandingStates)[number];
