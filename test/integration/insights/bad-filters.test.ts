import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../../support/db";
import { call, makeRequest, sessionCookie } from "../../support/http";
import { buildWorld, type World } from "../../support/world";

/**
 * Property 20 for the insights page's GET routes: a filter that cannot be read (a malformed or
 * impossible day, a period too long or backwards, a brand or agency the viewer is not offered, an
 * unknown channel or table, a repeated parameter, a NUL byte, an oversized value) answers 400 with
 * a sentence a person can act on, never a 500 and never figures for some other filter.
 */

const t = useTestDatabase();
let world: World;
let cookies: Record<"owner" | "lead", string>;

beforeAll(async () => {
  world = await buildWorld(t.db);
  cookies = { owner: await sessionCookie(world.users.owner.id), lead: await sessionCookie(world.users.brandLead.id) };
});

const page = () => import("~/routes/w.$workspace.insights._index");
const csv = () => import("~/routes/w.$workspace.insights[.]csv");

async function get(route: typeof page | typeof csv, path: string, who: keyof typeof cookies = "owner") {
  const { loader } = await route();
  return call(loader, makeRequest(`/w/${world.a.slug}${path}`, { cookie: cookies[who] }), { workspace: world.a.slug });
}

const BAD: [string, (w: World) => string, RegExp][] = [
  ["a day that does not exist", () => "from=2026-02-30&to=2026-03-10", /first day of the period/],
  ["a day in the wrong format", () => "from=03/01/2026&to=2026-03-10", /first day of the period/],
  ["a five-digit year", () => "from=2026-01-01&to=20260-01-01", /last day of the period/],
  ["only one end of the period", () => "from=2026-01-01", /last day of the period/],
  ["a period that ends before it starts", () => "from=2026-03-10&to=2026-03-01", /ends before it starts/],
  ["a period longer than a year", () => "from=2025-01-01&to=2026-03-01", /at most 366 days/],
  ["a brand id that is not an id", () => "brand=lumen", /Choose a brand from the list/],
  ["a brand of another workspace", (w) => `brand=${w.brandB.id}`, /Choose a brand from the list/],
  ["an agency nobody has", () => `agency=${"f".repeat(32)}`, /Choose an agency from the list/],
  ["an unknown channel", () => "channel=myspace", /Choose a channel from the list/],
  ["a repeated brand", (w) => `brand=${w.brandX.id}&brand=${w.brandY.id}`, /more than one/],
  ["a NUL byte", () => "channel=x%00y", /Choose a channel from the list/],
  ["an oversized value", () => `from=${"9".repeat(5000)}&to=2026-01-01`, /first day of the period/],
];

describe.each([
  ["the page", page, ""],
  ["the CSV", csv, "table=headlines&"],
] as const)("%s", (_name, route, prefix) => {
  it.each(BAD)("%s → 400 with a message", async (_label, query, message) => {
    const res = await get(route, `/insights${route === csv ? ".csv" : ""}?${prefix}${query(world)}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(message);
  });
});

describe("the CSV's table", () => {
  it.each([
    ["no table", ""],
    ["an unknown table", "table=passwords"],
    ["two tables", "table=weeks&table=brands"],
  ])("%s → 400 naming the tables there are", async (_label, query) => {
    const res = await get(csv, `/insights.csv?${query}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/^Choose one table to download: headlines, weeks, /);
  });
});

describe("a brand lead", () => {
  it("cannot ask for another brand: it reads exactly like a brand that does not exist", async () => {
    const other = await get(page, `/insights?brand=${world.brandY.id}`, "lead");
    const none = await get(page, `/insights?brand=${"e".repeat(32)}`, "lead");
    expect([other.status, none.status]).toEqual([400, 400]);
    expect(await other.json()).toEqual(await none.json());
  });

  it("may ask for its own brand, and gets the page", async () => {
    expect((await get(page, `/insights?brand=${world.brandX.id}`, "lead")).status).toBe(200);
  });
});

describe("good filters", () => {
  it("answers the page and the CSV for a period, a brand, an agency and a channel", async () => {
    const query = `from=2026-03-02&to=2026-03-29&brand=${world.brandX.id}&agency=${world.agencyP.id}&channel=instagram`;
    expect((await get(page, `/insights?${query}`)).status).toBe(200);
    expect((await get(csv, `/insights.csv?table=weeks&${query}`)).status).toBe(200);
  });
});
