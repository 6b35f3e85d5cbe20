CREATE TABLE "support_case_adjustments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"account_id" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by_user_id" uuid NOT NULL,
	"requested_by_name" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by_user_id" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"rejection_reason" text,
	"transfer_id" bigint,
	CONSTRAINT "support_case_adjustments_amount_positive" CHECK ("support_case_adjustments"."amount_fen" > 0),
	CONSTRAINT "support_case_adjustments_second_person" CHECK ("support_case_adjustments"."decided_by_user_id" is null or "support_case_adjustments"."decided_by_user_id" <> "support_case_adjustments"."requested_by_user_id"),
	CONSTRAINT "support_case_adjustments_decision_complete" CHECK (("support_case_adjustments"."status" = 'pending' and "support_case_adjustments"."decided_by_user_id" is null and "support_case_adjustments"."transfer_id" is null)
        or ("support_case_adjustments"."status" = 'rejected' and "support_case_adjustments"."decided_by_user_id" is not null and "support_case_adjustments"."transfer_id" is null)
        or ("support_case_adjustments"."status" = 'approved' and "support_case_adjustments"."decided_by_user_id" is not null and "support_case_adjustments"."transfer_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "support_case_messages" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "support_case_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"case_id" uuid NOT NULL,
	"author_kind" text NOT NULL,
	"author_user_id" uuid NOT NULL,
	"author_name" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" bigint GENERATED ALWAYS AS IDENTITY (sequence name "support_cases_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"account_id" text NOT NULL,
	"opened_by_user_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"transfer_id" bigint,
	"service_day" date,
	"attachment_key" text NOT NULL,
	"disputed_fen" bigint NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by_user_id" uuid,
	CONSTRAINT "support_cases_disputed_not_negative" CHECK ("support_cases"."disputed_fen" >= 0),
	CONSTRAINT "support_cases_subject_attached" CHECK (("support_cases"."subject" = 'transfer' and "support_cases"."transfer_id" is not null) or ("support_cases"."subject" = 'day' and "support_cases"."service_day" is not null))
);
--> statement-breakpoint
ALTER TABLE "support_case_adjustments" ADD CONSTRAINT "support_case_adjustments_case_id_support_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."support_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_case_adjustments" ADD CONSTRAINT "support_case_adjustments_account_id_customer_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."customer_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_case_adjustments" ADD CONSTRAINT "support_case_adjustments_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_case_adjustments" ADD CONSTRAINT "support_case_adjustments_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_case_messages" ADD CONSTRAINT "support_case_messages_case_id_support_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."support_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_case_messages" ADD CONSTRAINT "support_case_messages_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_cases" ADD CONSTRAINT "support_cases_account_id_customer_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."customer_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_cases" ADD CONSTRAINT "support_cases_opened_by_user_id_users_id_fk" FOREIGN KEY ("opened_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_cases" ADD CONSTRAINT "support_cases_closed_by_user_id_users_id_fk" FOREIGN KEY ("closed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "support_case_adjustments_case_idx" ON "support_case_adjustments" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "support_case_adjustments_pending_idx" ON "support_case_adjustments" USING btree ("requested_at") WHERE "support_case_adjustments"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "support_case_adjustments_transfer_idx" ON "support_case_adjustments" USING btree ("transfer_id");--> statement-breakpoint
CREATE INDEX "support_case_messages_case_idx" ON "support_case_messages" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "support_cases_account_idx" ON "support_cases" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "support_cases_open_idx" ON "support_cases" USING btree ("created_at") WHERE "support_cases"."status" = 'open';--> statement-breakpoint
CREATE INDEX "support_cases_attachment_idx" ON "support_cases" USING btree ("account_id","attachment_key");