import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, onboardingLinks } from "@db/schema";
import { useTestDatabase } from "../../support/db";
import { call, jsonOf, makeRequest, sessionCookie } from "../../support/http";
import { buildWorld, type World } from "../../support/world";
import { makeLink, setIdentities } from "./setup";

/**
 * Issue 12 point 1: nothing a client types into an intake step is lost. Autosave and the plain
 * form keep what is valid so far; required fields are demanded only when the step is finished.
 * The forms are posted as the page posts them: every field, the untouched ones empty.
 */
const t = useTestDatabase();
let world: World;
let owner: string;
let ipCounter = 0;
const ip = () => `198.18.${Math.floor(ipCounter / 250) % 250}.${ipCounter++ % 250}`;
const page = () => import("~/routes/onboard.$token");
const autosave = () => import("~/routes/onboard.$token.autosave");
const agencyPage = () => import("~/routes/w.$workspace.onboarding.$linkId");

beforeAll(async () => {
  world = await buildWorld(t.db);
  await setIdentities(t.db, world.a.id);
  owner = await sessionCookie(world.users.owner.id);
});

const STORY = "Small batch tea, blended in Cornwall since 2015.";
/** The questionnaire form as the page posts it, with only the brand story typed. */
const storyOnly = { intent: "questionnaire", brandStory: STORY, audience: "", keyCompetitors: "", toneOfVoice: "" };

type Failure = { ok: false; errors: Record<string, string[]>; formError: string; saved?: boolean };
type ClientPage = {
  page: {
    intake: {
      questionnaire: Record<string, string | boolean>;
      contacts: Record<string, string | boolean>;
      brandKit: { note: string; done: boolean };
    };
  };
};

const save = async (token: string, form: Record<string, string>) =>
  call((await autosave()).action, makeRequest(`/onboard/${token}/autosave`, { form, ip: ip() }), { token });
const post = async (token: string, form: Record<string, string>) =>
  call((await page()).action, makeRequest(`/onboard/${token}`, { form, ip: ip() }), { token });
const clientView = async (token: string) =>
  jsonOf<ClientPage>(await call((await page()).loader, makeRequest(`/onboard/${token}`, { ip: ip() }), { token }));
const agencyAnswers = async (linkId: string) => {
  const res = await call((await agencyPage()).loader, makeRequest(`/w/${world.a.slug}/onboarding/${linkId}`, { cookie: owner }), {
    workspace: world.a.slug,
    linkId,
  });
  expect(res.status).toBe(200);
  return (await jsonOf<{ answers: { questionnaire: Record<string, string | boolean> } }>(res)).answers;
};
const storedLink = async (linkId: string) => (await t.db.select().from(onboardingLinks).where(eq(onboardingLinks.id, linkId)))[0];

describe("the questionnaire keeps a half-filled answer", () => {
  it("autosave with only the brand story typed: 200, kept on reopening and on the agency page", async () => {
    const { linkId, token } = await makeLink(world, world.users.admin.id, { platforms: [], questionnaire: true });
    const res = await save(token, storyOnly);
    expect(res.status).toBe(200);
    expect(await jsonOf(res)).toMatchObject({ ok: true, errors: {} });

    const reopened = await clientView(token);
    expect(reopened.page.intake.questionnaire).toMatchObject({ brandStory: STORY, audience: "", done: false });
    expect((await agencyAnswers(linkId)).questionnaire).toMatchObject({ brandStory: STORY, done: false });
  });

  it("without JavaScript, “Save answers” with one field filled: 400 asking for the audience, and the story is kept", async () => {
    const { linkId, token } = await makeLink(world, world.users.admin.id, { platforms: [], questionnaire: true });
    const res = await post(token, { ...storyOnly, complete: "1" });
    expect(res.status).toBe(400);
    const body = await jsonOf<Failure & { values: Record<string, string> }>(res);
    expect(body.errors).toEqual({ audience: ["Tell us who you want to reach."] });
    expect(body.formError).toMatch(/saved/i);
    expect(body.values.brandStory).toBe(STORY);

    expect((await clientView(token)).page.intake.questionnaire).toMatchObject({ brandStory: STORY, done: false });
    expect((await agencyAnswers(linkId)).questionnaire).toMatchObject({ brandStory: STORY, done: false });
    // Not finished, so no "completed" trace.
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.objectId, linkId));
    expect(audit.map((a) => a.action)).not.toContain("onboarding.intake_completed");
  });

  it("finishing later demands the required answer, keeps every saved one, then finishes", async () => {
    const { linkId, token } = await makeLink(world, world.users.admin.id, { platforms: [], questionnaire: true });
    expect((await save(token, { ...storyOnly, toneOfVoice: "Warm, never jokey" })).status).toBe(200);

    // The page's own "Save answers" with the audience still empty.
    const missing = await post(token, { ...storyOnly, toneOfVoice: "Warm, never jokey", complete: "1" });
    expect(missing.status).toBe(400);
    expect((await jsonOf<Failure>(missing)).errors).toEqual({ audience: ["Tell us who you want to reach."] });
    expect((await clientView(token)).page.intake.questionnaire).toMatchObject({
      brandStory: STORY,
      toneOfVoice: "Warm, never jokey",
      done: false,
    });

    const done = await post(token, { ...storyOnly, audience: "Tea lovers in the UK.", toneOfVoice: "Warm, never jokey", complete: "1" });
    expect(done.status).toBe(302);
    expect((await agencyAnswers(linkId)).questionnaire).toEqual({
      brandStory: STORY,
      audience: "Tea lovers in the UK.",
      keyCompetitors: "",
      toneOfVoice: "Warm, never jokey",
      done: true,
    });
  });

  it("a field that is not valid yet gets its own message and keeps its last value; the others are still saved", async () => {
    const { linkId, token } = await makeLink(world, world.users.admin.id, { platforms: [], questionnaire: true });
    expect((await save(token, { ...storyOnly, keyCompetitors: "Glow Co" })).status).toBe(200);
    const res = await save(token, { ...storyOnly, audience: "Runners", keyCompetitors: "x".repeat(501) });
    expect(res.status).toBe(400);
    const body = await jsonOf<Failure>(res);
    // Only the refused field: the untouched empty ones are no error while typing.
    expect(Object.keys(body.errors)).toEqual(["keyCompetitors"]);
    expect(body.saved).toBe(true);
    expect((await storedLink(linkId)).answers).toMatchObject({
      questionnaire: { brandStory: STORY, audience: "Runners", keyCompetitors: "Glow Co" },
    });
  });
});

describe("the other intake steps follow the same rule", () => {
  it("contacts: a half-filled form autosaves; finishing names each missing field and keeps what was typed", async () => {
    const { token } = await makeLink(world, world.users.admin.id, { platforms: [], contacts: true });
    const form = {
      intent: "contacts",
      contactName: "Mia Harbor",
      contactEmail: "mia@",
      contactRole: "",
      approverName: "",
      approverEmail: "",
      otherContacts: "",
    };
    expect((await save(token, form)).status).toBe(200);
    const finish = await post(token, { ...form, complete: "1" });
    expect(finish.status).toBe(400);
    expect(Object.keys((await jsonOf<Failure>(finish)).errors).sort()).toEqual(["approverEmail", "approverName", "contactEmail"]);
    expect((await clientView(token)).page.intake.contacts).toMatchObject({ contactName: "Mia Harbor", contactEmail: "mia@", done: false });
  });

  it("brand kit: the note autosaves; finishing with no file and no note asks for one and marks nothing done", async () => {
    const { token } = await makeLink(world, world.users.admin.id, { platforms: [], brandKit: true });
    const empty = await post(token, { intent: "brand-kit", brandKitNote: "", complete: "1" });
    expect(empty.status).toBe(400);
    expect((await jsonOf<Failure>(empty)).errors.brandKitNote[0]).toMatch(/Upload at least one file/);
    expect((await save(token, { intent: "brand-kit", brandKitNote: "Shared drive: Brand/2026" })).status).toBe(200);
    expect((await clientView(token)).page.intake.brandKit).toMatchObject({ note: "Shared drive: Brand/2026", done: false });
    expect((await post(token, { intent: "brand-kit", brandKitNote: "Shared drive: Brand/2026", complete: "1" })).status).toBe(302);
    expect((await clientView(token)).page.intake.brandKit.done).toBe(true);
  });
});
