import { and, eq, inArray, like } from "drizzle-orm";
import { draftComments, draftVersions, files } from "@db/schema";
import { createOnce } from "~/utils/idempotency.server";
import { forbidden, invalid, type Outcome } from "~/utils/outcome";
import { audit } from "~/modules/audit/audit.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { inWorkspace, seesInternalComments } from "~/modules/workspaces/scope.server";
import { missingDeliverable, refuse, runCommand } from "./command.server";
import { pinProblem, type Pin } from "./pins";
import { findVisibleDeliverable } from "./scope.server";

export interface CommentInput {
  deliverableId: string;
  version: number;
  body: string;
  /** For the team only (seesInternalComments); false when the form did not ask. */
  internal?: boolean;
  /** A spot on one image of that version (decision 058); none when absent or null. */
  pin?: Pin | null;
  /** The form's key (security.md 34): the same key adds the comment once. */
  idempotencyKey?: string;
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
    const pin = input.pin ?? null;
    if (pin) {
      // Only an image this version shows can carry a pin: another version's file, a PDF or a removed file cannot.
      const images = version!.mediaFileIds.length
        ? await tx
            .select({ id: files.id })
            .from(files)
            .where(and(inArray(files.id, version!.mediaFileIds), inWorkspace(ctx, files.workspaceId), like(files.mimeType, "image/%")))
        : [];
      const problem = pinProblem(
        pin,
        images.map((f) => f.id),
      );
      if (problem) refuse(invalid(undefined, problem));
    }
    const write = async () => {
      const [comment] = await tx
        .insert(draftComments)
        .values({
          ...{ workspaceId: ctx.workspace.id, draftVersionId: version!.id, userId: ctx.user.id, body: input.body, internal },
          ...(pin ? { pinFileId: pin.fileId, pinX: pin.x, pinY: pin.y } : {}),
        })
        .returning();
      await audit(tx, ctx, {
        action: "draft.commented",
        objectType: "deliverable",
        objectId: row.id,
        // Never the body: the audit trail is read by people who may not read internal comments.
        data: { version: input.version, commentId: comment.id, internal, pinned: pin !== null },
      });
      return comment;
    };
    // A resent form (double click, a retry after a lost answer) finds the comment its key already added.
    if (input.idempotencyKey) {
      await createOnce(tx, { scope: ctx.workspace.id, key: input.idempotencyKey, kind: "comment" }, write, (c) => c.id);
    } else {
      await write();
    }
    return undefined;
  });
}
