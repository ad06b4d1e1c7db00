CREATE TABLE "configuration_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"model" text,
	"serial" text,
	"location" text,
	"warranty_end" date,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "configuration_items_kind_check" CHECK ("configuration_items"."kind" in ('server','os','database','network','printer','other'))
);
--> statement-breakpoint
CREATE TABLE "customer_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"is_internal" boolean DEFAULT false NOT NULL,
	"uploaded_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_documents_kind_check" CHECK ("customer_documents"."kind" in ('project_plan','technical_manual','maintenance_manual','project_summary','acceptance_report','service_agreement','contract','signed_quote','service_report','other')),
	CONSTRAINT "customer_documents_size_check" CHECK ("customer_documents"."size_bytes" > 0)
);
--> statement-breakpoint
CREATE TABLE "customer_modules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"system" text NOT NULL,
	"module" text NOT NULL,
	"version" text,
	"go_live_date" date,
	"acceptance_state" text DEFAULT 'not_launched' NOT NULL,
	"acceptance_date" date,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_modules_state_check" CHECK ("customer_modules"."acceptance_state" in ('accepted','running_unaccepted','not_launched')),
	CONSTRAINT "customer_modules_accepted_date_check" CHECK (("customer_modules"."acceptance_state" = 'accepted') = ("customer_modules"."acceptance_date" is not null)),
	CONSTRAINT "customer_modules_dates_check" CHECK ("customer_modules"."acceptance_date" is null or "customer_modules"."go_live_date" is null or "customer_modules"."acceptance_date" >= "customer_modules"."go_live_date")
);
--> statement-breakpoint
CREATE TABLE "customer_projects" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"contract_signed_date" date,
	"team_stationed_date" date,
	"initial_acceptance_date" date,
	"unaccepted_case" integer,
	"notes" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_projects_case_check" CHECK ("customer_projects"."unaccepted_case" is null or "customer_projects"."unaccepted_case" between 1 and 4),
	CONSTRAINT "customer_projects_dates_check" CHECK (("customer_projects"."team_stationed_date" is null or "customer_projects"."contract_signed_date" is null or "customer_projects"."team_stationed_date" >= "customer_projects"."contract_signed_date") and ("customer_projects"."initial_acceptance_date" is null or "customer_projects"."contract_signed_date" is null or "customer_projects"."initial_acceptance_date" >= "customer_projects"."contract_signed_date"))
);
--> statement-breakpoint
CREATE TABLE "handover_items" (
	"customer_id" uuid NOT NULL,
	"item" text NOT NULL,
	"is_done" boolean DEFAULT false NOT NULL,
	"document_id" uuid,
	"updated_by_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "handover_items_item_check" CHECK ("handover_items"."item" in ('project_plan','technical_manual','maintenance_manual','project_summary','acceptance_report','service_agreement'))
);
--> statement-breakpoint
CREATE TABLE "quotes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"ticket_id" uuid,
	"people" integer NOT NULL,
	"travel_per_person_fen" bigint NOT NULL,
	"lodging_per_person_day_fen" bigint NOT NULL,
	"daily_fee_per_person_day_fen" bigint DEFAULT 100000 NOT NULL,
	"arrival_date" date NOT NULL,
	"departure_date" date NOT NULL,
	"days" integer NOT NULL,
	"total_fen" bigint NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"note" text,
	"sent_at" timestamp with time zone,
	"signed_by" text,
	"signed_at" timestamp with time zone,
	"signed_scan_document_id" uuid,
	"cancelled_at" timestamp with time zone,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quotes_state_check" CHECK ("quotes"."state" in ('draft','sent','signed','cancelled')),
	CONSTRAINT "quotes_people_check" CHECK ("quotes"."people" > 0),
	CONSTRAINT "quotes_money_check" CHECK ("quotes"."travel_per_person_fen" >= 0 and "quotes"."lodging_per_person_day_fen" >= 0 and "quotes"."daily_fee_per_person_day_fen" >= 0 and "quotes"."total_fen" >= 0),
	CONSTRAINT "quotes_dates_check" CHECK ("quotes"."departure_date" >= "quotes"."arrival_date" and "quotes"."days" > 0),
	CONSTRAINT "quotes_signed_check" CHECK (("quotes"."state" = 'signed') = ("quotes"."signed_at" is not null and "quotes"."signed_by" is not null))
);
--> statement-breakpoint
CREATE TABLE "renewal_reminders" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"contract_id" uuid NOT NULL,
	"days_before" integer NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "renewal_reminders_days_check" CHECK ("renewal_reminders"."days_before" > 0)
);
--> statement-breakpoint
CREATE TABLE "service_contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"tier_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"price_fen" bigint NOT NULL,
	"visit_quota" integer,
	"account_owner_id" uuid,
	"renewal_of_id" uuid,
	"notes" text,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_contracts_price_check" CHECK ("service_contracts"."price_fen" >= 0),
	CONSTRAINT "service_contracts_dates_check" CHECK ("service_contracts"."end_date" >= "service_contracts"."start_date"),
	CONSTRAINT "service_contracts_quota_check" CHECK ("service_contracts"."visit_quota" is null or "service_contracts"."visit_quota" >= 0)
);
--> statement-breakpoint
CREATE TABLE "service_tiers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"yearly_price_fen" bigint NOT NULL,
	"routine_maintenance" text NOT NULL,
	"emergency_visits_per_year" integer,
	"retraining_quota" integer DEFAULT 0 NOT NULL,
	"has_resident_engineer" boolean DEFAULT false NOT NULL,
	"has_priority" boolean DEFAULT false NOT NULL,
	"service_window" text NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"is_builtin" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_tiers_price_check" CHECK ("service_tiers"."yearly_price_fen" >= 0),
	CONSTRAINT "service_tiers_visits_check" CHECK ("service_tiers"."emergency_visits_per_year" is null or "service_tiers"."emergency_visits_per_year" >= 0),
	CONSTRAINT "service_tiers_retraining_check" CHECK ("service_tiers"."retraining_quota" >= 0),
	CONSTRAINT "service_tiers_window_check" CHECK ("service_tiers"."service_window" in ('7x24','5x8')),
	CONSTRAINT "service_tiers_routine_check" CHECK ("service_tiers"."routine_maintenance" in ('resident','monthly','quarterly','half_yearly','yearly','none'))
);
--> statement-breakpoint
CREATE TABLE "system_contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"title" text NOT NULL,
	"signed_date" date,
	"total_price_fen" bigint NOT NULL,
	"acceptance_date" date,
	"notes" text,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "system_contracts_price_check" CHECK ("system_contracts"."total_price_fen" >= 0),
	CONSTRAINT "system_contracts_dates_check" CHECK ("system_contracts"."acceptance_date" is null or "system_contracts"."signed_date" is null or "system_contracts"."acceptance_date" >= "system_contracts"."signed_date")
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"ticket_id" uuid,
	"service_contract_id" uuid,
	"visit_date" date NOT NULL,
	"engineer_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"is_over_quota" boolean DEFAULT false NOT NULL,
	"quote_id" uuid,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visits_over_quota_check" CHECK (not "visits"."is_over_quota" or "visits"."quote_id" is not null)
);
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "beds" integer;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "economic_notes" text;--> statement-breakpoint
ALTER TABLE "configuration_items" ADD CONSTRAINT "configuration_items_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_documents" ADD CONSTRAINT "customer_documents_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_documents" ADD CONSTRAINT "customer_documents_uploaded_by_id_users_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_modules" ADD CONSTRAINT "customer_modules_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_projects" ADD CONSTRAINT "customer_projects_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_items" ADD CONSTRAINT "handover_items_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_items" ADD CONSTRAINT "handover_items_document_id_customer_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."customer_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_items" ADD CONSTRAINT "handover_items_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_signed_scan_document_id_customer_documents_id_fk" FOREIGN KEY ("signed_scan_document_id") REFERENCES "public"."customer_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renewal_reminders" ADD CONSTRAINT "renewal_reminders_contract_id_service_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."service_contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_contracts" ADD CONSTRAINT "service_contracts_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_contracts" ADD CONSTRAINT "service_contracts_tier_id_service_tiers_id_fk" FOREIGN KEY ("tier_id") REFERENCES "public"."service_tiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_contracts" ADD CONSTRAINT "service_contracts_account_owner_id_users_id_fk" FOREIGN KEY ("account_owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_contracts" ADD CONSTRAINT "service_contracts_renewal_of_id_service_contracts_id_fk" FOREIGN KEY ("renewal_of_id") REFERENCES "public"."service_contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_contracts" ADD CONSTRAINT "service_contracts_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_contracts" ADD CONSTRAINT "system_contracts_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_contracts" ADD CONSTRAINT "system_contracts_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_service_contract_id_service_contracts_id_fk" FOREIGN KEY ("service_contract_id") REFERENCES "public"."service_contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_quote_id_quotes_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."quotes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "configuration_items_customer_idx" ON "configuration_items" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "customer_documents_customer_idx" ON "customer_documents" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_modules_key" ON "customer_modules" USING btree ("customer_id","system","module");--> statement-breakpoint
CREATE UNIQUE INDEX "handover_items_key" ON "handover_items" USING btree ("customer_id","item");--> statement-breakpoint
CREATE INDEX "quotes_customer_idx" ON "quotes" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "renewal_reminders_key" ON "renewal_reminders" USING btree ("contract_id","days_before");--> statement-breakpoint
CREATE INDEX "service_contracts_customer_idx" ON "service_contracts" USING btree ("customer_id","start_date");--> statement-breakpoint
CREATE INDEX "service_contracts_end_idx" ON "service_contracts" USING btree ("end_date");--> statement-breakpoint
CREATE UNIQUE INDEX "service_contracts_renewal_key" ON "service_contracts" USING btree ("renewal_of_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_tiers_code_key" ON "service_tiers" USING btree ("code");--> statement-breakpoint
CREATE INDEX "system_contracts_customer_idx" ON "system_contracts" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "visits_customer_idx" ON "visits" USING btree ("customer_id","visit_date");--> statement-breakpoint
CREATE INDEX "visits_contract_idx" ON "visits" USING btree ("service_contract_id","visit_date");--> statement-breakpoint
CREATE UNIQUE INDEX "visits_quote_key" ON "visits" USING btree ("quote_id");--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_beds_check" CHECK ("customers"."beds" is null or "customers"."beds" >= 0);--> statement-breakpoint
-- Hand-written: two service contracts of one customer never overlap. The exclusion constraint needs
-- btree_gist (uuid equality in a GiST index); where the extension cannot be created, the service's
-- locked check (service_contracts.service.ts) is the only guard, and the migration still succeeds.
DO $$
BEGIN
  BEGIN
    CREATE EXTENSION IF NOT EXISTS btree_gist;
  EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'btree_gist unavailable: overlapping service contracts are refused by the service only';
    RETURN;
  END;
  ALTER TABLE "service_contracts" ADD CONSTRAINT "service_contracts_no_overlap"
    EXCLUDE USING gist ("customer_id" WITH =, daterange("start_date", "end_date", '[]') WITH &&);
END $$;
--> statement-breakpoint
-- Hand-written: the four tiers of DOMAIN.md §5 (002). Prices in fen; null visits = unlimited.
-- Service windows: 000 offers a 5×8 line and "7×24 gold service", so Gold and above are 7×24.
INSERT INTO "service_tiers" ("code", "name_zh", "name_en", "yearly_price_fen", "routine_maintenance", "emergency_visits_per_year", "retraining_quota", "has_resident_engineer", "has_priority", "service_window", "is_builtin") VALUES
  ('diamond', '钻石级', 'Diamond', 20000000, 'resident', NULL, 2, true, true, '7x24', true),
  ('gold', '金牌级', 'Gold', 15000000, 'quarterly', NULL, 1, false, false, '7x24', true),
  ('silver', '银牌级', 'Silver', 10000000, 'half_yearly', 10, 0, false, false, '5x8', true),
  ('bronze', '铜牌级', 'Bronze', 5000000, 'yearly', 5, 0, false, false, '5x8', true)
ON CONFLICT DO NOTHING;
