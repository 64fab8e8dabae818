CREATE TABLE "fake_provider_payments" (
	"key" text PRIMARY KEY NOT NULL,
	"row" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "business_days" (
	"business_date" date PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"loans_processed" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loan_balances" (
	"loan_id" uuid PRIMARY KEY NOT NULL,
	"principal" bigint DEFAULT 0 NOT NULL,
	"principal_overdue" bigint DEFAULT 0 NOT NULL,
	"interest" bigint DEFAULT 0 NOT NULL,
	"interest_overdue" bigint DEFAULT 0 NOT NULL,
	"penalty" bigint DEFAULT 0 NOT NULL,
	"fees" bigint DEFAULT 0 NOT NULL,
	"overpayment" bigint DEFAULT 0 NOT NULL,
	"interest_income" bigint DEFAULT 0 NOT NULL,
	"penalty_income" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loan_instalments" (
	"loan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"n" integer NOT NULL,
	"due_date" date NOT NULL,
	"principal" bigint NOT NULL,
	"interest" bigint NOT NULL,
	"total" bigint NOT NULL,
	"remaining_principal" bigint NOT NULL,
	CONSTRAINT "loan_instalments_loan_id_version_n_pk" PRIMARY KEY("loan_id","version","n")
);
--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"borrower_id" uuid PRIMARY KEY NOT NULL,
	"sms_opt_out" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"borrower_id" uuid NOT NULL,
	"loan_id" uuid,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"sms_status" text NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"loan_id" uuid NOT NULL,
	"borrower_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"purpose" text NOT NULL,
	"method" text NOT NULL,
	"amount" bigint NOT NULL,
	"recalculation" text,
	"prolongation_id" uuid,
	"status" text NOT NULL,
	"provider" text NOT NULL,
	"provider_payment_id" text,
	"confirmation_url" text,
	"failure_reason" text,
	"accepted_at" timestamp with time zone,
	"payment_date" date,
	"allocation" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"credited_at" timestamp with time zone,
	CONSTRAINT "payments_provider_payment_id_unique" UNIQUE("provider_payment_id"),
	CONSTRAINT "payments_borrower_key" UNIQUE("borrower_id","idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "prolongations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"loan_id" uuid NOT NULL,
	"borrower_id" uuid NOT NULL,
	"number" text NOT NULL,
	"days" integer NOT NULL,
	"pay_now" bigint NOT NULL,
	"old_due_date" date NOT NULL,
	"new_due_date" date NOT NULL,
	"status" text NOT NULL,
	"document_sha256" text NOT NULL,
	"pdf" "bytea" NOT NULL,
	"signed_at" timestamp with time zone,
	"signature" jsonb,
	"applied_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prolongations_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"loan_id" uuid NOT NULL,
	"payment_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"status" text NOT NULL,
	"provider_refund_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "loan_products" ADD COLUMN "prolongation_when_overdue" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "kind" text NOT NULL;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "daily_rate_bp" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "accrual_cap" bigint NOT NULL;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "penalty_percent_year" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "penalty_bp_day" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "max_prolongations" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "prolongation_when_overdue" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "prolongations" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "interest_base_date" date;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "accrued_through" date;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "closed_through" date;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "schedule_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "closed_on" date;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "overdue_since" date;--> statement-breakpoint
ALTER TABLE "loan_balances" ADD CONSTRAINT "loan_balances_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_instalments" ADD CONSTRAINT "loan_instalments_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_borrower_id_borrowers_id_fk" FOREIGN KEY ("borrower_id") REFERENCES "public"."borrowers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_borrower_id_borrowers_id_fk" FOREIGN KEY ("borrower_id") REFERENCES "public"."borrowers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_borrower_id_borrowers_id_fk" FOREIGN KEY ("borrower_id") REFERENCES "public"."borrowers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prolongations" ADD CONSTRAINT "prolongations_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prolongations" ADD CONSTRAINT "prolongations_borrower_id_borrowers_id_fk" FOREIGN KEY ("borrower_id") REFERENCES "public"."borrowers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "loan_instalments_due_idx" ON "loan_instalments" USING btree ("due_date");--> statement-breakpoint
CREATE INDEX "notifications_borrower_idx" ON "notifications" USING btree ("borrower_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_queue_idx" ON "notifications" USING btree ("sms_status","not_before");--> statement-breakpoint
CREATE INDEX "payments_loan_idx" ON "payments" USING btree ("loan_id","created_at");--> statement-breakpoint
CREATE INDEX "prolongations_loan_idx" ON "prolongations" USING btree ("loan_id");--> statement-breakpoint
CREATE INDEX "loans_servicing_idx" ON "loans" USING btree ("status","closed_through");