import type { LoaderFunctionArgs } from "@remix-run/node";
import { findFile, fileResponse } from "~/modules/uploads/uploads.server";
import { requireMember } from "~/modules/workspaces/authz.server";
import { notFound } from "~/utils/http.server";
import { isId } from "~/utils/ids";

/**
 * Serves a file of this workspace to its members: as a download, or inline for image previews
 * (`?inline=1`). A file of another workspace answers 404, exactly like a missing one.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMember(request, params.workspace);
  const fileId = params.fileId ?? "";
  if (!isId(fileId)) notFound("That file does not exist.");
  const row = await findFile(ctx.workspace.id, fileId);
  if (!row) notFound("That file does not exist.");
  const inline = new URL(request.url).searchParams.get("inline") === "1";
  return fileResponse(row, inline);
}
