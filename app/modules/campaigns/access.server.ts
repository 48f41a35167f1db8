import { isId } from "~/utils/ids";
import { notFound } from "~/utils/http.server";
import { problemAnswer } from "~/utils/action-data.server";
import { invalid } from "~/utils/outcome";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { findVisibleCampaign } from "./scope.server";

const NOT_AN_ID = "That is not a campaign id.";

/** The campaign in the URL if this member may see it: a malformed id is 400, one out of scope 404. */
export async function requireCampaign(ctx: MemberContext, campaignId: string | undefined) {
  if (!isId(campaignId)) throw problemAnswer(invalid(NOT_AN_ID, { campaignId: [NOT_AN_ID] }).problem);
  const campaign = await findVisibleCampaign(ctx, campaignId);
  if (!campaign) notFound();
  return campaign;
}
