// A brand's read-only calendar for client contacts without an account (issue 21, decision 067;
// security.md 10–14 and 40). Only the token's SHA-256 is stored; a link expires (30 days unless
// set, at most 90) and can be revoked; opening one records when, and nothing else. Who may make
// or revoke one for which brand is the permission `calendar.share` plus the brand scope.

import { json } from "@remix-run/node";
import { and, desc, eq, gt, isNull, lt, or } from "drizzle-orm";
import { brands, calendarShareLinks, users, workspaces } from "@db/schema";
import { db } from "~/utils/db.server";
import { randomToken, sha256 } from "~/utils/crypto.server";
import { env } from "~/utils/env.server";
import { forbidden, notFound, ok, type Outcome } from "~/utils/outcome";
import { MINUTE_MS } from "~/utils/time";
import { STATUS_OF } from "~/utils/action-data.server";
import { audit } from "~/modules/audit/audit.server";
import { checkRateLimit, type Limit } from "~/modules/auth/rate-limit.server";
import type { MemberContext, VisitorContext } from "~/modules/workspaces/authz.server";
import { brandScope, inWorkspace } from "~/modules/workspaces/scope.server";
import { SHARE_TOKEN_SHAPE, shareExpiry, shareLinkState, sharePath, type ShareLinkState } from "./share-links";
import { shortDay } from "./format";

const DENIED = "You cannot share this calendar.";

export function shareUrl(token: string): string {
  return `${env().APP_URL.replace(/\/$/, "")}${sharePath(token)}`;
}

export interface ShareLinkRow {
  id: string;
  brandId: string;
  brandName: string;
  label: string;
  state: ShareLinkState;
  createdBy: string | null;
  createdOn: string;
  expiresOn: string;
  lastOpened: string | null;
}

/** The share links of the brands the member may share, newest first, in the member's zone. */
export async function listShareLinks(ctx: MemberContext, tz: string, now = new Date()): Promise<ShareLinkRow[]> {
  if (!ctx.can("calendar.share")) return [];
  const rows = await db()
    .select({ link: calendarShareLinks, brandName: brands.name, createdBy: users.name })
    .from(calendarShareLinks)
    .innerJoin(brands, eq(brands.id, calendarShareLinks.brandId))
    .leftJoin(users, eq(users.id, calendarShareLinks.createdBy))
    .where(and(inWorkspace(ctx, calendarShareLinks.workspaceId), brandScope(ctx)))
    .orderBy(desc(calendarShareLinks.createdAt))
    .limit(200);
  return rows.map(({ link, brandName, createdBy }) => ({
    id: link.id,
    brandId: link.brandId,
    brandName,
    label: link.label,
    state: shareLinkState(link, now),
    createdBy,
    createdOn: shortDay(link.createdAt, tz),
    expiresOn: shortDay(link.expiresAt, tz),
    lastOpened: link.lastOpenedAt ? shortDay(link.lastOpenedAt, tz) : null,
  }));
}

/** The brands the member may share (for the form): all for the team, their own for a brand lead. */
export async function shareableBrands(ctx: MemberContext) {
  if (!ctx.can("calendar.share")) return [];
  return db().select({ value: brands.id, label: brands.name }).from(brands).where(brandScope(ctx)).orderBy(brands.name);
}

export interface CreateShareInput {
  brandId: string;
  label: string;
  days?: number | null;
}

/** A new link; its URL is returned once (only the hash is kept). A brand outside the scope is not found. */
export async function createShareLink(
  ctx: MemberContext,
  input: CreateShareInput,
  now = new Date(),
): Promise<Outcome<{ id: string; url: string; expiresAt: Date }>> {
  if (!ctx.can("calendar.share")) return forbidden(DENIED);
  const [brand] = await db()
    .select({ id: brands.id })
    .from(brands)
    .where(and(brandScope(ctx), eq(brands.id, input.brandId)))
    .limit(1);
  if (!brand) return notFound("That brand does not exist, or you cannot share its calendar.");
  const token = randomToken();
  const expiresAt = shareExpiry(now, input.days);
  const created = await db().transaction(async (tx) => {
    const [link] = await tx
      .insert(calendarShareLinks)
      .values({
        workspaceId: ctx.workspace.id,
        brandId: brand.id,
        tokenHash: sha256(token),
        label: input.label,
        createdBy: ctx.user.id,
        expiresAt,
        createdAt: now,
      })
      .returning({ id: calendarShareLinks.id });
    await audit(tx, ctx, {
      action: "calendar_share.created",
      objectType: "calendar_share_link",
      objectId: link.id,
      data: { brandId: brand.id, label: input.label, expiresAt: expiresAt.toISOString() },
    });
    return link;
  });
  return ok({ id: created.id, url: shareUrl(token), expiresAt });
}

/**
 * Revokes a live link (compare-and-set on `revoked_at is null`): a second click or a second tab
 * finds it revoked already and changes nothing. A link outside the member's brands is not found.
 */
export async function revokeShareLink(ctx: MemberContext, linkId: string, now = new Date()): Promise<Outcome<{ revoked: boolean }>> {
  if (!ctx.can("calendar.share")) return forbidden(DENIED);
  const [found] = await db()
    .select({ id: calendarShareLinks.id, brandId: calendarShareLinks.brandId })
    .from(calendarShareLinks)
    .innerJoin(brands, eq(brands.id, calendarShareLinks.brandId))
    .where(and(inWorkspace(ctx, calendarShareLinks.workspaceId), brandScope(ctx), eq(calendarShareLinks.id, linkId)))
    .limit(1);
  if (!found) return notFound("That share link does not exist.");
  const revoked = await db().transaction(async (tx) => {
    const rows = await tx
      .update(calendarShareLinks)
      .set({ revokedAt: now, revokedBy: ctx.user.id })
      .where(and(eq(calendarShareLinks.id, found.id), isNull(calendarShareLinks.revokedAt)))
      .returning({ id: calendarShareLinks.id });
    if (rows.length === 0) return false;
    await audit(tx, ctx, {
      action: "calendar_share.revoked",
      objectType: "calendar_share_link",
      objectId: found.id,
      data: { brandId: found.brandId },
    });
    return true;
  });
  return ok({ revoked });
}

export interface ShareWorkspace {
  id: string;
  slug: string;
  name: string;
  logoUrl: string | null;
  accentColor: string;
  signoffWindowHours: number;
}

export type ShareDoor =
  | { state: "invalid" }
  | { state: "expired" | "revoked"; workspace: ShareWorkspace }
  | {
      state: "valid";
      workspace: ShareWorkspace;
      link: { id: string; label: string; expiresAt: Date };
      brand: { id: string; name: string; color: string; timeZone: string };
    };

/**
 * What a token opens. Reads only: opening a link changes nothing but its "last opened" (security.md
 * 12), which `noteOpened` writes. Unknown and malformed tokens are "invalid" (404); the others say
 * why they stopped (410).
 */
export async function shareDoor(token: string | undefined, now = new Date()): Promise<ShareDoor> {
  if (!token || !SHARE_TOKEN_SHAPE.test(token)) return { state: "invalid" };
  const [row] = await db()
    .select({ link: calendarShareLinks, workspace: workspaces, brand: brands })
    .from(calendarShareLinks)
    .innerJoin(workspaces, eq(workspaces.id, calendarShareLinks.workspaceId))
    .innerJoin(brands, and(eq(brands.id, calendarShareLinks.brandId), eq(brands.workspaceId, calendarShareLinks.workspaceId)))
    .where(eq(calendarShareLinks.tokenHash, sha256(token)))
    .limit(1);
  if (!row) return { state: "invalid" };
  const { workspace: w, link, brand } = row;
  const workspace: ShareWorkspace = {
    id: w.id,
    slug: w.slug,
    name: w.name,
    logoUrl: w.logoUrl,
    accentColor: w.accentColor,
    signoffWindowHours: w.signoffWindowHours,
  };
  const state = shareLinkState(link, now);
  if (state !== "live") return { state, workspace };
  return {
    state: "valid",
    workspace,
    link: { id: link.id, label: link.label, expiresAt: link.expiresAt },
    brand: { id: brand.id, name: brand.name, color: brand.color, timeZone: brand.timeZone },
  };
}

/** "Last opened", written at most once a minute per link (a page reload is not news). */
export async function noteOpened(linkId: string, now = new Date()): Promise<void> {
  await db()
    .update(calendarShareLinks)
    .set({ lastOpenedAt: now })
    .where(
      and(
        eq(calendarShareLinks.id, linkId),
        isNull(calendarShareLinks.revokedAt),
        gt(calendarShareLinks.expiresAt, now),
        or(isNull(calendarShareLinks.lastOpenedAt), lt(calendarShareLinks.lastOpenedAt, new Date(now.getTime() - MINUTE_MS))),
      ),
    );
}

/** Requests to share links: plenty for a person clicking through months, a wall for a flood (security.md 35). */
export const SHARE_LINK_LIMIT: Limit = { max: 300, windowMinutes: 15 };

/** Per IP and per token, counted before the lookup; the token's key is a prefix of its hash, never the token. */
export async function limitShareLinkRoute(ctx: VisitorContext, token: string | undefined): Promise<Outcome> {
  const keys = [`calendar-share:ip:${ctx.actor.ip ?? "unknown"}`];
  if (token && SHARE_TOKEN_SHAPE.test(token)) keys.push(`calendar-share:token:${sha256(token).slice(0, 24)}`);
  return checkRateLimit(keys, SHARE_LINK_LIMIT);
}

/** Never cached, never indexed; `Referrer-Policy: no-referrer` comes from server/security.ts for /share/ (security.md 14). */
export const SHARE_PAGE_HEADERS = { "Cache-Control": "no-store", "X-Robots-Tag": "noindex" } as const;

/** An unknown link is not found (404); an expired or revoked one is gone (410), in its workspace's colours. */
export function shareEndedAnswer(door: Exclude<ShareDoor, { state: "valid" }>) {
  if (door.state === "invalid") {
    return json({ state: "invalid" as const, workspace: null }, { status: STATUS_OF.not_found, headers: SHARE_PAGE_HEADERS });
  }
  const { name, logoUrl, accentColor } = door.workspace;
  return json({ state: door.state, workspace: { name, logoUrl, accentColor } }, { status: STATUS_OF.gone, headers: SHARE_PAGE_HEADERS });
}
