import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import { accessSteps, campaigns, deliverables, onboardingLinks } from "@db/schema";
import { platformCatalog } from "~/modules/onboarding/catalog";
import { useTestDatabase } from "../../support/db";
import { call, makeRequest, sessionCookie } from "../../support/http";
import { buildWorld, type World } from "../../support/world";

/**
 * Channels come from one home (app/modules/channels): X reaches the calendar's filter and the brand
 * spacing rules, needs no platform access, and Instagram's access rule reads the onboarding
 * catalog's own key, so verified Instagram access satisfies it.
 */
const t = useTestDatabase();
let world: World;
let coordinator: string;
let month: string;

const calendar = () => import("~/routes/w.$workspace.calendar");
const rulesRoute = () => import("~/routes/w.$workspace.brands.$brandId.rules");

type Item = { title: string; kind: string; conflicts: { code: string }[] };
type CalendarData = { items: Item[]; options: { channels: { value: string; label: string }[] } };

/** The list view: month chips stop at three a day, the list shows every item. */
async function calendarData(query = ""): Promise<CalendarData> {
  const { loader } = await calendar();
  const res = await call(loader, makeRequest(`/w/${world.a.slug}/calendar?view=list&month=${month}${query}`, { cookie: coordinator }), {
    workspace: world.a.slug,
  });
  expect(res.status).toBe(200);
  return (await res.json()) as CalendarData;
}

const codesOf = (items: Item[], title: string) => items.find((i) => i.title === title)!.conflicts.map((c) => c.code);

async function saveRules(brandId: string, fields: Record<string, string>) {
  const { action } = await rulesRoute();
  const form = { intent: "rules", category: "skincare", exclusivityDays: "14", ...fields };
  return call(action, makeRequest(`/w/${world.a.slug}/brands/${brandId}/rules`, { cookie: coordinator, form }), {
    workspace: world.a.slug,
    brandId,
  });
}

beforeAll(async () => {
  world = await buildWorld(t.db);
  coordinator = await sessionCookie(world.users.coordinator.id);
  const day = DateTime.utc().startOf("day");
  const publish = day.plus({ days: 5 }).set({ hour: 12 });
  month = publish.toFormat("yyyy-LL");
  const campaign = async (brandId: string, name: string, channels: string[]) => {
    const [row] = await t.db
      .insert(campaigns)
      .values({
        workspaceId: world.a.id,
        brandId,
        leadAgencyId: world.agencyP.id,
        name,
        status: "active",
        channels,
        startsAt: day.minus({ days: 1 }).toJSDate(),
        endsAt: day.plus({ days: 20 }).toJSDate(),
      })
      .returning();
    return row;
  };
  const launch = await campaign(world.brandX.id, "X launch", ["x", "instagram"]);
  const outdoor = await campaign(world.brandY.id, "Y trail week", ["instagram"]);
  const row = (c: typeof launch, channel: string, title: string, at: DateTime) => ({
    workspaceId: world.a.id,
    campaignId: c.id,
    brandId: c.brandId,
    creatorId: null,
    channel,
    title,
    publishAt: at.toJSDate(),
    status: "draft",
  });
  await t.db
    .insert(deliverables)
    .values([
      row(launch, "x", "X teaser", publish),
      row(launch, "x", "X follow-up", publish.plus({ hours: 1 })),
      row(launch, "instagram", "Instagram reel", publish.plus({ hours: 3 })),
      row(outdoor, "instagram", "Trail reel", publish.plus({ hours: 3 })),
    ]);
  // Brand X's Instagram access is verified, recorded under the catalog's own platform key.
  const [link] = await t.db
    .insert(onboardingLinks)
    .values({
      workspaceId: world.a.id,
      brandId: world.brandX.id,
      clientName: "Brand X",
      tokenHash: `channels-${Math.random()}`,
      createdBy: world.users.owner.id,
      expiresAt: new Date(Date.now() + 30 * 86_400_000),
    })
    .returning();
  await t.db.insert(accessSteps).values({
    workspaceId: world.a.id,
    linkId: link.id,
    platformKey: platformCatalog.instagram.key,
    role: "Admin",
    status: "verified",
    assetId: "lumenskincare",
  });
});

describe("channels on the calendar", () => {
  it("offers X in the channel filter and filters by it", async () => {
    const all = await calendarData();
    expect(all.options.channels).toContainEqual({ value: "x", label: "X" });
    const onX = await calendarData("&channel=x");
    const titles = onX.items.filter((i) => i.kind === "deliverable").map((i) => i.title);
    expect(titles.sort()).toEqual(["X follow-up", "X teaser"]);
  });

  it("raises no ACCESS_MISSING for X, nor for Instagram once the catalog's instagram access is verified", async () => {
    const { items } = await calendarData();
    expect(codesOf(items, "X teaser")).not.toContain("ACCESS_MISSING");
    expect(codesOf(items, "Instagram reel")).not.toContain("ACCESS_MISSING");
    // The same rule still asks brand Y, whose Instagram access nobody verified.
    expect(codesOf(items, "Trail reel")).toContain("ACCESS_MISSING");
  });

  it("applies brand spacing to X, and the brand rules page sets it", async () => {
    expect(codesOf((await calendarData()).items, "X follow-up")).toContain("POST_COLLISION");

    const { loader } = await rulesRoute();
    const page = await call(loader, makeRequest(`/w/${world.a.slug}/brands/${world.brandX.id}/rules`, { cookie: coordinator }), {
      workspace: world.a.slug,
      brandId: world.brandX.id,
    });
    expect(((await page.json()) as { brand: { spacing: Record<string, string> } }).brand.spacing).toHaveProperty("x", "");

    const bad = await saveRules(world.brandX.id, { spacing_x: "-5" });
    expect(bad.status).toBe(400);
    expect(Object.keys(((await bad.json()) as { errors: Record<string, string[]> }).errors)).toEqual(["spacing_x"]);

    expect((await saveRules(world.brandX.id, { spacing_x: "30" })).status).toBe(200);
    expect(codesOf((await calendarData()).items, "X follow-up")).not.toContain("POST_COLLISION");
  });
});
