import { and, desc, eq } from "drizzle-orm";
import { briefTemplates } from "@db/schema";
import { db, isUniqueViolation, type Queryable } from "~/utils/db.server";
import { conflict, ok, type Outcome } from "~/utils/outcome";
import { audit } from "~/modules/audit/audit.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { createBriefTemplate, templateEditSchema, type BriefTemplate, type CustomField } from "./template";

/**
 * The workspace's brief template as stored: one row per version, the newest is current. A
 * workspace that never saved one writes on the built-in v1 (core sections only).
 */

function fromRow(row: { version: number; definition: Record<string, unknown> }): BriefTemplate {
  // Stored definitions were validated on save; parsing again keeps a bad row from reaching a form.
  const parsed = templateEditSchema.safeParse({ customFields: row.definition.customFields ?? [] });
  return { version: row.version, customFields: parsed.success ? parsed.data.customFields : [] };
}

export async function currentTemplate(workspaceId: string, q: Queryable = db()): Promise<BriefTemplate> {
  const [row] = await q
    .select({ version: briefTemplates.version, definition: briefTemplates.definition })
    .from(briefTemplates)
    .where(eq(briefTemplates.workspaceId, workspaceId))
    .orderBy(desc(briefTemplates.version))
    .limit(1);
  return row ? fromRow(row) : createBriefTemplate();
}

/** A given version (briefs keep the one they were written on); falls back to the current one. */
export async function templateVersion(workspaceId: string, version: number, q: Queryable = db()): Promise<BriefTemplate> {
  const [row] = await q
    .select({ version: briefTemplates.version, definition: briefTemplates.definition })
    .from(briefTemplates)
    .where(and(eq(briefTemplates.workspaceId, workspaceId), eq(briefTemplates.version, version)))
    .limit(1);
  return row ? fromRow(row) : currentTemplate(workspaceId, q);
}

export async function templateHistory(workspaceId: string) {
  return db()
    .select({ version: briefTemplates.version, createdAt: briefTemplates.createdAt, createdBy: briefTemplates.createdBy })
    .from(briefTemplates)
    .where(eq(briefTemplates.workspaceId, workspaceId))
    .orderBy(desc(briefTemplates.version))
    .limit(20);
}

/**
 * Stores `next` as version base+1. Compare-and-set on the version: when someone saved in
 * between, the unique (workspace, version) index refuses the insert and the caller gets a conflict.
 */
export async function saveTemplateVersion(
  ctx: MemberContext,
  input: { baseVersion: number; fields: readonly CustomField[]; change: string },
): Promise<Outcome<BriefTemplate>> {
  const { baseVersion, fields, change } = input;
  try {
    return await db().transaction(async (tx) => {
      const current = await currentTemplate(ctx.workspace.id, tx);
      if (current.version !== baseVersion)
        return conflict("Someone saved the template while you were editing. Reload to see their version.");
      const version = baseVersion + 1;
      await tx.insert(briefTemplates).values({
        workspaceId: ctx.workspace.id,
        version,
        definition: { customFields: fields },
        createdBy: ctx.user.id,
      });
      await audit(tx, ctx, {
        action: "brief.template_saved",
        objectType: "brief_template",
        objectId: ctx.workspace.id,
        data: { version, change },
      });
      return ok<BriefTemplate>({ version, customFields: fields });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return conflict("Someone saved the template at the same moment. Reload and try again.");
    throw error;
  }
}
