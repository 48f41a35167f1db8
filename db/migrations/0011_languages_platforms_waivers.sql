CREATE TABLE "custom_platform_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"platform_id" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "custom_platforms" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"created_by" text,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conflict_waivers" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"conflict_key" text NOT NULL,
	"brand_id" text NOT NULL,
	"reason" text NOT NULL,
	"user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "access_steps" ADD COLUMN "custom_platform_version_id" text;--> statement-breakpoint
ALTER TABLE "onboarding_links" ADD COLUMN "locale" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "custom_platform_versions" ADD CONSTRAINT "custom_platform_versions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custom_platform_versions" ADD CONSTRAINT "custom_platform_versions_platform_id_custom_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."custom_platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custom_platform_versions" ADD CONSTRAINT "custom_platform_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custom_platforms" ADD CONSTRAINT "custom_platforms_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custom_platforms" ADD CONSTRAINT "custom_platforms_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_waivers" ADD CONSTRAINT "conflict_waivers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_waivers" ADD CONSTRAINT "conflict_waivers_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_waivers" ADD CONSTRAINT "conflict_waivers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "custom_platform_versions_key" ON "custom_platform_versions" USING btree ("platform_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "custom_platforms_key" ON "custom_platforms" USING btree ("workspace_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "conflict_waivers_key" ON "conflict_waivers" USING btree ("workspace_id","conflict_key","brand_id");--> statement-breakpoint
ALTER TABLE "access_steps" ADD CONSTRAINT "access_steps_custom_platform_version_id_custom_platform_versions_id_fk" FOREIGN KEY ("custom_platform_version_id") REFERENCES "public"."custom_platform_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- A waiver changes what the calendar shows of a conflict: its cache must see it (decision 041).
CREATE TRIGGER conflict_waivers_calendar_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "conflict_waivers" FOR EACH STATEMENT EXECUTE FUNCTION calendar_note_change();
--> statement-breakpoint
CREATE TRIGGER conflict_waivers_insights_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "conflict_waivers" FOR EACH STATEMENT EXECUTE FUNCTION insights_note_change('conflicts');
