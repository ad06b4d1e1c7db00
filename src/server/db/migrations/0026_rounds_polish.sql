-- Issue 13 (the parts still open): a round may be skipped with a reason (who, when, why; never overdue), and
-- the system operation assessment (000 G 系统运行评估) per customer and period, its PDF filed in the archive.
ALTER TABLE "maintenance_rounds" ADD COLUMN "skip_reason" text;
--> statement-breakpoint
ALTER TABLE "maintenance_rounds" ADD COLUMN "skip_note" text;
--> statement-breakpoint
ALTER TABLE "maintenance_rounds" ADD COLUMN "skipped_by_id" uuid REFERENCES "users"("id");
--> statement-breakpoint
ALTER TABLE "maintenance_rounds" ADD COLUMN "skipped_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "maintenance_rounds" ADD CONSTRAINT "maintenance_rounds_skip_reason_check" CHECK ("maintenance_rounds"."skip_reason" in ('customer_declined','hospital_closed','merged_with_visit','other'));
--> statement-breakpoint
ALTER TABLE "maintenance_rounds" ADD CONSTRAINT "maintenance_rounds_skip_check" CHECK (("maintenance_rounds"."status" = 'skipped') = ("maintenance_rounds"."skip_reason" is not null));
--> statement-breakpoint
CREATE TABLE "system_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL REFERENCES "customers"("id"),
	"round_id" uuid REFERENCES "maintenance_rounds"("id") ON DELETE set null,
	"period" integer NOT NULL,
	"assessed_on" date NOT NULL,
	"sections" jsonb NOT NULL,
	"summary" text NOT NULL,
	"document_id" uuid REFERENCES "customer_documents"("id"),
	"created_by_id" uuid NOT NULL REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "system_assessments_period_check" CHECK ("system_assessments"."period" between 2000 and 2199)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "system_assessments_customer_period_key" ON "system_assessments" USING btree ("customer_id","period");
