-- Quote numbers BJ-<year>-<sequence>, gapless per year like request numbers. Quotes written before this
-- migration are numbered in creation order, their year taken in Asia/Shanghai (the default service zone:
-- a migration cannot read AFTERSALES_TIME_ZONE); new quotes take theirs from the configured zone.
CREATE TABLE "document_counters" (
	"series" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "document_counters_series_year_pk" PRIMARY KEY("series","year"),
	CONSTRAINT "document_counters_last_check" CHECK ("document_counters"."last" > 0)
);
--> statement-breakpoint
ALTER TABLE "quotes" ADD COLUMN "number" text;
--> statement-breakpoint
WITH "numbered" AS (
	SELECT "id",
		extract(year FROM "created_at" AT TIME ZONE 'Asia/Shanghai')::int AS "year",
		row_number() OVER (PARTITION BY extract(year FROM "created_at" AT TIME ZONE 'Asia/Shanghai') ORDER BY "created_at", "id") AS "seq"
	FROM "quotes"
)
UPDATE "quotes" SET "number" = 'BJ-' || "numbered"."year" || '-' || lpad("numbered"."seq"::text, 4, '0')
FROM "numbered" WHERE "quotes"."id" = "numbered"."id";
--> statement-breakpoint
INSERT INTO "document_counters" ("series", "year", "last")
SELECT 'quote', split_part("number", '-', 2)::int, count(*)::int FROM "quotes" GROUP BY 2;
--> statement-breakpoint
ALTER TABLE "quotes" ALTER COLUMN "number" SET NOT NULL;
--> statement-breakpoint
CREATE UNIQUE INDEX "quotes_number_key" ON "quotes" USING btree ("number");
