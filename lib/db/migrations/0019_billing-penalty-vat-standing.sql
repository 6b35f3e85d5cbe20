CREATE TABLE "penalty_parts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "penalty_parts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"penalty_id" bigint NOT NULL,
	"account_id" text NOT NULL,
	"service_day" date NOT NULL,
	"tax_kind" text NOT NULL,
	"tax_rate" numeric(7, 6) NOT NULL,
	"arrears_fen" bigint NOT NULL,
	"net_fen" bigint NOT NULL,
	"tax_fen" bigint NOT NULL,
	"gross_fen" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoice_penalty_parts" (
	"invoice_id" uuid NOT NULL,
	"penalty_part_id" bigint NOT NULL,
	"released_at" timestamp with time zone,
	CONSTRAINT "invoice_penalty_parts_invoice_id_penalty_part_id_pk" PRIMARY KEY("invoice_id","penalty_part_id")
);
--> statement-breakpoint
CREATE TABLE "account_standing_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "account_standing_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"account_id" text NOT NULL,
	"change" text NOT NULL,
	"reason" text,
	"at" timestamp with time zone NOT NULL,
	"by_user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "account_standings" (
	"account_id" text PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"reason" text,
	"since" timestamp with time zone NOT NULL,
	"by_user_id" uuid
);
--> statement-breakpoint
ALTER TABLE "penalty_parts" ADD CONSTRAINT "penalty_parts_penalty_id_penalties_id_fk" FOREIGN KEY ("penalty_id") REFERENCES "public"."penalties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_penalty_parts" ADD CONSTRAINT "invoice_penalty_parts_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_penalty_parts" ADD CONSTRAINT "invoice_penalty_parts_penalty_part_id_penalty_parts_id_fk" FOREIGN KEY ("penalty_part_id") REFERENCES "public"."penalty_parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_standing_changes" ADD CONSTRAINT "account_standing_changes_account_id_customer_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."customer_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_standing_changes" ADD CONSTRAINT "account_standing_changes_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_standings" ADD CONSTRAINT "account_standings_account_id_customer_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."customer_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_standings" ADD CONSTRAINT "account_standings_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "penalty_parts_rate_key" ON "penalty_parts" USING btree ("penalty_id","tax_kind","tax_rate");--> statement-breakpoint
CREATE INDEX "penalty_parts_account_day_idx" ON "penalty_parts" USING btree ("account_id","service_day");--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_penalty_parts_live_key" ON "invoice_penalty_parts" USING btree ("penalty_part_id") WHERE "invoice_penalty_parts"."released_at" is null;--> statement-breakpoint
CREATE INDEX "account_standing_changes_account_idx" ON "account_standing_changes" USING btree ("account_id","at");