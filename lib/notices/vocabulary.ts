/**
 * Delivery channels and states of the outboxes, and the documents sent by email: the domain's
 * words, plain data (safe for client components), imported by the schema (lib/db/schema, by
 * relative path for drizzle-kit) and re-exported there.
 */

export const deliveryChannels = ['email', 'sms'] as const;
export type DeliveryChannel = (typeof deliveryChannels)[number];

/** `delivered`: the SMS gateway's receipt confirmed it reached the phone (email has no such receipt). */
export const deliveryStatuses = ['pending', 'sending', 'sent', 'delivered', 'failed', 'bounced'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export const documentKinds = ['invoice', 'credit_note', 'statement', 'receipt'] as const;
/** What a document email carries: an issued invoice or credit note (its frozen PDF), a monthly statement, or a top-up's receipt. */
export type DocumentKind = (typeof documentKinds)[number];
