import { and, eq } from "drizzle-orm";
import { draftComments, draftVersions } from "@db/schema";
import { forbidden, invalid, type Outcome } from "~/utils/outcome";
import { audit } from "~/modules/audit/audit.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { seesInternalComments } from "~/modules/workspaces/scope.server";
import { missingDeliverable, refuse, runCommand } from "./command.server";
import { findVisibleDeliverable } from "./scope.server";

export interface CommentInput {
  deliverableId: string;
  version: number;
  body: string;
  /** For the team only (seesInternalComments); false when the form did not ask. */
  internal?: boolean;
}

/**
 * Anyone who sees the deliverable comments on a version, except the brand's client contacts; only
 * those who read internal comments may write one (a creator cannot hide a note from itself).
 */
export async function addComment(ctx: MemberContext, input: CommentInput): Promise<Outcome> {
  const row = await findVisibleDeliverable(ctx, input.deliverableId);
  if (!row || ctx.role === "client_contact") return missingDeliverable();
  const internal = input.internal === true;
  if (internal && !seesInternalComments(ctx)) {
    return forbidden("Only the agency team can leave internal comments.", {
      fields: { internal: ["Leave this unticked: your comment is for everyone on the deliverable."] },
    });
  }
  return runCommand(async (tx) => {
    const version = await tx.query.draftVersions.findFirst({
      where: and(eq(draftVersions.deliverableId, row.id), eq(draftVersions.version, input.version)),
    });
    if (!version) refuse(invalid(`There is no version ${input.version} to comment on.`, { version: ["Choose a version from the list."] }));
    const [comment] = await tx
      .insert(draftComments)
      .values({ workspaceId: ctx.workspace.id, draftVersionId: version!.id, userId: ctx.user.id, body: input.body, internal })
      .returning();
    await audit(tx, ctx, {
      action: "draft.commented",
      objectType: "deliverable",
      objectId: row.id,
      // Never the body: the audit trail is read by people who may not read internal comments.
      data: { version: input.version, commentId: comment.id, internal },
    });
    return undefined;
  });
}
