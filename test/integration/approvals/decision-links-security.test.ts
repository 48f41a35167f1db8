import { count, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as schema from "@db/schema";
import { approvalRoutes, brands, decisionCodes, deliverables, rateLimits } from "@db/schema";
import { addMember, createUser } from "../../../db/factories";
import { decide } from "~/modules/approvals/decide.server";
import { DECISION_LINK_LIMIT } from "~/modules/approvals/decision-links/limits.server";
import { hit } from "~/modules/auth/rate-limit.server";
import { badInputVariants } from "../../support/bad-input";
import { useTestDatabase } from "../../support/db";
import { changedTables, tableSnapshot } from "../../support/db-snapshot";
import { call, jsonOf, makeRequest, sessionCookie } from "../../support/http";
import { buildWorld, type World } from "../../support/world";
import { atSignOff, linkMedia, linkTokenFor, openLinkPage, postLink } from "./decision-link-fixtures";
import { auditFor, campaignFixture, ctxOf, decisionsOf, deliverableRow, emailJobs, HOUR, submittedDeliverable } from "./fixtures";

/**
 * Security of decision links (security.md 10-14, 33, 37; decision 052): compare-and-set with every
 * other decision path, a link of one brand deciding nothing for another, a GET that writes nothing
 * but rate limits, the end of a link, the one-time code with its lockout, and bad input.
 */
const t = useTestDatabase();
let world: World;
let campaign: Awaited<ReturnType<typeof campaignFixture>>;

beforeAll(async () => {
  world = await buildWorld(t.db);
  campaign = await campaignFixture(t.db, world);
});

const APPROVE = { intent: "decide", version: "1", decision: "approve" };

describe("20 concurrent decisions through decision links and the signed-in page together", () => {
  it("one wins; the rest get 409; one decision, one audit event, one email per recipient, one webhook", async () => {
    const leads = [];
    for (let i = 0; i < 10; i++) {
      const user = await createUser(t.db, { email: `race-lead-${i}-${Date.now()}@example.test`, name: `Lead ${i}` });
      await addMember(t.db, world.a.id, user.id, "brand_lead", { brandId: world.brandX.id });
      leads.push(user);
    }
    await t.db.insert(schema.webhookEndpoints).values({
      workspaceId: world.a.id,
      url: "https://hooks.example/race",
      eventTypes: ["draft.signed_off", "draft.changes_requested"],
      secret: "s".repeat(32),
    });
    const { id } = await atSignOff(t.db, world, campaign, { title: "Race through links" });
    const before = (await auditFor(t.db, id)).length;
    const tokens = await Promise.all(leads.map((u) => linkTokenFor(t.db, id, u.email)));
    const cookies = await Promise.all(leads.map((u) => sessionCookie(u.id)));
    const form = (i: number) =>
      i % 2 === 0 ? APPROVE : { intent: "decide", version: "1", decision: "request_changes", comment: `Change ${i}` };
    const { action } = await import("~/routes/w.$workspace.deliverables.$deliverableId");
    const page = (i: number) =>
      call(action, makeRequest(`/w/${world.a.slug}/deliverables/${id}`, { form: form(i), cookie: cookies[i] }), {
        workspace: world.a.slug,
        deliverableId: id,
      });
    const results = await Promise.all(leads.flatMap((_, i) => [postLink(tokens[i], form(i + 1)), page(i)]));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 302 || s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);

    const signOffs = (await decisionsOf(t.db, id)).filter((d) => d.stageIndex === 1);
    expect(signOffs).toHaveLength(1);
    const won = signOffs[0].decision;
    const audits = (await auditFor(t.db, id)).slice(before);
    expect(audits.map((a) => a.action)).toEqual([won === "approve" ? "draft.signed_off" : "draft.changes_requested"]);
    const mails = async (template: string) =>
      (await emailJobs(t.db, template))
        .map((j) => j.payload as { to: string; props: { url: string } })
        .filter((p) => p.props.url.endsWith(id))
        .map((p) => p.to);
    const signedOff = await mails("draft-signed-off");
    const changes = await mails("draft-changes-requested");
    if (won === "approve") {
      expect(changes).toEqual([]);
      expect(new Set(signedOff).size).toBe(signedOff.length);
      expect(signedOff).toContain(world.users.creator.email);
    } else {
      expect(signedOff).toEqual([]);
      expect(changes).toEqual([world.users.creator.email]);
    }
    const hooks = (await t.db.select().from(schema.jobs).where(eq(schema.jobs.kind, "webhook"))).filter(
      (h) => (h.payload as { body: { data: { deliverableId: string } } }).body.data.deliverableId === id,
    );
    expect(hooks).toHaveLength(1);
  });
});

describe("a link of brand X decides nothing for brand Y", () => {
  it("brand X's lead, named on brand Y's route by mistake, neither sees nor signs Y's draft through the link", async () => {
    const campaignY = await campaignFixture(t.db, world, { name: "Brand Y launch", brandId: world.brandY.id, agencyId: world.agencyQ.id });
    await t.db.insert(approvalRoutes).values({
      workspaceId: world.a.id,
      campaignId: campaignY.id,
      stages: [
        { name: "Agency review", kind: "review", rule: "any", approverUserIds: [world.users.coordinator.id] },
        { name: "Brand sign-off", kind: "brand_signoff", rule: "any", approverUserIds: [world.users.brandLead.id] },
      ],
    });
    const idY = await submittedDeliverable(world, campaignY, { title: "Brand Y reel" });
    const reviewed = await decide(await ctxOf(world, "coordinator"), {
      deliverableId: idY,
      version: 1,
      decision: "approve",
      comment: null,
    });
    expect(reviewed.ok).toBe(true);
    const tokenY = await linkTokenFor(t.db, idY, world.users.brandLead.email);
    const before = await tableSnapshot(t.db, { except: ["rate_limits"] });
    const opened = await openLinkPage(tokenY);
    expect(opened.status).toBe(404);
    expect(await opened.text()).not.toContain("Brand Y");
    expect((await postLink(tokenY, APPROVE)).status).toBe(404);
    expect((await postLink(tokenY, { intent: "move-and-sign-off", version: "1", publishAt: "2031-01-01T10:00" })).status).toBe(404);
    expect(changedTables(before, await tableSnapshot(t.db, { except: ["rate_limits"] }))).toEqual([]);
    expect((await deliverableRow(t.db, idY)).status).toBe("in_review");

    // Brand X's own link, pointed at Y's deliverable by a form field, still acts on X's only.
    const { id: idX, token: tokenX } = await atSignOff(t.db, world, campaign);
    expect((await postLink(tokenX, { ...APPROVE, deliverableId: idY })).status).toBe(302);
    expect((await deliverableRow(t.db, idX)).status).toBe("signed_off");
    expect((await deliverableRow(t.db, idY)).status).toBe("in_review");
    expect((await linkMedia(tokenX, idY)).status).toBe(404);
  });
});

describe("opening a link writes nothing but rate limits (12)", () => {
  it("every table but rate_limits is unchanged after GETs of the page and its media", async () => {
    const { token } = await atSignOff(t.db, world, campaign);
    const limitRows = async () => (await t.db.select({ n: count() }).from(rateLimits))[0].n;
    const before = await tableSnapshot(t.db, { except: ["rate_limits"] });
    const limitsBefore = await limitRows();
    for (const query of ["", "?done=signed_off", "?v=1"]) expect((await openLinkPage(token, { query })).status).toBe(200);
    expect((await linkMedia(token, "0".repeat(32))).status).toBe(404);
    expect(await limitRows()).toBeGreaterThan(limitsBefore);
    expect(changedTables(before, await tableSnapshot(t.db, { except: ["rate_limits"] }))).toEqual([]);
  });

  it("a flood from one address is answered 429 (with Retry-After) once its limit is used up", async () => {
    const { token } = await atSignOff(t.db, world, campaign);
    const ip = "192.0.2.250";
    expect((await openLinkPage(token, { ip })).status).toBe(200);
    // The rest of the window's allowance, spent without rendering 299 pages.
    for (let i = 1; i < DECISION_LINK_LIMIT.max; i++) await hit(`decision-link:ip:${ip}`, DECISION_LINK_LIMIT);
    const flooded = await openLinkPage(token, { ip });
    expect(flooded.status).toBe(429);
    expect(Number(flooded.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await postLink(token, APPROVE, { ip })).status).toBe(429);
    expect((await openLinkPage(token)).status).toBe(200);
  });
});

it("an expired link answers 410 and decides nothing", async () => {
  const { id, token } = await atSignOff(t.db, world, campaign);
  await t.db
    .update(deliverables)
    .set({ publishAt: new Date(Date.now() - 8 * 24 * HOUR) })
    .where(eq(deliverables.id, id));
  expect((await openLinkPage(token)).status).toBe(410);
  expect((await postLink(token, APPROVE)).status).toBe(410);
  expect(await decisionsOf(t.db, id)).toHaveLength(1);
});

describe("a brand that requires a one-time code", () => {
  /** The code of the newest code email to the lead (jobs in the order they were queued). */
  const codeOf = async () => {
    const sent = (await emailJobs(t.db, "decision-code"))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((j) => j.payload as { to: string; props: { code: string; url: string } })
      .filter((p) => p.to === world.users.brandLead.email);
    return sent.at(-1)!.props.code;
  };

  it("refuses a decision without the right code, writes nothing else, and locks the sixth try even with the right code", async () => {
    await t.db.update(brands).set({ requireDecisionCode: true }).where(eq(brands.id, world.brandX.id));
    const { id, token } = await atSignOff(t.db, world, campaign);
    try {
      const page = (await jsonOf(await openLinkPage(token))) as { page: { code: { required: boolean; pending: boolean } } };
      expect(page.page.code).toEqual({ required: true, pending: false });
      const none = await postLink(token, APPROVE);
      expect(none.status).toBe(400);
      expect(((await jsonOf(none)) as { formError: string }).formError).toMatch(/one-time code/);

      expect((await postLink(token, { intent: "send-code" })).status).toBe(302);
      const code = await codeOf();
      expect(code).toMatch(/^\d{6}$/);
      const [stored] = await t.db.select().from(decisionCodes).orderBy(decisionCodes.createdAt);
      expect(stored.codeHash).not.toContain(code);
      const wrong = code === "000000" ? "111111" : "000000";

      const before = await tableSnapshot(t.db, { except: ["rate_limits", "decision_codes"] });
      for (let i = 1; i <= 5; i++) {
        const res = await postLink(token, { ...APPROVE, code: wrong });
        expect(res.status).toBe(400);
        expect(((await jsonOf(res)) as { errors: { code: string[] } }).errors.code[0]).toMatch(i < 5 ? `${5 - i} tr` : /last try/);
      }
      const sixth = await postLink(token, { ...APPROVE, code });
      expect(sixth.status).toBe(409);
      expect(((await jsonOf(sixth)) as { formError: string }).formError).toMatch(/Too many wrong tries/);
      expect(changedTables(before, await tableSnapshot(t.db, { except: ["rate_limits", "decision_codes"] }))).toEqual([]);
      expect((await deliverableRow(t.db, id)).status).toBe("in_review");

      // A new code, the right one: the decision counts, and the code cannot be used twice.
      expect((await postLink(token, { intent: "send-code" })).status).toBe(302);
      const fresh = await codeOf();
      expect((await postLink(token, { ...APPROVE, code: fresh.replace(/(\d{3})/, "$1 ") })).status).toBe(302);
      expect((await deliverableRow(t.db, id)).status).toBe("signed_off");
      const again = await postLink(token, { ...APPROVE, code: fresh });
      expect(again.status).toBe(400);
      expect(((await jsonOf(again)) as { formError: string }).formError).toMatch(/already used/);
    } finally {
      await t.db.update(brands).set({ requireDecisionCode: false }).where(eq(brands.id, world.brandX.id));
    }
  });

  it("concurrent guesses count at most five tries: the count is taken atomically", async () => {
    await t.db.update(brands).set({ requireDecisionCode: true }).where(eq(brands.id, world.brandX.id));
    try {
      const { token } = await atSignOff(t.db, world, campaign);
      expect((await postLink(token, { intent: "send-code" })).status).toBe(302);
      const wrong = (await codeOf()) === "000000" ? "111111" : "000000";
      const statuses = (await Promise.all(Array.from({ length: 10 }, () => postLink(token, { ...APPROVE, code: wrong })))).map(
        (r) => r.status,
      );
      expect(statuses.filter((s) => s === 400)).toHaveLength(5);
      expect(statuses.filter((s) => s === 409)).toHaveLength(5);
      const [row] = await t.db.select().from(decisionCodes).orderBy(desc(decisionCodes.createdAt)).limit(1);
      expect(row.attempts).toBe(5);
    } finally {
      await t.db.update(brands).set({ requireDecisionCode: false }).where(eq(brands.id, world.brandX.id));
    }
  });

  it("a brand that asks for no code sends none", async () => {
    const { token } = await atSignOff(t.db, world, campaign);
    expect((await postLink(token, { intent: "send-code" })).status).toBe(409);
  });
});

describe("bad input through a decision link: 400 with a message, nothing written (20, 41)", () => {
  const variants = (intent: string, fields: string[]) =>
    badInputVariants(intent, fields).map(([label, form]) => ({ label: `${intent}: ${label}`, form }));
  const cases = [
    ...variants("decide", ["version", "decision", "comment", "code"]),
    ...variants("move-and-sign-off", ["version", "publishAt", "code"]),
    { label: "unknown intent", form: { intent: "drop-tables" } },
    { label: "no intent", form: {} },
  ];

  it.each(cases)("$label", async ({ form }) => {
    const { token } = await atSignOff(t.db, world, campaign);
    const before = await tableSnapshot(t.db, { except: ["rate_limits"] });
    const res = await postLink(token, form);
    expect(res.status).toBe(400);
    const body = (await jsonOf(res)) as { formError: string; errors: Record<string, string[]> };
    expect([body.formError, ...Object.values(body.errors).flat()].filter(Boolean).length).toBeGreaterThan(0);
    expect(changedTables(before, await tableSnapshot(t.db, { except: ["rate_limits"] }))).toEqual([]);
  });
});
