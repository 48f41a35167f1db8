import type { Database } from "../../../db/client";
import { calendarFeeds, campaigns, deliverables } from "../../../db/schema";
import { randomToken, sha256 } from "~/utils/crypto.server";
import type { World } from "../../support/world";
import { EVERYONE, SCOPED, type RouteCase } from "../route-types";

const MANAGERS = ["owner", "admin", "coordinator"] as const;
const calendar = () => import("~/routes/w.$workspace.calendar");
const conflicts = () => import("~/routes/w.$workspace.conflicts");
const rules = () => import("~/routes/w.$workspace.brands.$brandId.rules");
const feed = () => import("~/routes/feeds.$token");
const exclusivity = () => import("~/routes/w.$workspace.exclusivity");
const whatIf = () => import("~/routes/w.$workspace.calendar_.what-if");
const move = () => import("~/routes/w.$workspace.calendar_.move");
/** Who may move a deliverable of brand X led by agency P (decision 066): managers and that agency. */
const MOVERS = ["owner", "admin", "coordinator", "agencyMember"] as const;
const share = () => import("~/routes/w.$workspace.calendar_.share");
const sharePage = () => import("~/routes/share.calendar.$token");
const views = () => import("~/routes/w.$workspace.calendar_.views");
const markers = () => import("~/routes/w.$workspace.calendar_.markers");
const overlays = () => import("~/routes/w.$workspace.calendar_.overlays");

/** The calendar capability's workspace routes, covered by the tenant-isolation test. */
export const ROUTES: RouteCase[] = [
  { name: "calendar", path: "/w/:workspace/calendar", method: "GET", load: calendar, allowed: EVERYONE },
  {
    name: "calendar (time zone)",
    path: "/w/:workspace/calendar",
    method: "POST",
    load: calendar,
    form: { intent: "time-zone", timeZone: "Europe/Paris" },
    allowed: EVERYONE,
  },
  {
    name: "calendar (issue feed)",
    path: "/w/:workspace/calendar",
    method: "POST",
    load: calendar,
    form: { intent: "issue-feed" },
    allowed: EVERYONE,
  },
  {
    name: "calendar (revoke feed)",
    path: "/w/:workspace/calendar",
    method: "POST",
    load: calendar,
    form: { intent: "revoke-feed" },
    allowed: EVERYONE,
  },
  {
    name: "calendar csv",
    path: "/w/:workspace/calendar.csv",
    method: "GET",
    load: () => import("~/routes/w.$workspace.calendar[.]csv"),
    allowed: EVERYONE,
  },
  {
    name: "calendar what-if of a drag",
    path: "/w/:workspace/calendar/what-if?deliverable=:deliverable&publishAt=:publishAt",
    method: "GET",
    params: { deliverable: "dragDeliverable", publishAt: "dragTime" },
    load: whatIf,
    allowed: [...MOVERS],
    denied: ["creator", "brandLead", "clientContact"],
  },
  {
    name: "calendar drag (move)",
    path: "/w/:workspace/calendar/move",
    method: "POST",
    load: move,
    form: { intent: "move", deliverableId: "dddddddddddddddddddddddddddddddd", publishAt: "2099-01-01T10:00", reason: "Because" },
    allowed: [...MOVERS],
    denied: ["creator", "brandLead", "clientContact"],
  },
  {
    name: "calendar drag (undo)",
    path: "/w/:workspace/calendar/move",
    method: "POST",
    load: move,
    form: { intent: "undo", moveId: "1" },
    allowed: [...MOVERS],
    denied: ["creator", "brandLead", "clientContact"],
  },
  { name: "conflicts", path: "/w/:workspace/conflicts", method: "GET", load: conflicts, allowed: [...MANAGERS], denied: SCOPED },
  {
    name: "conflicts (acknowledge)",
    path: "/w/:workspace/conflicts",
    method: "POST",
    load: conflicts,
    form: {
      intent: "acknowledge",
      conflictKey: "POST_COLLISION:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa+bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
      note: "Fine by us",
    },
    allowed: [...MANAGERS],
    denied: SCOPED,
  },
  {
    name: "conflicts (reopen)",
    path: "/w/:workspace/conflicts",
    method: "POST",
    load: conflicts,
    form: { intent: "reopen", conflictKey: "POST_COLLISION:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa+bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" },
    allowed: [...MANAGERS],
    denied: SCOPED,
  },
  {
    name: "conflicts (move deliverable)",
    path: "/w/:workspace/conflicts",
    method: "POST",
    load: conflicts,
    form: { intent: "move", deliverableId: "deliverableA", publishAt: "2099-01-01T10:00" },
    allowed: [...MANAGERS],
    denied: SCOPED,
  },
  {
    name: "conflicts (acknowledge a group)",
    path: "/w/:workspace/conflicts",
    method: "POST",
    load: conflicts,
    form: {
      intent: "acknowledge-group",
      code: "POST_COLLISION",
      brandId: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      count: "2",
      note: "Fine by us",
    },
    allowed: [...MANAGERS],
    denied: SCOPED,
  },
  {
    name: "conflicts (confirm step of a move)",
    path: "/w/:workspace/conflicts?move=dddddddddddddddddddddddddddddddd&to=2099-01-01T10:00:00.000Z",
    method: "GET",
    load: conflicts,
    allowed: [...MANAGERS],
    denied: SCOPED,
  },
  // A brand lead's own exclusivity clashes (decision 062): nobody else's page, not even the owner's.
  {
    name: "exclusivity clashes",
    path: "/w/:workspace/exclusivity",
    method: "GET",
    load: exclusivity,
    allowed: ["brandLead"],
    denied: ["owner", "admin", "coordinator", "agencyMember", "creator", "clientContact"],
  },
  {
    name: "exclusivity clashes (waive)",
    path: "/w/:workspace/exclusivity",
    method: "POST",
    load: exclusivity,
    form: {
      intent: "waive",
      conflictKey: "CREATOR_EXCLUSIVITY:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa+bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
      reason: "Different lines",
    },
    allowed: ["brandLead"],
    denied: ["owner", "admin", "coordinator", "agencyMember", "creator", "clientContact"],
  },
  {
    name: "brand rules",
    path: "/w/:workspace/brands/:brandId/rules",
    method: "GET",
    params: { brandId: "brandX" },
    load: rules,
    allowed: [...MANAGERS],
    denied: SCOPED,
  },
  {
    name: "brand rules (save)",
    path: "/w/:workspace/brands/:brandId/rules",
    method: "POST",
    params: { brandId: "brandX" },
    load: rules,
    form: { intent: "rules", category: "skincare", exclusivityDays: "14" },
    allowed: [...MANAGERS],
    denied: SCOPED,
  },
  {
    name: "brand rules (add blackout)",
    path: "/w/:workspace/brands/:brandId/rules",
    method: "POST",
    params: { brandId: "brandX" },
    load: rules,
    form: { intent: "add-blackout", startsAt: "2099-01-01T00:00", endsAt: "2099-01-02T00:00", reason: "Embargo" },
    allowed: [...MANAGERS],
    denied: SCOPED,
  },
  {
    name: "brand rules (remove blackout)",
    path: "/w/:workspace/brands/:brandId/rules",
    method: "POST",
    params: { brandId: "brandX" },
    load: rules,
    form: { intent: "remove-blackout", blackoutId: "cccccccccccccccccccccccccccccccc" },
    allowed: [...MANAGERS],
    denied: SCOPED,
  },
  // Another workspace's brand under this workspace's slug: 404 even for the owner.
  {
    name: "brand rules (brand of another workspace)",
    path: "/w/:workspace/brands/:brandId/rules",
    method: "GET",
    params: { brandId: "brandB" },
    load: rules,
    allowed: [],
    denied: ["owner", "admin", "coordinator"],
  },
  {
    name: "brand rules (save, brand of another workspace)",
    path: "/w/:workspace/brands/:brandId/rules",
    method: "POST",
    params: { brandId: "brandB" },
    load: rules,
    form: { intent: "rules", category: "x", exclusivityDays: "1" },
    allowed: [],
    denied: ["owner", "admin", "coordinator"],
  },
  // Share links of a brand's calendar (decision 067): the team and a brand lead (for its own brand).
  {
    name: "calendar share links",
    path: "/w/:workspace/calendar/share",
    method: "GET",
    load: share,
    allowed: [...MANAGERS, "brandLead"],
    denied: ["agencyMember", "creator", "clientContact"],
  },
  {
    name: "calendar share links (create)",
    path: "/w/:workspace/calendar/share",
    method: "POST",
    load: share,
    form: { intent: "create", brandId: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", label: "Client" },
    allowed: [...MANAGERS, "brandLead"],
    denied: ["agencyMember", "creator", "clientContact"],
  },
  {
    name: "calendar share links (revoke)",
    path: "/w/:workspace/calendar/share",
    method: "POST",
    load: share,
    form: { intent: "revoke", linkId: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
    allowed: [...MANAGERS, "brandLead"],
    denied: ["agencyMember", "creator", "clientContact"],
  },
  {
    name: "calendar saved views (answer page)",
    path: "/w/:workspace/calendar/views",
    method: "GET",
    load: views,
    allowed: EVERYONE,
  },
  {
    name: "calendar saved views (save)",
    path: "/w/:workspace/calendar/views",
    method: "POST",
    load: views,
    form: { intent: "save", name: "Mine", query: "" },
    allowed: EVERYONE,
  },
  {
    name: "calendar saved views (delete another's)",
    path: "/w/:workspace/calendar/views",
    method: "POST",
    load: views,
    form: { intent: "delete", viewId: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
    allowed: [],
    denied: ["owner", "admin", "coordinator", ...SCOPED],
  },
  {
    name: "calendar markers",
    path: "/w/:workspace/calendar/markers",
    method: "GET",
    load: markers,
    allowed: [...MANAGERS, "brandLead"],
    denied: ["agencyMember", "creator", "clientContact"],
  },
  {
    name: "calendar markers (add)",
    path: "/w/:workspace/calendar/markers",
    method: "POST",
    load: markers,
    form: { intent: "add", kind: "note", title: "Hello", brandId: "", startsAt: "2099-01-01T10:00" },
    allowed: [...MANAGERS, "brandLead"],
    denied: ["agencyMember", "creator", "clientContact"],
  },
  {
    name: "calendar markers (delete)",
    path: "/w/:workspace/calendar/markers",
    method: "POST",
    load: markers,
    form: { intent: "delete", markerId: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
    allowed: [...MANAGERS, "brandLead"],
    denied: ["agencyMember", "creator", "clientContact"],
  },
  {
    name: "calendar overlays",
    path: "/w/:workspace/calendar/overlays",
    method: "GET",
    load: overlays,
    allowed: [...MANAGERS],
    denied: SCOPED,
  },
  {
    name: "calendar overlays (add from a file)",
    path: "/w/:workspace/calendar/overlays",
    method: "POST",
    load: overlays,
    form: { intent: "add-file", name: "Holidays" },
    allowed: [...MANAGERS],
    denied: SCOPED,
  },
  {
    name: "calendar overlays (add from an address)",
    path: "/w/:workspace/calendar/overlays",
    method: "POST",
    load: overlays,
    form: { intent: "add-url", name: "Holidays", url: "https://93.184.216.34/holidays.ics" },
    allowed: [...MANAGERS],
    denied: SCOPED,
  },
  {
    name: "calendar overlays (refresh)",
    path: "/w/:workspace/calendar/overlays",
    method: "POST",
    load: overlays,
    form: { intent: "refresh", overlayId: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
    allowed: [...MANAGERS],
    denied: SCOPED,
  },
  {
    name: "calendar overlays (remove)",
    path: "/w/:workspace/calendar/overlays",
    method: "POST",
    load: overlays,
    form: { intent: "remove", overlayId: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
    allowed: [...MANAGERS],
    denied: SCOPED,
  },
  // The share page is public; an unknown token is 404 to everyone (share-links.test.ts: 410 once revoked or expired).
  {
    name: "calendar share page (unknown token)",
    path: "/share/calendar/:token",
    method: "GET",
    params: { token: "shareUnknown" },
    load: sharePage,
    allowed: [],
    denied: ["owner", ...SCOPED],
  },
  // The feed is public; its secret token is the credential. A revoked or unknown token is 404 to
  // everyone, signed in or not (calendar-feed.test.ts checks what a live token shows).
  {
    name: "calendar feed (revoked token)",
    path: "/feeds/:token",
    method: "GET",
    params: { token: "feedRevoked" },
    load: feed,
    allowed: [],
    denied: ["owner", ...SCOPED],
  },
  {
    name: "calendar feed (unknown token)",
    path: "/feeds/:token",
    method: "GET",
    params: { token: "feedUnknown" },
    load: feed,
    allowed: [],
    denied: ["owner"],
  },
];

/** Objects the routes above refer to (by key in their `params`), created in workspace A. */
export async function seedIds(db: Database, world: World): Promise<Record<string, string>> {
  const revoked = randomToken();
  await db
    .insert(calendarFeeds)
    .values({ workspaceId: world.a.id, userId: world.users.owner.id, tokenHash: sha256(revoked), revokedAt: new Date() });
  // A deliverable of brand X led by agency P, so the drag's what-if answers its movers.
  const [campaign] = await db
    .insert(campaigns)
    .values({
      workspaceId: world.a.id,
      brandId: world.brandX.id,
      leadAgencyId: world.agencyP.id,
      name: "Isolation drag",
      status: "active",
      channels: ["instagram"],
      startsAt: new Date(),
      endsAt: new Date(Date.now() + 30 * 86_400_000),
    })
    .returning();
  const [drag] = await db
    .insert(deliverables)
    .values({
      workspaceId: world.a.id,
      campaignId: campaign.id,
      brandId: world.brandX.id,
      channel: "instagram",
      title: "Isolation reel",
      publishAt: new Date(Date.now() + 20 * 86_400_000),
      status: "draft",
    })
    .returning();
  return {
    feedRevoked: `${revoked}.ics`,
    feedUnknown: `${randomToken()}.ics`,
    shareUnknown: randomToken(),
    deliverableA: "dddddddddddddddddddddddddddddddd",
    dragDeliverable: drag.id,
    dragTime: new Date(Date.now() + 25 * 86_400_000).toISOString().slice(0, 16),
  };
}
