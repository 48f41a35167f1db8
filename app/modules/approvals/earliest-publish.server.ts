import { and, eq, gt, ne } from "drizzle-orm";
import { brandBlackouts, brands, campaigns, deliverables } from "@db/schema";
import type { Queryable } from "~/utils/db.server";
import { conflict, type Problem } from "~/utils/outcome";
import { MINUTE_MS, toLocalInput } from "~/utils/time";
import { MAX_SPACING_MINUTES } from "~/modules/calendar/schemas";
import type { ActorContext } from "~/modules/workspaces/authz.server";
import { inWorkspace } from "~/modules/workspaces/scope.server";
import type { CampaignRow } from "./command.server";
import { earliestAllowedPublishTime } from "./earliest-publish";
import { loadCampaignRoute } from "./routes.server";
import { timeFor } from "./people.server";

export interface EarliestFor {
  /** The deliverable's campaign: its brand's rules apply, and its route's review time. */
  campaign: CampaignRow;
  channel: string;
  /** The deliverable being moved, left out of the spacing; null when creating one. */
  excludeId: string | null;
  windowHours: number;
  now: Date;
}

/**
 * The rows earliestAllowedPublishTime reads: the brand's rules, its blackouts, its other
 * deliverables on the channel, and the route's review time. All of the brand's deliverables, not
 * only those the member sees: spacing is the brand's rule (as on the calendar); only an instant
 * comes back, never another deliverable.
 */
export async function earliestPublishFor(tx: Queryable, ctx: Pick<ActorContext, "workspace">, input: EarliestFor): Promise<Date | null> {
  const { campaign, channel, now } = input;
  const brandId = campaign.brandId;
  const brand = await tx.query.brands.findFirst({ where: and(eq(brands.id, brandId), inWorkspace(ctx, brands.workspaceId)) });
  if (!brand) return null;
  // No spacing reaches further back than the longest one the brand rules accept.
  const since = new Date(now.getTime() - MAX_SPACING_MINUTES * MINUTE_MS);
  const [{ reviewHours }, blackouts, others] = await Promise.all([
    loadCampaignRoute(tx, campaign),
    tx
      .select()
      .from(brandBlackouts)
      .where(and(inWorkspace(ctx, brandBlackouts.workspaceId), eq(brandBlackouts.brandId, brandId), gt(brandBlackouts.endsAt, now))),
    tx
      .select({ id: deliverables.id, publishAt: deliverables.publishAt, status: deliverables.status, campaignStatus: campaigns.status })
      .from(deliverables)
      .innerJoin(campaigns, eq(campaigns.id, deliverables.campaignId))
      .where(
        and(
          inWorkspace(ctx, deliverables.workspaceId),
          eq(deliverables.brandId, brandId),
          eq(deliverables.channel, channel),
          gt(deliverables.publishAt, since),
          input.excludeId ? ne(deliverables.id, input.excludeId) : undefined,
        ),
      ),
  ]);
  return earliestAllowedPublishTime({
    now,
    windowHours: input.windowHours,
    reviewHours,
    channel,
    brand: {
      id: brand.id,
      name: brand.name,
      category: brand.category,
      minSpacingMinutesByChannel: brand.minSpacingMinutes,
      blackouts: blackouts.map((b) => ({ id: b.id, startsAt: b.startsAt, endsAt: b.endsAt, reason: b.reason })),
    },
    // A cancelled campaign's deliverables will not go out, as on the calendar.
    others: others.map((o) => ({
      id: o.id,
      channel,
      publishAt: o.publishAt,
      status: o.campaignStatus === "cancelled" ? "cancelled" : o.status,
    })),
  });
}

/** The earliest allowed time as a page shows it: both clocks, and the value of a datetime-local field in the viewer's zone. */
export interface EarliestTime {
  at: string;
  label: string;
  input: string;
}

export function earliestTime(at: Date, viewerZone: string, brandZone: string): EarliestTime {
  return { at: at.toISOString(), label: timeFor(at, viewerZone, brandZone), input: toLocalInput(at, viewerZone) };
}

/**
 * A publish time inside the sign-off window, answered BEFORE anything is saved (decision 052): a
 * conflict the form shows next to the publish time, naming the earliest allowed time, with the two
 * ways on (take that time, or confirm the time asked for and start blocked).
 */
export type InsideWindowProblem = Problem & { earliest: EarliestTime | null };

export const INSIDE_WINDOW = "inside_window";

export function insideWindowWarning(input: { windowHours: number; earliest: EarliestTime | null; blockedAlready: boolean }) {
  const { windowHours, earliest } = input;
  const consequence = input.blockedAlready
    ? "so it stays blocked: nothing can be scheduled and no sign-off counts until it moves"
    : "so it would be blocked from the start: drafts and reviews can go on, but nothing can be scheduled and no sign-off counts until it moves";
  const way = earliest
    ? `The earliest time that keeps the rule (with the route's review time, and the brand's blackouts and spacing) is ${earliest.label}.`
    : "No time within the next three years keeps the rule and the brand's blackouts and spacing.";
  const detail = `That is inside the ${windowHours}-hour sign-off window, ${consequence}. ${way}`;
  const summary = "Nothing is saved yet: that publish time is inside the sign-off window. Choose how to go on under the publish time.";
  const failed = conflict(summary, { code: INSIDE_WINDOW, fields: { publishAt: [detail] } });
  return { ok: false as const, problem: { ...failed.problem, earliest } satisfies InsideWindowProblem };
}

/** The warning for a member, with the earliest allowed time in their zone and the brand's. */
export async function warnInsideWindow(
  tx: Queryable,
  ctx: Pick<ActorContext, "workspace"> & { user: { timeZone: string | null } },
  input: EarliestFor & { blockedAlready: boolean },
) {
  const [earliest, brand] = await Promise.all([
    earliestPublishFor(tx, ctx, input),
    tx.query.brands.findFirst({
      where: and(eq(brands.id, input.campaign.brandId), inWorkspace(ctx, brands.workspaceId)),
      columns: { timeZone: true },
    }),
  ]);
  return insideWindowWarning({
    windowHours: input.windowHours,
    earliest: earliest ? earliestTime(earliest, ctx.user.timeZone || "UTC", brand?.timeZone ?? "UTC") : null,
    blockedAlready: input.blockedAlready,
  });
}

/** The earliest time a problem carries, if it is the inside-the-window warning (the page offers it). */
export function insideWindowOf(problem: Problem): { earliest: EarliestTime | null } | null {
  return problem.code === INSIDE_WINDOW ? { earliest: (problem as InsideWindowProblem).earliest ?? null } : null;
}
