import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditEvents, workspaces } from "@db/schema";
import { useTestDatabase } from "../../support/db";
import { call, jsonOf, makeRequest, sessionCookie } from "../../support/http";
import { buildWorld, type World } from "../../support/world";

/**
 * The workspace time zone (decision 053): UTC by default, set on the settings page, any IANA zone
 * luxon knows (stored in its canonical spelling), audited with the zone it replaced; insights count
 * days and ISO weeks in it.
 */

const t = useTestDatabase();
let world: World;
let owner: string;
const settings = () => import("~/routes/w.$workspace.settings");
const base = { name: "Alpha Studio", accentColor: "#4f46e5", logoUrl: "", welcomeText: "", signoffWindowHours: "48" };

beforeAll(async () => {
  // Sunday 8 March 2026, 23:30 UTC: already Monday 9 March in Berlin.
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-03-08T23:30:00Z") });
  world = await buildWorld(t.db);
  owner = await sessionCookie(world.users.owner.id);
});
afterAll(() => vi.useRealTimers());

const post = async (form: Record<string, string>) =>
  call((await settings()).action, makeRequest(`/w/${world.a.slug}/settings`, { cookie: owner, form }), { workspace: world.a.slug });
const zone = async () => (await t.db.select({ z: workspaces.timeZone }).from(workspaces).where(eq(workspaces.id, world.a.id)))[0].z;
const insightsPeriod = async () => {
  const { loader } = await import("~/routes/w.$workspace.insights._index");
  const res = await call(loader, makeRequest(`/w/${world.a.slug}/insights`, { cookie: owner }), { workspace: world.a.slug });
  return ((await res.json()) as { filters: { values: { from: string; to: string } } }).filters.values;
};

describe("the workspace time zone", () => {
  it("is UTC until someone chooses another, and the settings page offers every IANA zone, UTC first", async () => {
    expect(await zone()).toBe("UTC");
    const res = await call((await settings()).loader, makeRequest(`/w/${world.a.slug}/settings`, { cookie: owner }), {
      workspace: world.a.slug,
    });
    const data = await jsonOf<{ values: { timeZone: string }; zones: { value: string; label: string }[] }>(res);
    expect(data.values.timeZone).toBe("UTC");
    expect(data.zones[0]).toEqual({ value: "UTC", label: "UTC (UTC+0)" });
    expect(data.zones).toContainEqual({ value: "Europe/Berlin", label: "Europe/Berlin (UTC+1)" });
    expect(await insightsPeriod()).toEqual({ from: "2025-12-15", to: "2026-03-08", brand: "", agency: "", channel: "" });
  });

  it("refuses a zone luxon does not know, next to the field, and changes nothing", async () => {
    for (const bad of ["Mars/Olympus_Mons", "", "Europe/Berlin\u0000"]) {
      const res = await post({ ...base, timeZone: bad });
      expect(res.status).toBe(400);
      expect((await jsonOf<{ errors: Record<string, string[]> }>(res)).errors.timeZone?.[0]).toMatch(/Choose a time zone/);
    }
    expect(await zone()).toBe("UTC");
  });

  it("saves a zone in its canonical spelling, audits it with the zone before, and insights count today in it", async () => {
    expect((await post({ ...base, timeZone: "europe/berlin" })).status).toBe(200);
    expect(await zone()).toBe("Europe/Berlin");
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "workspace.settings_changed"))
      .orderBy(desc(auditEvents.createdAt))
      .limit(1);
    expect(event.data).toMatchObject({ timeZone: "Europe/Berlin", timeZoneBefore: "UTC" });
    // Monday 9 March in Berlin: the default 12 weeks now end on Monday and start a week later.
    expect(await insightsPeriod()).toMatchObject({ from: "2025-12-22", to: "2026-03-09" });
  });

  it("keeps the zone when a form without the field is posted (an older page)", async () => {
    expect((await post(base)).status).toBe(200);
    expect(await zone()).toBe("Europe/Berlin");
  });
});
