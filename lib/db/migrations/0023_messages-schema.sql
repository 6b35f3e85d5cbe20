CREATE TABLE "document_emails" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" text NOT NULL,
	"kind" text NOT NULL,
	"document_ref" text NOT NULL,
	"destination" text NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"claimed_until" timestamp with time zone,
	"last_error" text,
	"provider_message_id" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "account_contacts" ADD COLUMN "monthly_statement_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mailbox_messages" ADD COLUMN "attachments" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "document_emails" ADD CONSTRAINT "document_emails_account_id_customer_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."customer_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "document_emails_once_key" ON "document_emails" USING btree ("kind","document_ref","destination");--> statement-breakpoint
CREATE INDEX "document_emails_due_idx" ON "document_emails" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "document_emails_account_idx" ON "document_emails" USING btree ("account_id","created_at");