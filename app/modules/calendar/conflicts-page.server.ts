// The conflicts page's data: the conflicts of the coming months the coordinator may see, grouped
// by brand and severity, each with the items it involves (and, for deliverables, their time as
// the move form needs it). Computed on read like the calendar, so a resolved clash is simply gone.

import type { MemberContext } from "~/modules/workspaces/authz.server";
import { channelName } from "./channels";
import { conflictRuleMetadata } from "./conflicts/detect";
import type { Conflict, Severity } from "./conflicts/types";
import { loadSnapshot } from "./calendar.server";
import { dayAndTime, toLocalInput, zonePlace } from "./format";
import { campaignPath, deliverablePath, calendarPath } from "./links";
import { viewerZone } from "./page.server";
import { dayKey } from "./dates";

const DAY_MS = 86_400_000;
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
  severities: { severity: Severity; label: string; conflicts: ConflictRow[] }[];
  acknowledged: ConflictRow[];
  open: number;
}

const ID = /^[0-9a-f]{32}$/;

export async function conflictsPageData(ctx: MemberContext, url: URL, now = new Date()) {
  const tz = viewerZone(ctx);
  const brandParam = url.searchParams.get("brand");
  const brandFilter = brandParam && ID.test(brandParam) ? brandParam : null;
  const from = new Date(now.getTime() - CONFLICTS_PAST_DAYS * DAY_MS);
  const to = new Date(now.getTime() + CONFLICTS_FUTURE_DAYS * DAY_MS);
  const snapshot = await loadSnapshot(ctx, { from, to }, { now });
  const campaignsById = new Map(snapshot.campaigns.map((c) => [c.id, c]));
  const deliverablesById = new Map(snapshot.deliverables.map((d) => [d.id, d]));
  const canMove = ctx.can("campaigns.manage") || ctx.can("drafts.publish");
  const slug = ctx.workspace.slug;
  const minMove = toLocalInput(new Date(now.getTime() + 60_000), tz);

  const objectOf = (id: string): ConflictObject | null => {
    const d = deliverablesById.get(id);
    if (d && !d.masked) {
      const creator = d.creatorId ? snapshot.creatorNames.get(d.creatorId) : null;
      return {
        kind: "deliverable",
        id,
        title: d.title,
        detail: [dayAndTime(d.publishAt, tz), channelName(d.channel), creator, d.campaignName].filter(Boolean).join(" · "),
        url: deliverablePath(slug, id),
        move: canMove && d.status !== "published" ? { publishAt: toLocalInput(d.publishAt, tz), min: minMove } : null,
      };
    }
    const c = campaignsById.get(id);
    if (c) {
      const agency = snapshot.agencyNames.get(c.leadAgencyId);
      return { kind: "campaign", id, title: c.name, detail: ["Campaign", agency].filter(Boolean).join(" · "), url: campaignPath(slug, id), move: null };
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

  const groups = new Map<string, BrandGroup>();
  for (const conflict of snapshot.conflicts) {
    if (brandFilter && conflict.brandId !== brandFilter) continue;
    const brand = snapshot.brands.get(conflict.brandId);
    let group = groups.get(conflict.brandId);
    if (!group) {
      group = {
        brandId: conflict.brandId,
        brandName: brand?.name ?? "Brand",
        color: brand?.color ?? "#64748b",
        severities: [
          { severity: "error", label: "Conflicts", conflicts: [] },
          { severity: "warning", label: "Warnings", conflicts: [] },
        ],
        acknowledged: [],
        open: 0,
      };
      groups.set(conflict.brandId, group);
    }
    const row = rowOf(conflict);
    if (row.acknowledged) group.acknowledged.push(row);
    else {
      group.open++;
      group.severities.find((s) => s.severity === conflict.severity)!.conflicts.push(row);
    }
  }
  const brandGroups = [...groups.values()]
    .map((g) => ({ ...g, severities: g.severities.filter((s) => s.conflicts.length > 0) }))
    .sort((a, b) => b.open - a.open || a.brandName.localeCompare(b.brandName));
  const all = brandGroups.flatMap((g) => g.severities.flatMap((s) => s.conflicts));
  return {
    slug,
    brandFilter,
    brands: [...snapshot.brands.values()].map((b) => ({ value: b.id, label: b.name })),
    groups: brandGroups,
    totals: { open: all.length, errors: all.filter((c) => c.severity === "error").length, acknowledged: brandGroups.reduce((n, g) => n + g.acknowledged.length, 0) },
    timeZone: tz,
    range: `${dayAndTime(from, tz).replace(/,.*$/, "")} – ${dayAndTime(to, tz).replace(/,.*$/, "")}`,
  };
}

export type ConflictsPageData = Awaited<ReturnType<typeof conflictsPageData>>;
