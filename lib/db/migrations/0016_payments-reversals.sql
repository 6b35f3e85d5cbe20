ALTER TABLE "payments" ADD COLUMN "provider_intent_id" text;--> statement-breakpoint
ALTER TABLE "sandbox_checkouts" ADD COLUMN "payer_session_id" uuid;--> statement-breakpoint
CREATE INDEX "payments_provider_intent_idx" ON "payments" USING btree ("provider","provider_intent_id") WHERE "payments"."provider_intent_id" is not null;