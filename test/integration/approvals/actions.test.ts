import { and, count, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as schema from "@db/schema";
import { addMember, createUser } from "../../../db/factories";
import { badInputVariants } from "../../support/bad-input";
import { useTestDatabase } from "../../support/db";
import { call, jsonOf, makeRequest, sessionCookie } from "../../support/http";
import { buildWorld, type World } from "../../support/world";
import { drain } from "../services/helpers";
import {
  auditFor,
  campaignFixture,
  decisionsOf,
  deliverableRow,
  emailJobs,
  GOOD_COPY,
  GOOD_LINK,
  HOUR,
  submittedDeliverable,
} from "./fixtures";

/**
 * The deliverable page's action, called with real requests and session cookies: the refusals the
 * issue names (self-approval, an old version, scheduling a blocked deliverable), compare-and-set
 * under 20 concurrent decisions, and bad input (400, nothing written).
 */
const t = useTestDatabase();
let world: World;
let campaign: Awaited<ReturnType<typeof campaignFixture>>;
const cookies: Partial<Record<keyof World["users"], string>> = {};

const page = () => import("~/routes/w.$workspace.deliverables.$deliverableId");

async function cookie(who: keyof World["users"]) {
  return (cookies[who] ??= await sessionCookie(world.users[who].id));
}

async function post(id: string, form: Record<string, string | string[] | Blob>, as: string) {
  const { action } = await page();
  const res = await call(action, makeRequest(`/w/${world.a.slug}/deliverables/${id}`, { form, cookie: as }), {
    workspace: world.a.slug,
    deliverableId: id,
  });
  return {
    status: res.status,
    body: await jsonOf<{
      ok: boolean;
      formError: string | null;
      errors: Record<string, string[]>;
      failures: { code: string }[];
      notice: string | null;
    }>(res),
  };
}

beforeAll(async () => {
  world = await buildWorld(t.db);
  campaign = await campaignFixture(t.db, world);
});

describe("the deliverable page's action", () => {
  it("names the failed disclosure check and writes nothing; the fixed draft goes through", async () => {
    const id = await submittedDeliverable(world, campaign, { submit: false });
    const creator = await cookie("creator");
    const bad = await post(id, { intent: "submit", copy: "Morning glow, zero fuss.", link: GOOD_LINK, basedOnVersion: "0" }, creator);
    expect(bad.status).toBe(400);
    expect(bad.body.failures.map((f) => f.code)).toEqual(["disclosure_missing"]);
    expect(bad.body.errors.copy).toEqual(['Add "#ad" to the post: the brief requires this disclosure.']);
    expect(await t.db.select().from(schema.draftVersions).where(eq(schema.draftVersions.deliverableId, id))).toHaveLength(0);
    const good = await post(id, { intent: "submit", copy: GOOD_COPY, link: GOOD_LINK, basedOnVersion: "0" }, creator);
    expect(good).toMatchObject({ status: 200, body: { ok: true } });
    expect(await deliverableRow(t.db, id)).toMatchObject({ status: "in_review", currentVersion: 1 });
  });

  it("refuses self-approval with a clear message", async () => {
    const id = await submittedDeliverable(world, campaign);
    // The agency reviewer uploaded this version on the creator's behalf.
    await t.db
      .update(schema.draftVersions)
      .set({ submittedBy: world.users.agencyMember.id })
      .where(eq(schema.draftVersions.deliverableId, id));
    const res = await post(id, { intent: "decide", version: "1", decision: "approve" }, await cookie("agencyMember"));
    expect(res.status).toBe(403);
    expect(res.body.formError).toBe("You submitted this draft, so someone else has to approve it.");
    expect(await decisionsOf(t.db, id)).toHaveLength(0);
  });

  it("refuses a decision on an old version with a clear message", async () => {
    const id = await submittedDeliverable(world, campaign);
    const agency = await cookie("agencyMember");
    expect((await post(id, { intent: "decide", version: "1", decision: "request_changes", comment: "Say serum." }, agency)).status).toBe(
      200,
    );
    expect(
      (await post(id, { intent: "submit", copy: `${GOOD_COPY} Serum.`, link: GOOD_LINK, basedOnVersion: "1" }, await cookie("creator")))
        .status,
    ).toBe(200);
    const stale = await post(id, { intent: "decide", version: "1", decision: "approve" }, agency);
    expect(stale.status).toBe(409);
    expect(stale.body.formError).toBe("You're looking at version 1, but version 2 is the current one. Review that instead.");
    expect((await decisionsOf(t.db, id)).map((d) => d.version)).toEqual([1]);
  });

  it("requires a comment to request changes (400 next to the field)", async () => {
    const id = await submittedDeliverable(world, campaign);
    const res = await post(id, { intent: "decide", version: "1", decision: "request_changes", comment: " " }, await cookie("agencyMember"));
    expect(res.status).toBe(400);
    expect(res.body.errors.comment).toEqual(["Say what should change: a comment is required."]);
  });

  it("refuses to schedule a blocked deliverable until an admin overrides with a reason (audited as an exception)", async () => {
    // Goes live in 50 h: the 48 h sign-off deadline is 2 h away; nobody signs off.
    const id = await submittedDeliverable(world, campaign, { publishInHours: 50 });
    await drain(new Date(Date.now() + 3 * HOUR));
    // Blocked is a flag beside the status: still in review.
    expect(await deliverableRow(t.db, id)).toMatchObject({ status: "in_review", blocked: true });
    expect(await auditFor(t.db, id, "deliverable.blocked")).toHaveLength(1);

    const agency = await cookie("agencyMember");
    const refused = await post(id, { intent: "schedule" }, agency);
    expect(refused.status).toBe(409);
    expect(refused.body.formError).toBe(
      "The sign-off deadline passed without a sign-off. Reschedule it a full sign-off window ahead, or ask an admin to override.",
    );
    expect(await auditFor(t.db, id, "deliverable.scheduled")).toHaveLength(0);

    // A coordinator may not override; an admin must give a reason.
    expect((await post(id, { intent: "override", reason: "Brand approved by phone." }, await cookie("coordinator"))).status).toBe(404);
    const short = await post(id, { intent: "override", reason: "ok" }, await cookie("owner"));
    expect(short.status).toBe(400);
    expect(short.body.errors.reason?.[0]).toContain("at least 10 characters");
    expect(
      (await post(id, { intent: "override", reason: "Brand approved by phone, confirmed in writing." }, await cookie("owner"))).status,
    ).toBe(200);
    const [override] = await auditFor(t.db, id, "deliverable.override");
    expect(override.data).toMatchObject({ reason: "Brand approved by phone, confirmed in writing.", exception: true });
    expect(await deliverableRow(t.db, id)).toMatchObject({ status: "signed_off", blocked: false });
    expect((await post(id, { intent: "schedule" }, agency)).status).toBe(200);
    expect((await deliverableRow(t.db, id)).status).toBe("scheduled");
    // Not blocked any more: a second override is refused.
    expect((await post(id, { intent: "override", reason: "Once more, with feeling please." }, await cookie("owner"))).status).toBe(409);
  });

  it("unblocks a blocked deliverable rescheduled a full window ahead without resetting the route, and warns about a too-early time", async () => {
    const id = await submittedDeliverable(world, campaign, { publishInHours: 49 });
    expect((await post(id, { intent: "decide", version: "1", decision: "approve" }, await cookie("agencyMember"))).status).toBe(200);
    await drain(new Date(Date.now() + 2 * HOUR));
    expect(await deliverableRow(t.db, id)).toMatchObject({ status: "in_review", blocked: true });
    const coordinator = await cookie("coordinator");
    const soon = new Date(Date.now() + 30 * HOUR).toISOString().slice(0, 16);
    const tooSoon = await post(id, { intent: "reschedule", publishAt: soon }, coordinator);
    // A warning before saving, naming the earliest allowed time; nothing written.
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.body.errors.publishAt?.[0]).toContain("That is inside the 48-hour sign-off window, so it stays blocked");
    expect(tooSoon.body.errors.publishAt?.[0]).toContain("The earliest time that keeps the rule");
    expect(await auditFor(t.db, id, "deliverable.rescheduled")).toHaveLength(0);
    const later = new Date(Date.now() + 96 * HOUR).toISOString().slice(0, 16);
    expect((await post(id, { intent: "reschedule", publishAt: later }, coordinator)).status).toBe(200);
    // The status and the agency's approval stay: the brand lead is next.
    expect(await deliverableRow(t.db, id)).toMatchObject({ status: "in_review", blocked: false });
    expect((await decisionsOf(t.db, id)).map((d) => d.userId)).toEqual([world.users.agencyMember.id]);
    const [audit] = await auditFor(t.db, id, "deliverable.rescheduled");
    expect(audit.data).toMatchObject({ unblocked: true, statusFrom: "in_review", statusTo: "in_review" });
  });
});

describe("rescheduling a signed-off deliverable", () => {
  it("later keeps the sign-off; earlier than the sign-off allows removes it (inside the window: confirmed, blocked)", async () => {
    const id = await submittedDeliverable(world, campaign, { publishInHours: 24 * 5 });
    expect((await post(id, { intent: "decide", version: "1", decision: "approve" }, await cookie("agencyMember"))).status).toBe(200);
    expect((await post(id, { intent: "decide", version: "1", decision: "approve" }, await cookie("brandLead"))).status).toBe(200);
    const coordinator = await cookie("coordinator");
    // The coordinator's zone is UTC (factory default), so the local input is UTC.
    const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString().slice(0, 16);
    expect((await post(id, { intent: "reschedule", publishAt: inHours(24 * 7) }, coordinator)).status).toBe(200);
    expect(await deliverableRow(t.db, id)).toMatchObject({ status: "signed_off", signedOffVersion: 1 });
    // Signed off just now: a publish time 47 h ahead puts the deadline before the sign-off, which
    // is inside the sign-off window: warned first (nothing saved), then confirmed.
    const warned = await post(id, { intent: "reschedule", publishAt: inHours(47) }, coordinator);
    expect(warned.status).toBe(409);
    expect(await deliverableRow(t.db, id)).toMatchObject({ status: "signed_off", signedOffVersion: 1 });
    expect((await post(id, { intent: "reschedule", publishAt: inHours(47), confirm: "inside_window" }, coordinator)).status).toBe(200);
    const row = await deliverableRow(t.db, id);
    expect(row).toMatchObject({ status: "in_review", blocked: true, signedOffAt: null, signedOffVersion: null });
    const [audit] = (await auditFor(t.db, id, "deliverable.rescheduled")).slice(-1);
    expect(audit.data).toMatchObject({
      direction: "earlier",
      signOffRemoved: true,
      blocked: true,
      statusFrom: "signed_off",
      statusTo: "in_review",
    });
    // The brand lead holds the sign-off stage again (only that stage was reset), but while blocked
    // a sign-off would not count: the page says so instead of offering the button.
    const { loader } = await page();
    const data = await jsonOf<{ page: { can: { decide: boolean; signoffStage: boolean; signOffRefused: boolean } } }>(
      await call(loader, makeRequest(`/w/${world.a.slug}/deliverables/${id}`, { cookie: await cookie("brandLead") }), {
        workspace: world.a.slug,
        deliverableId: id,
      }),
    );
    expect(data.page.can).toMatchObject({ decide: true, signoffStage: true, signOffRefused: true });
  });
});

describe("without JavaScript", () => {
  it("a submission carrying the image itself stores it through the upload service and attaches it", async () => {
    const id = await submittedDeliverable(world, campaign, { submit: false, channel: "instagram" });
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
    const file = new File([png], "serum.png", { type: "image/png" });
    const creator = await cookie("creator");
    // Instagram needs a media file: without one the check names it.
    const none = await post(id, { intent: "submit", copy: GOOD_COPY, link: GOOD_LINK, basedOnVersion: "0" }, creator);
    expect(none.body.failures.map((f) => f.code)).toEqual(["media_missing"]);
    const res = await post(id, { intent: "submit", copy: GOOD_COPY, link: GOOD_LINK, basedOnVersion: "0", media: file }, creator);
    expect(res.status).toBe(200);
    const [version] = await t.db.select().from(schema.draftVersions).where(eq(schema.draftVersions.deliverableId, id));
    expect(version.mediaFileIds).toHaveLength(1);
    const [stored] = await t.db.select().from(schema.files).where(eq(schema.files.id, version.mediaFileIds[0]));
    expect(stored).toMatchObject({ originalName: "serum.png", mimeType: "image/png", purpose: "draft_media", workspaceId: world.a.id });
    // The page previews it.
    const { loader } = await page();
    const data = await jsonOf<{ page: { viewed: { media: { name: string; previewUrl: string | null }[] } } }>(
      await call(loader, makeRequest(`/w/${world.a.slug}/deliverables/${id}`, { cookie: await cookie("agencyMember") }), {
        workspace: world.a.slug,
        deliverableId: id,
      }),
    );
    expect(data.page.viewed.media).toEqual([
      expect.objectContaining({ name: "serum.png", previewUrl: `/w/${world.a.slug}/files/${stored.id}?inline=1` }),
    ]);
  });
});

describe("the approvals queue", () => {
  it("shows a brand lead only their brand's drafts, and filters by status and 'waiting on me'", async () => {
    const other = await campaignFixture(t.db, world, { name: "Queue Y", brandId: world.brandY.id, agencyId: world.agencyP.id });
    const mineX = await submittedDeliverable(world, campaign, { title: "Queue X draft" });
    const y = await submittedDeliverable(world, other, { title: "Queue Y draft" });
    const { loader } = await import("~/routes/w.$workspace.approvals");
    const load = async (who: keyof World["users"], query = "") =>
      jsonOf<{ items: { id: string; status: string; waitingOnMe: boolean }[] }>(
        await call(loader, makeRequest(`/w/${world.a.slug}/approvals${query}`, { cookie: await cookie(who) }), { workspace: world.a.slug }),
      );
    const lead = await load("brandLead");
    expect(lead.items.map((i) => i.id)).toContain(mineX);
    expect(lead.items.map((i) => i.id)).not.toContain(y);
    const agency = await load("agencyMember", "?mine=1");
    expect(agency.items.map((i) => i.id)).toEqual(expect.arrayContaining([mineX, y]));
    expect(agency.items.every((i) => i.waitingOnMe)).toBe(true);
    const drafts = await load("owner", "?status=draft");
    expect(drafts.items.every((i) => i.status === "draft")).toBe(true);
    // A malformed filter is ignored, not an error.
    expect((await load("owner", "?status=nonsense&brand=x&page=-3")).items.length).toBeGreaterThan(0);
  });
});

describe("20 concurrent sign-off and request-changes requests on one version", () => {
  it("one wins, the others get 409; one decision, one audit event, one email per recipient, one webhook", async () => {
    const leads = [];
    for (let i = 0; i < 20; i++) {
      const user = await createUser(t.db, { email: `lead-${i}-${Date.now()}@example.test`, name: `Lead ${i}` });
      await addMember(t.db, world.a.id, user.id, "brand_lead", { brandId: world.brandX.id });
      leads.push(await sessionCookie(user.id));
    }
    await t.db.insert(schema.webhookEndpoints).values({
      workspaceId: world.a.id,
      url: "https://hooks.example/baton",
      eventTypes: ["draft.signed_off", "draft.changes_requested"],
      secret: "s".repeat(32),
    });
    const id = await submittedDeliverable(world, campaign, { title: "Race reel" });
    expect((await post(id, { intent: "decide", version: "1", decision: "approve" }, await cookie("agencyMember"))).status).toBe(200);
    const before = (await auditFor(t.db, id)).length;

    const results = await Promise.all(
      leads.map((c, i) =>
        post(
          id,
          i % 2 === 0
            ? { intent: "decide", version: "1", decision: "approve" }
            : { intent: "decide", version: "1", decision: "request_changes", comment: `Change ${i}` },
          c,
        ),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.formError).toMatch(/\w/);

    const signOffs = (await decisionsOf(t.db, id)).filter((d) => d.stageIndex === 1);
    expect(signOffs).toHaveLength(1);
    const won = signOffs[0].decision;
    const audits = (await auditFor(t.db, id)).slice(before);
    expect(audits.map((a) => a.action)).toEqual([won === "approve" ? "draft.signed_off" : "draft.changes_requested"]);
    expect((await deliverableRow(t.db, id)).status).toBe(won === "approve" ? "signed_off" : "changes_requested");

    const ofThis = (template: string) =>
      emailJobs(t.db, template).then((rows) => rows.filter((j) => (j.payload as { props?: { url: string } }).props?.url.endsWith(id)));
    const signedOffMails = await ofThis("draft-signed-off");
    const changesMails = await ofThis("draft-changes-requested");
    if (won === "approve") {
      expect(changesMails).toHaveLength(0);
      const to = signedOffMails.map((j) => (j.payload as { to: string }).to);
      expect(new Set(to).size).toBe(to.length);
      expect(to).toContain(world.users.creator.email);
    } else {
      expect(signedOffMails).toHaveLength(0);
      expect(changesMails.map((j) => (j.payload as { to: string }).to)).toEqual([world.users.creator.email]);
    }
    const hooks = await t.db.select().from(schema.jobs).where(eq(schema.jobs.kind, "webhook"));
    const mine = hooks.filter((h) => (h.payload as { body: { data: { deliverableId: string } } }).body.data.deliverableId === id);
    expect(mine).toHaveLength(1);
  });
});

describe("bad input to the approvals actions: 400 with a message, nothing written", () => {
  const TABLES = [
    schema.deliverables,
    schema.draftVersions,
    schema.approvalDecisions,
    schema.draftComments,
    schema.approvalRoutes,
    schema.auditEvents,
    schema.jobs,
    schema.files,
  ];
  const snapshot = () => Promise.all(TABLES.map(async (table) => (await t.db.select({ n: count() }).from(table))[0].n));

  // Oversized beyond the copy's 70,000 characters.
  const variants = (intent: string | null, fields: string[]) => badInputVariants(intent ?? "", fields, {}, { oversized: 80_000 });

  const DELIVERABLE_INTENTS: Record<string, string[]> = {
    submit: ["copy", "title", "link", "media", "basedOnVersion"],
    decide: ["version", "decision", "comment"],
    comment: ["version", "body"],
    publish: ["liveUrl"],
    reschedule: ["publishAt", "confirm"],
    override: ["reason"],
  };

  it.each(
    Object.entries(DELIVERABLE_INTENTS)
      .flatMap(([intent, fields]) => variants(intent, fields).map(([label, form]) => ({ label: `${intent}: ${label}`, form })))
      .concat([{ label: "unknown intent", form: { intent: "drop-tables" } }]),
  )("deliverable page, $label", async ({ form }) => {
    const id = await submittedDeliverable(world, campaign);
    const before = await snapshot();
    const res = await post(id, form, await cookie("owner"));
    expect(res.status).toBe(400);
    const messages = [res.body.formError, ...Object.values(res.body.errors ?? {}).flat()].filter(Boolean);
    expect(messages.length).toBeGreaterThan(0);
    expect(await snapshot()).toEqual(before);
  });

  it.each(variants(null, ["title", "channel", "creatorId", "publishAt", "when", "confirm"]))(
    "new deliverable, %s",
    async (_label, form) => {
      const { action } = await import("~/routes/w.$workspace.campaigns.$campaignId.deliverables.new");
      const before = await snapshot();
      const res = await call(
        action,
        makeRequest(`/w/${world.a.slug}/campaigns/${campaign.id}/deliverables/new`, { form, cookie: await cookie("coordinator") }),
        { workspace: world.a.slug, campaignId: campaign.id },
      );
      expect(res.status).toBe(400);
      expect((await jsonOf<{ formError: string }>(res)).formError).toMatch(/\w/);
      expect(await snapshot()).toEqual(before);
    },
  );

  it.each(variants(null, ["reviewHours", "signoffRule", "signoffApprovers", "s0_name", "s0_rule", "s0_approvers"]))(
    "route editor, %s",
    async (_label, form) => {
      const { action } = await import("~/routes/w.$workspace.campaigns.$campaignId.route");
      const before = await snapshot();
      const res = await call(
        action,
        makeRequest(`/w/${world.a.slug}/campaigns/${campaign.id}/route`, { form, cookie: await cookie("coordinator") }),
        { workspace: world.a.slug, campaignId: campaign.id },
      );
      expect(res.status).toBe(400);
      expect((await jsonOf<{ formError: string }>(res)).formError).toMatch(/\w/);
      expect(await snapshot()).toEqual(before);
    },
  );

  it("a malformed deliverable id is 400, not a lookup", async () => {
    const { loader } = await page();
    const res = await call(loader, makeRequest(`/w/${world.a.slug}/deliverables/nope`, { cookie: await cookie("owner") }), {
      workspace: world.a.slug,
      deliverableId: "nope",
    });
    expect(res.status).toBe(400);
  });
});

describe("the approval route editor", () => {
  it("saves ordered stages, refuses a sign-off by someone who is not a brand lead of the brand", async () => {
    const { action } = await import("~/routes/w.$workspace.campaigns.$campaignId.route");
    const c = await campaignFixture(t.db, world, { name: "Route editor" });
    const send = (form: Record<string, string | string[]>) =>
      call(action, makeRequest(`/w/${world.a.slug}/campaigns/${c.id}/route`, { form, cookie: cookies.coordinator! }), {
        workspace: world.a.slug,
        campaignId: c.id,
      });
    await cookie("coordinator");
    const wrong = await send({
      reviewHours: "24",
      s0_name: "Agency review",
      s0_rule: "any",
      s0_approvers: world.users.agencyMember.id,
      signoffRule: "any",
      signoffApprovers: world.users.agencyMember.id,
    });
    expect(wrong.status).toBe(400);
    expect((await jsonOf<{ errors: Record<string, string[]> }>(wrong)).errors.signoff).toContain(
      "Only brand leads of this campaign's brand can give the brand sign-off.",
    );
    const ok = await send({
      reviewHours: "36",
      s0_name: "Agency review",
      s0_rule: "any",
      s0_approvers: world.users.agencyMember.id,
      s1_name: "Legal",
      s1_rule: "all",
      s1_approvers: [world.users.coordinator.id, world.users.admin.id],
      signoffRule: "any",
      signoffApprovers: world.users.brandLead.id,
    });
    expect(ok.status).toBe(200);
    const [row] = await t.db.select().from(schema.approvalRoutes).where(eq(schema.approvalRoutes.campaignId, c.id));
    expect(row.reviewHours).toBe(36);
    expect((row.stages as { name: string; kind: string; rule: string }[]).map((s) => [s.name, s.kind, s.rule])).toEqual([
      ["Agency review", "review", "any"],
      ["Legal", "review", "all"],
      ["Brand sign-off", "brand_signoff", "any"],
    ]);
    const audit = await t.db
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.objectId, c.id), inArray(schema.auditEvents.action, ["campaign.route_updated"])));
    expect(audit).toHaveLength(1);
  });
});

describe("webhooks of the approval path", () => {
  it("draft.submitted, draft.signed_off, deliverable.blocked and deliverable.published are emitted once each", async () => {
    await t.db.insert(schema.webhookEndpoints).values({
      workspaceId: world.a.id,
      url: "https://hooks.example/path",
      eventTypes: ["draft.submitted", "deliverable.blocked", "deliverable.published"],
      secret: "p".repeat(32),
    });
    const typesFor = async (id: string) => {
      const hooks = await t.db.select().from(schema.jobs).where(eq(schema.jobs.kind, "webhook"));
      return hooks
        .map((h) => (h.payload as { body: { type: string; data: { deliverableId: string } } }).body)
        .filter((b) => b.data.deliverableId === id)
        .map((b) => b.type)
        .sort();
    };
    const blocked = await submittedDeliverable(world, campaign, { publishInHours: 49 });
    await drain(new Date(Date.now() + 2 * HOUR));
    expect(await typesFor(blocked)).toEqual(["deliverable.blocked", "draft.submitted"]);

    const live = await submittedDeliverable(world, campaign);
    expect((await post(live, { intent: "decide", version: "1", decision: "approve" }, await cookie("agencyMember"))).status).toBe(200);
    expect((await post(live, { intent: "decide", version: "1", decision: "approve" }, await cookie("brandLead"))).status).toBe(200);
    expect((await post(live, { intent: "schedule" }, await cookie("agencyMember"))).status).toBe(200);
    const bad = await post(live, { intent: "publish", liveUrl: "instagram.com/p/x" }, await cookie("agencyMember"));
    expect(bad.status).toBe(400);
    expect(bad.body.errors.liveUrl).toEqual(["Paste the full link to the live post, starting with https://."]);
    expect((await post(live, { intent: "publish", liveUrl: "https://instagram.com/p/x" }, await cookie("agencyMember"))).status).toBe(200);
    // draft.signed_off too: the endpoint of the concurrency test above listens for it.
    expect(await typesFor(live)).toEqual(["deliverable.published", "draft.signed_off", "draft.submitted"]);
  });
});
