import { and, desc, eq } from "drizzle-orm";
import { briefVersions, briefs, campaigns } from "@db/schema";
import { db } from "~/utils/db.server";
import { createOnce } from "~/utils/idempotency.server";
import { notFound, ok, type Outcome } from "~/utils/outcome";
import { audit } from "~/modules/audit/audit.server";
import type { BriefReadiness, CampaignEvent, CampaignStatus } from "~/modules/campaigns/campaign-status";
import type { CampaignInput } from "~/modules/campaigns/schemas";
import {
  CAMPAIGN_EDIT_RACE,
  UNKNOWN_REFS,
  checkCampaignRefs,
  insertCampaign,
  moveCampaign,
  saveCampaignRow,
  type Campaign,
} from "~/modules/campaigns/writes.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { inWorkspace } from "~/modules/workspaces/scope.server";
import { createBriefFor, questionnairePrefill } from "./drafts.server";
import { askNewRecipients } from "./recipients.server";
import { briefCompleteness } from "./completeness";
import type { BriefDraft } from "./core-sections";
import { currentTemplate } from "./templates.server";

/**
 * Campaign writes that carry the brief along. Briefs build on campaigns (never the reverse,
 * decision 051), so a campaign is created here with its brief, an edit asks newcomers to
 * acknowledge the brief that is out, and a status move is told what the brief is ready for.
 */

/** A repeated or concurrent submit of the same form (idempotency key) answers the first campaign. */
export async function createCampaign(
  ctx: MemberContext,
  input: { form: CampaignInput; idempotencyKey: string },
): Promise<Outcome<Campaign>> {
  const { form } = input;
  const brand = await checkCampaignRefs(ctx, form);
  if (!brand) return UNKNOWN_REFS;
  const prefill = await questionnairePrefill(ctx.workspace.id, form.brandId);
  return db().transaction(async (tx) => {
    const once = await createOnce(
      tx,
      { scope: ctx.workspace.id, key: input.idempotencyKey, kind: "campaign" },
      async () => {
        const row = await insertCampaign(tx, ctx, form, brand.timeZone);
        await createBriefFor(tx, row, prefill);
        return row;
      },
      (row) => row.id,
    );
    if (once.first) return ok(once.value);
    const first = await tx.query.campaigns.findFirst({
      where: and(eq(campaigns.id, once.recordId), inWorkspace(ctx, campaigns.workspaceId)),
    });
    return first ? ok(first) : notFound("That campaign no longer exists.");
  });
}

/**
 * Saves the campaign's details and people, compare-and-set on row_version. People added while a
 * brief is out are asked to acknowledge its current version.
 */
export async function updateCampaign(
  ctx: MemberContext,
  input: { campaign: Campaign; rowVersion: number; form: CampaignInput },
): Promise<Outcome<Campaign>> {
  const { form } = input;
  const brand = await checkCampaignRefs(ctx, form);
  if (!brand) return UNKNOWN_REFS;
  return db().transaction(async (tx) => {
    const row = await saveCampaignRow(tx, ctx, { ...input, timeZone: brand.timeZone });
    if (!row) return CAMPAIGN_EDIT_RACE;
    const asked = await askNewRecipients(tx, ctx, row);
    await audit(tx, ctx, {
      action: "campaign.updated",
      objectType: "campaign",
      objectId: row.id,
      data: {
        name: row.name,
        channels: row.channels,
        agencies: form.agencyIds.length + 1,
        creators: form.creatorIds.length,
        newlyAsked: asked,
      },
    });
    return ok(row);
  });
}

/**
 * What the brief is ready for. What creators were handed is the published version: it must satisfy
 * today's template (which may have gained a required field since), not just the working draft.
 * Before anything is published, the working draft is what names the gaps.
 */
async function briefReadiness(ctx: MemberContext, campaignId: string): Promise<BriefReadiness> {
  const [published] = await db()
    .select({ content: briefVersions.content })
    .from(briefVersions)
    .where(and(eq(briefVersions.campaignId, campaignId), inWorkspace(ctx, briefVersions.workspaceId)))
    .orderBy(desc(briefVersions.version))
    .limit(1);
  const [working] = published
    ? []
    : await db()
        .select({ draft: briefs.draft })
        .from(briefs)
        .where(and(eq(briefs.campaignId, campaignId), inWorkspace(ctx, briefs.workspaceId)))
        .limit(1);
  const template = await currentTemplate(ctx.workspace.id);
  const readiness = briefCompleteness(template, (published?.content ?? working?.draft ?? {}) as BriefDraft);
  return { briefComplete: Boolean(published) && readiness.complete, missing: readiness.missing };
}

/** Activate, complete or cancel (publishing the brief is `publishBrief`). */
export async function transitionCampaign(
  ctx: MemberContext,
  input: { campaign: Campaign; event: Exclude<CampaignEvent, "publish_brief">; rowVersion: number },
): Promise<Outcome<CampaignStatus>> {
  return moveCampaign(ctx, { ...input, brief: await briefReadiness(ctx, input.campaign.id) });
}
