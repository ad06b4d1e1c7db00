-- Issue 11, field service: the dispatch board's optimistic version on work orders (two dispatchers
-- dragging one order: the second gets 409), per-engineer iCalendar feeds (only a hash of the secret
-- token is stored; one live feed per user) and the admin-editable default on-site checklist.
ALTER TABLE "work_orders" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;
--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_token_hash_idx" ON "calendar_feeds" USING btree ("token_hash");
--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_live_user_idx" ON "calendar_feeds" USING btree ("user_id") WHERE "revoked_at" IS NULL;
--> statement-breakpoint
CREATE TABLE "field_settings" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"default_checklist" jsonb NOT NULL,
	"updated_by_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "field_settings_singleton" CHECK ("id"),
	CONSTRAINT "field_settings_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action
);
--> statement-breakpoint
-- The on-site clock's start (at dispatch, 000; or at the customer's written confirmation of the proposed
-- solution, 002 四(二)) and distance rules naming provinces or cities (002: 北京及周边城市特殊处理).
ALTER TABLE "sla_policies" ADD COLUMN "on_site_start" text DEFAULT 'dispatch' NOT NULL;
--> statement-breakpoint
ALTER TABLE "sla_policies" ADD COLUMN "on_site_rules" jsonb DEFAULT '[]'::jsonb NOT NULL;
--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_on_site_start_check" CHECK ("sla_policies"."on_site_start" in ('dispatch','written_confirmation'));
--> statement-breakpoint
-- A new timeline event: the written confirmation (the complete vocabulary of src/domain/timeline.ts).
ALTER TABLE "ticket_events" DROP CONSTRAINT "ticket_events_type_check";
--> statement-breakpoint
ALTER TABLE "ticket_events" ADD CONSTRAINT "ticket_events_type_check" CHECK ("ticket_events"."type" in ('created','assigned','field_changed','status_changed','reply','note','phone_call','solution_proposed','attachment_added','on_site_arrival','manager_alerted','sla_warning','sla_breached','escalated','work_order','dispatch_override','remote_access_granted','password_change_reminder','cannot_solve_escalated','defect_reported','rma_recorded','written_confirmation'));
--> statement-breakpoint
-- The confidentiality undertaking (保密承诺) as a customer document kind (src/domain/contracts/vocabulary.ts).
ALTER TABLE "customer_documents" DROP CONSTRAINT "customer_documents_kind_check";
--> statement-breakpoint
ALTER TABLE "customer_documents" ADD CONSTRAINT "customer_documents_kind_check" CHECK ("customer_documents"."kind" in ('project_plan','technical_manual','maintenance_manual','project_summary','acceptance_report','service_agreement','contract','signed_quote','service_report','confidentiality_undertaking','other'));
