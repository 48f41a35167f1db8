import { json } from "@remix-run/node";
import { isId } from "~/modules/briefs/ids";
import { isDomainError } from "~/modules/briefs/errors";
import { BriefActionError } from "~/modules/briefs/briefs.server";
import { notFound } from "~/utils/http.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { findVisibleCampaign } from "./scope.server";

/** The campaign in the URL if this member may see it: a malformed id is 400, one out of scope 404. */
export async function requireCampaign(ctx: MemberContext, campaignId: string | undefined) {
  if (!isId(campaignId))
    throw json(
      { ok: false, errors: { campaignId: ["That is not a campaign id."] }, formError: "That is not a campaign id." },
      { status: 400 },
    );
  const campaign = await findVisibleCampaign(ctx, campaignId);
  if (!campaign) notFound();
  return campaign;
}

/** A refused domain rule or a lost race, as the status and sentence a route answers with. */
export function refusalOf(error: unknown): { status: 400 | 404 | 409; message: string } | null {
  if (error instanceof BriefActionError) return { status: error.status, message: error.message };
  if (isDomainError(error)) return { status: error.code === "invalid_transition" ? 409 : 400, message: error.message };
  return null;
}
