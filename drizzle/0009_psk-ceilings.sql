CREATE TABLE "psk_ceilings" (
	"category" text NOT NULL,
	"quarter_start" date NOT NULL,
	"average_psk_percent" text NOT NULL,
	"ceiling_psk_percent" text NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "psk_ceilings_category_quarter_start_pk" PRIMARY KEY("category","quarter_start"),
	CONSTRAINT "psk_ceilings_quarter_start" CHECK (extract(day from "psk_ceilings"."quarter_start") = 1 and extract(month from "psk_ceilings"."quarter_start") in (1, 4, 7, 10))
);
