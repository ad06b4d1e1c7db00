-- Work orders (派工单, issue 11 part A): the order, its engineers, the client action ids already applied
-- (offline replays are answered once), and the visit's type on the register. Register rows written before
-- this migration were typed in by hand for emergency repairs, so they are 'emergency' (the only type that
-- counts against a tier's yearly quota). New timeline event types work_order and dispatch_override.
ALTER TABLE "visits" ADD COLUMN "type" text DEFAULT 'emergency' NOT NULL;
--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_type_check" CHECK ("visits"."type" in ('emergency','routine','implementation','training','expansion','upgrade'));
--> statement-breakpoint
ALTER TABLE "ticket_events" DROP CONSTRAINT "ticket_events_type_check";
--> statement-breakpoint
ALTER TABLE "ticket_events" ADD CONSTRAINT "ticket_events_type_check" CHECK ("ticket_events"."type" in ('created','assigned','field_changed','status_changed','reply','note','phone_call','solution_proposed','attachment_added','on_site_arrival','manager_alerted','sla_warning','sla_breached','escalated','work_order','dispatch_override'));
--> statement-breakpoint
CREATE TABLE "work_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"ticket_id" uuid NOT NULL REFERENCES "tickets"("id"),
	"customer_id" uuid NOT NULL REFERENCES "customers"("id"),
	"type" text NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"planned_at" timestamp with time zone NOT NULL,
	"transport" text,
	"address" text,
	"contact_name" text,
	"contact_phone" text,
	"quote_id" uuid REFERENCES "quotes"("id"),
	"override_reason" text,
	"approved_by_name" text,
	"approved_at" timestamp with time zone,
	"approval_method" text,
	"check_in_at" timestamp with time zone,
	"check_out_at" timestamp with time zone,
	"minutes_on_site" integer,
	"work_log" text DEFAULT '' NOT NULL,
	"checklist" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"parts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"signer_name" text,
	"signer_title" text,
	"signature_png" bytea,
	"rating" integer,
	"remark" text,
	"signed_off_at" timestamp with time zone,
	"visit_id" uuid REFERENCES "visits"("id"),
	"cancelled_at" timestamp with time zone,
	"created_by_id" uuid NOT NULL REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "work_orders_type_check" CHECK ("work_orders"."type" in ('emergency','routine','implementation','training','expansion','upgrade')),
	CONSTRAINT "work_orders_status_check" CHECK ("work_orders"."status" in ('planned','on_site','checked_out','signed_off','cancelled')),
	CONSTRAINT "work_orders_transport_check" CHECK ("work_orders"."transport" in ('taxi','van','chartered_car','train','plane')),
	CONSTRAINT "work_orders_approval_method_check" CHECK ("work_orders"."approval_method" in ('phone','signed_form')),
	CONSTRAINT "work_orders_rating_check" CHECK ("work_orders"."rating" is null or "work_orders"."rating" between 1 and 5)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "work_orders_number_key" ON "work_orders" USING btree ("number");
--> statement-breakpoint
CREATE INDEX "work_orders_ticket_idx" ON "work_orders" USING btree ("ticket_id","created_at");
--> statement-breakpoint
CREATE INDEX "work_orders_planned_idx" ON "work_orders" USING btree ("planned_at");
--> statement-breakpoint
CREATE TABLE "work_order_engineers" (
	"work_order_id" uuid NOT NULL REFERENCES "work_orders"("id") ON DELETE cascade,
	"user_id" uuid NOT NULL REFERENCES "users"("id"),
	CONSTRAINT "work_order_engineers_work_order_id_user_id_pk" PRIMARY KEY("work_order_id","user_id")
);
--> statement-breakpoint
CREATE INDEX "work_order_engineers_user_idx" ON "work_order_engineers" USING btree ("user_id");
--> statement-breakpoint
CREATE TABLE "work_order_actions" (
	"client_action_id" uuid PRIMARY KEY NOT NULL,
	"work_order_id" uuid NOT NULL REFERENCES "work_orders"("id") ON DELETE cascade,
	"action" text NOT NULL,
	"actor_id" uuid NOT NULL REFERENCES "users"("id"),
	"applied_at" timestamp with time zone NOT NULL
);
