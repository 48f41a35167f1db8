ALTER TABLE "calendar_changes" ADD COLUMN "workspace_id" text;--> statement-breakpoint
ALTER TABLE "calendar_changes" ADD COLUMN "source" text;--> statement-breakpoint
ALTER TABLE "calendar_changes" ADD COLUMN "brand_ids" text[];--> statement-breakpoint
ALTER TABLE "calendar_changes" ADD COLUMN "creator_ids" text[];--> statement-breakpoint
CREATE INDEX "calendar_changes_workspace_idx" ON "calendar_changes" USING btree ("workspace_id","id");--> statement-breakpoint
-- Decision 068: the calendar's change log names the workspace a statement changed, so a write in
-- one workspace no longer invalidates every workspace's cached snapshots, and a change to
-- deliverables names the brands and creators it touched (before and after), so the next read
-- recomputes only their conflicts. Statement triggers with transition tables: still one row per
-- statement (per workspace it touched), never an UPDATE of a shared counter; a statement that
-- changed no row writes nothing. Rows of no workspace (users, TRUNCATE) concern every workspace.
CREATE OR REPLACE FUNCTION calendar_note_change() RETURNS trigger AS $$
BEGIN
  INSERT INTO calendar_changes (source) VALUES (TG_TABLE_NAME);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- TG_ARGV[0] names the column holding the workspace ("workspace_id", or "id" on workspaces).
CREATE OR REPLACE FUNCTION calendar_note_rows() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE format('INSERT INTO calendar_changes (workspace_id, source) SELECT DISTINCT %I, %L FROM calendar_new_rows', TG_ARGV[0], TG_TABLE_NAME);
  ELSIF TG_OP = 'UPDATE' THEN
    EXECUTE format('INSERT INTO calendar_changes (workspace_id, source) SELECT %I, %L FROM calendar_old_rows UNION SELECT %I, %L FROM calendar_new_rows', TG_ARGV[0], TG_TABLE_NAME, TG_ARGV[0], TG_TABLE_NAME);
  ELSE
    EXECUTE format('INSERT INTO calendar_changes (workspace_id, source) SELECT DISTINCT %I, %L FROM calendar_old_rows', TG_ARGV[0], TG_TABLE_NAME);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION calendar_note_deliverables() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO calendar_changes (workspace_id, source, brand_ids, creator_ids)
      SELECT workspace_id, 'deliverables', array_agg(DISTINCT brand_id), array_remove(array_agg(DISTINCT creator_id), NULL)
      FROM calendar_new_rows GROUP BY workspace_id;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO calendar_changes (workspace_id, source, brand_ids, creator_ids)
      SELECT workspace_id, 'deliverables', array_agg(DISTINCT brand_id), array_remove(array_agg(DISTINCT creator_id), NULL)
      FROM (SELECT workspace_id, brand_id, creator_id FROM calendar_old_rows
            UNION ALL SELECT workspace_id, brand_id, creator_id FROM calendar_new_rows) touched
      GROUP BY workspace_id;
  ELSE
    INSERT INTO calendar_changes (workspace_id, source, brand_ids, creator_ids)
      SELECT workspace_id, 'deliverables', array_agg(DISTINCT brand_id), array_remove(array_agg(DISTINCT creator_id), NULL)
      FROM calendar_old_rows GROUP BY workspace_id;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
DROP TRIGGER IF EXISTS brands_calendar_change ON "brands";
--> statement-breakpoint
CREATE TRIGGER brands_calendar_insert AFTER INSERT ON "brands" REFERENCING NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER brands_calendar_update AFTER UPDATE ON "brands" REFERENCING OLD TABLE AS calendar_old_rows NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER brands_calendar_delete AFTER DELETE ON "brands" REFERENCING OLD TABLE AS calendar_old_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER brands_calendar_truncate AFTER TRUNCATE ON "brands" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
DROP TRIGGER IF EXISTS agencies_calendar_change ON "agencies";
--> statement-breakpoint
CREATE TRIGGER agencies_calendar_insert AFTER INSERT ON "agencies" REFERENCING NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER agencies_calendar_update AFTER UPDATE ON "agencies" REFERENCING OLD TABLE AS calendar_old_rows NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER agencies_calendar_delete AFTER DELETE ON "agencies" REFERENCING OLD TABLE AS calendar_old_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER agencies_calendar_truncate AFTER TRUNCATE ON "agencies" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
DROP TRIGGER IF EXISTS creators_calendar_change ON "creators";
--> statement-breakpoint
CREATE TRIGGER creators_calendar_insert AFTER INSERT ON "creators" REFERENCING NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER creators_calendar_update AFTER UPDATE ON "creators" REFERENCING OLD TABLE AS calendar_old_rows NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER creators_calendar_delete AFTER DELETE ON "creators" REFERENCING OLD TABLE AS calendar_old_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER creators_calendar_truncate AFTER TRUNCATE ON "creators" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
DROP TRIGGER IF EXISTS campaigns_calendar_change ON "campaigns";
--> statement-breakpoint
CREATE TRIGGER campaigns_calendar_insert AFTER INSERT ON "campaigns" REFERENCING NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER campaigns_calendar_update AFTER UPDATE ON "campaigns" REFERENCING OLD TABLE AS calendar_old_rows NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER campaigns_calendar_delete AFTER DELETE ON "campaigns" REFERENCING OLD TABLE AS calendar_old_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER campaigns_calendar_truncate AFTER TRUNCATE ON "campaigns" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
DROP TRIGGER IF EXISTS campaign_agencies_calendar_change ON "campaign_agencies";
--> statement-breakpoint
CREATE TRIGGER campaign_agencies_calendar_insert AFTER INSERT ON "campaign_agencies" REFERENCING NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER campaign_agencies_calendar_update AFTER UPDATE ON "campaign_agencies" REFERENCING OLD TABLE AS calendar_old_rows NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER campaign_agencies_calendar_delete AFTER DELETE ON "campaign_agencies" REFERENCING OLD TABLE AS calendar_old_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER campaign_agencies_calendar_truncate AFTER TRUNCATE ON "campaign_agencies" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
DROP TRIGGER IF EXISTS campaign_creators_calendar_change ON "campaign_creators";
--> statement-breakpoint
CREATE TRIGGER campaign_creators_calendar_insert AFTER INSERT ON "campaign_creators" REFERENCING NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER campaign_creators_calendar_update AFTER UPDATE ON "campaign_creators" REFERENCING OLD TABLE AS calendar_old_rows NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER campaign_creators_calendar_delete AFTER DELETE ON "campaign_creators" REFERENCING OLD TABLE AS calendar_old_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER campaign_creators_calendar_truncate AFTER TRUNCATE ON "campaign_creators" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
DROP TRIGGER IF EXISTS briefs_calendar_change ON "briefs";
--> statement-breakpoint
CREATE TRIGGER briefs_calendar_insert AFTER INSERT ON "briefs" REFERENCING NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER briefs_calendar_update AFTER UPDATE ON "briefs" REFERENCING OLD TABLE AS calendar_old_rows NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER briefs_calendar_delete AFTER DELETE ON "briefs" REFERENCING OLD TABLE AS calendar_old_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER briefs_calendar_truncate AFTER TRUNCATE ON "briefs" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
DROP TRIGGER IF EXISTS brief_versions_calendar_change ON "brief_versions";
--> statement-breakpoint
CREATE TRIGGER brief_versions_calendar_insert AFTER INSERT ON "brief_versions" REFERENCING NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER brief_versions_calendar_update AFTER UPDATE ON "brief_versions" REFERENCING OLD TABLE AS calendar_old_rows NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER brief_versions_calendar_delete AFTER DELETE ON "brief_versions" REFERENCING OLD TABLE AS calendar_old_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER brief_versions_calendar_truncate AFTER TRUNCATE ON "brief_versions" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
DROP TRIGGER IF EXISTS brand_blackouts_calendar_change ON "brand_blackouts";
--> statement-breakpoint
CREATE TRIGGER brand_blackouts_calendar_insert AFTER INSERT ON "brand_blackouts" REFERENCING NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER brand_blackouts_calendar_update AFTER UPDATE ON "brand_blackouts" REFERENCING OLD TABLE AS calendar_old_rows NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER brand_blackouts_calendar_delete AFTER DELETE ON "brand_blackouts" REFERENCING OLD TABLE AS calendar_old_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER brand_blackouts_calendar_truncate AFTER TRUNCATE ON "brand_blackouts" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
DROP TRIGGER IF EXISTS onboarding_links_calendar_change ON "onboarding_links";
--> statement-breakpoint
CREATE TRIGGER onboarding_links_calendar_insert AFTER INSERT ON "onboarding_links" REFERENCING NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER onboarding_links_calendar_update AFTER UPDATE ON "onboarding_links" REFERENCING OLD TABLE AS calendar_old_rows NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER onboarding_links_calendar_delete AFTER DELETE ON "onboarding_links" REFERENCING OLD TABLE AS calendar_old_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER onboarding_links_calendar_truncate AFTER TRUNCATE ON "onboarding_links" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
DROP TRIGGER IF EXISTS access_steps_calendar_change ON "access_steps";
--> statement-breakpoint
CREATE TRIGGER access_steps_calendar_insert AFTER INSERT ON "access_steps" REFERENCING NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER access_steps_calendar_update AFTER UPDATE ON "access_steps" REFERENCING OLD TABLE AS calendar_old_rows NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER access_steps_calendar_delete AFTER DELETE ON "access_steps" REFERENCING OLD TABLE AS calendar_old_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER access_steps_calendar_truncate AFTER TRUNCATE ON "access_steps" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
DROP TRIGGER IF EXISTS conflict_acknowledgments_calendar_change ON "conflict_acknowledgments";
--> statement-breakpoint
CREATE TRIGGER conflict_acknowledgments_calendar_insert AFTER INSERT ON "conflict_acknowledgments" REFERENCING NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER conflict_acknowledgments_calendar_update AFTER UPDATE ON "conflict_acknowledgments" REFERENCING OLD TABLE AS calendar_old_rows NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER conflict_acknowledgments_calendar_delete AFTER DELETE ON "conflict_acknowledgments" REFERENCING OLD TABLE AS calendar_old_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER conflict_acknowledgments_calendar_truncate AFTER TRUNCATE ON "conflict_acknowledgments" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
DROP TRIGGER IF EXISTS conflict_waivers_calendar_change ON "conflict_waivers";
--> statement-breakpoint
CREATE TRIGGER conflict_waivers_calendar_insert AFTER INSERT ON "conflict_waivers" REFERENCING NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER conflict_waivers_calendar_update AFTER UPDATE ON "conflict_waivers" REFERENCING OLD TABLE AS calendar_old_rows NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER conflict_waivers_calendar_delete AFTER DELETE ON "conflict_waivers" REFERENCING OLD TABLE AS calendar_old_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER conflict_waivers_calendar_truncate AFTER TRUNCATE ON "conflict_waivers" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
DROP TRIGGER IF EXISTS approval_routes_calendar_change ON "approval_routes";
--> statement-breakpoint
CREATE TRIGGER approval_routes_calendar_insert AFTER INSERT ON "approval_routes" REFERENCING NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER approval_routes_calendar_update AFTER UPDATE ON "approval_routes" REFERENCING OLD TABLE AS calendar_old_rows NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER approval_routes_calendar_delete AFTER DELETE ON "approval_routes" REFERENCING OLD TABLE AS calendar_old_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER approval_routes_calendar_truncate AFTER TRUNCATE ON "approval_routes" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
DROP TRIGGER IF EXISTS draft_versions_calendar_change ON "draft_versions";
--> statement-breakpoint
CREATE TRIGGER draft_versions_calendar_insert AFTER INSERT ON "draft_versions" REFERENCING NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER draft_versions_calendar_update AFTER UPDATE ON "draft_versions" REFERENCING OLD TABLE AS calendar_old_rows NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER draft_versions_calendar_delete AFTER DELETE ON "draft_versions" REFERENCING OLD TABLE AS calendar_old_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER draft_versions_calendar_truncate AFTER TRUNCATE ON "draft_versions" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
DROP TRIGGER IF EXISTS approval_decisions_calendar_change ON "approval_decisions";
--> statement-breakpoint
CREATE TRIGGER approval_decisions_calendar_insert AFTER INSERT ON "approval_decisions" REFERENCING NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER approval_decisions_calendar_update AFTER UPDATE ON "approval_decisions" REFERENCING OLD TABLE AS calendar_old_rows NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER approval_decisions_calendar_delete AFTER DELETE ON "approval_decisions" REFERENCING OLD TABLE AS calendar_old_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER approval_decisions_calendar_truncate AFTER TRUNCATE ON "approval_decisions" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
DROP TRIGGER IF EXISTS memberships_calendar_change ON "memberships";
--> statement-breakpoint
CREATE TRIGGER memberships_calendar_insert AFTER INSERT ON "memberships" REFERENCING NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER memberships_calendar_update AFTER UPDATE ON "memberships" REFERENCING OLD TABLE AS calendar_old_rows NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER memberships_calendar_delete AFTER DELETE ON "memberships" REFERENCING OLD TABLE AS calendar_old_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER memberships_calendar_truncate AFTER TRUNCATE ON "memberships" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
DROP TRIGGER IF EXISTS brief_acknowledgments_calendar_change ON "brief_acknowledgments";
--> statement-breakpoint
CREATE TRIGGER brief_acknowledgments_calendar_insert AFTER INSERT ON "brief_acknowledgments" REFERENCING NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER brief_acknowledgments_calendar_update AFTER UPDATE ON "brief_acknowledgments" REFERENCING OLD TABLE AS calendar_old_rows NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER brief_acknowledgments_calendar_delete AFTER DELETE ON "brief_acknowledgments" REFERENCING OLD TABLE AS calendar_old_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('workspace_id');
--> statement-breakpoint
CREATE TRIGGER brief_acknowledgments_calendar_truncate AFTER TRUNCATE ON "brief_acknowledgments" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
DROP TRIGGER IF EXISTS workspaces_calendar_change ON "workspaces";
--> statement-breakpoint
CREATE TRIGGER workspaces_calendar_insert AFTER INSERT ON "workspaces" REFERENCING NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('id');
--> statement-breakpoint
CREATE TRIGGER workspaces_calendar_update AFTER UPDATE ON "workspaces" REFERENCING OLD TABLE AS calendar_old_rows NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('id');
--> statement-breakpoint
CREATE TRIGGER workspaces_calendar_delete AFTER DELETE ON "workspaces" REFERENCING OLD TABLE AS calendar_old_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_rows('id');
--> statement-breakpoint
CREATE TRIGGER workspaces_calendar_truncate AFTER TRUNCATE ON "workspaces" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
DROP TRIGGER IF EXISTS deliverables_calendar_change ON "deliverables";
--> statement-breakpoint
CREATE TRIGGER deliverables_calendar_insert AFTER INSERT ON "deliverables" REFERENCING NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_deliverables();
--> statement-breakpoint
CREATE TRIGGER deliverables_calendar_update AFTER UPDATE ON "deliverables" REFERENCING OLD TABLE AS calendar_old_rows NEW TABLE AS calendar_new_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_deliverables();
--> statement-breakpoint
CREATE TRIGGER deliverables_calendar_delete AFTER DELETE ON "deliverables" REFERENCING OLD TABLE AS calendar_old_rows FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_deliverables();
--> statement-breakpoint
CREATE TRIGGER deliverables_calendar_truncate AFTER TRUNCATE ON "deliverables" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
