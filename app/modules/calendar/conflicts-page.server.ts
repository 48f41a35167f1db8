// The conflicts page's data: the conflicts of the coming months the coordinator may see, grouped
// by brand and severity, each with the items it involves (and, for deliverables, their time as
// the move form needs it). Computed on read like the calendar, so a resolved clash is simply gone.

import type { MemberContext } from "~/modules/workspaces/authz.server";
import { channelLabel } from "~/modules/channels/channels";
import { conflictRuleMetadata } from "./conflicts/detect";
import type { Conflict, Severity } from "./conflicts/types";
import { loadSnapshot } from "./calendar.server";
import { minuteOf } from "./snapshot";
import { DAY_MS, MINUTE_MS, toLocalInput, zonePlace } from "~/utils/time";
import { dayAndTime } from "./format";
import { campaignPath, deliverablePath, calendarPath } from "./links";
import { viewerZone } from "./page.server";
import { dayKey } from "./dates";
import { isId } from "~/utils/ids";

/** The page looks this far back (clashes of the last days may still matter) and ahead. */
export const CONFLICTS_PAST_DAYS = 1;
export const CONFLICTS_FUTURE_DAYS = 120;

export interface ConflictObject {
  kind: "campaign" | "deliverable";
  id: string;
  title: string;
  detail: string;
  url: string;
  /** Deliverables the viewer may move: the current time as a datetime-local value. */
  move: { publishAt: string; min: string } | null;
}

export interface ConflictRow {
  key: string;
  code: string;
  title: string;
  severity: Severity;
  message: string;
  when: string;
  calendarUrl: string;
  objects: ConflictObject[];
  acknowledged: { note: string; by: string | null; at: string } | null;
}

export interface BrandGroup {
  brandId: string;
  brandName: string;
  color: string;
  /** Each list holds at most ROWS_PER_LIST rows, soonest first; `total` counts them all. */
  severities: { severity: Severity; label: string; total: number; conflicts: ConflictRow[] }[];
  acknowledged: ConflictRow[];
  acknowledgedTotal: number;
  open: number;
  errors: number;
}

/** Rows per brand and severity on the page; the rest are counted and reached by the calendar. */
export const ROWS_PER_LIST = 50;

export async function conflictsPageData(ctx: MemberContext, url: URL, now = new Date()) {
  const tz = viewerZone(ctx);
  const brandParam = url.searchParams.get("brand");
  const brandFilter = brandParam && isId(brandParam) ? brandParam : null;
  const from = new Date(minuteOf(now) - CONFLICTS_PAST_DAYS * DAY_MS);
  const to = new Date(minuteOf(now) + CONFLICTS_FUTURE_DAYS * DAY_MS);
  const snapshot = await loadSnapshot(ctx, { from, to }, { now });
  const campaignsById = new Map(snapshot.campaigns.map((c) => [c.id, c]));
  const deliverablesById = new Map(snapshot.deliverables.map((d) => [d.id, d]));
  const canMove = ctx.can("campaigns.manage") || ctx.can("drafts.publish");
  const slug = ctx.workspace.slug;
  const minMove = toLocalInput(new Date(now.getTime() + MINUTE_MS), tz);

  const objectOf = (id: string): ConflictObject | null => {
    const d = deliverablesById.get(id);
    if (d && !d.masked) {
      const creator = d.creatorId ? snapshot.creatorNames.get(d.creatorId) : null;
      return {
        kind: "deliverable",
        id,
        title: d.title,
        detail: [dayAndTime(d.publishAt, tz), channelLabel(d.channel), creator, d.campaignName].filter(Boolean).join(" · "),
        url: deliverablePath(slug, id),
        move: canMove && d.status !== "published" ? { publishAt: toLocalInput(d.publishAt, tz), min: minMove } : null,
      };
    }
    const c = campaignsById.get(id);
    if (c) {
      const agency = snapshot.agencyNames.get(c.leadAgencyId);
      return {
        kind: "campaign",
        id,
        title: c.name,
        detail: ["Campaign", agency].filter(Boolean).join(" · "),
        url: campaignPath(slug, id),
        move: null,
      };
    }
    return null;
  };

  const rowOf = (c: Conflict): ConflictRow => {
    const ack = snapshot.acknowledgments.get(c.key);
    const month = dayKey(c.startsAt, tz).slice(0, 7);
    return {
      key: c.key,
      code: c.code,
      title: conflictRuleMetadata(c.code).title,
      severity: c.severity,
      message: c.message,
      when: `${dayAndTime(c.startsAt, tz)} ${zonePlace(tz)}`,
      calendarUrl: `${calendarPath(slug)}?brand=${c.brandId}&month=${month}`,
      objects: c.objectIds.map(objectOf).filter((o): o is ConflictObject => o !== null),
      acknowledged: ack ? { note: ack.note, by: ack.by, at: dayAndTime(ack.at, tz) } : null,
    };
  };

  // Group first, format only what is shown: a large workspace can hold thousands of conflicts.
  const raw = new Map<string, { error: Conflict[]; warning: Conflict[]; acknowledged: Conflict[] }>();
  for (const conflict of snapshot.conflicts) {
    if (brandFilter && conflict.brandId !== brandFilter) continue;
    const bucket =
      raw.get(conflict.brandId) ?? raw.set(conflict.brandId, { error: [], warning: [], acknowledged: [] }).get(conflict.brandId)!;
    if (snapshot.acknowledgments.has(conflict.key)) bucket.acknowledged.push(conflict);
    else bucket[conflict.severity].push(conflict);
  }
  const brandGroups: BrandGroup[] = [...raw.entries()]
    .map(([brandId, b]) => {
      const brand = snapshot.brands.get(brandId);
      const severities = (["error", "warning"] as const)
        .filter((sev) => b[sev].length > 0)
        .map((sev) => ({
          severity: sev,
          label: sev === "error" ? "Conflicts" : "Warnings",
          total: b[sev].length,
          conflicts: b[sev].slice(0, ROWS_PER_LIST).map(rowOf),
        }));
      return {
        brandId,
        brandName: brand?.name ?? "Brand",
        color: brand?.color ?? "#64748b",
        severities,
        acknowledged: b.acknowledged.slice(0, ROWS_PER_LIST).map(rowOf),
        acknowledgedTotal: b.acknowledged.length,
        open: b.error.length + b.warning.length,
        errors: b.error.length,
      };
    })
    .sort((a, b) => b.open - a.open || a.brandName.localeCompare(b.brandName));

  return {
    slug,
    brandFilter,
    brands: [...snapshot.brands.values()].map((b) => ({ value: b.id, label: b.name })),
    groups: brandGroups,
    totals: {
      open: brandGroups.reduce((n, g) => n + g.open, 0),
      errors: brandGroups.reduce((n, g) => n + g.errors, 0),
      acknowledged: brandGroups.reduce((n, g) => n + g.acknowledgedTotal, 0),
    },
    timeZone: tz,
    range: `${dayAndTime(from, tz).replace(/,.*$/, "")} – ${dayAndTime(to, tz).replace(/,.*$/, "")}`,
  };
}

export type ConflictsPageData = Awaited<ReturnType<typeof conflictsPageData>>;
