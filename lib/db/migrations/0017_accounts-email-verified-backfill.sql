-- Email verification is recorded from now on. Before, only the demo identity provider is known to
-- have verified what it sent (it always sends email_verified: true for <username>@demo.test), and
-- the seeded demo users are the operator's own. Every other existing user and identity stays
-- unverified: nothing new is linked into them (they still sign in with the identity they have).
UPDATE "identities" SET "email_verified" = true WHERE "provider" = 'demo';--> statement-breakpoint
UPDATE "users" SET "email_verified" = true
WHERE lower("email") LIKE '%@demo.test'
  AND NOT EXISTS (SELECT 1 FROM "identities" i WHERE i."user_id" = "users"."id" AND i."provider" <> 'demo');
