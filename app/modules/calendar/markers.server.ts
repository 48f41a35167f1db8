// Markers (issue 21): launches, embargoes and notes on the calendar. A workspace-wide marker shows
// to every member; a brand's marker only to those who see that brand on the calendar, and on that
// brand's share link (which never shows workspace-wide ones: their words may name any brand).
// The team marks any brand or the whole workspace; a brand lead only their own brand.

import { and, asc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { brands, calendarMarkers } from "@db/schema";
import { db } from "~/utils/db.server";
import { forbidden, invalid, notFound, ok, type Outcome } from "~/utils/outcome";
import { audit } from "~/modules/audit/audit.server";
import type { MemberContext, ScopedContext } from "~/modules/workspaces/authz.server";
import { brandScope, inWorkspace, ownBrandId, seesWholeWorkspace } from "~/modules/workspaces/scope.server";
import { formatIn } from "~/utils/time";
import { MARKER_LABELS, markerDays, markerKind, markerVisible, type MarkerKind, type MarkerViewer } from "./markers";
import { visibleDirectory } from "./snapshot-rows.server";

export interface ShownMarker {
  id: string;
  kind: MarkerKind;
  kindLabel: string;
  title: string;
  note: string | null;
  /** null: the whole workspace. The name is left out where the viewer knows the brand (the share link). */
  brandId: string | null;
  brandName: string | null;
  startDay: string;
  endDay: string;
  when: string;
}

type MarkerRow = typeof calendarMarkers.$inferSelect;

function overlaps(window: { from: Date; to: Date }): SQL {
  return and(
    lt(calendarMarkers.startsAt, window.to),
    gte(sql`coalesce(${calendarMarkers.endsAt}, ${calendarMarkers.startsAt})`, window.from.toISOString()),
  )!;
}

function shown(row: MarkerRow, brandName: string | null, tz: string): ShownMarker {
  const kind = markerKind(row.kind);
  const days = markerDays(row, tz);
  const start = formatIn(row.startsAt, tz, "ccc d LLL yyyy, HH:mm");
  const when = row.endsAt && row.endsAt > row.startsAt ? `${start} – ${formatIn(row.endsAt, tz, "ccc d LLL yyyy, HH:mm")}` : start;
  return {
    id: row.id,
    kind,
    kindLabel: MARKER_LABELS[kind],
    title: row.title,
    note: row.note,
    brandId: row.brandId,
    brandName,
    ...days,
    when,
  };
}

async function viewerOf(ctx: ScopedContext): Promise<MarkerViewer> {
  if (seesWholeWorkspace(ctx)) return { all: true };
  const own = ownBrandId(ctx);
  if (own) return { all: false, brandIds: new Set([own]) };
  return { all: false, brandIds: new Set((await visibleDirectory(ctx)).brandIds) };
}

/** The markers of a window a member sees, by start. */
export async function markersFor(ctx: ScopedContext, window: { from: Date; to: Date }, tz: string): Promise<ShownMarker[]> {
  const [viewer, rows] = await Promise.all([
    viewerOf(ctx),
    db()
      .select({ marker: calendarMarkers, brandName: brands.name })
      .from(calendarMarkers)
      .leftJoin(brands, eq(brands.id, calendarMarkers.brandId))
      .where(and(inWorkspace(ctx, calendarMarkers.workspaceId), overlaps(window)))
      .orderBy(asc(calendarMarkers.startsAt))
      .limit(500),
  ]);
  return rows.filter((r) => markerVisible(r.marker, viewer)).map((r) => shown(r.marker, r.brandName, tz));
}

/** A share link's markers: that brand's only, without its name (the page is the brand's). */
export async function markersForShare(
  ctx: Pick<ScopedContext, "workspace">,
  brandId: string,
  window: { from: Date; to: Date },
  tz: string,
): Promise<ShownMarker[]> {
  const rows = await db()
    .select()
    .from(calendarMarkers)
    .where(and(inWorkspace(ctx, calendarMarkers.workspaceId), eq(calendarMarkers.brandId, brandId), overlaps(window)))
    .orderBy(asc(calendarMarkers.startsAt))
    .limit(500);
  return rows.map((r) => shown(r, null, tz));
}

/** Markers the member may remove, from `since` on: all for the team, their brand's for a brand lead. */
export async function managedMarkers(ctx: MemberContext, since: Date, tz: string): Promise<ShownMarker[]> {
  if (!ctx.can("calendar.mark")) return [];
  const rows = await db()
    .select({ marker: calendarMarkers, brandName: brands.name })
    .from(calendarMarkers)
    .leftJoin(brands, eq(brands.id, calendarMarkers.brandId))
    .where(and(markerManagedBy(ctx), gte(sql`coalesce(${calendarMarkers.endsAt}, ${calendarMarkers.startsAt})`, since.toISOString())))
    .orderBy(asc(calendarMarkers.startsAt))
    .limit(200);
  return rows.map((r) => shown(r.marker, r.brandName, tz));
}

/** The markers a member may change: the workspace's for the team, their own brand's for a brand lead. */
function markerManagedBy(ctx: MemberContext): SQL {
  const here = inWorkspace(ctx, calendarMarkers.workspaceId);
  if (seesWholeWorkspace(ctx)) return here;
  const own = ownBrandId(ctx);
  return own ? and(here, eq(calendarMarkers.brandId, own))! : sql`false`;
}

export interface MarkerInput {
  kind: MarkerKind;
  title: string;
  note: string | null;
  brandId: string | null;
  startsAt: Date;
  endsAt: Date | null;
}

export async function createMarker(ctx: MemberContext, input: MarkerInput): Promise<Outcome<{ id: string }>> {
  if (!ctx.can("calendar.mark")) return forbidden("You cannot add markers to this calendar.");
  if (!seesWholeWorkspace(ctx) && input.brandId === null) {
    return invalid(undefined, { brandId: ["Choose your brand: only the team adds markers for the whole workspace."] });
  }
  if (input.brandId) {
    const [brand] = await db()
      .select({ id: brands.id })
      .from(brands)
      .where(and(brandScope(ctx), eq(brands.id, input.brandId)))
      .limit(1);
    if (!brand) return invalid(undefined, { brandId: ["Choose a brand from the list."] });
  }
  const id = await db().transaction(async (tx) => {
    const [row] = await tx
      .insert(calendarMarkers)
      .values({ workspaceId: ctx.workspace.id, createdBy: ctx.user.id, ...input })
      .returning({ id: calendarMarkers.id });
    await audit(tx, ctx, {
      action: "calendar_marker.created",
      objectType: "calendar_marker",
      objectId: row.id,
      data: { kind: input.kind, title: input.title, brandId: input.brandId },
    });
    return row.id;
  });
  return ok({ id });
}

/** Removes a marker; one already gone (a second tab) is not found. */
export async function deleteMarker(ctx: MemberContext, markerId: string): Promise<Outcome<{ title: string }>> {
  if (!ctx.can("calendar.mark")) return forbidden("You cannot remove markers from this calendar.");
  const removed = await db().transaction(async (tx) => {
    const [row] = await tx
      .delete(calendarMarkers)
      .where(and(markerManagedBy(ctx), eq(calendarMarkers.id, markerId)))
      .returning({ id: calendarMarkers.id, title: calendarMarkers.title, brandId: calendarMarkers.brandId });
    if (!row) return null;
    await audit(tx, ctx, {
      action: "calendar_marker.deleted",
      objectType: "calendar_marker",
      objectId: row.id,
      data: { title: row.title, brandId: row.brandId },
    });
    return row;
  });
  return removed ? ok({ title: removed.title }) : notFound("That marker does not exist any more.");
}

/** The brands a member may mark (for the form): all for the team, their own for a brand lead. */
export async function markerBrands(ctx: MemberContext) {
  return db().select({ value: brands.id, label: brands.name }).from(brands).where(brandScope(ctx)).orderBy(brands.name);
}
