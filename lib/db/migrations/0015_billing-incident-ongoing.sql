ALTER TABLE "incidents" ALTER COLUMN "ended_at" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "title_en" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "title_zh" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "updated_at" timestamp with time zone;