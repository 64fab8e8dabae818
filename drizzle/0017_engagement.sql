CREATE TABLE "advertising_consent_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"borrower_id" uuid NOT NULL,
	"granted" boolean NOT NULL,
	"wording_version" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "offer_uses" (
	"offer_id" uuid NOT NULL,
	"borrower_id" uuid NOT NULL,
	"activated_at" timestamp with time zone NOT NULL,
	"contract_id" uuid,
	"used_at" timestamp with time zone,
	CONSTRAINT "offer_uses_offer_id_borrower_id_pk" PRIMARY KEY("offer_id","borrower_id")
);
--> statement-breakpoint
CREATE TABLE "personal_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"borrower_id" uuid,
	"rate_discount_bp" integer DEFAULT 0 NOT NULL,
	"amount_bonus" bigint DEFAULT 0 NOT NULL,
	"promo_code" text,
	"single_use" boolean DEFAULT true NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"made_by" text NOT NULL,
	"source_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "personal_offers_promo_code_unique" UNIQUE("promo_code"),
	CONSTRAINT "personal_offers_source_key_unique" UNIQUE("source_key")
);
--> statement-breakpoint
CREATE TABLE "points_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"borrower_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "points_accounts_code_unique" UNIQUE("code"),
	CONSTRAINT "points_accounts_borrower_id_unique" UNIQUE("borrower_id")
);
--> statement-breakpoint
CREATE TABLE "points_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"borrower_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"cause" text NOT NULL,
	"cause_id" text,
	"idempotency_key" text NOT NULL,
	"points" bigint NOT NULL,
	"lot_id" uuid,
	"expires_on" date,
	"business_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "points_entries_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "points_postings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"points" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "raffle_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"organiser" text NOT NULL,
	"prize_fund" bigint NOT NULL,
	"prizes_count" integer NOT NULL,
	"prize_description" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"draw_on" date NOT NULL,
	"winners_notice" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"seed_encrypted" text NOT NULL,
	"seed_commitment" text NOT NULL,
	"entries_hash" text,
	"entries_count" integer,
	"seed" text,
	"created_by" uuid NOT NULL,
	"published_by" uuid,
	"drawn_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"drawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "raffle_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"borrower_id" uuid NOT NULL,
	"cause_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "raffle_entries_cause_unique" UNIQUE("campaign_id","cause_key")
);
--> statement-breakpoint
CREATE TABLE "raffle_winners" (
	"campaign_id" uuid NOT NULL,
	"place" integer NOT NULL,
	"entry_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "raffle_winners_campaign_id_place_pk" PRIMARY KEY("campaign_id","place")
);
--> statement-breakpoint
ALTER TABLE "advertising_consent_events" ADD CONSTRAINT "advertising_consent_events_borrower_id_borrowers_id_fk" FOREIGN KEY ("borrower_id") REFERENCES "public"."borrowers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_uses" ADD CONSTRAINT "offer_uses_offer_id_personal_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."personal_offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_uses" ADD CONSTRAINT "offer_uses_borrower_id_borrowers_id_fk" FOREIGN KEY ("borrower_id") REFERENCES "public"."borrowers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personal_offers" ADD CONSTRAINT "personal_offers_borrower_id_borrowers_id_fk" FOREIGN KEY ("borrower_id") REFERENCES "public"."borrowers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_accounts" ADD CONSTRAINT "points_accounts_borrower_id_borrowers_id_fk" FOREIGN KEY ("borrower_id") REFERENCES "public"."borrowers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_entries" ADD CONSTRAINT "points_entries_borrower_id_borrowers_id_fk" FOREIGN KEY ("borrower_id") REFERENCES "public"."borrowers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_postings" ADD CONSTRAINT "points_postings_entry_id_points_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."points_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_postings" ADD CONSTRAINT "points_postings_account_id_points_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."points_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "raffle_entries" ADD CONSTRAINT "raffle_entries_campaign_id_raffle_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."raffle_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "raffle_entries" ADD CONSTRAINT "raffle_entries_borrower_id_borrowers_id_fk" FOREIGN KEY ("borrower_id") REFERENCES "public"."borrowers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "raffle_winners" ADD CONSTRAINT "raffle_winners_campaign_id_raffle_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."raffle_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "raffle_winners" ADD CONSTRAINT "raffle_winners_entry_id_raffle_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."raffle_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "advertising_consent_borrower_idx" ON "advertising_consent_events" USING btree ("borrower_id","seq");--> statement-breakpoint
CREATE INDEX "points_entries_borrower_idx" ON "points_entries" USING btree ("borrower_id","seq");--> statement-breakpoint
CREATE INDEX "points_postings_account_idx" ON "points_postings" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "points_postings_entry_idx" ON "points_postings" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "raffle_entries_borrower_idx" ON "raffle_entries" USING btree ("borrower_id");
--> statement-breakpoint
-- hand-written:
-- The points ledger's rules live in the database: every entry balances (its postings sum to zero, at least two,
-- checked at commit), no borrower's account goes below zero, and nothing booked is changed or deleted.
CREATE FUNCTION points_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  total numeric;
  lines integer;
BEGIN
  SELECT coalesce(sum(points), 0), count(*) INTO total, lines FROM points_postings WHERE entry_id = NEW.id;
  IF lines < 2 OR total <> 0 THEN
    RAISE EXCEPTION 'points entry % does not balance: % postings summing to %', NEW.id, lines, total
      USING ERRCODE = '23514';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER points_entries_balanced AFTER INSERT ON points_entries
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION points_entry_balanced();
--> statement-breakpoint
CREATE FUNCTION points_posting_rules() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  total numeric;
  held numeric;
BEGIN
  SELECT coalesce(sum(points), 0) INTO total FROM points_postings WHERE entry_id = NEW.entry_id;
  IF total <> 0 THEN
    RAISE EXCEPTION 'points entry % does not balance: postings sum to %', NEW.entry_id, total USING ERRCODE = '23514';
  END IF;
  IF EXISTS (SELECT 1 FROM points_accounts WHERE id = NEW.account_id AND borrower_id IS NOT NULL) THEN
    SELECT coalesce(sum(points), 0) INTO held FROM points_postings WHERE account_id = NEW.account_id;
    IF held < 0 THEN
      RAISE EXCEPTION 'points account % would go below zero: %', NEW.account_id, held USING ERRCODE = '23514';
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER points_postings_rules AFTER INSERT ON points_postings
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION points_posting_rules();
--> statement-breakpoint
CREATE FUNCTION points_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the points ledger is append-only: % on % refused; book a reversing entry', TG_OP, TG_TABLE_NAME
    USING ERRCODE = '42501';
END $$;
--> statement-breakpoint
CREATE TRIGGER points_postings_append_only BEFORE UPDATE OR DELETE ON points_postings
  FOR EACH ROW EXECUTE FUNCTION points_append_only();
--> statement-breakpoint
CREATE TRIGGER points_entries_append_only BEFORE UPDATE OR DELETE ON points_entries
  FOR EACH ROW EXECUTE FUNCTION points_append_only();
