import { index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The demo identity provider's state (demo mode only; server/demo-idp-store.ts is its only user):
 * oidc-provider's models — interactions, its sessions, grants, authorization codes, access tokens —
 * one row each, so a sign-in started at one instance can finish at another. `kind` is the model's
 * name, `payload` what oidc-provider stores; `grant_id` and `uid` are copies for its look-ups.
 */
export const demoIdpStore = pgTable(
  'demo_idp_store',
  {
    kind: text('kind').notNull(),
    id: text('id').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    grantId: text('grant_id'),
    uid: text('uid'),
    /** Null: kept until destroyed. Expired rows are never found and are purged now and then. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.id] }),
    index('demo_idp_store_grant_idx').on(t.grantId),
    index('demo_idp_store_uid_idx').on(t.uid),
    index('demo_idp_store_expires_idx').on(t.expiresAt),
  ],
);
