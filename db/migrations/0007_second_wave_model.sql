CREATE TABLE "decision_codes" (
	"id" text PRIMARY KEY NOT NULL,
	"link_id" text NOT NULL,
	"code_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decision_links" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"purpose" text NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" text NOT NULL,
	"deliverable_id" text,
	"brand_id" text,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conflict_log" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"conflict_key" text NOT NULL,
	"rule" text NOT NULL,
	"severity" text NOT NULL,
	"brand_id" text,
	"agency_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"channel" text,
	"goes_live_at" timestamp with time zone,
	"first_seen_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "handoff_facts" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"kind" text NOT NULL,
	"subject_key" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"duration_seconds" integer NOT NULL,
	"brand_id" text,
	"agency_id" text,
	"channel" text,
	"creator_id" text,
	"person_id" text,
	"local_date" date NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_sends" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"brand_id" text NOT NULL,
	"month" text NOT NULL,
	"recipient_user_id" text NOT NULL,
	"kind" text NOT NULL,
	"sent_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "brands" ADD COLUMN "require_decision_code" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "away_from" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "away_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "delegate_user_id" text;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "deliverables" ADD COLUMN "blocked" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "decision_codes" ADD CONSTRAINT "decision_codes_link_id_decision_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."decision_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_links" ADD CONSTRAINT "decision_links_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_links" ADD CONSTRAINT "decision_links_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_links" ADD CONSTRAINT "decision_links_deliverable_id_deliverables_id_fk" FOREIGN KEY ("deliverable_id") REFERENCES "public"."deliverables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_links" ADD CONSTRAINT "decision_links_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_log" ADD CONSTRAINT "conflict_log_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handoff_facts" ADD CONSTRAINT "handoff_facts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_sends" ADD CONSTRAINT "report_sends_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_sends" ADD CONSTRAINT "report_sends_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_sends" ADD CONSTRAINT "report_sends_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_sends" ADD CONSTRAINT "report_sends_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "decision_codes_link_idx" ON "decision_codes" USING btree ("link_id");--> statement-breakpoint
CREATE UNIQUE INDEX "decision_links_token_key" ON "decision_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "decision_links_deliverable_idx" ON "decision_links" USING btree ("deliverable_id");--> statement-breakpoint
CREATE INDEX "decision_links_user_idx" ON "decision_links" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "conflict_log_workspace_idx" ON "conflict_log" USING btree ("workspace_id","resolved_at");--> statement-breakpoint
CREATE UNIQUE INDEX "conflict_log_open_key" ON "conflict_log" USING btree ("workspace_id","conflict_key") WHERE resolved_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "handoff_facts_subject_key" ON "handoff_facts" USING btree ("kind","subject_key");--> statement-breakpoint
CREATE INDEX "handoff_facts_workspace_date_idx" ON "handoff_facts" USING btree ("workspace_id","kind","local_date");--> statement-breakpoint
CREATE INDEX "report_sends_brand_month_idx" ON "report_sends" USING btree ("brand_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "report_sends_auto_once_key" ON "report_sends" USING btree ("brand_id","month","recipient_user_id") WHERE kind = 'auto';--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_delegate_user_id_users_id_fk" FOREIGN KEY ("delegate_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Blocked becomes a flag beside the status (decision 052). The status before a block was not kept;
-- draft is right in every case (the current version is resubmitted and approvals pinned to it still count).
UPDATE "deliverables" SET "blocked" = true, "status" = 'draft' WHERE "status" = 'blocked';
