// Managing iCalendar overlays (issue 21, decision 067): add one from an uploaded file or a URL,
// refresh a URL's now (and daily, overlay-jobs.server.ts), remove one. The team's
// (`calendar.overlays`); every action is scoped to the workspace and writes one audit event. A read
// replaces the overlay's events as a whole in one transaction; a failed refresh keeps the last good
// events and says why in `last_error`.

import { and, asc, eq } from "drizzle-orm";
import { calendarOverlayEvents, calendarOverlays, workspaces } from "@db/schema";
import { db, type Queryable } from "~/utils/db.server";
import { forbidden, invalid, notFound, ok, type Outcome } from "~/utils/outcome";
import { audit } from "~/modules/audit/audit.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { inWorkspace } from "~/modules/workspaces/scope.server";
import { fetchOverlayText, OVERLAY_MAX_BYTES, overlayAddress, type OverlayFetchOptions } from "./overlay-fetch.server";
import { parseOverlayIcs, type OverlayEventInput, type ParsedOverlay } from "./overlay-ics";

type OverlayRow = typeof calendarOverlays.$inferSelect;

export interface OverlaySummary {
  id: string;
  name: string;
  source: "file" | "url";
  url: string | null;
  eventCount: number;
  lastFetchedAt: string | null;
  lastError: string | null;
}

/** What an add or a refresh read: how many events, and whether a cap cut the file short. */
export interface OverlayRead {
  id: string;
  name: string;
  eventCount: number;
  truncated: boolean;
}

/** The workspace's overlays, by name (the page's list). */
export async function overlaysOf(ctx: MemberContext): Promise<OverlaySummary[]> {
  if (!ctx.can("calendar.overlays")) return [];
  const rows = await db()
    .select()
    .from(calendarOverlays)
    .where(inWorkspace(ctx, calendarOverlays.workspaceId))
    .orderBy(asc(calendarOverlays.name), asc(calendarOverlays.createdAt));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    source: r.source === "url" ? "url" : "file",
    url: r.url,
    eventCount: r.eventCount,
    lastFetchedAt: r.lastFetchedAt?.toISOString() ?? null,
    lastError: r.lastError,
  }));
}

const INSERT_BATCH = 1000;

/** Replaces the overlay's events with `events` (the caller's transaction holds the overlay's row lock). */
async function replaceEvents(tx: Queryable, overlay: Pick<OverlayRow, "id" | "workspaceId">, events: OverlayEventInput[]) {
  await tx.delete(calendarOverlayEvents).where(eq(calendarOverlayEvents.overlayId, overlay.id));
  for (let i = 0; i < events.length; i += INSERT_BATCH) {
    await tx
      .insert(calendarOverlayEvents)
      .values(events.slice(i, i + INSERT_BATCH).map((e) => ({ ...e, workspaceId: overlay.workspaceId, overlayId: overlay.id })));
  }
}

function parsedFrom(text: string, zone: string, now: Date, field: "file" | "url"): Outcome<ParsedOverlay> {
  const parsed = parseOverlayIcs(text, { now, fallbackZone: zone });
  return parsed.ok ? parsed : invalid(undefined, { [field]: [parsed.problem.message] }, { code: parsed.problem.code });
}

async function insertOverlay(
  ctx: MemberContext,
  input: { name: string; source: "file" | "url"; url: string | null },
  parsed: ParsedOverlay,
  now: Date,
): Promise<Outcome<OverlayRead>> {
  const id = await db().transaction(async (tx) => {
    const [row] = await tx
      .insert(calendarOverlays)
      .values({
        workspaceId: ctx.workspace.id,
        createdBy: ctx.user.id,
        ...input,
        lastFetchedAt: now,
        eventCount: parsed.events.length,
      })
      .returning();
    await replaceEvents(tx, row, parsed.events);
    await audit(tx, ctx, {
      action: "calendar.overlay_added",
      objectType: "calendar_overlay",
      objectId: row.id,
      // The host only: a private calendar's address is itself a secret (Google's "secret address").
      data: {
        name: input.name,
        source: input.source,
        host: input.url ? new URL(input.url).hostname : null,
        eventCount: parsed.events.length,
      },
    });
    return row.id;
  });
  return ok({ id, name: input.name, eventCount: parsed.events.length, truncated: parsed.truncated });
}

const CANNOT = "You cannot change this calendar's holidays and events.";

/** An overlay from an uploaded .ics file (at most 2 MB; the route refuses a larger part before reading it). */
export async function addOverlayFromFile(
  ctx: MemberContext,
  input: { name: string; file: File },
  now = new Date(),
): Promise<Outcome<OverlayRead>> {
  if (!ctx.can("calendar.overlays")) return forbidden(CANNOT);
  if (input.file.size === 0) return invalid(undefined, { file: ["Choose an .ics file to upload."] });
  if (input.file.size > OVERLAY_MAX_BYTES)
    return invalid(undefined, { file: [`The file is larger than ${OVERLAY_MAX_BYTES / 1_000_000} MB.`] }, { code: "too_large" });
  const parsed = parsedFrom(await input.file.text(), ctx.workspace.timeZone, now, "file");
  if (!parsed.ok) return parsed;
  return insertOverlay(ctx, { name: input.name, source: "file", url: null }, parsed.value, now);
}

/** An overlay read from a URL now (nothing is kept when the first read fails: the form says why). */
export async function addOverlayFromUrl(
  ctx: MemberContext,
  input: { name: string; url: string },
  opts: OverlayFetchOptions & { now?: Date } = {},
): Promise<Outcome<OverlayRead>> {
  if (!ctx.can("calendar.overlays")) return forbidden(CANNOT);
  const url = overlayAddress(input.url);
  const text = await fetchOverlayText(url, opts);
  if (!text.ok) return invalid(undefined, { url: [text.problem.message] }, { code: text.problem.code });
  const now = opts.now ?? new Date();
  const parsed = parsedFrom(text.value, ctx.workspace.timeZone, now, "url");
  if (!parsed.ok) return parsed;
  return insertOverlay(ctx, { name: input.name, source: "url", url }, parsed.value, now);
}

type RefreshResult = { ok: true; read: OverlayRead } | { ok: false; error: string; code: string | undefined };

/**
 * Reads a URL overlay again and stores the result: on success its events are replaced and the
 * error cleared; on failure the events stay and `last_error` says why. `record` adds the audit
 * event in the same transaction (a person's "Refresh now"; the daily job records none).
 */
async function refreshStored(
  overlay: OverlayRow,
  zone: string,
  opts: OverlayFetchOptions & { now?: Date },
  record?: (tx: Queryable, result: RefreshResult) => Promise<void>,
): Promise<RefreshResult | null> {
  const now = opts.now ?? new Date();
  const text = await fetchOverlayText(overlay.url ?? "", opts);
  const parsed = text.ok ? parseOverlayIcs(text.value, { now, fallbackZone: zone }) : text;
  const result: RefreshResult = parsed.ok
    ? { ok: true, read: { id: overlay.id, name: overlay.name, eventCount: parsed.value.events.length, truncated: parsed.value.truncated } }
    : { ok: false, error: parsed.problem.message, code: parsed.problem.code };
  return db().transaction(async (tx) => {
    // The update comes first and locks the row: a second refresh at the same moment waits here,
    // then deletes this one's events before writing its own (never both sets).
    const changes = result.ok ? { lastFetchedAt: now, lastError: null, eventCount: result.read.eventCount } : { lastError: result.error };
    const [row] = await tx
      .update(calendarOverlays)
      .set(changes)
      .where(and(eq(calendarOverlays.id, overlay.id), eq(calendarOverlays.workspaceId, overlay.workspaceId)))
      .returning({ id: calendarOverlays.id });
    if (!row) return null; // removed while it was being read
    if (parsed.ok) await replaceEvents(tx, overlay, parsed.value.events);
    await record?.(tx, result);
    return result;
  });
}

/** "Refresh now": one audit event whether the read worked or not (its outcome is in the data). */
export async function refreshOverlay(
  ctx: MemberContext,
  overlayId: string,
  opts: OverlayFetchOptions & { now?: Date } = {},
): Promise<Outcome<OverlayRead>> {
  if (!ctx.can("calendar.overlays")) return forbidden(CANNOT);
  const [overlay] = await db()
    .select()
    .from(calendarOverlays)
    .where(and(inWorkspace(ctx, calendarOverlays.workspaceId), eq(calendarOverlays.id, overlayId)))
    .limit(1);
  if (!overlay) return notFound("That overlay does not exist any more.");
  if (overlay.source !== "url" || !overlay.url)
    return invalid("An uploaded file is not read again: upload the new file as another overlay and remove this one.", undefined, {
      code: "not_a_url",
    });
  const result = await refreshStored(overlay, ctx.workspace.timeZone, opts, (tx, r) =>
    audit(tx, ctx, {
      action: "calendar.overlay_refreshed",
      objectType: "calendar_overlay",
      objectId: overlay.id,
      data: r.ok ? { name: overlay.name, eventCount: r.read.eventCount } : { name: overlay.name, error: r.error },
    }),
  );
  if (!result) return notFound("That overlay does not exist any more.");
  return result.ok
    ? ok(result.read)
    : invalid(`“${overlay.name}” could not be read: ${result.error} Its events from the last good read stay.`, undefined, {
        code: result.code,
      });
}

/** Removes an overlay and its events; one already gone (a second tab) is not found. */
export async function removeOverlay(ctx: MemberContext, overlayId: string): Promise<Outcome<{ name: string }>> {
  if (!ctx.can("calendar.overlays")) return forbidden(CANNOT);
  const removed = await db().transaction(async (tx) => {
    const [row] = await tx
      .delete(calendarOverlays)
      .where(and(inWorkspace(ctx, calendarOverlays.workspaceId), eq(calendarOverlays.id, overlayId)))
      .returning({ id: calendarOverlays.id, name: calendarOverlays.name, source: calendarOverlays.source });
    if (!row) return null;
    await audit(tx, ctx, {
      action: "calendar.overlay_removed",
      objectType: "calendar_overlay",
      objectId: row.id,
      data: { name: row.name, source: row.source },
    });
    return row;
  });
  return removed ? ok({ name: removed.name }) : notFound("That overlay does not exist any more.");
}

/** The daily job's read of one overlay, outside any member's request: no audit event (the row says how it went). */
export async function refreshOverlayById(
  overlayId: string,
  opts: OverlayFetchOptions & { now?: Date } = {},
): Promise<RefreshResult | null> {
  const [found] = await db()
    .select({ overlay: calendarOverlays, zone: workspaces.timeZone })
    .from(calendarOverlays)
    .innerJoin(workspaces, eq(workspaces.id, calendarOverlays.workspaceId))
    .where(eq(calendarOverlays.id, overlayId))
    .limit(1);
  if (!found || found.overlay.source !== "url" || !found.overlay.url) return null;
  return refreshStored(found.overlay, found.zone, opts);
}
