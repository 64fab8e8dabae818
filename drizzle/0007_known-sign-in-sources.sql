CREATE TABLE "known_sign_in_sources" (
	"borrower_id" uuid NOT NULL,
	"source_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "known_sign_in_sources_borrower_id_source_hash_pk" PRIMARY KEY("borrower_id","source_hash")
);
--> statement-breakpoint
ALTER TABLE "known_sign_in_sources" ADD CONSTRAINT "known_sign_in_sources_borrower_id_borrowers_id_fk" FOREIGN KEY ("borrower_id") REFERENCES "public"."borrowers"("id") ON DELETE no action ON UPDATE no action;