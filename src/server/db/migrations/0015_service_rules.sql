-- Issue 14: the contract and clock rules the seeds state.
-- Two acceptances (003 6.2/6.7): the existing single acceptance date is the initial one (初验) and is
-- copied into the new final one (终验), so every existing answer stays. A contract's stated free period
-- (002 二(三)); the case-1 urging letter, case-3 refund, case-4 negotiation due date on the project;
-- modules on hold (搁置); genuine licences (002); staff overrides of "no further service";
-- the responsible engineer per customer and the resident engineer per contract (000, 002);
-- the service class and handling approach of a request (003, 000); a customer kind on SLA policies (000).
ALTER TABLE "system_contracts" ADD COLUMN "final_acceptance_date" date;
--> statement-breakpoint
ALTER TABLE "system_contracts" ADD COLUMN "free_service_until" date;
--> statement-breakpoint
UPDATE "system_contracts" SET "final_acceptance_date" = "acceptance_date" WHERE "acceptance_date" IS NOT NULL;
--> statement-breakpoint
ALTER TABLE "system_contracts" ADD CONSTRAINT "system_contracts_final_check" CHECK ("system_contracts"."final_acceptance_date" is null or ("system_contracts"."acceptance_date" is not null and "system_contracts"."final_acceptance_date" >= "system_contracts"."acceptance_date"));
--> statement-breakpoint
ALTER TABLE "customer_projects" ADD COLUMN "final_acceptance_date" date;
--> statement-breakpoint
ALTER TABLE "customer_projects" ADD COLUMN "urge_letter_date" date;
--> statement-breakpoint
ALTER TABLE "customer_projects" ADD COLUMN "urge_letter_method" text;
--> statement-breakpoint
ALTER TABLE "customer_projects" ADD COLUMN "urge_letter_document_id" uuid REFERENCES "customer_documents"("id");
--> statement-breakpoint
ALTER TABLE "customer_projects" ADD COLUMN "refund_fen" bigint;
--> statement-breakpoint
ALTER TABLE "customer_projects" ADD COLUMN "negotiation_due_date" date;
--> statement-breakpoint
UPDATE "customer_projects" SET "final_acceptance_date" = "initial_acceptance_date" WHERE "initial_acceptance_date" IS NOT NULL;
--> statement-breakpoint
ALTER TABLE "customer_projects" ADD CONSTRAINT "customer_projects_final_check" CHECK ("customer_projects"."final_acceptance_date" is null or ("customer_projects"."initial_acceptance_date" is not null and "customer_projects"."final_acceptance_date" >= "customer_projects"."initial_acceptance_date"));
--> statement-breakpoint
ALTER TABLE "customer_projects" ADD CONSTRAINT "customer_projects_urge_letter_method_check" CHECK ("customer_projects"."urge_letter_method" in ('post','courier','fax','email','by_hand'));
--> statement-breakpoint
ALTER TABLE "customer_projects" ADD CONSTRAINT "customer_projects_refund_check" CHECK ("customer_projects"."refund_fen" is null or "customer_projects"."refund_fen" >= 0);
--> statement-breakpoint
ALTER TABLE "customer_modules" DROP CONSTRAINT "customer_modules_state_check";
--> statement-breakpoint
ALTER TABLE "customer_modules" ADD CONSTRAINT "customer_modules_state_check" CHECK ("customer_modules"."acceptance_state" in ('accepted','running_unaccepted','not_launched','on_hold'));
--> statement-breakpoint
ALTER TABLE "customer_modules" ADD COLUMN "genuine_licence" boolean DEFAULT true NOT NULL;
--> statement-breakpoint
CREATE TABLE "entitlement_overrides" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL REFERENCES "customers"("id"),
	"reason" text NOT NULL,
	"from_date" date NOT NULL,
	"until_date" date NOT NULL,
	"created_by_id" uuid NOT NULL REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "entitlement_overrides_dates_check" CHECK ("entitlement_overrides"."until_date" >= "entitlement_overrides"."from_date")
);
--> statement-breakpoint
CREATE INDEX "entitlement_overrides_customer_idx" ON "entitlement_overrides" USING btree ("customer_id","from_date");
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "responsible_engineer_id" uuid REFERENCES "users"("id");
--> statement-breakpoint
ALTER TABLE "service_contracts" ADD COLUMN "resident_engineer_id" uuid REFERENCES "users"("id");
--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "service_class" text;
--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_service_class_check" CHECK ("tickets"."service_class" in ('general_fault','catastrophic_fault','routine_maintenance','upgrade_patch'));
--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "handling_approach" text;
--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_handling_approach_check" CHECK ("tickets"."handling_approach" in ('remote','on_site','escalate','manufacturer'));
--> statement-breakpoint
ALTER TABLE "sla_policies" ADD COLUMN "customer_kind" text;
--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_customer_kind_check" CHECK ("sla_policies"."customer_kind" in ('hospital','agency'));
--> statement-breakpoint
ALTER TABLE "sla_policies" ADD COLUMN "service_class" text;
--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_service_class_check" CHECK ("sla_policies"."service_class" in ('general_fault','catastrophic_fault','routine_maintenance','upgrade_patch'));
--> statement-breakpoint
-- 000's 5×8 line is 8 hours a day: the built-in working calendar's afternoon starts at 13:00 (was 13:30),
-- where it still has the hours it was installed with.
UPDATE "calendars" SET "definition" = jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set("definition",
	'{weekly,mon}', '[["08:30","12:00"],["13:00","17:30"]]'::jsonb),
	'{weekly,tue}', '[["08:30","12:00"],["13:00","17:30"]]'::jsonb),
	'{weekly,wed}', '[["08:30","12:00"],["13:00","17:30"]]'::jsonb),
	'{weekly,thu}', '[["08:30","12:00"],["13:00","17:30"]]'::jsonb),
	'{weekly,fri}', '[["08:30","12:00"],["13:00","17:30"]]'::jsonb), "updated_at" = now()
WHERE "is_builtin" AND "definition"->'weekly'->'mon' = '[["08:30","12:00"],["13:30","17:30"]]'::jsonb;
--> statement-breakpoint
-- 001's 7×24 hotline for every request: the default policy's normal first response runs on the clock
-- of its critical first response (the built-in 7×24 calendar).
UPDATE "sla_policies" SET "targets" = jsonb_set("targets", '{normal,first_response,calendarId}', "targets"->'critical'->'first_response'->'calendarId'), "updated_at" = now()
WHERE "is_builtin" AND "targets" ? 'critical';
--> statement-breakpoint
-- Configuration items (000, 003): supplied by us or not, the manufacturer and its authorised agent, and why a
-- warranty claim was refused.
ALTER TABLE "configuration_items" ADD COLUMN "supplied_by_us" boolean DEFAULT true NOT NULL;
--> statement-breakpoint
ALTER TABLE "configuration_items" ADD COLUMN "manufacturer" text;
--> statement-breakpoint
ALTER TABLE "configuration_items" ADD COLUMN "authorised_agent" text;
--> statement-breakpoint
ALTER TABLE "configuration_items" ADD COLUMN "warranty_exclusion" text;
--> statement-breakpoint
ALTER TABLE "configuration_items" ADD CONSTRAINT "configuration_items_warranty_exclusion_check" CHECK ("configuration_items"."warranty_exclusion" in ('human_damage','wrong_operation','force_majeure'));
