import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accessSteps, auditEvents, brands, offboardingItems, onboardingLinks, workspaces } from "@db/schema";
import { useTestDatabase } from "../../support/db";
import { call, jsonOf, makeRequest, sessionCookie } from "../../support/http";
import { buildWorld, type World } from "../../support/world";
import { drain } from "../services/helpers";
import { forwardStep } from "~/modules/onboarding/client-steps.server";
import { revokeLink } from "~/modules/onboarding/links.server";
import { clientCtx, makeLink, setIdentities, tokenFromMail } from "./setup";

/** The agency's onboarding pages through their loaders and actions, with real sessions. */
const t = useTestDatabase();
let world: World;
let owner: string;
let agency: string;
const newPage = () => import("~/routes/w.$workspace.onboarding.new");
const detail = () => import("~/routes/w.$workspace.onboarding.$linkId");
const list = () => import("~/routes/w.$workspace.onboarding._index");
const identities = () => import("~/routes/w.$workspace.access-identities");
const ledger = () => import("~/routes/w.$workspace.brands.$brandId.access");

beforeAll(async () => {
  world = await buildWorld(t.db);
  await setIdentities(t.db, world.a.id);
  owner = await sessionCookie(world.users.owner.id);
  agency = await sessionCookie(world.users.agencyMember.id);
});

const ws = () => ({ workspace: world.a.slug });
async function counts() {
  const n = async (table: typeof onboardingLinks | typeof brands | typeof auditEvents | typeof accessSteps) =>
    (await t.db.select({ n: count() }).from(table))[0].n;
  return [await n(onboardingLinks), await n(brands), await n(auditEvents), await n(accessSteps)];
}
const createForm = (over: Record<string, string | string[]> = {}) => ({
  idempotencyKey: `k-${Math.random().toString(36).slice(2, 12)}`,
  brandId: "new",
  newClientName: "Harbor Tea",
  recipientName: "Mia",
  clientEmail: "mia@harbor.example",
  platform_meta_ad_account: "on",
  role_meta_ad_account: "Manage campaigns",
  platform_ga4: "on",
  role_ga4: "Analyst",
  agreement: "on",
  sendEmail: "on",
  expiresInDays: "30",
  ...over,
});

describe("new link", () => {
  it("the form offers a least-privilege preset per service type", async () => {
    const res = await call(
      (await newPage()).loader,
      makeRequest(`/w/${world.a.slug}/onboarding/new?serviceType=analytics_tracking`, { cookie: owner }),
      ws(),
    );
    const data = await jsonOf<{ platforms: Array<{ key: string; presetRole: string | null }> }>(res);
    expect(data.platforms.filter((p) => p.presetRole).map((p) => [p.key, p.presetRole])).toEqual([
      ["meta_pixel", "Full control"],
      ["google_ads", "Read-only"],
      ["ga4", "Editor"],
      ["google_tag_manager", "Publish"],
      ["linkedin_ads", "Viewer"],
    ]);
  });

  it.each([
    ["nothing asked for", { platform_meta_ad_account: "", platform_ga4: "", agreement: "" }, "platforms"],
    ["a new client without a name", { newClientName: "" }, "newClientName"],
    ["emailing without an email", { clientEmail: "" }, "clientEmail"],
    ["a malformed email", { clientEmail: "mia at harbor" }, "clientEmail"],
    ["a role the platform does not have", { role_ga4: "Owner" }, "role_ga4"],
    ["too many days", { expiresInDays: "400" }, "expiresInDays"],
    ["repeated fields", { newClientName: ["a", "b"] }, "newClientName"],
    ["an oversized note", { message: "x".repeat(5000) }, "message"],
    ["a brand of nobody's", { brandId: "0123456789abcdef0123456789abcdef" }, "brandId"],
  ])("%s → 4xx with the message next to the field, nothing written", async (_label, over, field) => {
    const before = await counts();
    const res = await call(
      (await newPage()).action,
      makeRequest(`/w/${world.a.slug}/onboarding/new`, { cookie: owner, form: createForm(over) }),
      ws(),
    );
    expect([400, 404]).toContain(res.status);
    const body = await jsonOf<{ errors: Record<string, string[]> }>(res);
    expect(body.errors[field]?.[0]).toEqual(expect.any(String));
    expect(await counts()).toEqual(before);
  });

  it("creates the brand, the steps and the email; a double submit creates one link", async () => {
    const form = createForm({ newClientName: "Double Submit Co" });
    const first = await call((await newPage()).action, makeRequest(`/w/${world.a.slug}/onboarding/new`, { cookie: owner, form }), ws());
    expect(first.status).toBe(200);
    const created = (await jsonOf<{ created: { linkId: string; url: string; emailed: boolean } }>(first)).created;
    expect(created.emailed).toBe(true);
    const again = await call((await newPage()).action, makeRequest(`/w/${world.a.slug}/onboarding/new`, { cookie: owner, form }), ws());
    expect(again.status).toBe(302);
    expect(again.headers.get("Location")).toBe(`/w/${world.a.slug}/onboarding/${created.linkId}`);
    expect(await t.db.select().from(onboardingLinks).where(eq(onboardingLinks.clientName, "Double Submit Co"))).toHaveLength(1);
    await drain(new Date());
    expect(await tokenFromMail("mia@harbor.example", "/onboard")).toBe(created.url.slice(created.url.lastIndexOf("/") + 1));
  });
});

describe("links list", () => {
  type ListData = { links: Array<{ clientName: string }>; totals: { all: number }; filter: Record<string, string | undefined> };
  const open = async (query: string) => {
    const res = await call((await list()).loader, makeRequest(`/w/${world.a.slug}/onboarding${query}`, { cookie: owner }), ws());
    expect(res.status).toBe(200);
    return jsonOf<ListData>(res);
  };
  const names = (d: ListData) => d.links.map((l) => l.clientName).sort();

  it("searches and filters by brand, state and account manager from the query string; nonsense is ignored", async () => {
    await makeLink(world, world.users.admin.id, { newClientName: "Juniper Foods" });
    const managed = await makeLink(world, world.users.admin.id, { brandId: world.brandY.id, accountManagerId: world.users.owner.id });
    const ended = await makeLink(world, world.users.admin.id, { newClientName: "Quartz Audio" });
    await revokeLink(ended.ctx, ended.linkId);

    expect(names(await open("?q=juniper"))).toEqual(["Juniper Foods"]);
    expect(names(await open("?q=QUARTZ&state=revoked"))).toEqual(["Quartz Audio"]);
    expect(names(await open("?q=quartz&state=active"))).toEqual([]);
    const byBrand = await open(`?brand=${world.brandY.id}`);
    expect(byBrand.links.length).toBeGreaterThan(0);
    expect(byBrand.links.every((l) => l.clientName === "Brand Y")).toBe(true);
    const byManager = await open(`?manager=${world.users.owner.id}`);
    expect(byManager.links.map((l) => (l as unknown as { id: string }).id)).toContain(managed.linkId);
    expect(byManager.links.every((l) => (l as unknown as { accountManagerId: string }).accountManagerId === world.users.owner.id)).toBe(
      true,
    );

    // A made-up state or a malformed id filters nothing: the whole list, and the filter says so.
    const all = await open("");
    const junk = await open("?state=exploded&brand=../../etc&manager=%00");
    expect(junk.filter).toEqual({});
    expect(junk.links.length).toBe(all.links.length);
  });

  it("a search nothing matches says so, with the totals of the workspace kept", async () => {
    const none = await open("?q=no-such-client-anywhere");
    expect(none.links).toEqual([]);
    expect(none.totals.all).toBeGreaterThan(0);
  });
});

describe("link page", () => {
  const post = async (linkId: string, form: Record<string, string>, cookie = owner) =>
    call((await detail()).action, makeRequest(`/w/${world.a.slug}/onboarding/${linkId}`, { cookie, form }), { ...ws(), linkId });

  it("verifies in one click (who and when), rejects only with a reason and emails the fix link, refuses a stale page", async () => {
    const { linkId, token } = await makeLink(world, world.users.admin.id);
    const steps = await t.db.select().from(accessSteps).where(eq(accessSteps.linkId, linkId)).orderBy(accessSteps.position);
    const page = await import("~/routes/onboard.$token");
    for (const [s, id] of [
      [steps[0], "act_120045678901234"],
      [steps[1], "312456789"],
    ] as const) {
      const r = await call(page.action, makeRequest(`/onboard/${token}`, { form: { intent: "confirm", stepId: s.id, assetId: id } }), {
        token,
      });
      expect(r.status).toBe(302);
    }
    const fresh = await t.db.select().from(accessSteps).where(eq(accessSteps.linkId, linkId)).orderBy(accessSteps.position);
    const stale = await post(linkId, { intent: "verify", stepId: fresh[0].id, version: String(fresh[0].rowVersion - 1) });
    expect(stale.status).toBe(409);
    const verified = await post(linkId, { intent: "verify", stepId: fresh[0].id, version: String(fresh[0].rowVersion) });
    expect(verified.status).toBe(200);
    expect((await jsonOf<{ notice: string }>(verified)).notice).toBe("Meta ad account verified.");
    const row = (await t.db.select().from(accessSteps).where(eq(accessSteps.id, fresh[0].id)))[0];
    expect([row.status, row.verifiedBy]).toEqual(["verified", world.users.owner.id]);
    expect((await post(linkId, { intent: "verify", stepId: fresh[0].id })).status).toBe(409);

    const noReason = await post(linkId, { intent: "reject", stepId: fresh[1].id });
    expect(noReason.status).toBe(400);
    expect((await jsonOf<{ errors: Record<string, string[]> }>(noReason)).errors.reason[0]).toMatch(/reason/);
    const rejected = await post(linkId, { intent: "reject", stepId: fresh[1].id, reason: "The property shows no user yet." });
    expect((await jsonOf<{ notice: string }>(rejected)).notice).toMatch(/client@fresh.example was emailed/);
    await drain(new Date());
    expect(await tokenFromMail("client@fresh.example", "/onboard/step")).toBeTruthy();

    const data = await jsonOf<{
      steps: Array<{ status: string; verifiedByName: string | null; timeToVerifiedMs: number | null; events: string[] }>;
    }>(await call((await detail()).loader, makeRequest(`/w/${world.a.slug}/onboarding/${linkId}`, { cookie: owner }), { ...ws(), linkId }));
    expect(data.steps.map((s) => s.status)).toEqual(["verified", "rejected", "requested"]);
    expect(data.steps[0].verifiedByName).toBe(world.users.owner.name);
    expect(data.steps[0].timeToVerifiedMs).toEqual(expect.any(Number));
    expect(data.steps[0].events).toEqual(["revoke"]);
  });

  it("lists the client's forwards under forwarded steps, and a rejection's fix link apart from them", async () => {
    const { linkId, token } = await makeLink(world, world.users.admin.id);
    const [meta, ga4] = await t.db.select().from(accessSteps).where(eq(accessSteps.linkId, linkId)).orderBy(accessSteps.position);
    const forwarded = await forwardStep(await clientCtx(linkId), { stepId: meta.id, name: "Ola", email: "ola@fresh.example", message: "" });
    expect(forwarded.ok).toBe(true);
    const page = await import("~/routes/onboard.$token");
    await call(page.action, makeRequest(`/onboard/${token}`, { form: { intent: "confirm", stepId: ga4.id, assetId: "312456789" } }), {
      token,
    });
    const fresh = (await t.db.select().from(accessSteps).where(eq(accessSteps.id, ga4.id)))[0];
    expect(
      (await post(linkId, { intent: "reject", stepId: ga4.id, version: String(fresh.rowVersion), reason: "No user yet." })).status,
    ).toBe(200);
    const data = await jsonOf<{
      forwards: Array<{ email: string; stepName: string }>;
      fixLinks: Array<{ email: string; stepName: string }>;
    }>(await call((await detail()).loader, makeRequest(`/w/${world.a.slug}/onboarding/${linkId}`, { cookie: owner }), { ...ws(), linkId }));
    expect(data.forwards.map((f) => [f.stepName, f.email])).toEqual([["Meta ad account", "ola@fresh.example"]]);
    expect(data.fixLinks.map((f) => [f.stepName, f.email])).toEqual([["Google Analytics 4", "client@fresh.example"]]);
  });

  it("shows the agreement's address as the client would recognise it, not IPv4-mapped", async () => {
    const { linkId } = await makeLink(world, world.users.admin.id, { agreement: true, agreementText: "I may give these accesses." });
    await t.db
      .update(onboardingLinks)
      .set({ agreementName: "Priya", agreementAt: new Date(), agreementIp: "::ffff:127.0.0.1" })
      .where(eq(onboardingLinks.id, linkId));
    const data = await jsonOf<{ link: { agreementIp: string | null } }>(
      await call((await detail()).loader, makeRequest(`/w/${world.a.slug}/onboarding/${linkId}`, { cookie: owner }), { ...ws(), linkId }),
    );
    expect(data.link.agreementIp).toBe("127.0.0.1");
  });

  it("bad input is 400; a step of another link is 404", async () => {
    const one = await makeLink(world, world.users.admin.id);
    const two = await makeLink(world, world.users.admin.id);
    const [foreign] = await t.db.select().from(accessSteps).where(eq(accessSteps.linkId, two.linkId));
    expect((await post(one.linkId, { intent: "explode" })).status).toBe(400);
    expect((await post(one.linkId, { intent: "verify", stepId: "../../etc" })).status).toBe(400);
    expect((await post(one.linkId, { intent: "reissue", expiresInDays: "-3" })).status).toBe(400);
    expect((await post(one.linkId, { intent: "verify", stepId: foreign.id })).status).toBe(404);
  });

  it("re-issue shows the new address once; the old page leads to the new link; revoke ends it", async () => {
    const { linkId, token } = await makeLink(world, world.users.admin.id);
    const re = await post(linkId, { intent: "reissue", expiresInDays: "14", sendEmail: "on" });
    expect(re.status).toBe(200);
    const url = (await jsonOf<{ url: string }>(re)).url;
    expect(url).toMatch(/\/onboard\/[A-Za-z0-9_-]{40,}$/);
    expect(url).not.toContain(token);
    const oldPage = await jsonOf<{ link: { id: string }; movedFrom: boolean }>(
      await call((await detail()).loader, makeRequest(`/w/${world.a.slug}/onboarding/${linkId}`, { cookie: owner }), { ...ws(), linkId }),
    );
    expect(oldPage.movedFrom).toBe(true);
    expect(oldPage.link.id).not.toBe(linkId);
    const revoked = await post(oldPage.link.id, { intent: "revoke-link" });
    expect(revoked.status).toBe(200);
    expect((await post(oldPage.link.id, { intent: "revoke-link" })).status).toBe(409);
  });

  it("an agency member sees its agency's links only, and the list carries the medians", async () => {
    const mine = await makeLink(world, world.users.agencyMember.id, { newClientName: "Agency Own Client" });
    const theirs = await makeLink(world, world.users.owner.id, { newClientName: "Workspace Client" });
    const res = await call((await list()).loader, makeRequest(`/w/${world.a.slug}/onboarding`, { cookie: agency }), ws());
    const data = await jsonOf<{ links: Array<{ id: string }>; metrics: { medianLinkMs: number | null } }>(res);
    expect(data.links.map((l) => l.id)).toContain(mine.linkId);
    expect(data.links.map((l) => l.id)).not.toContain(theirs.linkId);
    expect(data.metrics).toHaveProperty("medianLinkMs");
    const other = await call((await detail()).loader, makeRequest(`/w/${world.a.slug}/onboarding/${theirs.linkId}`, { cookie: agency }), {
      ...ws(),
      linkId: theirs.linkId,
    });
    expect(other.status).toBe(404);
  });
});

describe("access identities", () => {
  it("refuses a malformed ID with the message next to it and saves nothing; saves valid ones with an audit event", async () => {
    const path = `/w/${world.a.slug}/access-identities`;
    const bad = await call(
      (await identities()).action,
      makeRequest(path, { cookie: owner, form: { metaBusinessPortfolioId: "12-34", googleAdsManagerId: "123-456-7890" } }),
      ws(),
    );
    expect(bad.status).toBe(400);
    expect((await jsonOf<{ errors: Record<string, string[]> }>(bad)).errors.metaBusinessPortfolioId[0]).toMatch(
      /business portfolio ID is a number/,
    );
    expect((await t.db.select().from(workspaces).where(eq(workspaces.id, world.a.id)))[0].accessIdentities.metaBusinessPortfolioId).toBe(
      "1234567890123456",
    );

    const good = await call(
      (await identities()).action,
      makeRequest(path, {
        cookie: owner,
        form: {
          metaBusinessPortfolioId: " 9876543210987654 ",
          googleAdsManagerId: "123-456-7890",
          googleAccountEmail: "Access@Agency.example",
        },
      }),
      ws(),
    );
    expect(good.status).toBe(200);
    const saved = (await t.db.select().from(workspaces).where(eq(workspaces.id, world.a.id)))[0].accessIdentities;
    expect(saved).toEqual({
      metaBusinessPortfolioId: "9876543210987654",
      googleAdsManagerId: "1234567890",
      googleAccountEmail: "access@agency.example",
    });
    expect((await t.db.select().from(auditEvents).where(eq(auditEvents.action, "workspace.access_identities_changed"))).length).toBe(1);
    await setIdentities(t.db, world.a.id);
  });
});

describe("access ledger and offboarding", () => {
  it("lists the grants, produces a revoke checklist per grant and marks the grant revoked when both sides are done", async () => {
    const brandId = world.brandY.id;
    const { linkId } = await makeLink(world, world.users.owner.id, { brandId });
    const steps = await t.db.select().from(accessSteps).where(eq(accessSteps.linkId, linkId)).orderBy(accessSteps.position);
    await t.db
      .update(accessSteps)
      .set({ status: "verified", assetId: "act_120045678901234", verifiedAt: new Date(), verifiedBy: world.users.owner.id })
      .where(eq(accessSteps.id, steps[0].id));
    const path = `/w/${world.a.slug}/brands/${brandId}/access`;
    const load = async () =>
      jsonOf<{
        grants: Array<{ platformName: string; verifiedBy: string | null }>;
        checklist: Array<{ id: string; side: string; doneAt: string | null }>;
        toOffboard: number;
      }>(await call((await ledger()).loader, makeRequest(path, { cookie: owner }), { ...ws(), brandId }));
    expect((await load()).grants).toEqual([
      expect.objectContaining({ platformName: "Meta ad account", verifiedBy: world.users.owner.name }),
    ]);
    expect((await load()).toOffboard).toBe(1);

    const act = async (form: Record<string, string>) =>
      call((await ledger()).action, makeRequest(path, { cookie: owner, form }), { ...ws(), brandId });
    expect((await act({ intent: "start-offboarding" })).status).toBe(200);
    // Started: every held grant is on the checklist, so the page offers no "Start offboarding" any more.
    expect((await load()).toOffboard).toBe(0);
    expect((await act({ intent: "start-offboarding" })).status).toBe(409);
    expect((await act({ intent: "item-done", itemId: "nope!" })).status).toBe(400);
    const items = (await load()).checklist;
    expect(items.map((i) => i.side).sort()).toEqual(["agency", "client"]);
    for (const item of items) expect((await act({ intent: "item-done", itemId: item.id })).status).toBe(200);
    expect((await t.db.select().from(accessSteps).where(eq(accessSteps.id, steps[0].id)))[0].status).toBe("revoked");
    expect(
      (await t.db.select().from(offboardingItems).where(eq(offboardingItems.brandId, brandId))).every(
        (i) => i.doneBy === world.users.owner.id,
      ),
    ).toBe(true);
  });
});
