import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { onboardingLinks } from "@db/schema";
import { hit, LIMITS } from "~/modules/auth/rate-limit.server";
import { createLink, reissueLink } from "~/modules/onboarding/links.server";
import { useTestDatabase } from "../../support/db";
import { call, jsonOf, makeRequest, sessionCookie } from "../../support/http";
import { buildWorld, type World } from "../../support/world";
import { memberContext } from "../services/helpers";
import { linkInput, makeLink, setIdentities } from "./setup";

/**
 * Emailing a link from Baton is limited per member (LIMITS.emailSend). The services return a
 * `too_many` outcome (decision 051) and the pages answer it as before: 429 with Retry-After and
 * "Too many attempts…", nothing written. Creating a link without the email is not limited.
 */
const t = useTestDatabase();
let world: World;
let cookie: string;
let linkId: string;

beforeAll(async () => {
  // Fixed 15-minute windows: run in the middle of one, so the filled window does not end mid-test.
  const windowMs = LIMITS.emailSend.windowMinutes * 60_000;
  vi.useFakeTimers({ toFake: ["Date"], now: Math.floor(Date.now() / windowMs) * windowMs + windowMs / 2 });
  world = await buildWorld(t.db);
  await setIdentities(t.db, world.a.id);
  cookie = await sessionCookie(world.users.admin.id);
  ({ linkId } = await makeLink(world, world.users.admin.id, { sendEmail: false }));
  // The member has sent as many emails as the window allows.
  for (let i = 0; i < LIMITS.emailSend.max; i++) await hit(`onboard-send:${world.a.id}:${world.users.admin.id}`, LIMITS.emailSend);
});
afterAll(() => vi.useRealTimers());

const linkCount = async () => (await t.db.select({ n: count() }).from(onboardingLinks))[0].n;
const ws = () => ({ workspace: world.a.slug });

describe("the services", () => {
  it("createLink and reissueLink return too_many with a wait, writing nothing", async () => {
    const ctx = await memberContext(world.users.admin.id, world.a.slug);
    const before = await linkCount();
    for (const outcome of [await createLink(ctx, linkInput()), await reissueLink(ctx, linkId, { expiresInDays: 30, sendEmail: true })]) {
      expect(outcome.ok).toBe(false);
      if (outcome.ok) continue;
      expect(outcome.problem.kind).toBe("too_many");
      expect(outcome.problem.message).toMatch(/^Too many attempts\. Please wait \d+ minutes? and try again\.$/);
      expect(outcome.problem.retryAfterSeconds).toBeGreaterThan(0);
    }
    expect(await linkCount()).toBe(before);
  });
});

describe("the pages", () => {
  const createForm = (over: Record<string, string> = {}) => ({
    idempotencyKey: `k-${Math.random().toString(36).slice(2, 12)}`,
    brandId: "new",
    newClientName: "Limited Tea",
    clientEmail: "mia@limited.example",
    platform_ga4: "on",
    role_ga4: "Analyst",
    sendEmail: "on",
    expiresInDays: "30",
    ...over,
  });

  it("a new link to be emailed: 429 with Retry-After, the form's message and what was typed", async () => {
    const before = await linkCount();
    const page = await import("~/routes/w.$workspace.onboarding.new");
    const res = await call(page.action, makeRequest(`/w/${world.a.slug}/onboarding/new`, { cookie, form: createForm() }), ws());
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    const body = await jsonOf<{ ok: boolean; intent: string; formError: string; values: Record<string, string> }>(res);
    expect(body).toMatchObject({ ok: false, intent: "create", formError: expect.stringMatching(/^Too many attempts/) });
    expect(body.values.newClientName).toBe("Limited Tea");
    expect(await linkCount()).toBe(before);
  });

  it("a re-issue to be emailed: 429 with Retry-After", async () => {
    const page = await import("~/routes/w.$workspace.onboarding.$linkId");
    const form = { intent: "reissue", expiresInDays: "30", sendEmail: "on" };
    const res = await call(page.action, makeRequest(`/w/${world.a.slug}/onboarding/${linkId}`, { cookie, form }), { ...ws(), linkId });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await jsonOf<{ formError: string }>(res)).formError).toMatch(/^Too many attempts/);
    const fresh = await t.db.query.onboardingLinks.findFirst({ where: eq(onboardingLinks.id, linkId) });
    expect(fresh?.replacedById).toBeNull();
  });

  it("a new link that Baton does not email is not limited", async () => {
    const page = await import("~/routes/w.$workspace.onboarding.new");
    const form = createForm({ sendEmail: "", newClientName: "Unlimited Tea" });
    const res = await call(page.action, makeRequest(`/w/${world.a.slug}/onboarding/new`, { cookie, form }), ws());
    expect(res.status).toBe(200);
    expect((await jsonOf<{ ok: boolean; intent: string; created: { emailed: boolean } }>(res)).created.emailed).toBe(false);
  });
});
