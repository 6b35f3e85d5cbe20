CREATE TABLE "demo_idp_store" (
	"kind" text NOT NULL,
	"id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"grant_id" text,
	"uid" text,
	"expires_at" timestamp with time zone,
	CONSTRAINT "demo_idp_store_kind_id_pk" PRIMARY KEY("kind","id")
);
--> statement-breakpoint
CREATE INDEX "demo_idp_store_grant_idx" ON "demo_idp_store" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "demo_idp_store_uid_idx" ON "demo_idp_store" USING btree ("uid");--> statement-breakpoint
CREATE INDEX "demo_idp_store_expires_idx" ON "demo_idp_store" USING btree ("expires_at");