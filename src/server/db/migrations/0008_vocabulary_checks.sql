-- Hand-written (issue 10, typed protocols): CHECK constraints generated from the domain vocabularies
-- (src/server/db/vocabulary-checks.ts lists them; vocabulary-checks.test.ts compares this database's
-- constraints with the TypeScript arrays), the missing foreign key on tickets.sla_policy_id, and
-- btree_gist made mandatory.
--
-- Existing rows outside a vocabulary are mapped to a known value before each check, so upgrading
-- never fails on old data: an unknown distance class (the scale generator wrote other_province and
-- remote) → elsewhere; contact role → other; stage → after_sale; categories and teams → unset;
-- escalation level → clamped to 0..3; an SLA policy for an unknown category (it never matched a
-- request) → deactivated and uncategorised; an unknown clock state → cancelled (stopped). Clocks of an
-- unknown metric, and timeline events or notifications of an unknown type, have no sensible mapping:
-- the migration refuses them with a message naming the table.
--
-- btree_gist: migration 0002 skipped the contracts' no-overlap exclusion constraint when the extension
-- could not be created. Now a database without btree_gist fails here, loudly, and one that skipped
-- the constraint gets it.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'service_contracts_no_overlap') THEN
    ALTER TABLE "service_contracts" ADD CONSTRAINT "service_contracts_no_overlap"
      EXCLUDE USING gist ("customer_id" WITH =, daterange("start_date", "end_date", '[]') WITH &&);
  END IF;
END $$;
--> statement-breakpoint
UPDATE "users" SET "team" = NULL WHERE "team" NOT IN ('service_center','technical_center','field','rnd');
--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_team_check" CHECK ("users"."team" in ('service_center','technical_center','field','rnd'));
--> statement-breakpoint
UPDATE "customers" SET "distance_class" = 'elsewhere' WHERE "distance_class" NOT IN ('same_city','same_province','elsewhere');
--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_distance_class_check" CHECK ("customers"."distance_class" in ('same_city','same_province','elsewhere'));
--> statement-breakpoint
UPDATE "contacts" SET "role" = 'other' WHERE "role" NOT IN ('leadership','it_director','sysadmin','department_user','other');
--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_role_check" CHECK ("contacts"."role" in ('leadership','it_director','sysadmin','department_user','other'));
--> statement-breakpoint
UPDATE "tickets" SET "stage" = 'after_sale' WHERE "stage" NOT IN ('pre_sale','in_sale','after_sale');
--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_stage_check" CHECK ("tickets"."stage" in ('pre_sale','in_sale','after_sale'));
--> statement-breakpoint
UPDATE "tickets" SET "content_category" = NULL WHERE "content_category" NOT IN ('software_service','network_hardware_service','training','management_consulting','supporting_software','internet_service');
--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_content_category_check" CHECK ("tickets"."content_category" in ('software_service','network_hardware_service','training','management_consulting','supporting_software','internet_service'));
--> statement-breakpoint
UPDATE "tickets" SET "cause_category" = NULL WHERE "cause_category" NOT IN ('platform_damaged','vendor_software','virus','user_operation','hardware');
--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_cause_category_check" CHECK ("tickets"."cause_category" in ('platform_damaged','vendor_software','virus','user_operation','hardware'));
--> statement-breakpoint
UPDATE "tickets" SET "team" = NULL WHERE "team" NOT IN ('service_center','technical_center','field','rnd');
--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_team_check" CHECK ("tickets"."team" in ('service_center','technical_center','field','rnd'));
--> statement-breakpoint
UPDATE "tickets" SET "escalation_level" = greatest(0, least(3, "escalation_level")) WHERE "escalation_level" NOT IN (0,1,2,3);
--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_escalation_level_check" CHECK ("tickets"."escalation_level" in (0,1,2,3));
--> statement-breakpoint
UPDATE "sla_policies" SET "content_category" = NULL, "is_active" = false WHERE "content_category" NOT IN ('software_service','network_hardware_service','training','management_consulting','supporting_software','internet_service');
--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_content_category_check" CHECK ("sla_policies"."content_category" in ('software_service','network_hardware_service','training','management_consulting','supporting_software','internet_service'));
--> statement-breakpoint
UPDATE "ticket_sla_targets" SET "state" = 'cancelled', "running_since" = NULL WHERE "state" NOT IN ('running','paused','met','breached','cancelled','not_needed');
--> statement-breakpoint
ALTER TABLE "ticket_sla_targets" ADD CONSTRAINT "ticket_sla_targets_state_check" CHECK ("ticket_sla_targets"."state" in ('running','paused','met','breached','cancelled','not_needed'));
--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM "ticket_sla_targets" WHERE "metric" NOT IN ('first_response','reply','solution','resolution','on_site')) THEN
    RAISE EXCEPTION 'ticket_sla_targets.metric holds values outside the vocabulary (%); fix them before upgrading',
      (SELECT string_agg(DISTINCT "metric"::text, ', ') FROM "ticket_sla_targets" WHERE "metric" NOT IN ('first_response','reply','solution','resolution','on_site'));
  END IF;
END $$;
--> statement-breakpoint
ALTER TABLE "ticket_sla_targets" ADD CONSTRAINT "ticket_sla_targets_metric_check" CHECK ("ticket_sla_targets"."metric" in ('first_response','reply','solution','resolution','on_site'));
--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM "ticket_events" WHERE "type" NOT IN ('created','assigned','field_changed','status_changed','reply','note','phone_call','solution_proposed','attachment_added','on_site_arrival','manager_alerted','sla_warning','sla_breached','escalated')) THEN
    RAISE EXCEPTION 'ticket_events.type holds values outside the vocabulary (%); fix them before upgrading',
      (SELECT string_agg(DISTINCT "type"::text, ', ') FROM "ticket_events" WHERE "type" NOT IN ('created','assigned','field_changed','status_changed','reply','note','phone_call','solution_proposed','attachment_added','on_site_arrival','manager_alerted','sla_warning','sla_breached','escalated'));
  END IF;
END $$;
--> statement-breakpoint
ALTER TABLE "ticket_events" ADD CONSTRAINT "ticket_events_type_check" CHECK ("ticket_events"."type" in ('created','assigned','field_changed','status_changed','reply','note','phone_call','solution_proposed','attachment_added','on_site_arrival','manager_alerted','sla_warning','sla_breached','escalated'));
--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM "notifications" WHERE "kind" NOT IN ('critical_request','sla_warning','sla_breached','escalated','contract_renewal')) THEN
    RAISE EXCEPTION 'notifications.kind holds values outside the vocabulary (%); fix them before upgrading',
      (SELECT string_agg(DISTINCT "kind"::text, ', ') FROM "notifications" WHERE "kind" NOT IN ('critical_request','sla_warning','sla_breached','escalated','contract_renewal'));
  END IF;
END $$;
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK ("notifications"."kind" in ('critical_request','sla_warning','sla_breached','escalated','contract_renewal'));
--> statement-breakpoint
UPDATE "tickets" SET "sla_policy_id" = NULL WHERE "sla_policy_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "sla_policies" p WHERE p."id" = "tickets"."sla_policy_id");
--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_sla_policy_id_sla_policies_id_fk" FOREIGN KEY ("sla_policy_id") REFERENCES "public"."sla_policies"("id") ON DELETE no action ON UPDATE no action;
