-- Issue 13 (web and missing rules): periodic satisfaction surveys per customer. A survey belongs to a request
-- (one per request) or to a customer's period (one per customer and due date), never both; the schedule of
-- periodic surveys per customer (every N months from the next due date), worked by the `surveys.periodic` job.
ALTER TABLE "satisfaction_surveys" ALTER COLUMN "ticket_id" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "satisfaction_surveys" ADD COLUMN "period" date;
--> statement-breakpoint
ALTER TABLE "satisfaction_surveys" ADD CONSTRAINT "satisfaction_surveys_subject_check" CHECK (("satisfaction_surveys"."ticket_id" is null) <> ("satisfaction_surveys"."period" is null));
--> statement-breakpoint
CREATE UNIQUE INDEX "satisfaction_surveys_period_key" ON "satisfaction_surveys" USING btree ("customer_id","period");
--> statement-breakpoint
CREATE TABLE "survey_schedules" (
	"customer_id" uuid PRIMARY KEY NOT NULL REFERENCES "public"."customers"("id"),
	"every_months" integer NOT NULL,
	"next_due_date" date NOT NULL,
	"updated_by_id" uuid REFERENCES "public"."users"("id"),
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_schedules_every_check" CHECK ("survey_schedules"."every_months" between 1 and 24)
);
--> statement-breakpoint
CREATE INDEX "survey_schedules_due_idx" ON "survey_schedules" USING btree ("next_due_date");
