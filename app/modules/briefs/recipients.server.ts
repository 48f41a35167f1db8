import { and, eq, inArray } from "drizzle-orm";
import {
  agencies,
  brands,
  briefAcknowledgments,
  campaignAgencies,
  campaignCreators,
  creators,
  memberships,
  users,
  type campaigns,
} from "@db/schema";
import type { Queryable, Transaction } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { notify } from "~/modules/notifications/notify.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { latestVersion } from "./reading.server";

/** Who is asked to acknowledge a brief (the campaign's agencies' members and its creators) and how they are asked. */

type Campaign = typeof campaigns.$inferSelect;

export interface Recipient {
  userId: string;
  name: string;
  email: string;
  kind: "agency" | "creator";
  /** The agency or creator they stand for. */
  onBehalfOf: string;
}

/** How a membership stands for an agency or a creator: its role, the column naming which one, and that one's table. */
const SIDES = {
  agency: { role: "agency_member", column: memberships.agencyId, org: agencies },
  creator: { role: "creator", column: memberships.creatorId, org: creators },
} as const;

/** The workspace's members who stand for one of `ids` (agencies or creators), each with the name of the one they stand for. */
async function membersStandingFor(q: Queryable, workspaceId: string, side: keyof typeof SIDES, ids: string[]) {
  if (ids.length === 0) return [];
  const { role, column, org } = SIDES[side];
  return q
    .select({ userId: users.id, name: users.name, email: users.email, on: org.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(org, eq(org.id, column))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, role), inArray(column, ids)));
}

/** Members of the campaign's agencies (lead and joined) and the people behind its creators. */
export async function briefRecipients(q: Queryable, campaign: Pick<Campaign, "id" | "workspaceId" | "leadAgencyId">): Promise<Recipient[]> {
  const joined = await q
    .select({ id: campaignAgencies.agencyId })
    .from(campaignAgencies)
    .where(eq(campaignAgencies.campaignId, campaign.id));
  const agencyIds = [campaign.leadAgencyId, ...joined.map((j) => j.id)];
  const assigned = await q
    .select({ id: creators.id, name: creators.name, userId: creators.userId })
    .from(campaignCreators)
    .innerJoin(creators, eq(creators.id, campaignCreators.creatorId))
    .where(eq(campaignCreators.campaignId, campaign.id));
  const agencyPeople = await membersStandingFor(q, campaign.workspaceId, "agency", agencyIds);
  const creatorIds = assigned.map((c) => c.id);
  const creatorMembers = await membersStandingFor(q, campaign.workspaceId, "creator", creatorIds);
  const linkedIds = assigned.flatMap((c) => (c.userId ? [c.userId] : []));
  const linked =
    linkedIds.length === 0
      ? []
      : await q
          .select({ userId: users.id, name: users.name, email: users.email })
          .from(users)
          .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.workspaceId, campaign.workspaceId)))
          .where(inArray(users.id, linkedIds));
  const out = new Map<string, Recipient>();
  for (const p of agencyPeople) out.set(p.userId, { userId: p.userId, name: p.name, email: p.email, kind: "agency", onBehalfOf: p.on });
  for (const p of creatorMembers)
    if (!out.has(p.userId)) out.set(p.userId, { userId: p.userId, name: p.name, email: p.email, kind: "creator", onBehalfOf: p.on });
  for (const p of linked) {
    if (out.has(p.userId)) continue;
    const creator = assigned.find((c) => c.userId === p.userId);
    out.set(p.userId, { userId: p.userId, name: p.name, email: p.email, kind: "creator", onBehalfOf: creator?.name ?? p.name });
  }
  return [...out.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export const briefUrl = (slug: string, campaignId: string) => `/w/${slug}/campaigns/${campaignId}/brief`;

/** One notification and email per person asked to acknowledge a version of the brief. */
export async function askToAcknowledge(
  tx: Transaction,
  ctx: MemberContext,
  campaign: Campaign,
  version: { id: string; version: number },
  recipients: readonly Recipient[],
  changedFields: string[],
  /** People just added to the campaign: for them it is a new brief, whatever its version. */
  newcomers = false,
) {
  const changed = version.version > 1 && !newcomers;
  const brand = await tx.query.brands.findFirst({ where: eq(brands.id, campaign.brandId), columns: { name: true } });
  for (const person of recipients) {
    await notify(tx, {
      workspaceId: ctx.workspace.id,
      userId: person.userId,
      category: "briefs",
      title: changed ? `The ${campaign.name} brief changed (v${version.version})` : `New brief to acknowledge: ${campaign.name}`,
      body:
        changed && changedFields.length > 0
          ? `Changed: ${changedFields.join(", ")}`
          : "Read it and acknowledge it so the handoff is complete.",
      url: briefUrl(ctx.workspace.slug, campaign.id),
      email: {
        template: "brief-acknowledgment-request",
        props: {
          workspace: { name: ctx.workspace.name, logoUrl: ctx.workspace.logoUrl, accentColor: ctx.workspace.accentColor },
          recipientName: person.name,
          campaignName: campaign.name,
          brandName: brand?.name ?? null,
          version: version.version,
          changedFields,
          newcomer: newcomers,
          senderName: ctx.user.name,
          url: `${env().APP_URL}${briefUrl(ctx.workspace.slug, campaign.id)}`,
        },
      },
    });
  }
}

/** New people on a campaign whose brief is out are asked for the current version (campaign edits). */
export async function askNewRecipients(tx: Transaction, ctx: MemberContext, campaign: Campaign, now = new Date()) {
  const latest = await latestVersion(tx, campaign.id);
  if (!latest) return 0;
  const recipients = await briefRecipients(tx, campaign);
  const asked = await tx
    .select({ userId: briefAcknowledgments.userId })
    .from(briefAcknowledgments)
    .where(eq(briefAcknowledgments.briefVersionId, latest.id));
  const fresh = recipients.filter((r) => !asked.some((a) => a.userId === r.userId));
  for (const person of fresh) {
    await tx.insert(briefAcknowledgments).values({
      workspaceId: ctx.workspace.id,
      campaignId: campaign.id,
      briefVersionId: latest.id,
      version: latest.version,
      userId: person.userId,
      requestedAt: now,
    });
  }
  await askToAcknowledge(tx, ctx, campaign, latest, fresh, [], true);
  return fresh.length;
}
