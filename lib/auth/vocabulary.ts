/**
 * Staff roles (support, finance, admin) granted to users: the domain's words, plain data (safe for
 * client components), imported by the schema (lib/db/schema, by relative path for drizzle-kit) and
 * re-exported there.
 */

export const staffRoles = ['support', 'finance', 'admin'] as const;
export type StaffRole = (typeof staffRoles)[number];
