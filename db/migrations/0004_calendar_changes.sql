CREATE TABLE "calendar_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "calendar_changes_at_idx" ON "calendar_changes" USING btree ("created_at");
--> statement-breakpoint
-- Everything a calendar snapshot reads notes that it changed: one row per statement, never an
-- UPDATE of a shared counter, so writers never wait on each other for it.
CREATE OR REPLACE FUNCTION calendar_note_change() RETURNS trigger AS $$
BEGIN
  INSERT INTO calendar_changes DEFAULT VALUES;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER workspaces_calendar_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "workspaces" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
CREATE TRIGGER brands_calendar_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "brands" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
CREATE TRIGGER agencies_calendar_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "agencies" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
CREATE TRIGGER creators_calendar_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "creators" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
CREATE TRIGGER campaigns_calendar_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "campaigns" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
CREATE TRIGGER campaign_agencies_calendar_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "campaign_agencies" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
CREATE TRIGGER campaign_creators_calendar_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "campaign_creators" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
CREATE TRIGGER briefs_calendar_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "briefs" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
CREATE TRIGGER brief_versions_calendar_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "brief_versions" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
CREATE TRIGGER deliverables_calendar_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "deliverables" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
CREATE TRIGGER brand_blackouts_calendar_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "brand_blackouts" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
CREATE TRIGGER onboarding_links_calendar_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "onboarding_links" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
CREATE TRIGGER access_steps_calendar_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "access_steps" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
CREATE TRIGGER conflict_acknowledgments_calendar_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "conflict_acknowledgments" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
CREATE TRIGGER users_calendar_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "users" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
