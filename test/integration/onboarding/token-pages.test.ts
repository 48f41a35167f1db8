import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accessSteps, auditEvents, onboardingLinks, stepForwards, webhookDeliveries } from "@db/schema";
import { sha256 } from "~/utils/crypto.server";
import { forwardStep } from "~/modules/onboarding/client-steps.server";
import { reissueLink, revokeLink } from "~/modules/onboarding/links.server";
import { useTestDatabase } from "../../support/db";
import { call, jsonOf, makeRequest } from "../../support/http";
import { buildWorld, type World } from "../../support/world";
import { drain } from "../services/helpers";
import { makeLink, setIdentities, tokenFromMail, clientCtx } from "./setup";

/**
 * The client's token pages through their real loaders and actions: security.md 10 to 14 for
 * onboarding and forwarded links, bad input (20), and one token never reaching another's data.
 */
const t = useTestDatabase();
let world: World;
let ipCounter = 0;
const ip = () => `198.51.${Math.floor(ipCounter / 250) % 250}.${ipCounter++ % 250}`;
const page = () => import("~/routes/onboard.$token");
const stepPage = () => import("~/routes/onboard.step.$token");
const autosave = () => import("~/routes/onboard.$token.autosave");
const stepAutosave = () => import("~/routes/onboard.step.$token.autosave");

const get = async (token: string) => call((await page()).loader, makeRequest(`/onboard/${token}`, { ip: ip() }), { token });
const post = async (token: string, form: Record<string, string | string[] | Blob>) =>
  call((await page()).action, makeRequest(`/onboard/${token}`, { form, ip: ip() }), { token });

beforeAll(async () => {
  world = await buildWorld(t.db);
  await setIdentities(t.db, world.a.id);
});

async function stepsOf(linkId: string) {
  return t.db.select().from(accessSteps).where(eq(accessSteps.linkId, linkId)).orderBy(accessSteps.position);
}
async function auditCount() {
  return (await t.db.select({ n: count() }).from(auditEvents))[0].n;
}

describe("opening a link (12, 14)", () => {
  it("GET twice changes nothing and records nothing; the first POST records the opening once", async () => {
    const { linkId, token } = await makeLink(world, world.users.admin.id);
    const before = (await t.db.select().from(onboardingLinks).where(eq(onboardingLinks.id, linkId)))[0];
    const audits = await auditCount();
    const first = await get(token);
    const second = await get(token);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.headers.get("Cache-Control")).toBe("no-store");
    const after = (await t.db.select().from(onboardingLinks).where(eq(onboardingLinks.id, linkId)))[0];
    expect(after).toEqual(before);
    expect(await auditCount()).toBe(audits);

    const data = await jsonOf<{ state: string; page: { ping: boolean; steps: Array<{ name: string }> } }>(second);
    expect(data.state).toBe("valid");
    expect(data.page.ping).toBe(true);
    expect(data.page.steps.map((s) => s.name)).toEqual(["Meta ad account", "Google Analytics 4", "Google Tag Manager"]);

    for (let i = 0; i < 2; i++) {
      const res = await call(
        (await autosave()).action,
        makeRequest(`/onboard/${token}/autosave`, { form: { intent: "opened" }, ip: ip() }),
        { token },
      );
      expect(res.status).toBe(200);
    }
    const opened = (await t.db.select().from(onboardingLinks).where(eq(onboardingLinks.id, linkId)))[0];
    expect(opened.openedAt).not.toBeNull();
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.objectId, linkId));
    expect(events.filter((e) => e.action === "onboarding.opened")).toHaveLength(1);
    expect((await jsonOf<{ page: { ping: boolean } }>(await get(token))).page.ping).toBe(false);
  });
});

describe("tokens (10, 13)", () => {
  it("only hashes are stored in the link, forward and audit tables; the plain token appears in none", async () => {
    const { linkId, token } = await makeLink(world, world.users.admin.id, { clientEmail: "dump@client.example" });
    const [meta] = await stepsOf(linkId);
    expect(
      (
        await forwardStep(await clientCtx(linkId), {
          stepId: meta.id,
          name: "",
          email: "dump-fwd@client.example",
          message: "",
        })
      ).ok,
    ).toBe(true);
    await drain(new Date());
    const stepToken = await tokenFromMail("dump-fwd@client.example", "/onboard/step");
    expect(stepToken).toBeTruthy();
    const dump = JSON.stringify([
      await t.db.select().from(onboardingLinks),
      await t.db.select().from(stepForwards),
      await t.db.select().from(accessSteps),
      await t.db.select().from(auditEvents),
      await t.db.select().from(webhookDeliveries),
    ]);
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(stepToken);
    expect(dump).toContain(sha256(token));
    expect(dump).toContain(sha256(stepToken!));
  });

  it("expired, revoked and re-issued links answer 410 with whom to contact; unknown ones 404; none can be used", async () => {
    const { linkId, token, ctx } = await makeLink(world, world.users.coordinator.id);
    const [meta] = await stepsOf(linkId);
    const contact = world.users.coordinator;

    await t.db
      .update(onboardingLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(onboardingLinks.id, linkId));
    const expired = await get(token);
    expect(expired.status).toBe(410);
    expect(await jsonOf(expired)).toMatchObject({
      state: "expired",
      contact: { name: contact.name, email: contact.email, workspaceName: world.a.name },
    });
    expect((await post(token, { intent: "confirm", stepId: meta.id, assetId: "act_1234567890" })).status).toBe(410);
    await t.db
      .update(onboardingLinks)
      .set({ expiresAt: new Date(Date.now() + 86_400_000) })
      .where(eq(onboardingLinks.id, linkId));

    const re = await reissueLink(ctx, linkId, { expiresInDays: 30, sendEmail: false });
    if (!re.ok) throw new Error(re.problem.message);
    const replaced = await get(token);
    expect(replaced.status).toBe(410);
    expect(await jsonOf(replaced)).toMatchObject({ state: "replaced", contact: { email: contact.email } });
    expect((await post(token, { intent: "confirm", stepId: meta.id, assetId: "act_1234567890" })).status).toBe(410);
    const fresh = re.value.url.slice(re.value.url.lastIndexOf("/") + 1);
    expect((await get(fresh)).status).toBe(200);

    expect((await revokeLink(ctx, re.value.linkId)).ok).toBe(true);
    const revoked = await get(fresh);
    expect(revoked.status).toBe(410);
    expect(await jsonOf(revoked)).toMatchObject({ state: "revoked", contact: { email: contact.email } });
    expect((await post(fresh, { intent: "confirm", stepId: meta.id, assetId: "act_1234567890" })).status).toBe(410);
    expect((await stepsOf(re.value.linkId))[0].status).toBe("requested");

    expect((await get("A".repeat(43))).status).toBe(404);
    expect((await get("nope")).status).toBe(404);
  });

  it("a forwarded step link stops when its link is revoked, and names whom to contact", async () => {
    const { linkId, ctx } = await makeLink(world, world.users.admin.id);
    const [meta] = await stepsOf(linkId);
    await forwardStep(await clientCtx(linkId), {
      stepId: meta.id,
      name: "",
      email: "fwd-revoked@client.example",
      message: "",
    });
    await drain(new Date());
    const stepToken = (await tokenFromMail("fwd-revoked@client.example", "/onboard/step"))!;
    const ok = await call((await stepPage()).loader, makeRequest(`/onboard/step/${stepToken}`, { ip: ip() }), { token: stepToken });
    expect(ok.status).toBe(200);
    await revokeLink(ctx, linkId);
    const gone = await call((await stepPage()).loader, makeRequest(`/onboard/step/${stepToken}`, { ip: ip() }), { token: stepToken });
    expect(gone.status).toBe(410);
    expect(await jsonOf(gone)).toMatchObject({ state: "revoked", contact: { email: world.users.admin.email } });
  });
});

describe("the page's forms", () => {
  it("a G- ID in the GA4 field is explained next to the field and kept; the property ID confirms and redirects to the step", async () => {
    const { linkId, token } = await makeLink(world, world.users.admin.id);
    const ga4 = (await stepsOf(linkId)).find((s) => s.platformKey === "ga4")!;
    const wrong = await post(token, { intent: "confirm", stepId: ga4.id, assetId: "G-7XK2M9QW" });
    expect(wrong.status).toBe(400);
    const body = await jsonOf<{ errors: Record<string, string[]>; target: string; values: Record<string, string> }>(wrong);
    expect(body.errors.assetId[0]).toMatch(/measurement ID \(G-…\).*numeric property ID/);
    expect([body.target, body.values.assetId]).toEqual([ga4.id, "G-7XK2M9QW"]);
    const reload = await jsonOf<{ page: { steps: Array<{ id: string; asset: { draft: string | null } }> } }>(await get(token));
    expect(reload.page.steps.find((s) => s.id === ga4.id)?.asset.draft).toBe("G-7XK2M9QW");

    const right = await post(token, { intent: "confirm", stepId: ga4.id, assetId: "312456789" });
    expect(right.status).toBe(302);
    expect(right.headers.get("Location")).toBe(`/onboard/${token}?saved=${ga4.id}#step-${ga4.id}`);
    const after = await jsonOf<{ page: { progress: { done: number; total: number }; resumeAt: string } }>(await get(token));
    expect(after.page.progress).toMatchObject({ done: 1, total: 3 });
    // Coming back lands on the first thing left to do.
    expect(after.page.resumeAt).toBe((await stepsOf(linkId))[0].id);
  });

  it("autosave answers JSON: the explanation while typing, then saved", async () => {
    const { linkId, token } = await makeLink(world, world.users.admin.id);
    const gtm = (await stepsOf(linkId)).find((s) => s.platformKey === "google_tag_manager")!;
    const save = async (assetId: string) =>
      call(
        (await autosave()).action,
        makeRequest(`/onboard/${token}/autosave`, { form: { intent: "save-asset", stepId: gtm.id, assetId }, ip: ip() }),
        { token },
      );
    const bad = await save("G-ABCD1234");
    expect(bad.status).toBe(400);
    expect((await jsonOf<{ errors: Record<string, string[]> }>(bad)).errors.assetId[0]).toMatch(/not a container/);
    const good = await save("GTM-ABC1234");
    expect(good.status).toBe(200);
    expect((await jsonOf<{ ok: boolean }>(good)).ok).toBe(true);
    const step = (await stepsOf(linkId)).find((s) => s.id === gtm.id)!;
    expect([step.status, step.assetId]).toEqual(["requested", "GTM-ABC1234"]);
  });

  it("a forwarded step's autosave saves its own step, explains a wrong ID, refuses bad input and other steps, and stops when revoked", async () => {
    const { linkId, ctx } = await makeLink(world, world.users.admin.id);
    const steps = await stepsOf(linkId);
    const gtm = steps.find((s) => s.platformKey === "google_tag_manager")!;
    const other = steps.find((s) => s.id !== gtm.id)!;
    await forwardStep(await clientCtx(linkId), {
      stepId: gtm.id,
      name: "",
      email: "fwd-autosave@client.example",
      message: "",
    });
    await drain(new Date());
    const stepToken = (await tokenFromMail("fwd-autosave@client.example", "/onboard/step"))!;
    const save = async (form: Record<string, string | string[] | Blob>) =>
      call((await stepAutosave()).action, makeRequest(`/onboard/step/${stepToken}/autosave`, { form, ip: ip() }), { token: stepToken });

    const wrong = await save({ intent: "save-asset", stepId: gtm.id, assetId: "G-ABCD1234" });
    expect(wrong.status).toBe(400);
    expect((await jsonOf<{ errors: Record<string, string[]> }>(wrong)).errors.assetId[0]).toMatch(/not a container/);
    const badForms: Record<string, string | string[]>[] = [
      {},
      { intent: "drop-tables" },
      { intent: "save-asset", stepId: gtm.id, assetId: "x".repeat(5000) },
      { intent: "save-asset", stepId: [gtm.id, other.id], assetId: "GTM-ABC1234" },
    ];
    for (const form of badForms) {
      const res = await save(form);
      expect(res.status, JSON.stringify(form).slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      const body = await jsonOf<{ ok: boolean; errors: Record<string, string[]>; formError: string | null }>(res);
      expect(body.ok).toBe(false);
      expect([body.formError, ...Object.values(body.errors).flat()].filter(Boolean).length).toBeGreaterThan(0);
    }
    // The forwarded link is for one step: another step of the same link cannot be written through it.
    const foreign = await save({ intent: "save-asset", stepId: other.id, assetId: "act_1234567890" });
    expect(foreign.status).toBeGreaterThanOrEqual(400);
    expect(foreign.status).toBeLessThan(500);
    expect((await stepsOf(linkId)).find((s) => s.id === other.id)!.assetId).toBeNull();

    const good = await save({ intent: "save-asset", stepId: gtm.id, assetId: "GTM-ABC1234" });
    expect(good.status).toBe(200);
    expect((await stepsOf(linkId)).find((s) => s.id === gtm.id)!.assetId).toBe("GTM-ABC1234");

    await revokeLink(ctx, linkId);
    const gone = await save({ intent: "save-asset", stepId: gtm.id, assetId: "GTM-XYZ9876" });
    expect(gone.status).toBe(410);
    expect((await stepsOf(linkId)).find((s) => s.id === gtm.id)!.assetId).toBe("GTM-ABC1234");
  });

  it("intake answers save as typed, and finish only when complete", async () => {
    const { linkId, token } = await makeLink(world, world.users.admin.id, {
      platforms: [],
      contacts: true,
      questionnaire: true,
      agreement: true,
    });
    const draft = await post(token, { intent: "questionnaire", brandStory: "Small batch tea from Cornwall." });
    expect(draft.status).toBe(302);
    const finish = await post(token, { intent: "questionnaire", complete: "1", brandStory: "Small batch tea from Cornwall." });
    expect(finish.status).toBe(400);
    expect((await jsonOf<{ errors: Record<string, string[]> }>(finish)).errors.audience[0]).toMatch(/who you want to reach/);
    expect(
      (await post(token, { intent: "questionnaire", complete: "1", brandStory: "Small batch tea.", audience: "Tea lovers in the UK." }))
        .status,
    ).toBe(302);
    const noTick = await post(token, { intent: "agreement", agreementName: "Mia Harbor" });
    expect(noTick.status).toBe(400);
    expect((await jsonOf<{ errors: Record<string, string[]> }>(noTick)).errors.agreementAccepted[0]).toMatch(/Tick the box/);
    expect((await post(token, { intent: "agreement", agreementName: "Mia Harbor", agreementAccepted: "on" })).status).toBe(302);
    const link = (await t.db.select().from(onboardingLinks).where(eq(onboardingLinks.id, linkId)))[0];
    expect([link.agreementName, link.agreementIp]).toEqual(["Mia Harbor", expect.stringMatching(/^198\.51\./)]);
    const data = await jsonOf<{ page: { progress: { done: number; total: number } } }>(await get(token));
    expect(data.page.progress).toMatchObject({ done: 2, total: 3 });
  });
});

describe("one client's token never reveals another's data", () => {
  it("the page holds only its own link; another link's steps cannot be changed through it, nor through a forwarded step", async () => {
    const one = await makeLink(world, world.users.admin.id, { newClientName: "Client One" });
    const two = await makeLink(world, world.users.admin.id, { newClientName: "Client Two" });
    const twoSteps = await stepsOf(two.linkId);
    await post(two.token, { intent: "confirm", stepId: twoSteps[1].id, assetId: "987654321" });
    const onePage = JSON.stringify(await jsonOf(await get(one.token)));
    expect(onePage).not.toContain("Client Two");
    expect(onePage).not.toContain("987654321");
    for (const s of twoSteps) expect(onePage).not.toContain(s.id);

    for (const intent of ["confirm", "save-asset"]) {
      const res = await post(one.token, { intent, stepId: twoSteps[0].id, assetId: "act_1234567890" });
      expect(res.status).toBe(404);
    }
    expect((await post(one.token, { intent: "not-applicable", stepId: twoSteps[0].id, reason: "Not ours" })).status).toBe(404);
    // The language switch changes only the link of the token it came through.
    expect((await post(one.token, { intent: "language", locale: "pt" })).status).toBe(302);
    const locales = await t.db.select({ id: onboardingLinks.id, locale: onboardingLinks.locale }).from(onboardingLinks);
    expect(locales.find((l) => l.id === one.linkId)?.locale).toBe("pt");
    expect(locales.find((l) => l.id === two.linkId)?.locale).toBe("en");

    // A forwarded step's token reaches that step alone, and is no onboarding link.
    const oneSteps = await stepsOf(one.linkId);
    await forwardStep(await clientCtx(one.linkId), {
      stepId: oneSteps[0].id,
      name: "",
      email: "only-one@client.example",
      message: "",
    });
    await drain(new Date());
    const stepToken = (await tokenFromMail("only-one@client.example", "/onboard/step"))!;
    const view = JSON.stringify(
      await jsonOf(await call((await stepPage()).loader, makeRequest(`/onboard/step/${stepToken}`, { ip: ip() }), { token: stepToken })),
    );
    expect(view).toContain(oneSteps[0].id);
    expect(view).not.toContain(oneSteps[1].id);
    const other = await call(
      (await stepPage()).action,
      makeRequest(`/onboard/step/${stepToken}`, { form: { intent: "confirm", stepId: oneSteps[1].id, assetId: "312456789" }, ip: ip() }),
      { token: stepToken },
    );
    expect(other.status).toBe(404);
    const forwardIntent = await call(
      (await stepPage()).action,
      makeRequest(`/onboard/step/${stepToken}`, { form: { intent: "forward", stepId: oneSteps[0].id, email: "x@y.example" }, ip: ip() }),
      { token: stepToken },
    );
    expect(forwardIntent.status).toBe(400);
    // Nor can a forwarded step change the link's language: that is the client's choice, not a colleague's.
    const languageIntent = await call(
      (await stepPage()).action,
      makeRequest(`/onboard/step/${stepToken}`, { form: { intent: "language", locale: "de" }, ip: ip() }),
      { token: stepToken },
    );
    expect(languageIntent.status).toBe(400);
    expect((await t.db.select().from(onboardingLinks).where(eq(onboardingLinks.id, one.linkId)))[0].locale).toBe("pt");
    expect((await get(stepToken)).status).toBe(404);
    expect((await stepsOf(one.linkId)).map((s) => s.status)).toEqual(["requested", "requested", "requested"]);
  });
});

describe("bad input on the token pages (20)", () => {
  const file = () => new Blob(["x"], { type: "text/plain" });
  const cases: Array<[string, (stepId: string) => Record<string, string | string[] | Blob>]> = [
    ["unknown intent", () => ({ intent: "drop-tables" })],
    ["no intent", () => ({})],
    ["confirm without a step", () => ({ intent: "confirm", assetId: "act_1234567890" })],
    ["confirm with a malformed step id", () => ({ intent: "confirm", stepId: "'; drop table", assetId: "act_1234567890" })],
    ["confirm with an oversized ID", (s) => ({ intent: "confirm", stepId: s, assetId: "1".repeat(5000) })],
    ["confirm with repeated fields", (s) => ({ intent: "confirm", stepId: [s, s], assetId: ["1", "2"] })],
    ["confirm with a file", (s) => ({ intent: "confirm", stepId: s, assetId: file() })],
    ["save-asset with a file", (s) => ({ intent: "save-asset", stepId: s, assetId: file() })],
    ["not applicable without a reason", (s) => ({ intent: "not-applicable", stepId: s })],
    ["not applicable with an oversized reason", (s) => ({ intent: "not-applicable", stepId: s, reason: "x".repeat(5000) })],
    ["forward without an email", (s) => ({ intent: "forward", stepId: s })],
    ["forward to a malformed email", (s) => ({ intent: "forward", stepId: s, email: "not an email" })],
    ["contacts with repeated fields", () => ({ intent: "contacts", contactName: ["a", "b"] })],
    ["contacts with a file", () => ({ intent: "contacts", contactEmail: file() })],
    ["contacts oversized", () => ({ intent: "contacts", contactName: "x".repeat(5000) })],
    ["questionnaire oversized", () => ({ intent: "questionnaire", brandStory: "x".repeat(5000) })],
    ["agreement without a name", () => ({ intent: "agreement", agreementAccepted: "on" })],
    ["agreement with an oversized name", () => ({ intent: "agreement", agreementName: "x".repeat(5000), agreementAccepted: "on" })],
    ["language not offered", () => ({ intent: "language", locale: "xx" })],
    ["language oversized", () => ({ intent: "language", locale: "d".repeat(5000) })],
    ["language with repeated fields", () => ({ intent: "language", locale: ["de", "fr"] })],
    ["language with a file", () => ({ intent: "language", locale: file() })],
  ];

  it.each(cases)("%s → 400 with a message, nothing written", async (label, form) => {
    // The language cases' links are the owner's: the admin's meet the per-member creation limit in this file.
    const by = label.startsWith("language") ? world.users.owner.id : world.users.admin.id;
    const { linkId, token } = await makeLink(world, by, { contacts: true, questionnaire: true, agreement: true });
    const [meta] = await stepsOf(linkId);
    const before = JSON.stringify([
      await t.db.select().from(onboardingLinks).where(eq(onboardingLinks.id, linkId)),
      await stepsOf(linkId),
      await auditCount(),
    ]);
    const res = await post(token, form(meta.id));
    expect(res.status).toBe(400);
    const body = await jsonOf<{ formError: string; errors: Record<string, string[]> }>(res);
    const messages = [body.formError, ...Object.values(body.errors).flat()].filter(Boolean);
    expect(messages.length).toBeGreaterThan(0);
    const after = JSON.stringify([
      await t.db.select().from(onboardingLinks).where(eq(onboardingLinks.id, linkId)),
      await stepsOf(linkId),
      await auditCount(),
    ]);
    expect(after).toBe(before);
  });
});

describe("brand kit uploads", () => {
  const png = () =>
    new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0])], "logo.png", {
      type: "image/png",
    });
  it("stores a real image on the link's brand kit and refuses HTML renamed .png (25, 26)", async () => {
    const { linkId, token } = await makeLink(world, world.users.admin.id, { platforms: [], brandKit: true });
    const fake = new File(["<html><script>alert(1)</script></html>"], "logo.png", { type: "image/png" });
    const refused = await post(token, { intent: "upload", file: fake });
    expect(refused.status).toBe(400);
    expect((await jsonOf<{ errors: Record<string, string[]> }>(refused)).errors.file[0]).toMatch(/not an accepted file type/);
    const ok = await post(token, { intent: "upload", file: png() });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe(`/onboard/${token}?saved=brand-kit#section-brand-kit`);
    const link = (await t.db.select().from(onboardingLinks).where(eq(onboardingLinks.id, linkId)))[0];
    const files = (link.answers as { brandKit: { files: Array<{ name: string; mime: string }> } }).brandKit.files;
    expect(files).toEqual([expect.objectContaining({ name: "logo.png", mime: "image/png" })]);
    expect((await post(token, { intent: "brand-kit", complete: "1" })).status).toBe(302);
    const data = await jsonOf<{ page: { progress: { done: number; total: number } } }>(await get(token));
    expect(data.page.progress).toMatchObject({ done: 1, total: 1 });
  });
});
