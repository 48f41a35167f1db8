import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { campaigns } from "@db/schema";
import { approvalRoutes, campaignAgencies, memberships, users } from "@db/schema";
import { db, type Queryable } from "~/utils/db.server";
import { attempt, DomainError, invalid, type FieldMessages, type Outcome } from "~/utils/outcome";
import { audit } from "~/modules/audit/audit.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { invitedBrandLeads, memberIdsAmong, openInvitationEmails, userRowsFor } from "./guests.server";
import { defaultRoute, routePeopleProblems, validateRoute, type ApprovalRoute, type RouteStage } from "./route";

export const DEFAULT_REVIEW_HOURS = 24;

const storedStage = z.object({
  name: z.string(),
  kind: z.enum(["review", "brand_signoff"]),
  rule: z.enum(["any", "all"]),
  approverUserIds: z.array(z.string()),
  backupUserId: z.string().nullish(),
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

/**
 * A person as lists show them. With `workspaceId`, people without a membership there are marked
 * (decision 052): `invited` for an open invitation to their address (a brand lead who has not
 * joined yet), else `guest` (a guest approver).
 */
export type ShownPerson = { id: string; name: string; email: string; guest?: boolean; invited?: boolean };

/** Names and emails for the ids in a route (for display); with `workspaceId`, guests and invitees are marked. */
export async function peopleById(tx: Queryable, ids: readonly string[], workspaceId?: string): Promise<Map<string, ShownPerson>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const [rows, members] = await Promise.all([
    tx.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, unique)),
    workspaceId ? memberIdsAmong(tx, workspaceId, unique) : Promise.resolve(null),
  ]);
  const outside = members ? rows.filter((r) => !members.has(r.id)) : [];
  const invited =
    workspaceId && outside.length
      ? await openInvitationEmails(
          tx,
          workspaceId,
          outside.map((r) => r.email),
        )
      : new Set<string>();
  return new Map(
    rows.map((r) => {
      if (!members || members.has(r.id)) return [r.id, r];
      return [r.id, invited.has(r.email) ? { ...r, invited: true } : { ...r, guest: true }];
    }),
  );
}

/**
 * People who may be put on a route of this campaign: reviewers for review stages, brand leads for
 * the sign-off (members, and brand leads invited who have not joined yet), and the guests already
 * on the saved route (so the editor shows them).
 */
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
  const [invited, saved] = await Promise.all([
    invitedBrandLeads(tx, campaign.workspaceId, campaign.brandId),
    tx.query.approvalRoutes.findFirst({ where: eq(approvalRoutes.campaignId, campaign.id) }),
  ]);
  const memberIds = new Set(rows.map((r) => r.userId));
  const onRoute = z.array(storedStage).safeParse(saved?.stages ?? []);
  const guestIds = (onRoute.success ? onRoute.data : []).flatMap((s) => (s.kind === "review" ? s.approverUserIds : []));
  const guests = [
    ...(
      await peopleById(
        tx,
        guestIds.filter((id) => !memberIds.has(id)),
      )
    ).values(),
  ];
  return {
    reviewers: reviewers.map(person),
    brandLeads: leads.map(person),
    invitedLeads: invited.map((i) => ({ invitationId: i.invitationId, userId: i.userId, email: i.email })),
    guests: guests.map((g) => ({ id: g.id, name: g.name, email: g.email })),
    memberIds,
  };
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

/** A route's rules broken, as the editor's fields: `stage<index>`, `stage<index>_backup`, `stage<index>_guests` or `_form`. */
const refusal = (problems: RouteProblemOut[]): never => {
  const fields: FieldMessages = {};
  for (const p of problems) (fields[p.field] ??= []).push(p.message);
  throw new DomainError(invalid(fields._form?.[0], fields).problem);
};

/**
 * Checks a proposed route against the campaign: structure (validateRoute), and people
 * (routePeopleProblems): review approvers can review this campaign or are guests; the sign-off
 * approvers are brand leads of the campaign's brand (joined or invited); backups are members who
 * could stand on their stage. `newGuests` are the guests typed in this save.
 */
export async function checkRouteForCampaign(
  tx: Queryable,
  campaign: CampaignRow,
  route: ApprovalRoute,
  newGuests: ReadonlySet<string> = new Set(),
): Promise<RouteProblemOut[]> {
  const { reviewers, brandLeads, invitedLeads, guests, memberIds } = await routeCandidates(tx, campaign);
  const people = {
    reviewers: new Set(reviewers.map((r) => r.id)),
    brandLeads: new Set([...brandLeads.map((r) => r.id), ...invitedLeads.flatMap((i) => (i.userId ? [i.userId] : []))]),
    guests: new Set([...guests.map((g) => g.id), ...[...newGuests].filter((id) => !memberIds.has(id))]),
    members: memberIds,
  };
  return [...validateRoute(route).problems, ...routePeopleProblems(route, people)].map((p) => ({
    field: p.stageIndex === undefined ? "_form" : `stage${p.stageIndex}${p.field ? `_${p.field}` : ""}`,
    message: p.message,
  }));
}

export interface RouteSave {
  campaign: CampaignRow;
  /** The stages as chosen from the lists (the sign-off last). */
  route: ApprovalRoute;
  reviewHours: number;
  /** Guest emails typed per stage index (review stages only). */
  guests: readonly (readonly string[])[];
  /** Open brand-lead invitations chosen for the sign-off (their people have not joined yet). */
  invitees: readonly string[];
}

/**
 * Saves a campaign's route (the route's door checked the campaign). Guests and invited brand leads
 * get their user rows here, in the same transaction: a route that breaks a rule is invalid (one
 * message per stage under `stage<index>`, or `_form`) and writes nothing at all, no user row either.
 */
export function saveCampaignRoute(ctx: MemberContext, input: RouteSave): Promise<Outcome<void>> {
  const { campaign } = input;
  return attempt(() =>
    db().transaction(async (tx) => {
      const signoffIndex = input.route.stages.length - 1;
      const invited = await invitedBrandLeads(tx, campaign.workspaceId, campaign.brandId);
      const chosenInvites = invited.filter((i) => input.invitees.includes(i.invitationId));
      if (chosenInvites.length !== new Set(input.invitees).size) {
        refusal([{ field: `stage${signoffIndex}`, message: "Choose brand leads from the list: that invitation is no longer open." }]);
      }
      const typed = input.guests.flat();
      const ids = await userRowsFor(tx, [...typed, ...chosenInvites.map((i) => i.email)]);
      // A typed address of a member who may not review this campaign is not a guest: they keep their role.
      const members = await memberIdsAmong(
        tx,
        campaign.workspaceId,
        typed.map((e) => ids.get(e)!),
      );
      const { reviewers } = await routeCandidates(tx, campaign);
      const reviewerIds = new Set(reviewers.map((r) => r.id));
      input.guests.forEach((emails, stageIndex) => {
        const member = emails.find((e) => members.has(ids.get(e)!) && !reviewerIds.has(ids.get(e)!));
        if (member) {
          const message = `${member} is a member of this workspace who can't review this campaign: choose approvers from the list.`;
          refusal([{ field: `stage${stageIndex}_guests`, message }]);
        }
      });
      const stages: RouteStage[] = input.route.stages.map((s, index) => {
        const added =
          index === signoffIndex ? chosenInvites.map((i) => ids.get(i.email)!) : (input.guests[index] ?? []).map((e) => ids.get(e)!);
        const backup = s.backupUserId ? { backupUserId: s.backupUserId } : {};
        return { name: s.name, kind: s.kind, rule: s.rule, approverUserIds: [...new Set([...s.approverUserIds, ...added])], ...backup };
      });
      const route = { stages };
      const problems = await checkRouteForCampaign(tx, campaign, route, new Set(typed.map((e) => ids.get(e)!)));
      if (problems.length > 0) refusal(problems);
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
      const guestIds = new Set(typed.map((e) => ids.get(e)!).filter((id) => !members.has(id)));
      await audit(tx, ctx, {
        action: "campaign.route_updated",
        objectType: "campaign",
        objectId: campaign.id,
        data: {
          stages: stages.map((s, index) => ({
            name: s.name,
            kind: s.kind,
            rule: s.rule,
            approvers: s.approverUserIds.length,
            // Who was named by address (guests, invited brand leads): the trail says who may decide.
            byEmail:
              index === signoffIndex
                ? chosenInvites.map((i) => i.email)
                : (input.guests[index] ?? []).filter((e) => guestIds.has(ids.get(e)!)),
            backupUserId: s.backupUserId ?? null,
          })),
          reviewHours: input.reviewHours,
        },
      });
    }),
  );
}
