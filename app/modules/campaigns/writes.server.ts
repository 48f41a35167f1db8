import { and, eq, sql } from "drizzle-orm";
import { DateTime } from "luxon";
import { campaignAgencies, campaignCreators, campaigns } from "@db/schema";
import { db, type Transaction } from "~/utils/db.server";
import { attempt, conflict, notFound, ok, type Outcome } from "~/utils/outcome";
import { audit } from "~/modules/audit/audit.server";
import type { MemberContext, ScopedContext } from "~/modules/workspaces/authz.server";
import { inWorkspace, seesWholeWorkspace } from "~/modules/workspaces/scope.server";
import { nextCampaignStatus, type BriefReadiness, type CampaignEvent, type CampaignStatus } from "./campaign-status";
import { campaignOptions } from "./list.server";
import type { CampaignInput } from "./schemas";

/**
 * The campaign's own rows: created, saved, moved through the lifecycle. What a campaign carries
 * along (its brief) is the briefs capability's: it calls these inside its own transaction.
 */

export type Campaign = typeof campaigns.$inferSelect;

/** Checks every chosen id belongs to this workspace and answers the brand (for its time zone). */
export async function checkCampaignRefs(ctx: Pick<ScopedContext, "workspace">, input: CampaignInput) {
  const options = await campaignOptions(ctx);
  const has = (list: { id: string }[], id: string) => list.some((x) => x.id === id);
  const brand = options.brands.find((b) => b.id === input.brandId);
  const allKnown =
    brand &&
    has(options.agencies, input.leadAgencyId) &&
    input.agencyIds.every((id) => has(options.agencies, id)) &&
    input.creatorIds.every((id) => has(options.creators, id)) &&
    (!input.coordinatorId || has(options.coordinators, input.coordinatorId));
  return allKnown ? brand : null;
}

/** A foreign id is answered as not found, like any row out of reach. */
export const UNKNOWN_REFS = notFound("One of the chosen brands, agencies, creators or people does not exist in this workspace.");

/** The window's days are the brand's days: it starts at the brand's midnight and ends at its last minute. */
export function windowOf(input: Pick<CampaignInput, "startsOn" | "endsOn">, timeZone: string) {
  const zone = DateTime.local().setZone(timeZone).isValid ? timeZone : "UTC";
  return {
    startsAt: DateTime.fromISO(input.startsOn, { zone }).startOf("day").toJSDate(),
    endsAt: DateTime.fromISO(input.endsOn, { zone }).endOf("day").toJSDate(),
  };
}

async function setPeople(tx: Transaction, ctx: ScopedContext, campaignId: string, input: CampaignInput) {
  if (input.agencyIds.length > 0)
    await tx.insert(campaignAgencies).values(input.agencyIds.map((agencyId) => ({ campaignId, agencyId, workspaceId: ctx.workspace.id })));
  if (input.creatorIds.length > 0)
    await tx
      .insert(campaignCreators)
      .values(input.creatorIds.map((creatorId) => ({ campaignId, creatorId, workspaceId: ctx.workspace.id })));
}

/** The campaign row and its people, audited; the caller adds the brief in the same transaction. */
export async function insertCampaign(tx: Transaction, ctx: MemberContext, input: CampaignInput, timeZone: string) {
  const [row] = await tx
    .insert(campaigns)
    .values({
      workspaceId: ctx.workspace.id,
      brandId: input.brandId,
      leadAgencyId: input.leadAgencyId,
      name: input.name,
      channels: input.channels,
      ...windowOf(input, timeZone),
      coordinatorId: input.coordinatorId ?? (seesWholeWorkspace(ctx) ? ctx.user.id : null),
    })
    .returning();
  await setPeople(tx, ctx, row.id, input);
  await audit(tx, ctx, {
    action: "campaign.created",
    objectType: "campaign",
    objectId: row.id,
    data: { name: row.name, brandId: row.brandId, leadAgencyId: row.leadAgencyId, channels: row.channels },
  });
  return row;
}

export const CAMPAIGN_EDIT_RACE = conflict("Someone changed this campaign while you were editing. Reload to see their changes.");

/** The problem code of a compare-and-set lost to someone faster (not a refused rule). */
export const STALE_VERSION = "stale_version";
/** Said when the campaign moved on between showing the page and pressing a button on it. */
export const CAMPAIGN_CHANGED = "The campaign changed while you were looking at it. Reload and try again.";

/** Saves details and people, compare-and-set on row_version: null when someone else saved first. */
export async function saveCampaignRow(
  tx: Transaction,
  ctx: ScopedContext,
  input: { campaign: Campaign; rowVersion: number; form: CampaignInput; timeZone: string },
): Promise<Campaign | null> {
  const { campaign, form } = input;
  const [row] = await tx
    .update(campaigns)
    .set({
      name: form.name,
      brandId: form.brandId,
      leadAgencyId: form.leadAgencyId,
      channels: form.channels,
      ...windowOf(form, input.timeZone),
      coordinatorId: form.coordinatorId ?? campaign.coordinatorId,
      rowVersion: sql`${campaigns.rowVersion} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(campaigns.id, campaign.id), inWorkspace(ctx, campaigns.workspaceId), eq(campaigns.rowVersion, input.rowVersion)))
    .returning();
  if (!row) return null;
  await tx.delete(campaignAgencies).where(eq(campaignAgencies.campaignId, row.id));
  await tx.delete(campaignCreators).where(eq(campaignCreators.campaignId, row.id));
  await setPeople(tx, ctx, row.id, form);
  return row;
}

/**
 * Moves the campaign through the one transition table (campaign-status.ts), given what its brief
 * is ready for. Compare-and-set on status and row_version: of two concurrent clicks one wins, the
 * other gets a conflict (code "stale_version").
 */
export async function moveCampaign(
  ctx: ScopedContext,
  input: { campaign: Campaign; event: Exclude<CampaignEvent, "publish_brief">; rowVersion: number; brief: BriefReadiness },
): Promise<Outcome<CampaignStatus>> {
  const { campaign, event } = input;
  const from = campaign.status as CampaignStatus;
  const next = await attempt(async () => nextCampaignStatus(from, event, input.brief));
  if (!next.ok) return next;
  const to = next.value;
  return db().transaction(async (tx) => {
    const moved = await tx
      .update(campaigns)
      .set({ status: to, rowVersion: sql`${campaigns.rowVersion} + 1`, updatedAt: new Date() })
      .where(
        and(
          eq(campaigns.id, campaign.id),
          inWorkspace(ctx, campaigns.workspaceId),
          eq(campaigns.status, from),
          eq(campaigns.rowVersion, input.rowVersion),
        ),
      )
      .returning({ id: campaigns.id });
    if (moved.length === 0) return conflict(CAMPAIGN_CHANGED, { code: STALE_VERSION });
    await audit(tx, ctx, { action: "campaign.status_changed", objectType: "campaign", objectId: campaign.id, data: { from, to, event } });
    return ok(to);
  });
}
