/**
 * Questions about a charge: subjects, states, authors, adjustment states: the domain's words,
 * plain data (safe for client components), imported by the schema (lib/db/schema, by relative path
 * for drizzle-kit) and re-exported there.
 */

export const supportCaseSubjects = ['transfer', 'day'] as const;
export type SupportCaseSubject = (typeof supportCaseSubjects)[number];

export const supportCaseStatuses = ['open', 'closed'] as const;
export type SupportCaseStatus = (typeof supportCaseStatuses)[number];

export const supportCaseAuthorKinds = ['customer', 'staff'] as const;
export type SupportCaseAuthorKind = (typeof supportCaseAuthorKinds)[number];

export const adjustmentStatuses = ['pending', 'approved', 'rejected'] as const;
export type AdjustmentStatus = (typeof adjustmentStatuses)[number];
