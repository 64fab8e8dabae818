ALTER TABLE "borrower_details" ADD COLUMN "email_pending" text;--> statement-breakpoint
ALTER TABLE "borrower_details" ADD COLUMN "email_code_hash" text;--> statement-breakpoint
ALTER TABLE "borrower_details" ADD COLUMN "email_code_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "borrower_details" ADD COLUMN "email_code_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "passport_history" ADD COLUMN "full_name" text;