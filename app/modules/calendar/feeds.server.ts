// A member's private iCalendar feed: a secret URL that Google Calendar or Outlook polls. Only the
// token's SHA-256 is stored; issuing a new URL revokes the old one, and a revoked or unknown token
// answers 404. The feed shows exactly what the member sees on the calendar, in their scope.

import { and, desc, eq, isNull } from "drizzle-orm";
import ical, { ICalCalendarMethod } from "ical-generator";
import { calendarFeeds, memberships, users, workspaces } from "@db/schema";
import { db } from "~/utils/db.server";
import { randomToken, sha256 } from "~/utils/crypto.server";
import { env } from "~/utils/env.server";
import { ok, type Outcome } from "~/utils/outcome";
import { audit } from "~/modules/audit/audit.server";
import { memberContextOf, type MemberContext } from "~/modules/workspaces/authz.server";
import { inWorkspace } from "~/modules/workspaces/scope.server";
import { roleCan } from "~/modules/workspaces/permissions";
import { loadSnapshot } from "./calendar.server";
import { minuteOf } from "./snapshot";
import { EMPTY_FILTER } from "./filters";
import { buildItems } from "./view.server";
import { ensureConflictDigestScheduled } from "./digest.server";
import { DAY_MS, MINUTE_MS } from "~/utils/time";

/** What a feed covers: recent history and the months ahead. */
export const FEED_PAST_DAYS = 30;
export const FEED_FUTURE_DAYS = 365;
const DELIVERABLE_MINUTES = 30;

export function feedUrl(token: string): string {
  return `${env().APP_URL.replace(/\/$/, "")}/feeds/${token}.ics`;
}

/** The condition for the member's own feed in this workspace that still works. */
function liveFeedOf(ctx: MemberContext) {
  return and(inWorkspace(ctx, calendarFeeds.workspaceId), eq(calendarFeeds.userId, ctx.user.id), isNull(calendarFeeds.revokedAt));
}

/** The member's live feed, if any (its URL cannot be shown again: only the hash is kept). */
export async function activeFeed(ctx: MemberContext) {
  const rows = await db()
    .select({ id: calendarFeeds.id, createdAt: calendarFeeds.createdAt })
    .from(calendarFeeds)
    .where(liveFeedOf(ctx))
    .orderBy(desc(calendarFeeds.createdAt))
    .limit(1);
  return rows[0] ?? null;
}

/** A new secret URL; any previous one stops working in the same transaction. */
export async function issueFeed(ctx: MemberContext): Promise<Outcome<{ url: string; replaced: boolean }>> {
  const token = randomToken();
  const now = new Date();
  const issued = await db().transaction(async (tx) => {
    const revoked = await tx.update(calendarFeeds).set({ revokedAt: now }).where(liveFeedOf(ctx)).returning({ id: calendarFeeds.id });
    const [feed] = await tx
      .insert(calendarFeeds)
      .values({ workspaceId: ctx.workspace.id, userId: ctx.user.id, tokenHash: sha256(token) })
      .returning({ id: calendarFeeds.id });
    await audit(tx, ctx, {
      action: revoked.length > 0 ? "calendar_feed.reissued" : "calendar_feed.issued",
      objectType: "calendar_feed",
      objectId: feed.id,
      data: { revokedFeeds: revoked.map((r) => r.id) },
    });
    await ensureConflictDigestScheduled(tx, ctx.workspace.id, now);
    return { url: feedUrl(token), replaced: revoked.length > 0 };
  });
  return ok(issued);
}

/** Revokes the member's live feed; `revoked` is false when there was none (already revoked): not a failure. */
export async function revokeFeed(ctx: MemberContext): Promise<Outcome<{ revoked: boolean }>> {
  const revoked = await db().transaction(async (tx) => {
    const feeds = await tx.update(calendarFeeds).set({ revokedAt: new Date() }).where(liveFeedOf(ctx)).returning({ id: calendarFeeds.id });
    for (const feed of feeds) {
      await audit(tx, ctx, { action: "calendar_feed.revoked", objectType: "calendar_feed", objectId: feed.id });
    }
    return feeds.length > 0;
  });
  return ok({ revoked });
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

/**
 * The member behind a feed token, with the scope of their membership as it is now: a feed of
 * someone removed from the workspace, or whose role lost the calendar, stops like a revoked one.
 */
export async function feedOwner(token: string): Promise<MemberContext | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const rows = await db()
    .select({ feed: calendarFeeds, user: users, workspace: workspaces, membership: memberships })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .innerJoin(workspaces, eq(workspaces.id, calendarFeeds.workspaceId))
    .innerJoin(memberships, and(eq(memberships.workspaceId, calendarFeeds.workspaceId), eq(memberships.userId, calendarFeeds.userId)))
    .where(and(eq(calendarFeeds.tokenHash, sha256(token)), isNull(calendarFeeds.revokedAt)))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  const role = row.membership.role;
  if (!roleCan(role, "calendar.view")) return null;
  return memberContextOf(row.user, row.workspace, row.membership);
}

/** The member's visible calendar as RFC 5545 text, with UIDs that never change for an item. */
export async function buildFeed(ctx: MemberContext, now = new Date()): Promise<string> {
  const from = new Date(minuteOf(now) - FEED_PAST_DAYS * DAY_MS);
  const to = new Date(minuteOf(now) + FEED_FUTURE_DAYS * DAY_MS);
  const snapshot = await loadSnapshot(ctx, { from, to }, { now });
  const tz = ctx.user.timeZone || "UTC";
  const items = buildItems(snapshot, { ctx, tz, now, filter: EMPTY_FILTER });
  const base = env().APP_URL.replace(/\/$/, "");
  const host = new URL(base).hostname || "baton";
  const calendar = ical({
    name: `${ctx.workspace.name} · Baton`,
    description: `Campaigns and deliverables ${ctx.user.name} can see in ${ctx.workspace.name}.`,
    prodId: { company: "Baton", product: "Calendar", language: "EN" },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 60 * 60,
  });
  for (const item of items) {
    const start = new Date(item.startsAt);
    const end = item.endsAt ? new Date(item.endsAt) : new Date(start.getTime() + DELIVERABLE_MINUTES * MINUTE_MS);
    const lines = [
      `Brand: ${item.brandName}`,
      item.campaignName ? `Campaign: ${item.campaignName}` : null,
      `Channel: ${item.channels.join(", ")}`,
      `Status: ${item.statusLabel}`,
      item.signoff ? `Sign-off: ${item.signoff.label}` : null,
      item.agencyNames.length ? `Agencies: ${item.agencyNames.join(", ")}` : null,
      item.creatorName ? `Creator: ${item.creatorName}` : null,
      ...item.conflicts.map((c) => `${c.severity === "error" ? "Conflict" : "Warning"}: ${c.message}`),
    ].filter((l): l is string => Boolean(l));
    calendar.createEvent({
      id: `${item.kind}-${item.id}@${host}`,
      start,
      end,
      stamp: now,
      summary:
        item.kind === "campaign"
          ? `${item.brandName}: ${item.title} (campaign)`
          : `${item.brandName}: ${item.title} · ${item.channels.join(", ")}`,
      description: lines.join("\n"),
      url: item.url ? `${base}${item.url}` : null,
    });
  }
  return calendar.toString();
}
