DROP INDEX "deliverables_status_idx";--> statement-breakpoint
CREATE INDEX "deliverables_status_publish_idx" ON "deliverables" USING btree ("workspace_id","status","publish_at");