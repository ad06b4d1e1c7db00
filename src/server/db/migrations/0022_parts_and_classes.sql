-- Issue 14, the remaining rules. (1) Diamond's priority on major issues in the queue's default order: a request
-- remembers whether it came in under a tier with priority (002); the queue's "priority" sort puts such a
-- request first among the open critical/urgent ones of its severity. Open requests are back-filled from the
-- service contract in force on the day they came in (Asia/Shanghai). (2) The tier recommendation's inputs on
-- the customer's profile: IT staff count and finances (002 五(一)). (3) The spare-parts price list (000).
ALTER TABLE "tickets" ADD COLUMN "major_priority" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
UPDATE "tickets" t SET "major_priority" = true
WHERE t."status" IN ('new','acknowledged','in_progress','waiting_on_customer')
  AND EXISTS (
    SELECT 1 FROM "service_contracts" sc JOIN "service_tiers" st ON st."id" = sc."tier_id"
    WHERE sc."customer_id" = t."customer_id" AND st."has_priority"
      AND (t."created_at" AT TIME ZONE 'Asia/Shanghai')::date BETWEEN sc."start_date" AND sc."end_date"
  );
--> statement-breakpoint
CREATE INDEX "tickets_priority_created_idx" ON "tickets" USING btree ((case "severity" when 'critical' then 0 when 'urgent' then 1 else 2 end),(case when "major_priority" and "severity" in ('critical','urgent') and "status" in ('new','acknowledged','in_progress','waiting_on_customer') then 0 else 1 end),"created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "it_staff_count" integer;
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "finances" text;
--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_it_staff_count_check" CHECK ("customers"."it_staff_count" is null or "customers"."it_staff_count" >= 0);
--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_finances_check" CHECK ("customers"."finances" in ('ample','moderate','tight'));
--> statement-breakpoint
CREATE TABLE "spare_parts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"model" text NOT NULL,
	"unit_price_fen" bigint NOT NULL,
	"contract_price_fen" bigint NOT NULL,
	"valid_from" date NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "spare_parts_price_check" CHECK ("spare_parts"."unit_price_fen" >= 0 and "spare_parts"."contract_price_fen" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "spare_parts_name_model_key" ON "spare_parts" USING btree ("name","model");
--> statement-breakpoint
CREATE TABLE "price_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value_fen" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "price_settings_value_check" CHECK ("price_settings"."value_fen" >= 0)
);
