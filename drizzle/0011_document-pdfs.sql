CREATE TABLE "contract_pdfs" (
	"contract_id" uuid PRIMARY KEY NOT NULL,
	"pdf" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prolongation_pdfs" (
	"prolongation_id" uuid PRIMARY KEY NOT NULL,
	"pdf" "bytea" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contract_pdfs" ADD CONSTRAINT "contract_pdfs_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prolongation_pdfs" ADD CONSTRAINT "prolongation_pdfs_prolongation_id_prolongations_id_fk" FOREIGN KEY ("prolongation_id") REFERENCES "public"."prolongations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- hand-written:
-- The PDF bytes move out of the rows the screens read (issue 9); the next migration drops the old columns.
INSERT INTO contract_pdfs (contract_id, pdf) SELECT id, pdf FROM contracts ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO prolongation_pdfs (prolongation_id, pdf) SELECT id, pdf FROM prolongations ON CONFLICT DO NOTHING;
