ALTER TABLE "loans" ADD COLUMN "product_name" text;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "regular_daily_rate_bp" integer;--> statement-breakpoint
-- hand-written: loans signed before this migration take the product's version in force on their contract date
UPDATE "loans" AS l
   SET "product_name" = t.name, "regular_daily_rate_bp" = t.rate
  FROM (
    SELECT l2.id, COALESCE(v.name, lp.name) AS name, COALESCE(v.daily_rate_bp, lp.daily_rate_bp) AS rate
      FROM "loans" l2
      JOIN "loan_applications" a ON a.id = l2.application_id
      JOIN "contracts" c ON c.id = l2.contract_id
      JOIN "loan_products" lp ON lp.id = a.product_id
      LEFT JOIN LATERAL (
        SELECT pv.name, pv.daily_rate_bp
          FROM "loan_product_versions" pv
         WHERE pv.product_id = a.product_id AND pv.status = 'approved' AND pv.effective_from <= c.contract_date
         ORDER BY pv.effective_from DESC, pv.decided_at DESC NULLS LAST, pv.seq DESC
         LIMIT 1
      ) v ON true
  ) AS t
 WHERE t.id = l.id;
