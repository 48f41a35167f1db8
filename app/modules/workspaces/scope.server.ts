import { and, eq, exists, inArray, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import {
  auditEvents,
  brands,
  campaignAgencies,
  campaignCreators,
  campaigns,
  conflictLog,
  deliverables,
  files,
  handoffFacts,
  onboardingLinks,
  type Role,
} from "@db/schema";
import { db } from "~/utils/db.server";
import type { ScopedContext } from "./authz.server";

/**
 * Row scoping (decision 051): the ONLY module that branches on `ctx.scope.kind` (a lint rule keeps
 * it so). Each function turns a context into the condition a query adds, so "who sees what" is
 * read in one place and the isolation table (test/integration/tenant-isolation.test.ts) checks it.
 * The scope comes from the membership, never the request.
 */

/** The tenant wall every row of a workspace stands behind: `inWorkspace(ctx, files.workspaceId)`. */
export function inWorkspace(ctx: Pick<ScopedContext, "workspace">, column: AnyPgColumn): SQL {
  return eq(column, ctx.workspace.id);
}

const one = sql`1`;

/**
 * Visible campaigns: workspace roles see all; an agency member the campaigns its agency leads or
 * joins; a brand lead or client contact their brand's; a creator the campaigns it is assigned to.
 */
export function campaignScope(ctx: ScopedContext): SQL {
  const here = inWorkspace(ctx, campaigns.workspaceId);
  const scope = ctx.scope;
  switch (scope.kind) {
    case "workspace":
      return here;
    case "brand":
      return and(here, eq(campaigns.brandId, scope.brandId))!;
    case "agency": {
      const joined = db()
        .select({ one })
        .from(campaignAgencies)
        .where(and(eq(campaignAgencies.campaignId, campaigns.id), eq(campaignAgencies.agencyId, scope.agencyId)));
      return and(here, or(eq(campaigns.leadAgencyId, scope.agencyId), exists(joined)))!;
    }
    case "creator": {
      const assigned = db()
        .select({ one })
        .from(campaignCreators)
        .where(and(eq(campaignCreators.campaignId, campaigns.id), eq(campaignCreators.creatorId, scope.creatorId)));
      return and(here, exists(assigned))!;
    }
  }
}

/** Visible deliverables: those of visible campaigns; a creator only its own, a brand only its own brand's. */
export function deliverableScope(ctx: ScopedContext): SQL {
  const visibleCampaigns = db().select({ id: campaigns.id }).from(campaigns).where(campaignScope(ctx));
  const conditions: SQL[] = [inWorkspace(ctx, deliverables.workspaceId), inArray(deliverables.campaignId, visibleCampaigns)];
  if (ctx.scope.kind === "creator") conditions.push(eq(deliverables.creatorId, ctx.scope.creatorId));
  if (ctx.scope.kind === "brand") conditions.push(eq(deliverables.brandId, ctx.scope.brandId));
  return and(...conditions)!;
}

/** Visible onboarding links: the whole workspace's, except an agency member sees only its own agency's. */
export function linkScope(ctx: ScopedContext): SQL {
  const here = inWorkspace(ctx, onboardingLinks.workspaceId);
  if (ctx.scope.kind === "agency") return and(here, sql`${onboardingLinks.intake}->>'agencyId' = ${ctx.scope.agencyId}`)!;
  return here;
}

/**
 * Brands whose page (access ledger, rules) a member may open: workspace roles all, a brand's people
 * their own. Agencies and creators meet brands only through campaigns (campaignScope).
 */
export function brandScope(ctx: ScopedContext): SQL {
  const here = inWorkspace(ctx, brands.workspaceId);
  if (ctx.scope.kind === "workspace") return here;
  if (ctx.scope.kind === "brand") return and(here, eq(brands.id, ctx.scope.brandId))!;
  return sql`false`;
}

/** Stored files: reached only through the row that lists them; this is the tenant wall under that. */
export const fileScope = (ctx: ScopedContext): SQL => inWorkspace(ctx, files.workspaceId);

/** Audit events: the audit page is for a permission (`audit.view`), which only workspace-wide roles hold. */
export const auditScope = (ctx: ScopedContext): SQL => inWorkspace(ctx, auditEvents.workspaceId);

/* ------------------------------------------------------------------ insights */

/** Client contacts follow a brand's calendar; insights measure the people doing the work, so they see none. */
const seesNoInsights = (ctx: ScopedContext & { role?: Role }) => ctx.role === "client_contact";

/**
 * Handoff facts (decision 053) a member may see: workspace roles all; a brand lead its brand's,
 * across agencies; an agency member its agency's (the campaign's lead agency, the link's agency);
 * a creator its own; a client contact none. Jobs without a role (the monthly report) see by scope.
 */
export function factScope(ctx: ScopedContext & { role?: Role }): SQL {
  const here = inWorkspace(ctx, handoffFacts.workspaceId);
  if (seesNoInsights(ctx)) return sql`false`;
  const scope = ctx.scope;
  switch (scope.kind) {
    case "workspace":
      return here;
    case "brand":
      return brandLeadsFactScope(ctx, [scope.brandId]);
    case "agency":
      return and(here, eq(handoffFacts.agencyId, scope.agencyId))!;
    case "creator":
      return and(here, eq(handoffFacts.creatorId, scope.creatorId))!;
  }
}

/**
 * Conflict-log rows a member may see, as conflictVisibleTo judges the live conflicts: a brand lead
 * its brand's, never one naming a competing brand (CREATOR_EXCLUSIVITY); an agency member those
 * involving its agency; a creator those involving one of its own deliverables; a client contact none.
 */
export function conflictLogScope(ctx: ScopedContext & { role?: Role }): SQL {
  const here = inWorkspace(ctx, conflictLog.workspaceId);
  if (seesNoInsights(ctx)) return sql`false`;
  const scope = ctx.scope;
  switch (scope.kind) {
    case "workspace":
      return here;
    case "brand":
      return brandLeadsConflictLogScope(ctx, [scope.brandId]);
    case "agency":
      return and(here, sql`${conflictLog.agencyIds} @> jsonb_build_array(${scope.agencyId}::text)`)!;
    case "creator": {
      // The key names the deliverables involved (ids inside the key, as idsIn reads them).
      const own = db()
        .select({ one })
        .from(deliverables)
        .where(and(eq(deliverables.creatorId, scope.creatorId), sql`strpos(${conflictLog.conflictKey}, ${deliverables.id}) > 0`));
      return and(here, exists(own))!;
    }
  }
}

/**
 * The brand case of factScope and conflictLogScope for several brands at once: what the leads of
 * `brandIds` see, read in one query (the monthly report reads every brand due in one go). Each
 * lead sees only their own brand's rows: the caller splits the rows by `brand_id`.
 */
export function brandLeadsFactScope(ctx: Pick<ScopedContext, "workspace">, brandIds: readonly string[]): SQL {
  if (brandIds.length === 0) return sql`false`;
  return and(inWorkspace(ctx, handoffFacts.workspaceId), inArray(handoffFacts.brandId, [...brandIds]))!;
}

/** Never a conflict naming a competing brand (CREATOR_EXCLUSIVITY), as conflictVisibleTo judges the live ones. */
export function brandLeadsConflictLogScope(ctx: Pick<ScopedContext, "workspace">, brandIds: readonly string[]): SQL {
  if (brandIds.length === 0) return sql`false`;
  return and(
    inWorkspace(ctx, conflictLog.workspaceId),
    inArray(conflictLog.brandId, [...brandIds]),
    sql`${conflictLog.rule} <> 'CREATOR_EXCLUSIVITY'`,
  )!;
}

/* ------------------------------------------------------------------ names across brands */

/** A brand-scoped viewer never sees another brand's name (nor that it has work there). */
export function mayNameBrand(ctx: ScopedContext, brandId: string): boolean {
  return ctx.scope.kind !== "brand" || ctx.scope.brandId === brandId;
}

/**
 * Internal comments (issue 18) stay with the team: workspace-wide members, and members of an agency
 * on the campaign (an agency member sees a deliverable only through its agency's campaigns, so
 * seeing it is being on it). Never a creator, a brand's people, a guest or a client.
 */
export function seesInternalComments(ctx: ScopedContext): boolean {
  return ctx.scope.kind === "workspace" || ctx.scope.kind === "agency";
}

/** Whether the member acts for this very brand (its brand lead or client contact): the brand sign-off is theirs. */
export function actsForBrand(ctx: ScopedContext, brandId: string): boolean {
  return ctx.scope.kind === "brand" && ctx.scope.brandId === brandId;
}

/** What the conflict scoping needs to know of a conflict (calendar/conflicts/types.ts `Conflict`). */
export interface ScopedConflict {
  /** True when the conflict's message names a brand other than the one it is about (CREATOR_EXCLUSIVITY). */
  namesCompetingBrand: boolean;
  /** The creator a creator-only conflict belongs to, if any. */
  creatorId?: string | null;
  objectIds: readonly string[];
}

/**
 * Visible conflicts: one that names a competing brand is never shown to a brand's people and to a
 * creator only when it is its own; a creator sees only conflicts touching its own work (`ownIds`).
 */
/** conflictVisibleTo holds for every conflict of the rows this member sees (so callers may skip asking). */
export function seesEveryConflictOfItsRows(ctx: ScopedContext): boolean {
  return ctx.scope.kind === "workspace" || ctx.scope.kind === "agency";
}

export function conflictVisibleTo(ctx: ScopedContext, conflict: ScopedConflict, ownIds: ReadonlySet<string>): boolean {
  if (conflict.namesCompetingBrand) {
    if (ctx.scope.kind === "brand") return false;
    if (ctx.scope.kind === "creator") return conflict.creatorId === ctx.scope.creatorId;
  }
  if (ctx.scope.kind === "creator") return conflict.objectIds.some((id) => ownIds.has(id));
  return true;
}

/** A stable key per scope (cache keys: two members with the same scope share a snapshot). */
export function scopeKey(ctx: ScopedContext): string {
  const scope = ctx.scope;
  switch (scope.kind) {
    case "workspace":
      return "workspace";
    case "agency":
      return `agency:${scope.agencyId}`;
    case "brand":
      return `brand:${scope.brandId}`;
    case "creator":
      return `creator:${scope.creatorId}`;
  }
}

/** The creator a member acts for, if it is one (its own deliverables, its own conflicts). */
/**
 * A stable key per insights scope (the report cache): as scopeKey, and "none" for a member who sees
 * no insights (a client contact), so it never shares an entry with its brand's lead.
 */
export const insightsScopeKey = (ctx: ScopedContext & { role?: Role }): string => (seesNoInsights(ctx) ? "none" : scopeKey(ctx));

export const ownCreatorId = (ctx: ScopedContext): string | null => (ctx.scope.kind === "creator" ? ctx.scope.creatorId : null);

/** The brand a member acts for (its brand lead or client contact), if it is one: that brand's side of an exclusivity clash. */
export const ownBrandId = (ctx: ScopedContext): string | null => (ctx.scope.kind === "brand" ? ctx.scope.brandId : null);

/** Whether the member sees the whole workspace (no narrowing by agency, brand or creator). */
export const seesWholeWorkspace = (ctx: ScopedContext): boolean => ctx.scope.kind === "workspace";

/** The agency a member acts for, if it is one: its own links, its own colleagues as account managers (linkScope). */
export const ownAgencyId = (ctx: ScopedContext): string | null => (ctx.scope.kind === "agency" ? ctx.scope.agencyId : null);
