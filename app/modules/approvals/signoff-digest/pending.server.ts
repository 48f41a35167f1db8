import { and, asc, eq, gt, inArray } from "drizzle-orm";
import { approvalDecisions, brands, campaigns, creators, deliverables } from "@db/schema";
import type { Queryable } from "~/utils/db.server";
import type { ScopedContext } from "~/modules/workspaces/authz.server";
import { deliverableScope } from "~/modules/workspaces/scope.server";
import type { CampaignRow, DeliverableRow } from "../command.server";
import { holderOf } from "../holder";
import { loadCampaignRoutes } from "../routes.server";
import { effectiveWindowHours, signOffDeadline } from "../signoff-rule";
import { routesNow, submittersOf } from "../stand-ins.server";

/**
 * What waits for a brand's sign-off right now (issue 17 part 3): the brand's deliverables whose
 * current version is at the brand sign-off stage, each with the people who hold it. "Who holds a
 * handoff" is holder.ts's one definition (stand-ins included: a delegate of an away lead, the
 * backup after an escalation), so the digest asks exactly the people "waiting on me" names.
 * Blocked ones are left out: no sign-off counts until the coordinator reschedules them.
 */

export interface WaitingSignOff {
  row: DeliverableRow;
  campaign: CampaignRow;
  creatorName: string | null;
  deadline: Date;
  /** Who holds the sign-off now (the stage's approvers, or their stand-ins). */
  holderIds: string[];
}

export async function signOffsWaiting(
  tx: Queryable,
  ctx: ScopedContext,
  input: { brandId: string; now: Date; ids?: readonly string[] },
): Promise<WaitingSignOff[]> {
  const { brandId, now } = input;
  const rows = await tx
    .select({
      d: deliverables,
      campaign: campaigns,
      creatorName: creators.name,
      creatorUserId: creators.userId,
      brandWindow: brands.signoffWindowHours,
    })
    .from(deliverables)
    .innerJoin(campaigns, eq(campaigns.id, deliverables.campaignId))
    .innerJoin(brands, eq(brands.id, deliverables.brandId))
    .leftJoin(creators, eq(creators.id, deliverables.creatorId))
    .where(
      and(
        deliverableScope(ctx),
        eq(deliverables.brandId, brandId),
        eq(deliverables.status, "in_review"),
        eq(deliverables.blocked, false),
        // Gone live already: nothing left to sign off.
        gt(deliverables.publishAt, now),
        input.ids ? inArray(deliverables.id, [...input.ids]) : undefined,
      ),
    )
    .orderBy(asc(deliverables.publishAt), asc(deliverables.id))
    .limit(500);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.d.id);
  const [decisions, routes, submitters] = await Promise.all([
    tx.select().from(approvalDecisions).where(inArray(approvalDecisions.deliverableId, ids)),
    loadCampaignRoutes(
      tx,
      rows.map((r) => r.campaign),
    ),
    submittersOf(
      tx,
      rows.map((r) => r.d),
    ),
  ]);
  const withRoute = rows.flatMap((r) => {
    const route = routes.get(r.campaign.id)?.route;
    return route ? [{ r, route }] : [];
  });
  const nows = await routesNow(
    tx,
    withRoute.map(({ r, route }) => ({
      row: r.d,
      route,
      decisions: decisions.filter((d) => d.deliverableId === r.d.id),
      submitterId: submitters.get(r.d.id) ?? null,
    })),
    now,
  );
  const waiting = withRoute.flatMap(({ r, route }, i) => {
    const holder = holderOf(r.d, nows[i].evaluation, route, r.creatorUserId, new Map(), r.campaign.coordinatorId, nows[i].acting);
    if (holder.stageKind !== "brand_signoff" || holder.userIds.length === 0) return [];
    const deadline = signOffDeadline(r.d.publishAt, effectiveWindowHours(ctx.workspace.signoffWindowHours, r.brandWindow));
    return [{ row: r.d, campaign: r.campaign, creatorName: r.creatorName, deadline, holderIds: holder.userIds }];
  });
  // Most urgent first: the sign-off deadline, then the id so the order is stable.
  return waiting.sort((a, b) => a.deadline.getTime() - b.deadline.getTime() || a.row.id.localeCompare(b.row.id));
}
