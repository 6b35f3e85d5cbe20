/**
 * Contact channels and verification states: the domain's words, plain data (safe for client
 * components), imported by the schema (lib/db/schema, by relative path for drizzle-kit) and re-
 * exported there.
 */

export const contactChannels = ['email', 'phone'] as const;
/** `email` is reached by email, `phone` (a mobile number in E.164) by SMS. */
export type ContactChannel = (typeof contactChannels)[number];

/** `send_failed`: the code never left (the address was refused); it does not count for the resend cooldown. */
export const verificationStatuses = ['pending', 'verified', 'locked', 'superseded', 'cancelled', 'send_failed'] as const;
export type VerificationStatus = (typeof verificationStatuses)[number];
