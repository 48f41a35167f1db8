import { and, count, eq } from "drizzle-orm";
import ICAL from "ical.js";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import {
  auditEvents,
  brandBlackouts,
  calendarFeeds,
  campaignCreators,
  campaigns,
  conflictAcknowledgments,
  deliverables,
  users,
} from "@db/schema";
import { createBrand } from "../../../db/factories";
import { badInputVariants } from "../../support/bad-input";
import { useTestDatabase } from "../../support/db";
import { call, makeRequest, sessionCookie } from "../../support/http";
import { buildWorld, type World } from "../../support/world";

/**
 * The calendar's routes through real requests on a real database: the views and their filters,
 * conflicts (badges, grouping, acknowledge, reopen, move), brand rules and blackouts, the CSV
 * export, the iCalendar feed (parsed with ical.js, which the app does not use to write it), and
 * that CREATOR_EXCLUSIVITY (it names a competitor) never reaches brand-scoped members.
 */
const t = useTestDatabase();
let world: World;
const cookie = {} as Record<"owner" | "coordinator" | "brandLead" | "clientContact" | "creator" | "agencyMember", string>;
let ids: { campX1: string; campX2: string; campZ: string; dA: string; dB: string; dZ: string; brandZ: string };
let month: string;
let path: (p: string) => string;

const calendar = () => import("~/routes/w.$workspace.calendar");
const conflictsRoute = () => import("~/routes/w.$workspace.conflicts");
const rulesRoute = () => import("~/routes/w.$workspace.brands.$brandId.rules");
const feedRoute = () => import("~/routes/feeds.$token");
const csvRoute = () => import("~/routes/w.$workspace.calendar[.]csv");

type Item = { key: string; title: string; conflictCount: number; worst: string | null; conflicts: { code: string; message: string }[] };
type Row = { key: string; code: string; message: string; objects: { id: string }[] };
type Group = { brandName: string; open: Row[]; settled: Row[] };
type Rule = { code: string; brands: Group[] };

async function getJson<T>(
  load: () => Promise<{ loader: (a: never) => unknown }>,
  url: string,
  who: keyof typeof cookie,
  params: Record<string, string> = {},
) {
  const { loader } = await load();
  const res = await call(loader as never, makeRequest(url, { cookie: cookie[who] }), { workspace: world.a.slug, ...params });
  expect(res.status, url).toBe(200);
  const text = await res.text();
  return { body: JSON.parse(text) as T, text };
}

async function post(
  load: () => Promise<{ action: (a: never) => unknown }>,
  url: string,
  who: keyof typeof cookie,
  form: Record<string, string | string[] | Blob>,
  params: Record<string, string> = {},
) {
  const { action } = await load();
  return call(action as never, makeRequest(url, { cookie: cookie[who], form }), { workspace: world.a.slug, ...params });
}

async function openConflicts(who: keyof typeof cookie = "coordinator"): Promise<Row[]> {
  const { body } = await getJson<{ rules: Rule[] }>(conflictsRoute, path("/conflicts"), who);
  return body.rules.flatMap((r) => r.brands.flatMap((g) => g.open));
}

async function calendarItems(who: keyof typeof cookie, query = `?month=${month}`) {
  const { body } = await getJson<{ items: Item[]; badge: { open: number; errors: number } }>(calendar, `${path("/calendar")}${query}`, who);
  return body;
}

const isoLocal = (d: Date) => DateTime.fromJSDate(d, { zone: "UTC" }).toFormat("yyyy-LL-dd'T'HH:mm");

beforeAll(async () => {
  world = await buildWorld(t.db);
  for (const who of ["owner", "coordinator", "brandLead", "clientContact", "creator", "agencyMember"] as const)
    cookie[who] = await sessionCookie(world.users[who].id);
  path = (p) => `/w/${world.a.slug}${p}`;
  const brandZ = await createBrand(t.db, world.a.id, { name: "Brand Z", category: "skincare" });
  const day = DateTime.utc().startOf("day");
  const publish = day.plus({ days: 5 }).set({ hour: 12 });
  month = publish.toFormat("yyyy-LL");
  const mk = async (brandId: string, leadAgencyId: string, name: string, from: number, to: number, creatorIds: string[]) => {
    const [row] = await t.db
      .insert(campaigns)
      .values({
        workspaceId: world.a.id,
        brandId,
        leadAgencyId,
        name,
        status: "active",
        channels: ["instagram"],
        startsAt: day.plus({ days: from }).toJSDate(),
        endsAt: day.plus({ days: to }).toJSDate(),
      })
      .returning();
    for (const creatorId of creatorIds)
      await t.db.insert(campaignCreators).values({ workspaceId: world.a.id, campaignId: row.id, creatorId });
    return row.id;
  };
  const campX1 = await mk(world.brandX.id, world.agencyP.id, "X Launch", -1, 20, [world.creatorM.id, world.creatorN.id]);
  const campX2 = await mk(world.brandX.id, world.agencyQ.id, "X Paid Push", 2, 25, []);
  const campZ = await mk(brandZ.id, world.agencyQ.id, "Z Creator Week", 0, 20, [world.creatorN.id]);
  const d = (campaignId: string, brandId: string, creatorId: string, title: string, at: DateTime) => ({
    workspaceId: world.a.id,
    campaignId,
    brandId,
    creatorId,
    channel: "instagram",
    title,
    publishAt: at.toJSDate(),
    status: "draft",
  });
  const rows = await t.db
    .insert(deliverables)
    .values([
      d(campX1, world.brandX.id, world.creatorM.id, "Alpha reveal", publish),
      d(campX1, world.brandX.id, world.creatorN.id, "Beta carousel", publish.plus({ hours: 2 })),
      d(campZ, brandZ.id, world.creatorN.id, "Zeta competitor post", publish.plus({ hours: 6 })),
    ])
    .returning();
  ids = { campX1, campX2, campZ, dA: rows[0].id, dB: rows[1].id, dZ: rows[2].id, brandZ: brandZ.id };
});

describe("calendar page", () => {
  it("shows campaigns and deliverables with conflict badges, and keeps filters in the URL", async () => {
    const body = await calendarItems("coordinator");
    const titles = body.items.map((i) => i.title);
    expect(titles).toEqual(expect.arrayContaining(["X Launch", "X Paid Push", "Alpha reveal", "Beta carousel", "Zeta competitor post"]));
    // The month grid carries counts; the list view (and the peeked item) carry the conflicts' words.
    const listed = await calendarItems("coordinator", `?view=list&month=${month}`);
    const beta = listed.items.find((i) => i.title === "Beta carousel")!;
    expect(beta.conflicts.map((c) => c.code)).toEqual(expect.arrayContaining(["POST_COLLISION", "CREATOR_EXCLUSIVITY"]));
    expect(listed.items.find((i) => i.title === "X Paid Push")!.conflicts.map((c) => c.code)).toContain("CAMPAIGN_OVERLAP");
    expect(body.badge.open).toBeGreaterThan(0);

    const onlyY = await calendarItems("coordinator", `?month=${month}&brand=${world.brandY.id}`);
    expect(onlyY.items).toEqual([]);
    const onlyZ = await calendarItems("coordinator", `?view=list&month=${month}&brand=${ids.brandZ}`);
    expect(onlyZ.items.map((i) => i.title).sort()).toEqual(["Z Creator Week", "Zeta competitor post"]);
    const week = await calendarItems("coordinator", `?view=week&week=${DateTime.utc().plus({ days: 5 }).toISODate()}&channel=instagram`);
    expect(week.items.map((i) => i.title)).toContain("Alpha reveal");
  });

  it("sends the month grid each item's conflict count and worst severity, and the words only for the item being peeked", async () => {
    const grid = await calendarItems("coordinator");
    const beta = grid.items.find((i) => i.title === "Beta carousel")!;
    expect(beta.conflictCount).toBeGreaterThanOrEqual(2);
    expect(beta.worst).not.toBeNull();
    expect(grid.items.every((i) => i.conflicts.length === 0)).toBe(true);
    const peeked = await calendarItems("coordinator", `?month=${month}&peek=${encodeURIComponent(beta.key)}`);
    const open = peeked.items.find((i) => i.key === beta.key)!;
    expect(open.conflicts.map((c) => c.code)).toEqual(expect.arrayContaining(["POST_COLLISION", "CREATOR_EXCLUSIVITY"]));
    expect(open.conflicts[0].message.length).toBeGreaterThan(10);
  });

  it("a malformed URL shows the unfiltered calendar instead of an error", async () => {
    const body = await calendarItems("coordinator", `?month=2026-13&brand=%27;drop&view=year&week=nope`);
    expect(Array.isArray(body.items)).toBe(true);
  });

  it("never shows CREATOR_EXCLUSIVITY (which names a competitor) to brand-scoped members", async () => {
    for (const who of ["brandLead", "clientContact"] as const) {
      const { text } = await getJson<{ items: Item[] }>(calendar, `${path("/calendar")}?month=${month}`, who);
      const list = await getJson<{ items: Item[] }>(calendar, `${path("/calendar")}?view=list&month=${month}`, who);
      const codes = list.body.items.flatMap((i) => i.conflicts.map((c) => c.code));
      expect(codes, who).toContain("POST_COLLISION");
      expect(codes, who).not.toContain("CREATOR_EXCLUSIVITY");
      for (const page of [text, list.text]) {
        expect(page, who).not.toContain("Brand Z");
        expect(page, who).not.toContain("Zeta");
      }
      const csv = await (
        await call((await csvRoute()).loader, makeRequest(`${path("/calendar.csv")}?month=${month}`, { cookie: cookie[who] }), {
          workspace: world.a.slug,
        })
      ).text();
      expect(csv, who).toContain("Alpha reveal");
      expect(csv, who).not.toContain("Brand Z");
    }
    const coordinator = await calendarItems("coordinator", `?view=list&month=${month}`);
    const exclusivity = coordinator.items.flatMap((i) => i.conflicts).find((c) => c.code === "CREATOR_EXCLUSIVITY")!;
    expect(exclusivity.message).toContain("Brand Z");
  });

  it("a creator sees the timing of its brand's other posts, not their draft titles", async () => {
    const { body, text } = await getJson<{ items: (Item & { masked: boolean })[] }>(
      calendar,
      `${path("/calendar")}?month=${month}`,
      "creator",
    );
    expect(body.items.map((i) => i.title)).toContain("Alpha reveal");
    expect(body.items.some((i) => i.masked)).toBe(true);
    expect(text).not.toContain("Beta carousel");
  });

  it("the time zone setting: an unknown zone is 400 next to the field; a real one is saved and audited", async () => {
    const bad = await post(calendar, path("/calendar"), "agencyMember", { intent: "time-zone", timeZone: "Mars/Olympus" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors.timeZone[0]).toMatch(/time zone/i);
    const ok = await post(calendar, path("/calendar"), "agencyMember", { intent: "time-zone", timeZone: "America/New_York" });
    expect(ok.status).toBe(200);
    const [u] = await t.db.select().from(users).where(eq(users.id, world.users.agencyMember.id));
    expect(u.timeZone).toBe("America/New_York");
    const audits = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "user.time_zone_changed"), eq(auditEvents.objectId, u.id)));
    expect(audits).toHaveLength(1);
  });

  it("exports the list view as CSV with the page's filters", async () => {
    const { loader } = await csvRoute();
    const res = await call(
      loader,
      makeRequest(`${path("/calendar.csv")}?month=${month}&brand=${world.brandX.id}`, { cookie: cookie.coordinator }),
      { workspace: world.a.slug },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0]).toBe(
      "type,title,brand,campaign,channels,agencies,creator,status,sign_off,when_local,starts_utc,ends_utc,conflicts,link",
    );
    expect(lines.some((l) => l.startsWith("deliverable,Alpha reveal,Brand X,X Launch,Instagram"))).toBe(true);
    expect(lines.some((l) => l.startsWith("deliverable,Zeta"))).toBe(false);
  });
});

describe("home: waiting on me", () => {
  it("lists the coming weeks' open error conflicts for coordinators, no warnings, nothing for scoped members", async () => {
    const { calendarWaiting } = await import("~/modules/calendar/waiting.server");
    const { requireMember } = await import("~/modules/workspaces/authz.server");
    const ctx = await requireMember(makeRequest(path(""), { cookie: cookie.coordinator }), world.a.slug);
    const items = await calendarWaiting(ctx);
    expect(items.map((i) => i.title)).toContain("Creator exclusivity broken");
    expect(items.some((i) => i.detail.includes("Brand Z") && i.detail.includes("Beta carousel"))).toBe(true);
    expect(items.every((i) => !/too close together/i.test(i.title))).toBe(true);
    const lead = await requireMember(makeRequest(path(""), { cookie: cookie.brandLead }), world.a.slug);
    expect(await calendarWaiting(lead)).toEqual([]);
  });
});

describe("iCalendar feed", () => {
  async function fetchFeed(token: string) {
    const { loader } = await feedRoute();
    return call(loader, makeRequest(`/feeds/${token}`), { token });
  }
  async function issue(who: keyof typeof cookie) {
    const res = await post(calendar, path("/calendar"), who, { intent: "issue-feed" });
    expect(res.status).toBe(200);
    const url = (await res.json()).feedUrl as string;
    expect(url).toMatch(/^http:\/\/localhost:3000\/feeds\/[A-Za-z0-9_-]+\.ics$/);
    return url.split("/feeds/")[1];
  }
  function events(text: string) {
    const cal = new ICAL.Component(ICAL.parse(text));
    return cal.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
  }

  it("serves RFC 5545 that an independent parser reads, with UIDs that stay the same", async () => {
    const token = await issue("coordinator");
    const first = await fetchFeed(token);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toContain("text/calendar");
    const text = await first.text();
    const list = events(text);
    const byTitle = new Map(list.map((e) => [e.summary, e]));
    const alpha = [...byTitle.entries()].find(([s]) => s.includes("Alpha reveal"))?.[1];
    expect(alpha).toBeDefined();
    expect(alpha!.uid).toBe(`deliverable-${ids.dA}@localhost`);
    expect(alpha!.startDate.toJSDate().getTime()).toBe(
      (await t.db.select().from(deliverables).where(eq(deliverables.id, ids.dA)))[0].publishAt.getTime(),
    );
    expect(list.find((e) => e.uid === `campaign-${ids.campX1}@localhost`)?.summary).toContain("X Launch");
    const again = events(await (await fetchFeed(token)).text());
    expect(again.map((e) => e.uid).sort()).toEqual(list.map((e) => e.uid).sort());
  });

  it("a revoked URL is 404; issuing a new one revokes the old one", async () => {
    const old = await issue("owner");
    expect((await fetchFeed(old)).status).toBe(200);
    const fresh = await issue("owner");
    expect((await fetchFeed(old)).status).toBe(404);
    expect((await fetchFeed(fresh)).status).toBe(200);
    const revoked = await post(calendar, path("/calendar"), "owner", { intent: "revoke-feed" });
    expect(revoked.status).toBe(200);
    expect((await fetchFeed(fresh)).status).toBe(404);
    expect((await fetchFeed("not-a-token.ics")).status).toBe(404);
    const rows = await t.db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, world.users.owner.id));
    expect(rows.every((r) => r.revokedAt !== null)).toBe(true);
  });

  it("shows a brand lead no competitor, and a creator no other creator's draft", async () => {
    const lead = await (await fetchFeed(await issue("brandLead"))).text();
    expect(events(lead).some((e) => e.summary.includes("Alpha reveal"))).toBe(true);
    expect(lead).not.toContain("Brand Z");
    expect(lead).not.toContain("Zeta");
    const creator = await (await fetchFeed(await issue("creator"))).text();
    expect(events(creator).some((e) => e.summary.includes("Alpha reveal"))).toBe(true);
    expect(creator).not.toContain("Beta carousel");
  });
});

describe("conflicts page", () => {
  it("groups by rule, then brand", async () => {
    const { body } = await getJson<{ rules: Rule[] }>(conflictsRoute, path("/conflicts"), "coordinator");
    const codes = body.rules.filter((r) => r.brands.some((g) => g.brandName === "Brand X")).map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(["CAMPAIGN_OVERLAP", "POST_COLLISION", "CREATOR_EXCLUSIVITY"]));
    for (const rule of body.rules) for (const g of rule.brands) for (const row of g.open) expect(row.code).toBe(rule.code);
    const filtered = await getJson<{ rules: Rule[] }>(conflictsRoute, `${path("/conflicts")}?brand=${ids.brandZ}`, "coordinator");
    expect([...new Set(filtered.body.rules.flatMap((r) => r.brands.map((g) => g.brandName)))]).toEqual(["Brand Z"]);
  });

  it("acknowledge needs a note (400 next to the field), is audited, and reopen undoes it", async () => {
    const collision = (await openConflicts()).find((c) => c.code === "POST_COLLISION")!;
    const empty = await post(conflictsRoute, path("/conflicts"), "coordinator", {
      intent: "acknowledge",
      conflictKey: collision.key,
      note: " ",
    });
    expect(empty.status).toBe(400);
    expect((await empty.json()).errors.note[0]).toMatch(/why/i);
    expect(await t.db.select({ n: count() }).from(conflictAcknowledgments)).toEqual([{ n: 0 }]);

    const ok = await post(conflictsRoute, path("/conflicts"), "coordinator", {
      intent: "acknowledge",
      conflictKey: collision.key,
      note: "Two creators, agreed with the brand.",
    });
    expect(ok.status).toBe(200);
    expect((await openConflicts()).some((c) => c.key === collision.key)).toBe(false);
    const { body } = await getJson<{ rules: Rule[] }>(conflictsRoute, path("/conflicts"), "coordinator");
    expect(body.rules.flatMap((r) => r.brands.flatMap((g) => g.settled)).map((c) => c.key)).toContain(collision.key);
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "conflict.acknowledged"), eq(auditEvents.objectId, collision.key)));
    expect(audit.data).toMatchObject({ note: "Two creators, agreed with the brand.", code: "POST_COLLISION" });

    const twice = await post(conflictsRoute, path("/conflicts"), "coordinator", {
      intent: "acknowledge",
      conflictKey: collision.key,
      note: "again, please",
    });
    expect(twice.status).toBe(409);
    const reopen = await post(conflictsRoute, path("/conflicts"), "coordinator", { intent: "reopen", conflictKey: collision.key });
    expect(reopen.status).toBe(200);
    expect((await openConflicts()).some((c) => c.key === collision.key)).toBe(true);
    const stale = await post(conflictsRoute, path("/conflicts"), "coordinator", {
      intent: "acknowledge",
      conflictKey: "POST_COLLISION:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa+bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
      note: "Does not exist",
    });
    expect(stale.status).toBe(404);
  });

  it("brand spacing and blackouts change the conflicts on the next read", async () => {
    const params = { brandId: world.brandX.id };
    const url = path(`/brands/${world.brandX.id}/rules`);
    const loose = await post(
      rulesRoute,
      url,
      "coordinator",
      { intent: "rules", category: "skincare", exclusivityDays: "14", spacing_instagram: "60" },
      params,
    );
    expect(loose.status).toBe(200);
    expect((await openConflicts()).some((c) => c.code === "POST_COLLISION")).toBe(false);
    const bad = await post(rulesRoute, url, "coordinator", { intent: "rules", exclusivityDays: "400", spacing_instagram: "-5" }, params);
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).errors).sort()).toEqual(["exclusivityDays", "spacing_instagram"]);
    expect(
      (await post(rulesRoute, url, "coordinator", { intent: "rules", category: "skincare", exclusivityDays: "14" }, params)).status,
    ).toBe(200);
    expect((await openConflicts()).some((c) => c.code === "POST_COLLISION")).toBe(true);

    const at = DateTime.utc().startOf("day").plus({ days: 5 });
    const backwards = await post(
      rulesRoute,
      url,
      "coordinator",
      {
        intent: "add-blackout",
        startsAt: at.plus({ hours: 10 }).toFormat("yyyy-LL-dd'T'HH:mm"),
        endsAt: at.toFormat("yyyy-LL-dd'T'HH:mm"),
        reason: "Embargo",
      },
      params,
    );
    expect(backwards.status).toBe(400);
    expect((await backwards.json()).errors.endsAt[0]).toMatch(/after the start/);
    const added = await post(
      rulesRoute,
      url,
      "coordinator",
      {
        intent: "add-blackout",
        startsAt: at.toFormat("yyyy-LL-dd'T'HH:mm"),
        endsAt: at.plus({ hours: 13 }).toFormat("yyyy-LL-dd'T'HH:mm"),
        reason: "Retailer embargo",
      },
      params,
    );
    expect(added.status).toBe(200);
    const blackouts = (await openConflicts()).filter((c) => c.code === "BLACKOUT");
    expect(blackouts.flatMap((c) => c.objects.map((o) => o.id))).toEqual(expect.arrayContaining([ids.dA]));
    expect(blackouts[0].message).toContain("Retailer embargo");
    const [row] = await t.db.select().from(brandBlackouts).where(eq(brandBlackouts.brandId, world.brandX.id));
    const foreign = await post(
      rulesRoute,
      path(`/brands/${world.brandY.id}/rules`),
      "coordinator",
      { intent: "remove-blackout", blackoutId: row.id },
      { brandId: world.brandY.id },
    );
    expect(foreign.status).toBe(404);
    expect((await post(rulesRoute, url, "coordinator", { intent: "remove-blackout", blackoutId: row.id }, params)).status).toBe(200);
    expect((await openConflicts()).some((c) => c.code === "BLACKOUT")).toBe(false);
  });

  it("moving a deliverable through the conflicts page resolves the collision; bad times are 400, unknown ids 404", async () => {
    const past = await post(conflictsRoute, path("/conflicts"), "coordinator", {
      intent: "move",
      deliverableId: ids.dB,
      publishAt: "2001-01-01T10:00",
    });
    expect(past.status).toBe(400);
    expect((await past.json()).errors.publishAt[0]).toMatch(/future/);
    const malformed = await post(conflictsRoute, path("/conflicts"), "coordinator", {
      intent: "move",
      deliverableId: ids.dB,
      publishAt: "tomorrow",
    });
    expect(malformed.status).toBe(400);
    const unknown = await post(conflictsRoute, path("/conflicts"), "coordinator", {
      intent: "move",
      deliverableId: "e".repeat(32),
      publishAt: "2099-01-01T10:00",
    });
    expect(unknown.status).toBe(404);

    const [before] = await t.db.select().from(deliverables).where(eq(deliverables.id, ids.dB));
    const target = new Date(before.publishAt.getTime() + 24 * 3_600_000);
    const moved = await post(conflictsRoute, path("/conflicts"), "coordinator", {
      intent: "move",
      deliverableId: ids.dB,
      publishAt: isoLocal(target),
    });
    expect(moved.status).toBe(200);
    const [after] = await t.db.select().from(deliverables).where(eq(deliverables.id, ids.dB));
    expect(after.publishAt.getTime()).toBe(target.getTime());
    expect((await openConflicts()).some((c) => c.code === "POST_COLLISION")).toBe(false);
    expect(
      await t.db
        .select({ n: count() })
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "deliverable.rescheduled"), eq(auditEvents.objectId, ids.dB))),
    ).toEqual([{ n: 1 }]);
  });
});

describe("bad input on every calendar action: 400 with a message, nothing written", () => {
  const cases: {
    name: string;
    load: () => Promise<{ action: (a: never) => unknown }>;
    url: () => string;
    params?: () => Record<string, string>;
    intents: Record<string, string[]>;
  }[] = [
    { name: "calendar", load: calendar, url: () => path("/calendar"), intents: { "time-zone": ["timeZone"] } },
    {
      name: "conflicts",
      load: conflictsRoute,
      url: () => path("/conflicts"),
      intents: {
        acknowledge: ["conflictKey", "note"],
        "acknowledge-group": ["code", "brandId", "count", "note"],
        reopen: ["conflictKey"],
        move: ["deliverableId", "publishAt"],
      },
    },
    {
      name: "brand rules",
      load: rulesRoute,
      url: () => path(`/brands/${world.brandX.id}/rules`),
      params: () => ({ brandId: world.brandX.id }),
      intents: {
        rules: ["category", "exclusivityDays", "spacing_instagram"],
        "add-blackout": ["startsAt", "endsAt", "reason"],
        "remove-blackout": ["blackoutId"],
      },
    },
  ];
  const TABLES = [auditEvents, conflictAcknowledgments, brandBlackouts, calendarFeeds];
  const snapshot = async () => [
    ...(await Promise.all(TABLES.map(async (tb) => (await t.db.select({ n: count() }).from(tb))[0].n))),
    JSON.stringify(await t.db.select({ p: deliverables.publishAt }).from(deliverables).orderBy(deliverables.id)),
  ];

  it.each(cases)("$name", async (c) => {
    const variants: Record<string, string | string[] | Blob>[] = [{ intent: "drop-tables" }, {}];
    for (const [intent, fields] of Object.entries(c.intents)) variants.push(...badInputVariants(intent, fields).map(([, form]) => form));
    const before = await snapshot();
    for (const form of variants) {
      const res = await post(c.load, c.url(), "owner", form, c.params?.() ?? {});
      expect(res.status, JSON.stringify(Object.keys(form))).toBe(400);
      const body = await res.json();
      const messages = [body.formError, ...Object.values((body.errors ?? {}) as Record<string, string[]>).flat()].filter(Boolean);
      expect(messages.length).toBeGreaterThan(0);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("home: when a conflict is due", () => {
  it("an exclusivity clash with a post already out is due when the coming post goes live, not overdue", async () => {
    const past = DateTime.utc().minus({ days: 3 }).set({ minute: 0, second: 0, millisecond: 0 });
    await t.db.insert(deliverables).values({
      workspaceId: world.a.id,
      campaignId: ids.campZ,
      brandId: ids.brandZ,
      creatorId: world.creatorN.id,
      channel: "tiktok",
      title: "Zeta last week",
      publishAt: past.toJSDate(),
      status: "published",
    });
    const { calendarWaiting } = await import("~/modules/calendar/waiting.server");
    const { requireMember } = await import("~/modules/workspaces/authz.server");
    const items = await calendarWaiting(await requireMember(makeRequest(path(""), { cookie: cookie.coordinator }), world.a.slug));
    const [beta] = await t.db.select().from(deliverables).where(eq(deliverables.id, ids.dB));
    const clash = items.find((i) => i.detail.includes("Zeta last week") && i.detail.includes("Beta carousel"));
    expect(clash?.dueAt).toBe(beta.publishAt.toISOString());
    expect(new Date(clash!.dueAt!).getTime()).toBeGreaterThan(Date.now());
    // Soonest first.
    const due = items.map((i) => new Date(i.dueAt!).getTime());
    expect([...due].sort((a, b) => a - b)).toEqual(due);
  });
});
