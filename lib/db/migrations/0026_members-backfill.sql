-- Issue 17: several people on one customer account. Until now each user owned exactly one account
-- (users.account_id). Each of those becomes one owner membership, and every user made from now on
-- is, by this trigger, the owner of the account made with them (sign-in, seeds and test fixtures
-- all insert the user after its account, in one transaction).
CREATE OR REPLACE FUNCTION account_members_owner_of_new_user() RETURNS trigger AS $$
BEGIN
  INSERT INTO "account_members" ("account_id", "user_id", "role", "created_at")
  VALUES (NEW."account_id", NEW."id", 'owner', NEW."created_at")
  ON CONFLICT DO NOTHING;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER "users_owner_membership" AFTER INSERT ON "users"
  FOR EACH ROW EXECUTE FUNCTION account_members_owner_of_new_user();--> statement-breakpoint
INSERT INTO "account_members" ("account_id", "user_id", "role", "created_at")
SELECT "account_id", "id", 'owner', "created_at" FROM "users"
ON CONFLICT DO NOTHING;--> statement-breakpoint
-- Live sessions keep using the account they used: their user's own.
UPDATE "auth_sessions" s SET "account_id" = u."account_id"
FROM "users" u
WHERE u."id" = s."user_id" AND s."account_id" IS NULL AND s."revoked_at" IS NULL;--> statement-breakpoint
ALTER TABLE "account_members" ADD CONSTRAINT "account_members_role_check" CHECK ("role" IN ('owner', 'billing', 'viewer'));
