CREATE TABLE "advertising_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"send_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"borrower_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "advertising_deliveries_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "advertising_deliveries_once" UNIQUE("subject","subject_id","borrower_id")
);
--> statement-breakpoint
CREATE TABLE "advertising_sends" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"subject" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"text" text NOT NULL,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"cursor" uuid,
	"sent" integer DEFAULT 0 NOT NULL,
	"skipped_no_consent" integer DEFAULT 0 NOT NULL,
	"skipped_ended" integer DEFAULT 0 NOT NULL,
	"skipped_already" integer DEFAULT 0 NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "points_holds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"borrower_id" uuid NOT NULL,
	"payment_id" uuid NOT NULL,
	"points" integer NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone,
	CONSTRAINT "points_holds_payment_id_unique" UNIQUE("payment_id"),
	CONSTRAINT "points_holds_positive" CHECK ("points_holds"."points" > 0)
);
--> statement-breakpoint
ALTER TABLE "advertising_deliveries" ADD CONSTRAINT "advertising_deliveries_send_id_advertising_sends_id_fk" FOREIGN KEY ("send_id") REFERENCES "public"."advertising_sends"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advertising_deliveries" ADD CONSTRAINT "advertising_deliveries_borrower_id_borrowers_id_fk" FOREIGN KEY ("borrower_id") REFERENCES "public"."borrowers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_holds" ADD CONSTRAINT "points_holds_borrower_id_borrowers_id_fk" FOREIGN KEY ("borrower_id") REFERENCES "public"."borrowers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_holds" ADD CONSTRAINT "points_holds_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "advertising_sends_subject_idx" ON "advertising_sends" USING btree ("subject","subject_id");--> statement-breakpoint
CREATE INDEX "points_holds_borrower_idx" ON "points_holds" USING btree ("borrower_id","status");