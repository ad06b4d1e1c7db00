-- Written by hand: the planner multiplies the shares of status and "no assignee" as if independent, so
-- it estimated 650 unassigned new requests where there were 25,757 (a backlog after an outage), chose the
-- partial open index and sorted them all (61 ms) instead of reading the newest 50 in order from
-- tickets_assignee_status_created_idx (3 ms). Statistics on the pair give it the real share.
CREATE STATISTICS IF NOT EXISTS "tickets_status_assignee_stats" (mcv) ON "status", "assignee_id" FROM "tickets";
--> statement-breakpoint
ANALYZE "tickets";
