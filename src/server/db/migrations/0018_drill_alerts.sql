-- A drill alerts the hospital only when chosen (001 2.8); a real incident always does.
ALTER TABLE "incidents" ADD COLUMN "alerts_hospital" boolean DEFAULT true NOT NULL;
--> statement-breakpoint
UPDATE "incidents" SET "alerts_hospital" = false WHERE "is_drill";
