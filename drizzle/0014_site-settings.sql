CREATE TABLE "loan_product_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" integer GENERATED ALWAYS AS IDENTITY (sequence name "loan_product_versions_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"product_id" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"effective_from" date NOT NULL,
	"product_kind" text NOT NULL,
	"name" text NOT NULL,
	"min_amount" bigint NOT NULL,
	"max_amount" bigint NOT NULL,
	"amount_step" bigint NOT NULL,
	"min_term" integer NOT NULL,
	"max_term" integer NOT NULL,
	"daily_rate_bp" integer NOT NULL,
	"first_loan_daily_rate_bp" integer,
	"allows_parallel_loans" boolean NOT NULL,
	"prolongation_when_overdue" boolean NOT NULL,
	"active" boolean NOT NULL,
	"comment" text,
	"proposed_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	CONSTRAINT "loan_product_versions_status_check" CHECK ("loan_product_versions"."status" in ('pending', 'approved', 'rejected')),
	CONSTRAINT "loan_product_versions_checker_check" CHECK ("loan_product_versions"."decided_by" is null or "loan_product_versions"."decided_by" <> "loan_product_versions"."proposed_by")
);
--> statement-breakpoint
CREATE TABLE "site_maintenance" (
	"id" text PRIMARY KEY NOT NULL,
	"enabled" boolean NOT NULL,
	"scope" text NOT NULL,
	"message" text,
	"starts_at" timestamp with time zone,
	"planned_end" timestamp with time zone,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "site_maintenance_scope_check" CHECK ("site_maintenance"."scope" in ('all', 'applications', 'payments'))
);
--> statement-breakpoint
CREATE INDEX "loan_product_versions_product_idx" ON "loan_product_versions" USING btree ("product_id","effective_from");