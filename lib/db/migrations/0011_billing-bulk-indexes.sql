DROP INDEX "wallets_negative_idx";--> statement-breakpoint
DROP INDEX "charge_lines_idempotency_key";--> statement-breakpoint
DROP INDEX "charge_lines_service_day_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "charge_lines_transfer_key" ON "charge_lines" USING btree ("transfer_id");--> statement-breakpoint
CREATE INDEX "charge_lines_day_service_idx" ON "charge_lines" USING btree ("service_day","service_id");