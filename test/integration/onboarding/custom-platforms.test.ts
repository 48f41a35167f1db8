import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accessSteps, auditEvents, customPlatforms, customPlatformVersions, onboardingLinks } from "@db/schema";
import { useTestDatabase } from "../../support/db";
import { call, jsonOf, makeRequest, sessionCookie } from "../../support/http";
import { buildWorld, type World } from "../../support/world";
import { PLATFORM_FORM, setIdentities } from "./setup";
import { memberContext } from "../services/helpers";

/**
 * Custom platforms (issue 20 part 2, decision 061) through the real routes: an admin defines one,
 * a link is sent with it, the client gives a wrong then a right ID, the agency verifies by hand;
 * editing the platform later leaves the sent link on the version it was sent with.
 */
const t = useTestDatabase();
let world: World;
let owner: string;
let ipCounter = 0;
const ip = () => `203.0.113.${ipCounter++ % 250}`;
const listPage = () => import("~/routes/w.$workspace.settings_.platforms._index");
const newPage = () => import("~/routes/w.$workspace.settings_.platforms.new");
const editPage = () => import("~/routes/w.$workspace.settings_.platforms.$platformId");
const newLink = () => import("~/routes/w.$workspace.onboarding.new");
const linkPage = () => import("~/routes/w.$workspace.onboarding.$linkId");
const clientPage = () => import("~/routes/onboard.$token");

beforeAll(async () => {
  world = await buildWorld(t.db);
  await setIdentities(t.db, world.a.id);
  owner = await sessionCookie(world.users.owner.id);
});

const key = () => `k${Math.random().toString(36).slice(2, 14)}`;
const ws = (extra: Record<string, string> = {}) => ({ workspace: world.a.slug, ...extra });

async function create(form: Record<string, string | string[]>, cookie = owner) {
  return call(
    (await newPage()).action,
    makeRequest(`/w/${world.a.slug}/settings/platforms/new`, { form: { idempotencyKey: key(), ...form }, cookie }),
    ws(),
  );
}
async function edit(id: string, form: Record<string, string | string[]>, cookie = owner) {
  return call(
    (await editPage()).action,
    makeRequest(`/w/${world.a.slug}/settings/platforms/${id}`, { form, cookie }),
    ws({ platformId: id }),
  );
}
const idFrom = (res: Response) => res.headers.get("Location")!.split("/")[5].split("?")[0];

describe("custom platforms", () => {
  it("created, sent, a wrong then a right ID, verified by hand; an edit leaves the sent link on v1", async () => {
    const created = await create(PLATFORM_FORM);
    expect(created.status).toBe(302);
    const id = idFrom(created);
    const [platform] = await t.db.select().from(customPlatforms).where(eq(customPlatforms.id, id));
    expect([platform.key, platform.currentVersion]).toEqual(["custom:pinterest-ads", 1]);

    // The new-link form offers it beside the built-in ones, ticked by the preset that names it.
    const form = await jsonOf<{ platforms: Array<{ key: string; presetRole: string | null; roles: string[] }> }>(
      await call(
        (await newLink()).loader,
        makeRequest(`/w/${world.a.slug}/onboarding/new?serviceType=paid_social`, { cookie: owner }),
        ws(),
      ),
    );
    expect(form.platforms.find((p) => p.key === "custom:pinterest-ads")).toMatchObject({
      presetRole: "Analyst",
      roles: ["Analyst", "Admin"],
    });

    // A role the platform does not have is refused next to its field.
    const base = {
      idempotencyKey: key(),
      brandId: "new",
      newClientName: "Harbor Tea",
      clientEmail: "mia@harbor.example",
      expiresInDays: "30",
      "platform_custom:pinterest-ads": "on",
    };
    const badRole = await call(
      (await newLink()).action,
      makeRequest(`/w/${world.a.slug}/onboarding/new`, { form: { ...base, "role_custom:pinterest-ads": "Owner" }, cookie: owner }),
      ws(),
    );
    expect(badRole.status).toBe(400);
    expect((await jsonOf<{ errors: Record<string, string[]> }>(badRole)).errors["role_custom:pinterest-ads"][0]).toMatch(/no role “Owner”/);

    const sent = await call(
      (await newLink()).action,
      makeRequest(`/w/${world.a.slug}/onboarding/new`, { form: { ...base, "role_custom:pinterest-ads": "Analyst" }, cookie: owner }),
      ws(),
    );
    expect(sent.status).toBe(200);
    const { created: link } = await jsonOf<{ created: { linkId: string; url: string } }>(sent);
    const token = link.url.slice(link.url.lastIndexOf("/") + 1);
    const [step] = await t.db.select().from(accessSteps).where(eq(accessSteps.linkId, link.linkId));
    const [v1] = await t.db.select().from(customPlatformVersions).where(eq(customPlatformVersions.platformId, id));
    expect([step.platformKey, step.customPlatformVersionId, step.role]).toEqual(["custom:pinterest-ads", v1.id, "Analyst"]);

    // The admin edits it: version 2 with other steps and another pattern; version 1 is kept.
    const saved = await edit(id, {
      ...PLATFORM_FORM,
      intent: "save",
      version: "1",
      steps_en: "1. Something else entirely.",
      idPattern: "[a-z]{5}",
      idExample: "abcde",
      idWrongMessage: "Five letters.",
    });
    expect(saved.status).toBe(200);
    expect((await jsonOf<{ notice: string }>(saved)).notice).toMatch(/version 2/);
    expect((await t.db.select({ n: count() }).from(customPlatformVersions).where(eq(customPlatformVersions.platformId, id)))[0].n).toBe(2);
    // The same form sent again from the page as it was (version 1) is a conflict, not a silent overwrite.
    expect((await edit(id, { ...PLATFORM_FORM, intent: "save", version: "1" })).status).toBe(409);

    // The client still reads v1's steps, with our identity and the role filled in.
    const page = await jsonOf<{
      page: { steps: Array<{ name: string; instructions: string[]; agencyId: string; asset: { label: string } }> };
    }>(await call((await clientPage()).loader, makeRequest(`/onboard/${token}`, { ip: ip() }), { token }));
    expect(page.page.steps[0]).toMatchObject({
      name: "Pinterest Ads",
      agencyId: "ads@agency.example",
      instructions: ["Open Business settings.", "Add ads@agency.example as a partner with Analyst."],
      asset: { label: "Ad account ID" },
    });

    // In the link's language when the admin wrote it; else the admin's, with a notice the client sees.
    const readAs = async (locale: string) => {
      await t.db.update(onboardingLinks).set({ locale }).where(eq(onboardingLinks.id, link.linkId));
      const res = await call((await clientPage()).loader, makeRequest(`/onboard/${token}`, { ip: ip() }), { token });
      return (await jsonOf<{ page: { steps: Array<{ instructions: string[]; languageNotice: string | null }> } }>(res)).page.steps[0];
    };
    expect(await readAs("es")).toMatchObject({
      instructions: ["Abra la configuración.", "Añada ads@agency.example con el rol «Analyst»."],
      languageNotice: null,
    });
    expect(await readAs("de")).toMatchObject({
      instructions: ["Open Business settings.", "Add ads@agency.example as a partner with Analyst."],
      languageNotice: "Diese Schritte sind auf Englisch: Die Agentur hat sie nicht in Ihrer Sprache verfasst.",
    });
    await readAs("en");

    // A wrong ID (v2's pattern would take it) is a 400 with the admin's v1 message; a right one confirms.
    const post = async (form: Record<string, string>) =>
      call((await clientPage()).action, makeRequest(`/onboard/${token}`, { form, ip: ip() }), { token });
    const wrong = await post({ intent: "confirm", stepId: step.id, assetId: "abcde" });
    expect(wrong.status).toBe(400);
    expect((await jsonOf<{ errors: Record<string, string[]> }>(wrong)).errors.assetId).toEqual([
      "An ad account ID is 12 digits: Business settings > Ad accounts.",
    ]);
    const right = await post({ intent: "confirm", stepId: step.id, assetId: " 549755813888 " });
    expect(right.status).toBe(302);
    let [row] = await t.db.select().from(accessSteps).where(eq(accessSteps.id, step.id));
    expect([row.status, row.assetId]).toEqual(["confirmed", "549755813888"]);

    // The agency sees the version the link was sent with, and verifies by hand.
    const detail = await jsonOf<{ steps: Array<{ name: string }> }>(
      await call(
        (await linkPage()).loader,
        makeRequest(`/w/${world.a.slug}/onboarding/${link.linkId}`, { cookie: owner }),
        ws({ linkId: link.linkId }),
      ),
    );
    expect(detail.steps[0].name).toBe("Pinterest Ads (custom, version 1)");
    const verified = await call(
      (await linkPage()).action,
      makeRequest(`/w/${world.a.slug}/onboarding/${link.linkId}`, {
        form: { intent: "verify", stepId: step.id, version: String(row.rowVersion) },
        cookie: owner,
      }),
      ws({ linkId: link.linkId }),
    );
    expect(verified.status).toBe(200);
    expect((await jsonOf<{ notice: string }>(verified)).notice).toBe("Pinterest Ads verified.");
    [row] = await t.db.select().from(accessSteps).where(eq(accessSteps.id, step.id));
    expect([row.status, row.verifiedBy]).toEqual(["verified", world.users.owner.id]);
    // The links list's time-to-verified names it as the agency does, not by its key.
    const { listLinks } = await import("~/modules/onboarding/link-queries.server");
    const { metrics } = await listLinks(await memberContext(world.users.owner.id, world.a.slug));
    const custom = metrics.platforms.find((p) => p.platformKey.startsWith("custom:"));
    expect(custom?.name).toBe("Pinterest Ads");
  });

  it("shows the admin's language with a notice when the link's language has no steps", async () => {
    const created = await create({ ...PLATFORM_FORM, name: "Snap Ads" });
    const id = idFrom(created);
    const [version] = await t.db.select().from(customPlatformVersions).where(eq(customPlatformVersions.platformId, id));
    const { resolveStepPlatform } = await import("~/modules/onboarding/step-platform");
    const { readDefinition } = await import("~/modules/onboarding/custom-platforms");
    const pinned = new Map([[version.id, { version: 1, definition: readDefinition(version.definition)! }]]);
    const ref = { platformKey: "custom:snap-ads", customPlatformVersionId: version.id };
    expect(resolveStepPlatform(ref, pinned, "es")?.languageNotice).toBeNull();
    expect(resolveStepPlatform(ref, pinned, "de")?.languageNotice).toBe(
      "Diese Schritte sind auf Englisch: Die Agentur hat sie nicht in Ihrer Sprache verfasst.",
    );
  });

  it("archives: gone from the new-link form, a post naming it is refused; restore brings it back", async () => {
    const id = idFrom(await create({ ...PLATFORM_FORM, name: "Reddit Ads" }));
    expect((await edit(id, { intent: "archive" })).status).toBe(200);
    const form = await jsonOf<{ platforms: Array<{ key: string }> }>(
      await call((await newLink()).loader, makeRequest(`/w/${world.a.slug}/onboarding/new`, { cookie: owner }), ws()),
    );
    expect(form.platforms.map((p) => p.key)).not.toContain("custom:reddit-ads");
    const refused = await call(
      (await newLink()).action,
      makeRequest(`/w/${world.a.slug}/onboarding/new`, {
        form: {
          idempotencyKey: key(),
          brandId: "new",
          newClientName: "X Co",
          expiresInDays: "30",
          "platform_custom:reddit-ads": "on",
          "role_custom:reddit-ads": "Analyst",
        },
        cookie: owner,
      }),
      ws(),
    );
    expect(refused.status).toBe(400);
    expect((await edit(id, { intent: "restore" })).status).toBe(200);
    const actions = await t.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.objectId, id));
    expect(actions.map((a) => a.action).sort()).toEqual([
      "custom_platform.archived",
      "custom_platform.created",
      "custom_platform.restored",
    ]);
  });

  it("keeps each workspace's platforms to itself", async () => {
    const mine = idFrom(await create({ ...PLATFORM_FORM, name: "Only Ours" }));
    const outsider = await sessionCookie(world.users.outsider.id);
    // The owner of workspace B opens A's platform through B's address: not found, and nothing changes.
    const foreign = await call(
      (await editPage()).loader,
      makeRequest(`/w/${world.b.slug}/settings/platforms/${mine}`, { cookie: outsider }),
      { workspace: world.b.slug, platformId: mine },
    );
    expect(foreign.status).toBe(404);
    const archive = await call(
      (await editPage()).action,
      makeRequest(`/w/${world.b.slug}/settings/platforms/${mine}`, { form: { intent: "archive" }, cookie: outsider }),
      { workspace: world.b.slug, platformId: mine },
    );
    expect(archive.status).toBe(404);
    expect((await t.db.select().from(customPlatforms).where(eq(customPlatforms.id, mine)))[0].archivedAt).toBeNull();
    const theirs = await jsonOf<{ platforms: Array<{ key: string }> }>(
      await call((await listPage()).loader, makeRequest(`/w/${world.b.slug}/settings/platforms`, { cookie: outsider }), {
        workspace: world.b.slug,
      }),
    );
    expect(theirs.platforms).toEqual([]);
    const ours = await jsonOf<{ platforms: Array<{ key: string }> }>(
      await call((await listPage()).loader, makeRequest(`/w/${world.a.slug}/settings/platforms`, { cookie: owner }), ws()),
    );
    expect(ours.platforms.map((p) => p.key)).toContain("custom:only-ours");
  });
});

describe("bad input is a 400 that keeps what was typed, and writes nothing", () => {
  const platformCount = async () => (await t.db.select({ n: count() }).from(customPlatforms))[0].n;

  it.each([
    ["a NUL byte", { name: "Pin\u0000terest" }, "name", /control character/],
    ["a pattern over 200 characters", { idPattern: "\\d".repeat(101) }, "idPattern", /200/],
    ["a catastrophic pattern", { idPattern: "(\\d+)+", idExample: "1" }, "idPattern", /repeat/],
    ["a pattern that does not compile", { idPattern: "[0-9" }, "idPattern", /not a valid pattern/],
    ["an example the pattern refuses", { idExample: "12" }, "idExample", /does not match/],
    ["no steps in the admin's language", { steps_en: "" }, "steps_en", /Write the steps in English/],
    ["no roles", { roles: "" }, "roles", /role/],
    ["a huge body", { steps_en: "x".repeat(50_000) }, "steps_en", /under/],
    ["an unknown preset", { presets: "gardening" }, "presets", /./],
  ] as const)("%s", async (_what, over, field, message) => {
    const before = await platformCount();
    const res = await create({ ...PLATFORM_FORM, name: `Bad ${Math.random()}`, ...over });
    expect(res.status).toBe(400);
    const body = await jsonOf<{ errors: Record<string, string[]>; values: Record<string, string> }>(res);
    expect(body.errors[field]?.[0]).toMatch(message);
    // Nothing typed is lost: the answer carries the form back.
    expect(body.values.identity).toBe(PLATFORM_FORM.identity);
    expect(body.values.steps_es.replace(/\r\n/g, "\n")).toBe(PLATFORM_FORM.steps_es);
    expect(await platformCount()).toBe(before);
  });

  it("an edit with bad input writes no version; a bad id is a 404", async () => {
    const id = idFrom(await create({ ...PLATFORM_FORM, name: "Quora Ads" }));
    const res = await edit(id, { ...PLATFORM_FORM, intent: "save", version: "1", idPattern: "(a|a)*", idExample: "a" });
    expect(res.status).toBe(400);
    expect((await t.db.select({ n: count() }).from(customPlatformVersions).where(eq(customPlatformVersions.platformId, id)))[0].n).toBe(1);
    expect((await edit(id, { intent: "explode" })).status).toBe(400);
    expect((await edit(id, { ...PLATFORM_FORM, intent: "save", version: "x" })).status).toBe(400);
    expect((await edit("../../etc", { intent: "archive" })).status).toBe(404);
    expect((await edit("0".repeat(32), { intent: "archive" })).status).toBe(404);
  });

  it("a create without its form key is a 400", async () => {
    const res = await call(
      (await newPage()).action,
      makeRequest(`/w/${world.a.slug}/settings/platforms/new`, { form: { ...PLATFORM_FORM }, cookie: owner }),
      ws(),
    );
    expect(res.status).toBe(400);
  });
});
