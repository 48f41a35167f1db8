import type { LoaderFunctionArgs } from "@remix-run/node";
import { TOKEN_PAGE_HEADERS } from "~/modules/approvals/decision-links/answers.server";
import { decisionLinkContextFor } from "~/modules/approvals/decision-links/context.server";
import { linkFile } from "~/modules/approvals/decision-links/files.server";
import { limitDecisionLinkRoute } from "~/modules/approvals/decision-links/limits.server";
import { fileResponse } from "~/modules/uploads/uploads.server";
import { visitorContext } from "~/modules/workspaces/authz.server";
import { throwUnlessOk } from "~/utils/action-data.server";
import { notFound, requestMeta } from "~/utils/http.server";

/**
 * A media file of the link's deliverable, through the link's token: only files one of its versions
 * lists, of its workspace; anything else answers 404 exactly like a missing file. Downloads, or
 * inline raster images for previews (`?inline=1`), never cached.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  throwUnlessOk(await limitDecisionLinkRoute(visitorContext(request), params.token));
  const door = await decisionLinkContextFor(params.token, requestMeta(request), new Date());
  if (door.state !== "valid") notFound("That file does not exist.");
  const row = await linkFile(door.ctx, params.fileId);
  if (!row) notFound("That file does not exist.");
  const res = await fileResponse(row, new URL(request.url).searchParams.get("inline") === "1");
  for (const [name, value] of Object.entries(TOKEN_PAGE_HEADERS)) res.headers.set(name, value);
  return res;
}
