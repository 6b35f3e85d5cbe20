/** Roles a person can have on a customer account (issue 17); plain data, safe for client components. */
export const memberRoles = ['owner', 'billing', 'viewer'] as const;
export type MemberRole = (typeof memberRoles)[number];
