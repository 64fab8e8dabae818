CREATE TABLE "phone_change_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"borrower_id" uuid NOT NULL,
	"opened_by" text NOT NULL,
	"opened_by_staff_id" uuid,
	"new_phone" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"passport_match" boolean,
	"previous_phone_confirmed" boolean,
	"account_answers_match" boolean,
	"video_call_held" boolean DEFAULT false NOT NULL,
	"video_call_at" timestamp with time zone,
	"video_call_by" uuid,
	"video_call_outcome" text,
	"checked_by" uuid,
	"checked_at" timestamp with time zone,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"refusal_reason" text,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "phone_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"borrower_id" uuid NOT NULL,
	"phone" text NOT NULL,
	"replaced_at" timestamp with time zone NOT NULL,
	"case_id" uuid
);
--> statement-breakpoint
CREATE TABLE "relationship_end_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"borrower_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_by" uuid,
	"ended_at" timestamp with time zone,
	"erase_after" date
);
--> statement-breakpoint
ALTER TABLE "borrowers" ADD COLUMN "payouts_held_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "borrowers" ADD COLUMN "ended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "borrowers" ADD COLUMN "erase_after" date;--> statement-breakpoint
ALTER TABLE "phone_change_cases" ADD CONSTRAINT "phone_change_cases_borrower_id_borrowers_id_fk" FOREIGN KEY ("borrower_id") REFERENCES "public"."borrowers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_change_cases" ADD CONSTRAINT "phone_change_cases_opened_by_staff_id_staff_id_fk" FOREIGN KEY ("opened_by_staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_change_cases" ADD CONSTRAINT "phone_change_cases_video_call_by_staff_id_fk" FOREIGN KEY ("video_call_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_change_cases" ADD CONSTRAINT "phone_change_cases_checked_by_staff_id_fk" FOREIGN KEY ("checked_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_change_cases" ADD CONSTRAINT "phone_change_cases_decided_by_staff_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_history" ADD CONSTRAINT "phone_history_borrower_id_borrowers_id_fk" FOREIGN KEY ("borrower_id") REFERENCES "public"."borrowers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_history" ADD CONSTRAINT "phone_history_case_id_phone_change_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."phone_change_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationship_end_requests" ADD CONSTRAINT "relationship_end_requests_borrower_id_borrowers_id_fk" FOREIGN KEY ("borrower_id") REFERENCES "public"."borrowers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationship_end_requests" ADD CONSTRAINT "relationship_end_requests_ended_by_staff_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "phone_change_cases_borrower_idx" ON "phone_change_cases" USING btree ("borrower_id");--> statement-breakpoint
CREATE INDEX "phone_change_cases_status_idx" ON "phone_change_cases" USING btree ("status");--> statement-breakpoint
CREATE INDEX "phone_history_borrower_idx" ON "phone_history" USING btree ("borrower_id");--> statement-breakpoint
CREATE INDEX "relationship_end_requests_borrower_idx" ON "relationship_end_requests" USING btree ("borrower_id");