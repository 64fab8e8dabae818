CREATE TABLE "borrower_addresses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"borrower_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"postal_code" text,
	"region" text NOT NULL,
	"city" text NOT NULL,
	"street" text,
	"house" text NOT NULL,
	"flat" text,
	"private_house" boolean NOT NULL,
	"fias_id" text,
	"valid_from" timestamp with time zone NOT NULL,
	"replaced_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "borrower_details" (
	"borrower_id" uuid PRIMARY KEY NOT NULL,
	"place_of_birth" text,
	"lives_at_registration" boolean DEFAULT true NOT NULL,
	"email" text,
	"email_confirmed_at" timestamp with time zone,
	"email_pending" text,
	"email_code_hash" text,
	"email_code_sent_at" timestamp with time zone,
	"email_code_attempts" integer DEFAULT 0 NOT NULL,
	"snils_encrypted" text,
	"inn_encrypted" text,
	"employment" text,
	"monthly_income" bigint,
	"employment_changed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "user_agent" text;--> statement-breakpoint
ALTER TABLE "passport_history" ADD COLUMN "full_name" text;--> statement-breakpoint
ALTER TABLE "borrower_addresses" ADD CONSTRAINT "borrower_addresses_borrower_id_borrowers_id_fk" FOREIGN KEY ("borrower_id") REFERENCES "public"."borrowers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "borrower_details" ADD CONSTRAINT "borrower_details_borrower_id_borrowers_id_fk" FOREIGN KEY ("borrower_id") REFERENCES "public"."borrowers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "borrower_addresses_borrower_idx" ON "borrower_addresses" USING btree ("borrower_id","kind","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "borrower_addresses_current_idx" ON "borrower_addresses" USING btree ("borrower_id","kind") WHERE "borrower_addresses"."replaced_at" is null;--> statement-breakpoint
CREATE INDEX "audit_actor_idx" ON "audit_log" USING btree ("actor_id","at");