import { and, eq, gt } from "drizzle-orm";
import { DateTime } from "luxon";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, calendarMarkers, calendarShareLinks, campaignCreators, campaigns, deliverables } from "@db/schema";
import { SharedCalendarView } from "~/components/calendar/share-view";
import type { SharedCalendar } from "~/modules/calendar/share-page.server";
import { randomToken, sha256 } from "~/utils/crypto.server";
import { DAY_MS } from "~/utils/time";
import { createBrand } from "../../../db/factories";
import { useTestDatabase } from "../../support/db";
import { call, makeRequest, sessionCookie } from "../../support/http";
import { buildWorld, type World } from "../../support/world";

/**
 * A brand's read-only share link (issue 21, decision 067; security.md 10–14 and 40), through the
 * routes: made and revoked by those allowed, audited, only the hash stored, 410 once revoked or
 * expired, 404 for unknown tokens, and a page that shows that brand and no other brand's name,
 * neither in the loader's data nor in the rendered HTML.
 */
const t = useTestDatabase();
let world: World;
const cookie = {} as Record<"owner" | "coordinator" | "brandLead" | "clientContact" | "agencyMember", string>;
let month: string;
const OTHER_NAMES = ["Brand Y", "Rival Skincare", "Y Trail Film", "Rival glow post", "Y embargo", "Summit for Y"];

const manage = () => import("~/routes/w.$workspace.calendar_.share");
const sharePage = () => import("~/routes/share.calendar.$token");

async function post(who: keyof typeof cookie, form: Record<string, string>) {
  const { action } = await manage();
  return call(action, makeRequest(`/w/${world.a.slug}/calendar/share`, { cookie: cookie[who], form }), { workspace: world.a.slug });
}

async function open(token: string, query = `?month=${month}`) {
  const { loader } = await sharePage();
  return call(loader, makeRequest(`/share/calendar/${token}${query}`), { token });
}

async function create(who: keyof typeof cookie, brandId: string, label = "Lumen marketing team", days?: string) {
  const res = await post(who, { intent: "create", brandId, label, ...(days ? { days } : {}) });
  const body = (await res.json()) as { ok: boolean; shareUrl?: string; errors?: Record<string, string[]> };
  return { res, body, token: body.shareUrl ? body.shareUrl.split("/").pop()! : "" };
}

beforeAll(async () => {
  world = await buildWorld(t.db);
  for (const who of ["owner", "coordinator", "brandLead", "clientContact", "agencyMember"] as const)
    cookie[who] = await sessionCookie(world.users[who].id);
  const rival = await createBrand(t.db, world.a.id, { name: "Rival Skincare", category: "skincare" });
  const day = DateTime.utc().startOf("day").plus({ days: 3 });
  month = day.toFormat("yyyy-LL");
  const mk = async (brandId: string, name: string) => {
    const [row] = await t.db
      .insert(campaigns)
      .values({
        workspaceId: world.a.id,
        brandId,
        leadAgencyId: world.agencyP.id,
        name,
        status: "active",
        channels: ["instagram"],
        startsAt: day.minus({ days: 1 }).toJSDate(),
        endsAt: day.plus({ days: 6 }).toJSDate(),
      })
      .returning();
    await t.db.insert(campaignCreators).values({ workspaceId: world.a.id, campaignId: row.id, creatorId: world.creatorM.id });
    return row.id;
  };
  const x = await mk(world.brandX.id, "X Spring Launch");
  const y = await mk(world.brandY.id, "Y Outdoor Push");
  const r = await mk(rival.id, "Rival Season");
  const at = day.set({ hour: 12 });
  const d = (campaignId: string, brandId: string, title: string, when: DateTime) => ({
    workspaceId: world.a.id,
    campaignId,
    brandId,
    creatorId: world.creatorM.id,
    channel: "instagram",
    title,
    publishAt: when.toJSDate(),
    status: "draft",
  });
  // The same creator posts for X, Y and a competitor of X in X's category within hours: collisions
  // and an exclusivity clash whose words name the competitor, on X's own deliverable.
  await t.db
    .insert(deliverables)
    .values([
      d(x, world.brandX.id, "X reveal reel", at),
      d(y, world.brandY.id, "Y Trail Film", at.plus({ minutes: 30 })),
      d(r, rival.id, "Rival glow post", at.plus({ hours: 1 })),
    ]);
  await t.db.insert(calendarMarkers).values([
    { workspaceId: world.a.id, brandId: world.brandX.id, kind: "launch", title: "X launch day", startsAt: at.toJSDate() },
    { workspaceId: world.a.id, brandId: world.brandY.id, kind: "embargo", title: "Y embargo", startsAt: at.toJSDate() },
    { workspaceId: world.a.id, brandId: null, kind: "note", title: "Summit for Y and X", startsAt: at.toJSDate() },
  ]);
});

describe("making a share link", () => {
  it("a coordinator makes one: the address is shown once, only its hash is stored, and it is audited", async () => {
    const { res, body, token } = await create("coordinator", world.brandX.id);
    expect(res.status).toBe(200);
    expect(body.shareUrl).toMatch(/\/share\/calendar\/[A-Za-z0-9_-]{43}$/);
    const [row] = await t.db
      .select()
      .from(calendarShareLinks)
      .where(eq(calendarShareLinks.tokenHash, sha256(token)));
    expect(row.brandId).toBe(world.brandX.id);
    expect(JSON.stringify(row)).not.toContain(token);
    // Default lifetime: 30 days.
    expect(Math.round((row.expiresAt.getTime() - row.createdAt.getTime()) / DAY_MS)).toBe(30);
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.objectId, row.id), eq(auditEvents.action, "calendar_share.created")));
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events[0].data)).not.toContain(token);
  });

  it("refuses more than 90 days and a missing label with 400 and messages next to the fields", async () => {
    const long = await create("coordinator", world.brandX.id, "Client", "120");
    expect(long.res.status).toBe(400);
    expect(long.body.errors?.days?.[0]).toMatch(/1 to 90/);
    const unnamed = await post("coordinator", { intent: "create", brandId: world.brandX.id, label: "" });
    expect(unnamed.status).toBe(400);
    const nul = await post("coordinator", { intent: "create", brandId: world.brandX.id, label: "a\u0000b" });
    expect(nul.status).toBe(400);
  });

  it("a brand lead shares their own brand, and another brand is not found", async () => {
    expect((await create("brandLead", world.brandX.id)).res.status).toBe(200);
    const other = await create("brandLead", world.brandY.id);
    expect(other.res.status).toBe(404);
  });

  it("client contacts and agency members cannot reach the page", async () => {
    const { loader } = await manage();
    for (const who of ["clientContact", "agencyMember"] as const) {
      const res = await call(loader, makeRequest(`/w/${world.a.slug}/calendar/share`, { cookie: cookie[who] }), {
        workspace: world.a.slug,
      });
      expect(res.status).toBe(404);
    }
  });
});

describe("opening a share link", () => {
  it("shows that brand's calendar and markers, and no other brand's name in the data or the HTML", async () => {
    const { token } = await create("coordinator", world.brandX.id);
    const res = await open(token);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const text = await res.clone().text();
    const { page } = (await res.json()) as { page: SharedCalendar };
    expect(page.brand.name).toBe("Brand X");
    expect(page.items.map((i) => i.title).sort()).toEqual(["X Spring Launch", "X reveal reel"].sort());
    expect(page.markers.map((m) => m.title)).toEqual(["X launch day"]);
    const html = renderToStaticMarkup(createElement(SharedCalendarView, { page }));
    expect(html).toContain("X reveal reel");
    for (const name of OTHER_NAMES) {
      expect(text, `the loader's data names ${name}`).not.toContain(name);
      expect(html, `the page names ${name}`).not.toContain(name);
    }
    // The list view of the same month too.
    const list = await open(token, `?view=list&month=${month}`);
    const listText = await list.text();
    for (const name of OTHER_NAMES) expect(listText).not.toContain(name);
  });

  it("records when it was last opened (and nothing else changes)", async () => {
    const { token } = await create("coordinator", world.brandX.id, "Opened once");
    const before = new Date();
    await open(token);
    const [row] = await t.db
      .select()
      .from(calendarShareLinks)
      .where(eq(calendarShareLinks.tokenHash, sha256(token)));
    expect(row.lastOpenedAt!.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    expect(row.revokedAt).toBeNull();
  });

  it("answers 410 once revoked, and revoking is audited once (a second revoke changes nothing)", async () => {
    const { token } = await create("coordinator", world.brandX.id, "To revoke");
    expect((await open(token)).status).toBe(200);
    const [row] = await t.db
      .select()
      .from(calendarShareLinks)
      .where(eq(calendarShareLinks.tokenHash, sha256(token)));
    const first = await post("coordinator", { intent: "revoke", linkId: row.id });
    expect(first.status).toBe(200);
    const again = await post("coordinator", { intent: "revoke", linkId: row.id });
    expect(again.status).toBe(200);
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.objectId, row.id), eq(auditEvents.action, "calendar_share.revoked")));
    expect(events).toHaveLength(1);
    const gone = await open(token);
    expect(gone.status).toBe(410);
    expect(await gone.text()).not.toContain("X reveal reel");
  });

  it("answers 410 once expired", async () => {
    const token = randomToken();
    await t.db.insert(calendarShareLinks).values({
      workspaceId: world.a.id,
      brandId: world.brandX.id,
      tokenHash: sha256(token),
      label: "Old",
      expiresAt: new Date(Date.now() - 60_000),
    });
    expect((await open(token)).status).toBe(410);
  });

  it("answers 404 to unknown and malformed tokens", async () => {
    expect((await open(randomToken())).status).toBe(404);
    expect((await open("short")).status).toBe(404);
  });

  it("a brand lead cannot revoke another brand's link", async () => {
    const { token } = await create("coordinator", world.brandX.id, "Team's");
    const [row] = await t.db
      .select()
      .from(calendarShareLinks)
      .where(eq(calendarShareLinks.tokenHash, sha256(token)));
    await t.db.update(calendarShareLinks).set({ brandId: world.brandY.id }).where(eq(calendarShareLinks.id, row.id));
    const res = await post("brandLead", { intent: "revoke", linkId: row.id });
    expect(res.status).toBe(404);
    const [after] = await t.db
      .select()
      .from(calendarShareLinks)
      .where(and(eq(calendarShareLinks.id, row.id), gt(calendarShareLinks.expiresAt, new Date())));
    expect(after.revokedAt).toBeNull();
  });
});
