CREATE TABLE "insights_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "insights_changes_at_idx" ON "insights_changes" USING btree ("created_at");
--> statement-breakpoint
-- What the insights report reads notes that it changed (decision 055): one row per statement, the
-- source named by the trigger's argument.
CREATE OR REPLACE FUNCTION insights_note_change() RETURNS trigger AS $$
BEGIN
  INSERT INTO insights_changes (source) VALUES (TG_ARGV[0]);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER handoff_facts_insights_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "handoff_facts" FOR EACH STATEMENT EXECUTE FUNCTION insights_note_change('facts');
--> statement-breakpoint
CREATE TRIGGER conflict_log_insights_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "conflict_log" FOR EACH STATEMENT EXECUTE FUNCTION insights_note_change('conflicts');
--> statement-breakpoint
CREATE TRIGGER conflict_acknowledgments_insights_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "conflict_acknowledgments" FOR EACH STATEMENT EXECUTE FUNCTION insights_note_change('conflicts');
--> statement-breakpoint
-- The waiting lists ("waiting on me", insights' "stuck now") are cached on calendar_changes too
-- (decision 055): the tables they read beyond the calendar's note their changes as well.
CREATE TRIGGER approval_routes_calendar_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "approval_routes" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
CREATE TRIGGER draft_versions_calendar_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "draft_versions" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
CREATE TRIGGER approval_decisions_calendar_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "approval_decisions" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
CREATE TRIGGER memberships_calendar_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "memberships" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
CREATE TRIGGER brief_acknowledgments_calendar_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "brief_acknowledgments" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
