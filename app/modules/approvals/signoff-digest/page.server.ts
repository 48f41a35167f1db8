import { and, eq, inArray } from "drizzle-orm";
import { campaigns, creators, deliverables } from "@db/schema";
import { db } from "~/utils/db.server";
import { channelLabel } from "~/modules/channels/channels";
import { deliverableScope } from "~/modules/workspaces/scope.server";
import { DELIVERABLE_STATUS_LABELS, isDeliverableStatus } from "../deliverable-status";
import { codePending } from "../decision-links/codes.server";
import { effectiveWindowHours, formatCountdown, isAtRisk, signOffDeadline, zonedTimeLabel } from "../signoff-rule";
import type { CampaignRow, DeliverableRow } from "../command.server";
import type { DigestContext } from "./context.server";
import { signOffsWaiting } from "./pending.server";
import { rowResultText, rowSucceeded, type RowResult } from "./results";
import { MAX_DIGEST_ROWS } from "./schemas";
import { digestCodeHolder } from "./sign-off.server";

/**
 * What a sign-off digest's page shows (issue 17 part 3): every sign-off waiting for this person at
 * this brand, most urgent first, with the essentials of each in the brand's time zone, and after a
 * "Sign off selected" how each ticked row went (`results`, from the redirect). Reads only: opening
 * the link writes nothing but its rate limit.
 */
export async function digestPage(ctx: DigestContext, now: Date, results: ReadonlyMap<string, RowResult>) {
  const { brand } = ctx;
  const zone = brand.timeZone;
  const windowHours = effectiveWindowHours(ctx.workspace.signoffWindowHours, brand.signoffWindowHours);
  const waiting = (await signOffsWaiting(db(), ctx, { brandId: brand.id, now }))
    .filter((w) => w.holderIds.includes(ctx.person.id))
    .slice(0, MAX_DIGEST_ROWS);
  // Rows the last post named that no longer wait (signed off, a newer version): still shown, with what happened.
  const gone = [...results.keys()].filter((id) => !waiting.some((w) => w.row.id === id));
  const decided = gone.length
    ? await db()
        .select({ row: deliverables, campaign: campaigns, creatorName: creators.name })
        .from(deliverables)
        .innerJoin(campaigns, eq(campaigns.id, deliverables.campaignId))
        .leftJoin(creators, eq(creators.id, deliverables.creatorId))
        .where(and(deliverableScope(ctx), eq(deliverables.brandId, brand.id), inArray(deliverables.id, gone)))
    : [];
  const rows = [
    ...waiting.map((w) => ({ ...w, waits: true })),
    ...decided.map((d) => ({ ...d, deadline: signOffDeadline(d.row.publishAt, windowHours), waits: false })),
  ].sort((a, b) => a.deadline.getTime() - b.deadline.getTime() || a.row.id.localeCompare(b.row.id));
  const required = brand.requireDecisionCode;
  return {
    workspace: { name: ctx.workspace.name, logoUrl: ctx.workspace.logoUrl, accentColor: ctx.workspace.accentColor },
    person: { name: ctx.person.name, email: ctx.person.email },
    brand: { name: brand.name, color: brand.color, zone },
    expiresLabel: zonedTimeLabel(ctx.link.expiresAt ?? now, zone),
    windowHours,
    waitingCount: waiting.length,
    rows: rows.map((r) => rowView(r, { zone, now, result: results.get(r.row.id) ?? null })),
    code: { required, pending: required ? await codePending(digestCodeHolder(ctx), now) : false },
    signInPath: ctx.invited ? null : `/w/${ctx.workspace.slug}/approvals?mine=1`,
  };
}

function rowView(
  r: { row: DeliverableRow; campaign: CampaignRow; creatorName: string | null; deadline: Date; waits: boolean },
  opts: { zone: string; now: Date; result: RowResult | null },
) {
  const { row, deadline } = r;
  const left = deadline.getTime() - opts.now.getTime();
  const status = isDeliverableStatus(row.status) ? row.status : "draft";
  const statusLabel = DELIVERABLE_STATUS_LABELS[status];
  const result = opts.result;
  const shownVersion = result && rowSucceeded(result) ? (row.signedOffVersion ?? row.currentVersion) : row.currentVersion;
  return {
    id: row.id,
    title: row.title,
    campaignName: r.campaign.name,
    channelLabel: channelLabel(row.channel),
    creatorName: r.creatorName,
    version: row.currentVersion,
    status,
    statusLabel,
    publishAt: row.publishAt.toISOString(),
    publishLabel: zonedTimeLabel(row.publishAt, opts.zone),
    deadline: deadline.toISOString(),
    deadlineLabel: zonedTimeLabel(deadline, opts.zone),
    countdown: formatCountdown(left),
    deadlinePassed: left < 0,
    atRisk: isAtRisk(left),
    /** The checkbox's value, when it can still be signed off from here: the id and the version shown. */
    pick: r.waits && left >= 0 ? `${row.id}.${row.currentVersion}` : null,
    waits: r.waits,
    result: result
      ? {
          ok: rowSucceeded(result),
          text: rowResultText(result, { currentVersion: row.currentVersion, statusLabel, version: shownVersion }),
        }
      : null,
  };
}

export type DigestPageData = Awaited<ReturnType<typeof digestPage>>;
export type DigestRowView = DigestPageData["rows"][number];
