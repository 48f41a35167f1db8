// The conflicts page's data: the conflicts of the coming months the coordinator may see, grouped
// by rule and then brand (issue 21), each with the items it involves, the nearest times that clear
// it for deliverables, and its waivers. Computed on read like the calendar, so a resolved clash is
// simply gone.

import type { MemberContext } from "~/modules/workspaces/authz.server";
import { channelLabel } from "~/modules/channels/channels";
import { conflictRuleMetadata } from "./conflicts/detect";
import type { Conflict, Severity } from "./conflicts/types";
import { MOVABLE_CODES, type ClearingKind } from "./conflicts/nearest-times";
import { groupByRuleAndBrand } from "./conflict-groups";
import { suggestionsFor, previewMove } from "./fixes.server";
import { waiverLine } from "./waivers";
import { loadSnapshot } from "./calendar.server";
import { minuteOf, settledByWaivers } from "./snapshot";
import { DAY_MS, MINUTE_MS, toLocalInput, zonePlace } from "~/utils/time";
import { dayAndTime } from "./format";
import { whatIfInWords } from "./what-if-view";
import { campaignPath, deliverablePath, calendarPath } from "./links";
import { viewerZone } from "./page.server";
import { dayKey } from "./dates";
import { isId } from "~/utils/ids";

/** The page looks this far back (clashes of the last days may still matter) and ahead. */
export const CONFLICTS_PAST_DAYS = 1;
export const CONFLICTS_FUTURE_DAYS = 120;

export interface Suggestion {
  at: string;
  kind: ClearingKind;
  label: string;
  /** The confirm step (what-if) of this move. */
  url: string;
}

export interface ConflictObject {
  kind: "campaign" | "deliverable";
  id: string;
  title: string;
  detail: string;
  url: string;
  /** Deliverables the viewer may move: the current time as a datetime-local value. */
  move: { publishAt: string; min: string } | null;
  /** The nearest times that clear its conflicts (only for rules a move can clear). */
  suggestions: Suggestion[];
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
  /** Exclusivity waivers in words; `waived` when every breached side has waived. */
  waivers: string[];
  waived: boolean;
}

export interface BrandGroup {
  brandId: string;
  brandName: string;
  color: string;
  /** At most ROWS_PER_LIST rows each, errors and soonest first; the totals count them all. */
  open: ConflictRow[];
  openTotal: number;
  settled: ConflictRow[];
  settledTotal: number;
}

export interface RuleGroup {
  code: string;
  title: string;
  description: string;
  open: number;
  settled: number;
  brands: BrandGroup[];
}

/** Rows per rule, brand and list on the page; the rest are counted and reached by the calendar. */
export const ROWS_PER_LIST = 50;

const KIND_LABEL: Record<ClearingKind, string> = { earliest: "earliest", before: "nearest earlier", after: "nearest later" };

/** The window the page and its group acknowledgment look at. */
export function conflictsWindow(now: Date) {
  return {
    from: new Date(minuteOf(now) - CONFLICTS_PAST_DAYS * DAY_MS),
    to: new Date(minuteOf(now) + CONFLICTS_FUTURE_DAYS * DAY_MS),
  };
}

export async function conflictsPageData(ctx: MemberContext, url: URL, now = new Date()) {
  const tz = viewerZone(ctx);
  const brandParam = url.searchParams.get("brand");
  const brandFilter = brandParam && isId(brandParam) ? brandParam : null;
  const { from, to } = conflictsWindow(now);
  const snapshot = await loadSnapshot(ctx, { from, to }, { now });
  const campaignsById = new Map(snapshot.campaigns.map((c) => [c.id, c]));
  const deliverablesById = new Map(snapshot.deliverables.map((d) => [d.id, d]));
  const canMove = ctx.can("campaigns.manage") || ctx.can("drafts.publish");
  const slug = ctx.workspace.slug;
  const base = `/w/${slug}/conflicts`;
  const minMove = toLocalInput(new Date(now.getTime() + MINUTE_MS), tz);
  const settled = (c: Conflict) => snapshot.acknowledgments.has(c.key) || settledByWaivers(snapshot, c);
  const shown = snapshot.conflicts.filter((c) => !brandFilter || c.brandId === brandFilter);
  const groups = groupByRuleAndBrand(shown, settled);

  // Suggestions cost a few queries per deliverable: only for open rows on the page a move can clear.
  const movable = new Set(MOVABLE_CODES as readonly string[]);
  const wantSuggestions: string[] = [];
  for (const rule of groups)
    for (const b of rule.brands)
      for (const c of b.open.slice(0, ROWS_PER_LIST))
        if (movable.has(c.code))
          for (const id of c.objectIds) {
            const d = deliverablesById.get(id);
            if (canMove && d && !d.masked && d.status !== "published") wantSuggestions.push(id);
          }
  const suggestions = await suggestionsFor(ctx, wantSuggestions, now);

  const objectOf = (id: string, code: string): ConflictObject | null => {
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
        suggestions: movable.has(code)
          ? (suggestions.get(id) ?? []).map((t) => ({
              at: t.at.toISOString(),
              kind: t.kind,
              label: `${dayAndTime(t.at, tz)} (${KIND_LABEL[t.kind]})`,
              url: `${base}?${new URLSearchParams({ move: id, to: t.at.toISOString(), ...(brandFilter ? { brand: brandFilter } : {}) })}`,
            }))
          : [],
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
        suggestions: [],
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
      objects: c.objectIds.map((id) => objectOf(id, c.code)).filter((o): o is ConflictObject => o !== null),
      acknowledged: ack ? { note: ack.note, by: ack.by, at: dayAndTime(ack.at, tz) } : null,
      // The page is for workspace-wide roles, who may name every brand.
      waivers: (snapshot.waivers.get(c.key) ?? []).map((w) => waiverLine(w, snapshot.brands.get(w.brandId)?.name ?? "Brand", true)),
      waived: settledByWaivers(snapshot, c),
    };
  };

  const rules: RuleGroup[] = groups.map((rule) => {
    const meta = conflictRuleMetadata(rule.code);
    return {
      code: rule.code,
      title: meta.title,
      description: meta.description,
      open: rule.open,
      settled: rule.settled,
      brands: rule.brands.map((b) => {
        const brand = snapshot.brands.get(b.brandId);
        return {
          brandId: b.brandId,
          brandName: brand?.name ?? "Brand",
          color: brand?.color ?? "#64748b",
          open: b.open.slice(0, ROWS_PER_LIST).map(rowOf),
          openTotal: b.open.length,
          settled: b.settled.slice(0, ROWS_PER_LIST).map(rowOf),
          settledTotal: b.settled.length,
        };
      }),
    };
  });

  const moveParam = url.searchParams.get("move");
  const toParam = url.searchParams.get("to");
  const preview = moveParam && toParam ? await previewFor(ctx, moveParam, toParam, tz, now) : null;
  const open = shown.filter((c) => !settled(c));
  return {
    slug,
    brandFilter,
    brands: [...snapshot.brands.values()].map((b) => ({ value: b.id, label: b.name })),
    rules,
    preview,
    totals: {
      open: open.length,
      errors: open.filter((c) => c.severity === "error").length,
      settled: shown.length - open.length,
    },
    timeZone: tz,
    range: `${dayAndTime(from, tz).replace(/,.*$/, "")} – ${dayAndTime(to, tz).replace(/,.*$/, "")}`,
  };
}

/** The confirm step's data, formatted for the viewer; a problem in words when the move cannot be previewed. */
async function previewFor(ctx: MemberContext, deliverableId: string, toParam: string, tz: string, now: Date) {
  const to = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{3})?)?Z$/.test(toParam) ? new Date(toParam) : null;
  if (!isId(deliverableId) || !to || Number.isNaN(to.getTime()))
    return { ok: false as const, message: "That move link is not valid. Pick a time again." };
  const result = await previewMove(ctx, { deliverableId, to }, now);
  if (!result.ok) return { ok: false as const, message: result.problem.message };
  return {
    ok: true as const,
    ...whatIfInWords(result.value, tz),
    /** The move form's value: the new time as a datetime-local in the viewer's zone. */
    publishAt: toLocalInput(result.value.to, tz),
  };
}

export type ConflictsPageData = Awaited<ReturnType<typeof conflictsPageData>>;
export type MovePreview = NonNullable<ConflictsPageData["preview"]>;
