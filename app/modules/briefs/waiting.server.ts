import { and, asc, eq, isNull, min, notInArray, sql } from "drizzle-orm";
import { briefAcknowledgments, briefs, campaigns, users } from "@db/schema";
import { db } from "~/utils/db.server";
import type { WaitingItem } from "~/modules/waiting/waiting";
import { campaignScope } from "~/modules/workspaces/scope.server";
import { waitedFor } from "./format";
import { CLOSED_CAMPAIGN_STATUSES } from "~/modules/campaigns/campaign-status";
import type { MemberContext } from "~/modules/workspaces/authz.server";

const CLOSED = [...CLOSED_CAMPAIGN_STATUSES];

/**
 * Who holds a brief handoff: the reader asked to acknowledge the current published version of an
 * open campaign, until they do. The one definition, read for one reader (the home page's "waiting
 * on me") or for every reader in the member's scope (insights' "stuck now", grouped by reader).
 */
export async function pendingAcknowledgments(ctx: MemberContext, opts: { readerId?: string; limit: number }) {
  return db()
    .select({
      campaignId: campaigns.id,
      name: campaigns.name,
      version: briefAcknowledgments.version,
      requestedAt: briefAcknowledgments.requestedAt,
      readerId: briefAcknowledgments.userId,
    })
    .from(briefAcknowledgments)
    .innerJoin(campaigns, eq(campaigns.id, briefAcknowledgments.campaignId))
    .innerJoin(briefs, and(eq(briefs.campaignId, campaigns.id), eq(briefs.publishedVersion, briefAcknowledgments.version)))
    .where(
      and(
        opts.readerId ? eq(briefAcknowledgments.userId, opts.readerId) : undefined,
        isNull(briefAcknowledgments.acknowledgedAt),
        campaignScope(ctx),
        notInArray(campaigns.status, CLOSED),
      ),
    )
    .orderBy(asc(briefAcknowledgments.requestedAt))
    .limit(opts.limit);
}

/**
 * Briefs waiting on this member: the current versions they were asked to acknowledge and have
 * not, and, for whoever sent a brief (the campaign's coordinator), the acknowledgments still
 * missing: until the receiver acknowledges, both see the handoff waiting.
 */
export async function briefsWaiting(ctx: MemberContext): Promise<WaitingItem[]> {
  const mine = await pendingAcknowledgments(ctx, { readerId: ctx.user.id, limit: 50 });
  const items: WaitingItem[] = mine.map((r) => ({
    id: `${r.campaignId}:v${r.version}`,
    kind: "brief_ack",
    title: `${r.name}: brief v${r.version}`,
    detail: `${r.version > 1 ? "The brief changed. Read what is new and acknowledge it." : "Read the brief and acknowledge it to take the handoff."} Waiting for you for ${waitedFor(r.requestedAt.toISOString(), Date.now())}.`,
    url: `/w/${ctx.workspace.slug}/campaigns/${r.campaignId}/brief`,
    dueAt: null,
    since: r.requestedAt.toISOString(),
  }));
  if (!ctx.can("campaigns.manage")) return items;

  const sent = await db()
    .select({
      campaignId: campaigns.id,
      name: campaigns.name,
      version: briefAcknowledgments.version,
      pending: sql<number>`count(*)::int`,
      names: sql<string[]>`array_agg(${users.name} order by ${users.name})`,
      since: min(briefAcknowledgments.requestedAt),
    })
    .from(briefAcknowledgments)
    .innerJoin(campaigns, eq(campaigns.id, briefAcknowledgments.campaignId))
    .innerJoin(briefs, and(eq(briefs.campaignId, campaigns.id), eq(briefs.publishedVersion, briefAcknowledgments.version)))
    .innerJoin(users, eq(users.id, briefAcknowledgments.userId))
    .where(
      and(
        campaignScope(ctx),
        eq(campaigns.coordinatorId, ctx.user.id),
        isNull(briefAcknowledgments.acknowledgedAt),
        notInArray(campaigns.status, CLOSED),
      ),
    )
    .groupBy(campaigns.id, campaigns.name, briefAcknowledgments.version)
    .limit(50);
  for (const r of sent) {
    items.push({
      id: `${r.campaignId}:sent:v${r.version}`,
      kind: "brief_ack",
      title: `${r.name}: waiting for ${r.pending} acknowledgment${r.pending === 1 ? "" : "s"}`,
      detail: `Brief v${r.version} is not yet acknowledged by ${r.names.slice(0, 4).join(", ")}${r.names.length > 4 ? " and others" : ""}${r.since ? `, waiting for ${waitedFor(new Date(r.since).toISOString(), Date.now())}` : ""}.`,
      url: `/w/${ctx.workspace.slug}/campaigns/${r.campaignId}`,
      dueAt: null,
      since: r.since ? new Date(r.since).toISOString() : null,
    });
  }
  return items;
}
