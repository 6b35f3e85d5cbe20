ALTER TABLE "ledger_postings" DROP CONSTRAINT "ledger_postings_transfer_id_ledger_transfers_id_fk";
--> statement-breakpoint
ALTER TABLE "ledger_postings" DROP CONSTRAINT "ledger_postings_ledger_account_id_ledger_accounts_id_fk";
--> statement-breakpoint
ALTER TABLE "ledger_transfers" DROP CONSTRAINT "ledger_transfers_customer_account_id_customer_accounts_id_fk";
--> statement-breakpoint
ALTER TABLE "charge_lines" DROP CONSTRAINT "charge_lines_account_id_customer_accounts_id_fk";
--> statement-breakpoint
ALTER TABLE "charge_lines" DROP CONSTRAINT "charge_lines_service_id_services_id_fk";
--> statement-breakpoint
ALTER TABLE "charge_lines" DROP CONSTRAINT "charge_lines_transfer_id_ledger_transfers_id_fk";
--> statement-breakpoint
DROP INDEX "ledger_postings_account_idx";