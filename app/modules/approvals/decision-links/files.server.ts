import { and, eq, sql } from "drizzle-orm";
import { draftVersions, files } from "@db/schema";
import { db } from "~/utils/db.server";
import { isId } from "~/utils/ids";
import { inWorkspace } from "~/modules/workspaces/scope.server";
import type { DecisionLinkContext } from "./context.server";

/**
 * A file the link may serve: one that a version of the link's own deliverable lists, stored in the
 * link's workspace. Another deliverable's file, or another workspace's, is null (404), like a
 * missing one.
 */
export async function linkFile(ctx: DecisionLinkContext, fileId: string | undefined) {
  if (!isId(fileId)) return null;
  const listed = await db()
    .select({ id: draftVersions.id })
    .from(draftVersions)
    .where(
      and(
        eq(draftVersions.deliverableId, ctx.link.deliverableId),
        eq(draftVersions.workspaceId, ctx.workspace.id),
        sql`${draftVersions.mediaFileIds} @> ${JSON.stringify([fileId])}::jsonb`,
      ),
    )
    .limit(1);
  if (listed.length === 0) return null;
  const row = await db().query.files.findFirst({ where: and(eq(files.id, fileId), inWorkspace(ctx, files.workspaceId)) });
  return row ?? null;
}
