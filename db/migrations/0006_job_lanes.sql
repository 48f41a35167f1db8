ALTER TABLE "jobs" ADD COLUMN "lane" text DEFAULT 'background' NOT NULL;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "concurrency_key" text;--> statement-breakpoint
CREATE INDEX "jobs_lane_due_idx" ON "jobs" USING btree ("lane","status","run_at");--> statement-breakpoint
-- Jobs queued before the upgrade: put email and webhook jobs in their lanes (decision 043).
UPDATE "jobs" SET "lane" = 'email' WHERE "kind" = 'email' AND "status" IN ('pending', 'running');--> statement-breakpoint
UPDATE "jobs" SET "lane" = 'webhook', "concurrency_key" = 'webhook-endpoint:' || ("payload"->>'endpointId') WHERE "kind" = 'webhook' AND "status" IN ('pending', 'running');
