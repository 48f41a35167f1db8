import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { campaigns } from "@db/schema";
import { approvalRoutes, campaignAgencies, memberships, users } from "@db/schema";
import { db, type Queryable } from "~/utils/db.server";
import { invalid, ok, type FieldMessages, type Outcome } from "~/utils/outcome";
import { audit } from "~/modules/audit/audit.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { defaultRoute, validateRoute, type ApprovalRoute, type RouteStage } from "./route";

export const DEFAULT_REVIEW_HOURS = 24;

const storedStage = z.object({
  name: z.string(),
  kind: z.enum(["review", "brand_signoff"]),
  rule: z.enum(["any", "all"]),
  approverUserIds: z.array(z.string()),
});

export interface CampaignRoute {
  route: ApprovalRoute;
  reviewHours: number;
  /** False while the campaign uses the default route (computed from current members). */
  saved: boolean;
  rowId: string | null;
  updatedAt: Date | null;
}

type CampaignRow = Pick<typeof campaigns.$inferSelect, "id" | "workspaceId" | "brandId" | "leadAgencyId">;

/** Brand leads of one brand in the workspace: the only people who may give the brand sign-off. */
export async function brandLeadIds(tx: Queryable, workspaceId: string, brandId: string): Promise<string[]> {
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "brand_lead"), eq(memberships.brandId, brandId)));
  return rows.map((r) => r.userId);
}

type MemberRow = { userId: string; role: string; agencyId: string | null; brandId: string | null };

/**
 * The default route from the workspace's members: the lead agency's members review (without any,
 * the coordinators, admins and owners do), then the brand's leads sign off. Pure, so one campaign
 * and a page of campaigns share it.
 */
function defaultRouteFrom(members: readonly MemberRow[], campaign: CampaignRow): ApprovalRoute {
  const agency = members.filter((m) => m.role === "agency_member" && m.agencyId === campaign.leadAgencyId);
  const reviewers = agency.length > 0 ? agency : members.filter((m) => ["coordinator", "admin", "owner"].includes(m.role));
  return defaultRoute({
    agencyReviewerIds: reviewers.map((m) => m.userId),
    brandLeadIds: members.filter((m) => m.role === "brand_lead" && m.brandId === campaign.brandId).map((m) => m.userId),
  });
}

/** Members who can appear on a default route; a workspace has tens of them, so one query for all. */
function routeMembers(tx: Queryable, workspaceId: string): Promise<MemberRow[]> {
  return tx
    .select({ userId: memberships.userId, role: memberships.role, agencyId: memberships.agencyId, brandId: memberships.brandId })
    .from(memberships)
    .where(
      and(
        eq(memberships.workspaceId, workspaceId),
        inArray(memberships.role, ["agency_member", "brand_lead", "coordinator", "admin", "owner"]),
      ),
    );
}

export async function defaultCampaignRoute(tx: Queryable, campaign: CampaignRow): Promise<ApprovalRoute> {
  return defaultRouteFrom(await routeMembers(tx, campaign.workspaceId), campaign);
}

function toCampaignRoute(row: typeof approvalRoutes.$inferSelect | undefined, fallback: () => ApprovalRoute): CampaignRoute {
  if (row) {
    const parsed = z.array(storedStage).safeParse(row.stages);
    if (parsed.success) {
      return {
        route: { stages: parsed.data as RouteStage[] },
        reviewHours: row.reviewHours,
        saved: true,
        rowId: row.id,
        updatedAt: row.updatedAt,
      };
    }
  }
  return {
    route: fallback(),
    reviewHours: row?.reviewHours ?? DEFAULT_REVIEW_HOURS,
    saved: false,
    rowId: row?.id ?? null,
    updatedAt: row?.updatedAt ?? null,
  };
}

/** The routes of many campaigns of one workspace in two queries (lists and "waiting on me"). */
export async function loadCampaignRoutes(tx: Queryable, list: readonly CampaignRow[]): Promise<Map<string, CampaignRoute>> {
  const unique = [...new Map(list.map((c) => [c.id, c])).values()];
  if (unique.length === 0) return new Map();
  const [saved, members] = await Promise.all([
    tx
      .select()
      .from(approvalRoutes)
      .where(
        inArray(
          approvalRoutes.campaignId,
          unique.map((c) => c.id),
        ),
      ),
    routeMembers(tx, unique[0].workspaceId),
  ]);
  const byCampaign = new Map(saved.map((r) => [r.campaignId, r]));
  return new Map(unique.map((c) => [c.id, toCampaignRoute(byCampaign.get(c.id), () => defaultRouteFrom(members, c))]));
}

/** The campaign's saved route, or the default one (agency review, then brand sign-off). */
export async function loadCampaignRoute(tx: Queryable, campaign: CampaignRow): Promise<CampaignRoute> {
  const routes = await loadCampaignRoutes(tx, [campaign]);
  return routes.get(campaign.id)!;
}

/** Names and emails for the ids in a route (for display). */
export async function peopleById(tx: Queryable, ids: readonly string[]): Promise<Map<string, { id: string; name: string; email: string }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await tx.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r]));
}

/** People who may be put on a route of this campaign: reviewers for review stages, brand leads for the sign-off. */
export async function routeCandidates(tx: Queryable, campaign: CampaignRow & { id: string }) {
  const rows = await tx
    .select({
      userId: memberships.userId,
      role: memberships.role,
      agencyId: memberships.agencyId,
      brandId: memberships.brandId,
      name: users.name,
      email: users.email,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, campaign.workspaceId));
  const agencyIds = new Set([campaign.leadAgencyId, ...(await campaignAgencyIds(tx, campaign.id))]);
  const reviewers = rows.filter(
    (r) =>
      ["owner", "admin", "coordinator"].includes(r.role) ||
      (r.role === "agency_member" && r.agencyId !== null && agencyIds.has(r.agencyId)),
  );
  const leads = rows.filter((r) => r.role === "brand_lead" && r.brandId === campaign.brandId);
  const person = (r: (typeof rows)[number]) => ({ id: r.userId, name: r.name, email: r.email, role: r.role });
  return { reviewers: reviewers.map(person), brandLeads: leads.map(person) };
}

async function campaignAgencyIds(tx: Queryable, campaignId: string): Promise<string[]> {
  const rows = await tx
    .select({ agencyId: campaignAgencies.agencyId })
    .from(campaignAgencies)
    .where(eq(campaignAgencies.campaignId, campaignId));
  return rows.map((r) => r.agencyId);
}

export interface RouteProblemOut {
  field: string;
  message: string;
}

/**
 * Checks a proposed route against the campaign: structure (validateRoute), and people. Review
 * approvers must be able to review this campaign; the sign-off approvers must be brand leads of
 * the campaign's brand.
 */
export async function checkRouteForCampaign(tx: Queryable, campaign: CampaignRow, route: ApprovalRoute): Promise<RouteProblemOut[]> {
  const problems: RouteProblemOut[] = validateRoute(route).problems.map((p) => ({
    field: p.stageIndex === undefined ? "_form" : `stage${p.stageIndex}`,
    message: p.message,
  }));
  const { reviewers, brandLeads } = await routeCandidates(tx, campaign);
  const reviewerIds = new Set(reviewers.map((r) => r.id));
  const leadIds = new Set(brandLeads.map((r) => r.id));
  route.stages.forEach((stage, index) => {
    const allowed = stage.kind === "brand_signoff" ? leadIds : reviewerIds;
    if (stage.approverUserIds.some((id) => !allowed.has(id))) {
      problems.push({
        field: `stage${index}`,
        message:
          stage.kind === "brand_signoff"
            ? "Only brand leads of this campaign's brand can give the brand sign-off."
            : `Choose approvers for "${stage.name}" from the list: people who can review this campaign.`,
      });
    }
  });
  return problems;
}

/**
 * Saves a campaign's route (the route's door checked the campaign). A route that breaks a rule is
 * invalid, with one message per stage under `stage<index>` (or `_form` for the route as a whole).
 */
export async function saveCampaignRoute(
  ctx: MemberContext,
  input: { campaign: CampaignRow; route: ApprovalRoute; reviewHours: number },
): Promise<Outcome> {
  const { campaign } = input;
  return db().transaction(async (tx) => {
    const problems = await checkRouteForCampaign(tx, campaign, input.route);
    if (problems.length > 0) {
      const fields: FieldMessages = {};
      for (const p of problems) (fields[p.field] ??= []).push(p.message);
      return invalid(fields._form?.[0], fields);
    }
    const stages = input.route.stages.map((s) => ({ ...s, approverUserIds: [...new Set(s.approverUserIds)] }));
    await tx
      .insert(approvalRoutes)
      .values({
        workspaceId: campaign.workspaceId,
        campaignId: campaign.id,
        stages,
        reviewHours: input.reviewHours,
        updatedBy: ctx.user.id,
        updatedAt: new Date(),
      })
      .onConflictDoUpdate({
        target: approvalRoutes.campaignId,
        set: { stages, reviewHours: input.reviewHours, updatedBy: ctx.user.id, updatedAt: new Date() },
      });
    await audit(tx, ctx, {
      action: "campaign.route_updated",
      objectType: "campaign",
      objectId: campaign.id,
      data: {
        stages: stages.map((s) => ({ name: s.name, kind: s.kind, rule: s.rule, approvers: s.approverUserIds.length })),
        reviewHours: input.reviewHours,
      },
    });
    return ok();
  });
}
