CREATE TABLE "ticket_status_counts" (
	"customer_id" uuid NOT NULL,
	"status" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "ticket_status_counts_customer_id_status_pk" PRIMARY KEY("customer_id","status")
);
--> statement-breakpoint
-- Written by hand after the generated table: triggers keep the counts exact in the changing transaction.
-- Both rows a status change touches are locked in one order (by status), so two opposite changes
-- for one customer cannot deadlock.
CREATE FUNCTION "ticket_status_counts_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO ticket_status_counts (customer_id, status, n) VALUES (NEW.customer_id, NEW.status, 0)
    ON CONFLICT (customer_id, status) DO NOTHING;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    PERFORM 1 FROM ticket_status_counts
    WHERE (customer_id = OLD.customer_id AND status = OLD.status) OR (customer_id = NEW.customer_id AND status = NEW.status)
    ORDER BY customer_id, status FOR UPDATE;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE ticket_status_counts SET n = n - 1 WHERE customer_id = OLD.customer_id AND status = OLD.status;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE ticket_status_counts SET n = n + 1 WHERE customer_id = NEW.customer_id AND status = NEW.status;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "tickets_status_counts_insert" AFTER INSERT ON "tickets" FOR EACH ROW EXECUTE FUNCTION "ticket_status_counts_apply"();
--> statement-breakpoint
CREATE TRIGGER "tickets_status_counts_update" AFTER UPDATE OF "status", "customer_id" ON "tickets" FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.customer_id IS DISTINCT FROM NEW.customer_id)
  EXECUTE FUNCTION "ticket_status_counts_apply"();
--> statement-breakpoint
CREATE TRIGGER "tickets_status_counts_delete" AFTER DELETE ON "tickets" FOR EACH ROW EXECUTE FUNCTION "ticket_status_counts_apply"();
--> statement-breakpoint
INSERT INTO "ticket_status_counts" ("customer_id", "status", "n")
SELECT "customer_id", "status", count(*) FROM "tickets" GROUP BY "customer_id", "status";
