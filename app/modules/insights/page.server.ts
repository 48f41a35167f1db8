import { and, asc, inArray, or, sql } from "drizzle-orm";
import { agencies, brands } from "@db/schema";
import { db } from "~/utils/db.server";
import { invalid, ok, type Outcome } from "~/utils/outcome";
import { CHANNELS, channelLabel } from "~/modules/channels/channels";
import { visibleDirectory } from "~/modules/calendar/snapshot-rows.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { brandScope, inWorkspace, ownAgencyId, seesWholeWorkspace } from "~/modules/workspaces/scope.server";
import { parseInsightsFilter, periodPresets, type PeriodPreset } from "./page-filter";
import { loadInsightsReport } from "./queries.server";
import type { InsightsFilter, InsightsReport } from "./report";
import { loadStuck, type StuckNow } from "./stuck.server";

/**
 * What the insights page, its CSV and "stuck now" read for one member: the filter lists (only the
 * brands and agencies the member may see, so a brand's people never meet a competitor's name), the
 * filter asked for in the URL (or what is wrong with it), the report and the stuck handoffs.
 */

export interface Option {
  value: string;
  label: string;
}

export interface FilterOptions {
  brands: Option[];
  agencies: Option[];
  channels: Option[];
}

/**
 * Workspace roles choose among every brand and agency; others among those of the campaigns they
 * see (brandScope adds a brand's own people their brand before it has a campaign; an agency member
 * chooses only its own agency, the only one its figures carry).
 */
export async function insightsFilterOptions(ctx: MemberContext): Promise<FilterOptions> {
  const visible = seesWholeWorkspace(ctx) ? null : await visibleDirectory(ctx);
  const own = ownAgencyId(ctx);
  const agencyIds = visible ? (own ? [own] : visible.agencyIds) : null;
  const [brandOptions, agencyOptions] = await Promise.all([
    db()
      .select({ value: brands.id, label: brands.name })
      .from(brands)
      .where(
        visible
          ? or(brandScope(ctx), and(inWorkspace(ctx, brands.workspaceId), inList(brands.id, visible.brandIds)))
          : inWorkspace(ctx, brands.workspaceId),
      )
      .orderBy(asc(brands.name)),
    agencyIds?.length === 0
      ? []
      : db()
          .select({ value: agencies.id, label: agencies.name })
          .from(agencies)
          .where(and(inWorkspace(ctx, agencies.workspaceId), agencyIds ? inList(agencies.id, agencyIds) : undefined))
          .orderBy(asc(agencies.name)),
  ]);
  return { brands: brandOptions, agencies: agencyOptions, channels: CHANNELS.map((c) => ({ value: c, label: channelLabel(c) })) };
}

/** `IN (...)` that is false for an empty list instead of a syntax error. */
const inList = (column: typeof brands.id | typeof agencies.id, ids: string[]) => (ids.length ? inArray(column, ids) : sql`false`);

export interface InsightsPageData {
  options: FilterOptions;
  presets: PeriodPreset[];
  filter: InsightsFilter;
}

/** The filter lists and the filter the URL asks for; `invalid` names the parameter that is wrong. */
export async function insightsFilterFor(ctx: MemberContext, url: URL, now: Date): Promise<Outcome<InsightsPageData>> {
  const options = await insightsFilterOptions(ctx);
  const choices = { brandIds: new Set(options.brands.map((o) => o.value)), agencyIds: new Set(options.agencies.map((o) => o.value)) };
  const parsed = parseInsightsFilter(url.searchParams, choices, now, ctx.workspace.timeZone);
  if (!parsed.ok) return invalid(parsed.message, { [parsed.field]: [parsed.message] });
  return ok({ options, presets: periodPresets(now, ctx.workspace.timeZone), filter: parsed.filter });
}

export async function insightsPage(
  ctx: MemberContext,
  url: URL,
  now = new Date(),
): Promise<Outcome<InsightsPageData & { report: InsightsReport; stuck: StuckNow }>> {
  const asked = await insightsFilterFor(ctx, url, now);
  if (!asked.ok) return asked;
  const [report, stuck] = await Promise.all([loadInsightsReport(ctx, asked.value.filter, now), loadStuck(ctx, now)]);
  return ok({ ...asked.value, report, stuck });
}
