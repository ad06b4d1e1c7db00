ALTER TABLE "tickets" ADD COLUMN "search_vector" "tsvector";--> statement-breakpoint
CREATE INDEX "tickets_search_idx" ON "tickets" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "tickets_updated_idx" ON "tickets" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "tickets_severity_created_idx" ON "tickets" USING btree ((case "severity" when 'critical' then 0 when 'urgent' then 1 else 2 end),"created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);