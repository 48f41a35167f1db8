import { and, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, calendarMarkers, campaigns, savedViews } from "@db/schema";
import { useTestDatabase } from "../../support/db";
import { call, makeRequest, sessionCookie } from "../../support/http";
import { buildWorld, type World } from "../../support/world";

/**
 * Saved views and markers (issue 21 part 3) through the calendar's routes: a shared view opens
 * through each viewer's own scope (a brand lead never gets another brand's filter), only the owner
 * renames or deletes; a brand's markers show only to viewers of that brand; who may add which.
 */
const t = useTestDatabase();
let world: World;
const cookie = {} as Record<"owner" | "coordinator" | "brandLead" | "clientContact" | "agencyMember" | "creator", string>;
let month: string;
let at: DateTime;

const calendar = () => import("~/routes/w.$workspace.calendar");
const viewsRoute = () => import("~/routes/w.$workspace.calendar_.views");
const markersRoute = () => import("~/routes/w.$workspace.calendar_.markers");

type Page = {
  context: {
    views: { id: string; name: string; href: string; mine: boolean }[];
    markers: { title: string; brandName: string | null }[];
    query: string;
    canMark: boolean;
  };
};

async function page(who: keyof typeof cookie, query = `?month=${month}`) {
  const { loader } = await calendar();
  const res = await call(loader, makeRequest(`/w/${world.a.slug}/calendar${query}`, { cookie: cookie[who] }), { workspace: world.a.slug });
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
}

async function postTo(route: typeof viewsRoute | typeof markersRoute, sub: string, who: keyof typeof cookie, form: Record<string, string>) {
  const { action } = await route();
  return call(action, makeRequest(`/w/${world.a.slug}/calendar/${sub}`, { cookie: cookie[who], form }), { workspace: world.a.slug });
}

beforeAll(async () => {
  world = await buildWorld(t.db);
  for (const who of ["owner", "coordinator", "brandLead", "clientContact", "agencyMember", "creator"] as const)
    cookie[who] = await sessionCookie(world.users[who].id);
  at = DateTime.utc().startOf("day").plus({ days: 3, hours: 12 });
  month = at.toFormat("yyyy-LL");
  // Agency P leads a campaign of brand Y only: its member sees Y, not X.
  await t.db.insert(campaigns).values({
    workspaceId: world.a.id,
    brandId: world.brandY.id,
    leadAgencyId: world.agencyP.id,
    name: "Y Trails",
    status: "active",
    channels: ["instagram"],
    startsAt: at.minus({ days: 2 }).toJSDate(),
    endsAt: at.plus({ days: 2 }).toJSDate(),
  });
});

describe("saved views", () => {
  it("a coordinator saves a shared view; the brand lead opens it without the other brand's filter", async () => {
    const res = await postTo(viewsRoute, "views", "coordinator", {
      intent: "save",
      name: "Y drafts",
      query: `view=week&brand=${world.brandY.id}&status=draft&month=2026-01&peek=x`,
      shared: "on",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/w/${world.a.slug}/calendar?view=week&brand=${world.brandY.id}&status=draft`);
    const [row] = await t.db.select().from(savedViews).where(eq(savedViews.name, "Y drafts"));
    expect(row.query).toEqual({ view: "week", brand: world.brandY.id, status: "draft" });

    const lead = await page("brandLead");
    const shared = lead.context.views.find((v) => v.name === "Y drafts")!;
    expect(shared.mine).toBe(false);
    expect(shared.href).toBe(`/w/${world.a.slug}/calendar?view=week&status=draft`);
    expect(JSON.stringify(lead.context.views)).not.toContain(world.brandY.id);

    const team = await page("owner");
    expect(team.context.views.find((v) => v.name === "Y drafts")!.href).toContain(`brand=${world.brandY.id}`);
  });

  it("a personal view is its owner's only; only the owner renames or deletes", async () => {
    expect((await postTo(viewsRoute, "views", "brandLead", { intent: "save", name: "Mine", query: "status=draft" })).status).toBe(302);
    expect((await page("coordinator")).context.views.map((v) => v.name)).not.toContain("Mine");
    const [row] = await t.db
      .select()
      .from(savedViews)
      .where(and(eq(savedViews.name, "Mine"), eq(savedViews.ownerId, world.users.brandLead.id)));
    const foreign = await postTo(viewsRoute, "views", "coordinator", { intent: "rename", viewId: row.id, name: "Hijacked" });
    expect(foreign.status).toBe(404);
    const renamed = await postTo(viewsRoute, "views", "brandLead", {
      intent: "rename",
      viewId: row.id,
      name: "Mine, drafts",
      query: "view=list",
    });
    expect(renamed.status).toBe(302);
    expect(renamed.headers.get("Location")).toBe(`/w/${world.a.slug}/calendar?view=list`);
    expect((await postTo(viewsRoute, "views", "coordinator", { intent: "delete", viewId: row.id })).status).toBe(404);
    expect((await postTo(viewsRoute, "views", "brandLead", { intent: "delete", viewId: row.id })).status).toBe(302);
    expect(await t.db.select().from(savedViews).where(eq(savedViews.id, row.id))).toHaveLength(0);
    const events = await t.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.objectId, row.id));
    expect(events.map((e) => e.action)).toEqual(["calendar_view.saved", "calendar_view.renamed", "calendar_view.deleted"]);
  });

  it("a second view of the same name is refused next to the name, and bad input is 400", async () => {
    await postTo(viewsRoute, "views", "creator", { intent: "save", name: "Twice", query: "" });
    const again = await postTo(viewsRoute, "views", "creator", { intent: "save", name: "Twice", query: "" });
    expect(again.status).toBe(400);
    expect(((await again.json()) as { errors: Record<string, string[]> }).errors.name[0]).toMatch(/already have a view/);
    expect((await postTo(viewsRoute, "views", "creator", { intent: "save", name: "", query: "" })).status).toBe(400);
    expect((await postTo(viewsRoute, "views", "creator", { intent: "save", name: "a\u0000b" })).status).toBe(400);
    expect((await postTo(viewsRoute, "views", "creator", { intent: "rename", viewId: "nope", name: "x" })).status).toBe(400);
    expect((await postTo(viewsRoute, "views", "creator", { intent: "explode" })).status).toBe(400);
  });
});

describe("markers", () => {
  const local = (d: DateTime) => d.toFormat("yyyy-LL-dd'T'HH:mm");

  it("the team adds workspace and brand markers; a brand's shows only to viewers of that brand", async () => {
    for (const [title, brandId] of [
      ["Everyone's note", ""],
      ["X launch", world.brandX.id],
      ["Y embargo", world.brandY.id],
    ] as const) {
      const res = await postTo(markersRoute, "markers", "coordinator", {
        intent: "add",
        kind: title.includes("embargo") ? "embargo" : title.includes("launch") ? "launch" : "note",
        title,
        brandId,
        startsAt: local(at),
      });
      expect(res.status, await res.clone().text()).toBe(200);
    }
    const titles = async (who: keyof typeof cookie) => (await page(who)).context.markers.map((m) => m.title).sort();
    expect(await titles("owner")).toEqual(["Everyone's note", "X launch", "Y embargo"]);
    expect(await titles("brandLead")).toEqual(["Everyone's note", "X launch"]);
    expect(await titles("clientContact")).toEqual(["Everyone's note", "X launch"]);
    expect(await titles("agencyMember")).toEqual(["Everyone's note", "Y embargo"]);
    // The list view carries them too.
    expect((await page("brandLead", `?view=list&month=${month}`)).context.markers.map((m) => m.title)).toContain("X launch");
  });

  it("a brand lead marks only its own brand, never the whole workspace; client contacts cannot mark", async () => {
    const base = { intent: "add", kind: "launch", title: "Lead's launch", startsAt: local(at) };
    expect((await postTo(markersRoute, "markers", "brandLead", { ...base, brandId: world.brandX.id })).status).toBe(200);
    expect((await postTo(markersRoute, "markers", "brandLead", { ...base, brandId: world.brandY.id })).status).toBe(400);
    expect((await postTo(markersRoute, "markers", "brandLead", { ...base, brandId: "" })).status).toBe(400);
    expect((await postTo(markersRoute, "markers", "clientContact", { ...base, brandId: world.brandX.id })).status).toBe(404);
    const [yMarker] = await t.db.select().from(calendarMarkers).where(eq(calendarMarkers.title, "Y embargo"));
    expect((await postTo(markersRoute, "markers", "brandLead", { intent: "delete", markerId: yMarker.id })).status).toBe(404);
    expect((await postTo(markersRoute, "markers", "coordinator", { intent: "delete", markerId: yMarker.id })).status).toBe(200);
  });

  it("bad input is 400 with messages next to the fields", async () => {
    const bad = await postTo(markersRoute, "markers", "coordinator", {
      intent: "add",
      kind: "party",
      title: "",
      brandId: "x",
      startsAt: "tomorrow",
    });
    expect(bad.status).toBe(400);
    const { errors } = (await bad.json()) as { errors: Record<string, string[]> };
    expect(Object.keys(errors).sort()).toEqual(["brandId", "kind", "startsAt", "title"]);
    const backwards = await postTo(markersRoute, "markers", "coordinator", {
      intent: "add",
      kind: "embargo",
      title: "Backwards",
      brandId: "",
      startsAt: local(at),
      endsAt: local(at.minus({ hours: 1 })),
    });
    expect(backwards.status).toBe(400);
  });
});
