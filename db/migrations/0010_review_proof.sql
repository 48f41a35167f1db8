CREATE TABLE "evidence_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"deliverable_id" text NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"body" text NOT NULL,
	"sha256" text NOT NULL,
	"prev_sha256" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "files" ADD COLUMN "sha256" text;--> statement-breakpoint
ALTER TABLE "draft_comments" ADD COLUMN "pin_file_id" text;--> statement-breakpoint
ALTER TABLE "draft_comments" ADD COLUMN "pin_x" integer;--> statement-breakpoint
ALTER TABLE "draft_comments" ADD COLUMN "pin_y" integer;--> statement-breakpoint
ALTER TABLE "evidence_entries" ADD CONSTRAINT "evidence_entries_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_entries" ADD CONSTRAINT "evidence_entries_deliverable_id_deliverables_id_fk" FOREIGN KEY ("deliverable_id") REFERENCES "public"."deliverables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "evidence_entries_seq_key" ON "evidence_entries" USING btree ("deliverable_id","seq");--> statement-breakpoint
ALTER TABLE "draft_comments" ADD CONSTRAINT "draft_comments_pin_whole" CHECK (("draft_comments"."pin_file_id" IS NULL AND "draft_comments"."pin_x" IS NULL AND "draft_comments"."pin_y" IS NULL) OR ("draft_comments"."pin_file_id" IS NOT NULL AND "draft_comments"."pin_x" BETWEEN 0 AND 10000 AND "draft_comments"."pin_y" BETWEEN 0 AND 10000));--> statement-breakpoint
-- The evidence ledger is append-only, like the audit trail: a recorded pack cannot be rewritten.
CREATE OR REPLACE FUNCTION evidence_entries_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'evidence_entries is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER evidence_entries_append_only
  BEFORE UPDATE ON evidence_entries
  FOR EACH ROW EXECUTE FUNCTION evidence_entries_refuse_change();
