import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as schema from "@db/schema";
import { brands, decisionCodes, decisionLinks, memberships, rateLimits } from "@db/schema";
import { addMember, createUser } from "../../../db/factories";
import { decide } from "~/modules/approvals/decide.server";
import { digestLinkExpiry } from "~/modules/approvals/decision-links/link-rules";
import { issueLink } from "~/modules/approvals/decision-links/tokens.server";
import { submitVersion } from "~/modules/approvals/submit.server";
import type { DigestPage } from "~/components/decision-links/types";
import { badInputVariants } from "../../support/bad-input";
import { useTestDatabase } from "../../support/db";
import { changedTables, tableSnapshot } from "../../support/db-snapshot";
import { jsonOf } from "../../support/http";
import { buildWorld, type World } from "../../support/world";
import { memberContext } from "../services/helpers";
import { atSignOff, openLinkPage } from "./decision-link-fixtures";
import {
  auditFor,
  campaignFixture,
  ctxOf,
  decisionsOf,
  deliverableRow,
  emailJobs,
  GOOD_COPY,
  GOOD_LINK,
  HOUR,
  submittedDeliverable,
} from "./fixtures";
import { digestTokenFor, openDigest, postDigest, runDigestAtNextSlot } from "./signoff-digest-fixtures";

/**
 * The sign-off digest's page (issue 17 part 3) through its real route: what it lists, "Sign off
 * selected" through the one decide command row by row, a row that changed meanwhile failing alone,
 * and the token rules it shares with decision links (security.md 10-14, 33, 37).
 */
const t = useTestDatabase();
let world: World;
let campaign: Awaited<ReturnType<typeof campaignFixture>>;
let campaignY: Awaited<ReturnType<typeof campaignFixture>>;
let secondLead: { id: string; email: string };
let leadY: { id: string; email: string };

beforeAll(async () => {
  world = await buildWorld(t.db);
  await t.db.update(brands).set({ timeZone: "Europe/Berlin" }).where(eq(brands.id, world.brandX.id));
  campaign = await campaignFixture(t.db, world);
  campaignY = await campaignFixture(t.db, world, { name: "Brand Y launch", brandId: world.brandY.id, agencyId: world.agencyQ.id });
  // A second lead of brand X (on the default route's sign-off, "any"), and a lead of brand Y.
  secondLead = await createUser(t.db, { email: `second-lead-${Date.now()}@example.test`, name: "Second Lead" });
  await addMember(t.db, world.a.id, secondLead.id, "brand_lead", { brandId: world.brandX.id });
  leadY = await createUser(t.db, { email: `lead-y-${Date.now()}@example.test`, name: "Lead Y" });
  await addMember(t.db, world.a.id, leadY.id, "brand_lead", { brandId: world.brandY.id });
});

type Loaded = { page: DigestPage; summary: { tone: string; text: string } | null; codeSent: boolean };
const pageOf = async (res: Response) => (await jsonOf(res)) as unknown as Loaded;

/** A digest link for `userId` at `brandId`, as the job issues it (the raw token, as its email would carry it). */
const digestLink = (userId: string, brandId = world.brandX.id, now = new Date()) =>
  issueLink(t.db, { purpose: "digest", workspaceId: world.a.id, userId, brandId, expiresAt: digestLinkExpiry(now) });

/** `n` drafts of brand X waiting for the leads' sign-off, the soonest first. */
async function waitingDrafts(n: number, label: string) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++)
    ids.push((await atSignOff(t.db, world, campaign, { title: `${label} ${i + 1}`, publishInHours: 100 + i * 10 })).id);
  return ids;
}
const picks = (ids: string[], version = 1) => ids.map((id) => `${id}.${version}`);

/** A draft of brand Y waiting for brand Y's lead (its agency review falls to the coordinator). */
async function waitingForLeadY(title: string) {
  const id = await submittedDeliverable(world, campaignY, { title });
  const reviewed = await decide(await ctxOf(world, "coordinator"), { deliverableId: id, version: 1, decision: "approve", comment: null });
  if (!reviewed.ok) throw new Error(reviewed.problem.message);
  return id;
}

describe("the digest email's page", () => {
  it("lists the lead's sign-offs at this brand, most urgent first, with the essentials in the brand's zone; never cached", async () => {
    const ids = await waitingDrafts(3, "Listed");
    const idY = await waitingForLeadY("Brand Y secret reel");
    await runDigestAtNextSlot(t.db, world.brandX.id);
    const token = await digestTokenFor(t.db, world.users.brandLead.email);
    const res = await openDigest(token);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.clone().text();
    expect(body).not.toContain("Brand Y");
    const { page } = await pageOf(res);
    expect(page.brand).toMatchObject({ name: "Brand X", zone: "Europe/Berlin" });
    const mine = page.rows.filter((r) => ids.includes(r.id));
    expect(mine.map((r) => r.id)).toEqual(ids);
    const deadlines = page.rows.map((r) => r.deadline);
    expect([...deadlines].sort()).toEqual(deadlines);
    expect(mine[0]).toMatchObject({
      title: "Listed 1",
      channelLabel: "X",
      creatorName: "Creator M",
      version: 1,
      pick: `${ids[0]}.1`,
      waits: true,
      result: null,
    });
    expect(mine[0].publishLabel).toMatch(/Berlin \(UTC\+\d\)$/);
    expect(mine[0].countdown).toMatch(/\d/);
    expect(page.rows.map((r) => r.id)).not.toContain(idY);
  });
});

describe("sign off selected", () => {
  it("signs off three at once, each through the decide command: audited as '<email> via sign-off digest link', one email and one webhook each", async () => {
    await t.db.insert(schema.webhookEndpoints).values({
      workspaceId: world.a.id,
      url: "https://hooks.example/digest",
      eventTypes: ["draft.signed_off"],
      secret: "s".repeat(32),
    });
    const ids = await waitingDrafts(3, "Three at once");
    const token = await digestLink(world.users.brandLead.id);
    const res = await postDigest(token, { intent: "sign-off", pick: picks(ids) }, { ip: "192.0.2.88" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/d/digest/${token}?r=${ids.map((id) => `${id}:signed_off`).join(",")}`);
    for (const id of ids) {
      expect(await deliverableRow(t.db, id)).toMatchObject({
        status: "signed_off",
        signedOffBy: world.users.brandLead.id,
        signedOffVersion: 1,
      });
      const events = await auditFor(t.db, id, "draft.signed_off");
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        actorUserId: world.users.brandLead.id,
        actorLabel: `${world.users.brandLead.email} via sign-off digest link`,
        ip: "192.0.2.88",
        userAgent: "vitest",
      });
      const told = (await emailJobs(t.db, "draft-signed-off")).filter((j) =>
        (j.payload as { props: { url: string } }).props.url.endsWith(id),
      );
      expect(told.map((j) => (j.payload as { to: string }).to)).toContain(world.users.creator.email);
      const hooks = (await t.db.select().from(schema.jobs).where(eq(schema.jobs.kind, "webhook"))).filter(
        (h) => (h.payload as { body: { data: { deliverableId: string } } }).body.data.deliverableId === id,
      );
      expect(hooks).toHaveLength(1);
    }
    // The page after the redirect shows each as signed off.
    const after = await pageOf(await openDigest(token, { query: new URL(res.headers.get("location")!, "http://x").search }));
    expect(after.summary).toEqual({ tone: "success", text: "3 signed off. The publishers have been told." });
    const rows = after.page.rows.filter((r) => ids.includes(r.id));
    expect(rows.map((r) => r.result?.text)).toEqual(ids.map(() => "Signed off v1. The publisher has been told."));
    expect(rows.every((r) => r.pick === null && r.statusLabel === "Signed off")).toBe(true);
  });

  it("a row that changed meanwhile fails alone and says why; the others are signed off", async () => {
    const [kept, renewed, taken] = await waitingDrafts(3, "Meanwhile");
    const token = await digestLink(world.users.brandLead.id);
    // While the page is open: the creator submits v2 of one, the other lead signs off another.
    const v2 = await submitVersion(await ctxOf(world, "creator"), {
      deliverableId: renewed,
      copy: `${GOOD_COPY} v2`,
      title: null,
      link: GOOD_LINK,
      mediaFileIds: [],
      basedOnVersion: 1,
    });
    expect(v2.ok).toBe(true);
    const other = await decide(await memberContext(secondLead.id, world.a.slug), {
      deliverableId: taken,
      version: 1,
      decision: "approve",
      comment: null,
    });
    expect(other.ok).toBe(true);
    const res = await postDigest(token, { intent: "sign-off", pick: picks([kept, renewed, taken]) });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toContain(`${kept}:signed_off,${renewed}:stale_version,${taken}:decided`);
    expect((await deliverableRow(t.db, kept)).status).toBe("signed_off");
    expect(await auditFor(t.db, renewed, "draft.signed_off")).toHaveLength(0);
    expect((await auditFor(t.db, taken, "draft.signed_off")).map((e) => e.actorLabel)).toEqual([secondLead.email]);
    expect((await decisionsOf(t.db, taken)).filter((d) => d.stageIndex === 1).map((d) => d.userId)).toEqual([secondLead.id]);

    const { page } = await pageOf(await openDigest(token, { query: new URL(res.headers.get("location")!, "http://x").search }));
    const text = (id: string) => page.rows.find((r) => r.id === id)?.result?.text;
    expect(text(kept)).toMatch(/^Signed off v1/);
    expect(text(renewed)).toBe("Not signed off: version 2 is now current. Open it to review that version.");
    expect(text(taken)).toMatch(/^Not signed off: it was decided meanwhile and is now signed off/);
  });

  it("a decision racing the post on one of the selected: that row alone has one winner", async () => {
    const ids = await waitingDrafts(3, "Race");
    const token = await digestLink(world.users.brandLead.id);
    const rival = await memberContext(secondLead.id, world.a.slug);
    const [posted, raced] = await Promise.all([
      postDigest(token, { intent: "sign-off", pick: picks(ids) }),
      decide(rival, { deliverableId: ids[1], version: 1, decision: "request_changes", comment: "Not this one." }),
    ]);
    expect(posted.status).toBe(302);
    const location = posted.headers.get("location")!;
    expect(location).toContain(`${ids[0]}:signed_off`);
    expect(location).toContain(`${ids[2]}:signed_off`);
    const digestWon = location.includes(`${ids[1]}:signed_off`);
    expect(raced.ok).toBe(!digestWon);
    // One decision at the sign-off stage, one audit event, whoever won.
    expect((await decisionsOf(t.db, ids[1])).filter((d) => d.stageIndex === 1)).toHaveLength(1);
    const events = (await auditFor(t.db, ids[1])).filter((e) => ["draft.signed_off", "draft.changes_requested"].includes(e.action));
    expect(events).toHaveLength(1);
    expect((await deliverableRow(t.db, ids[1])).status).toBe(digestWon ? "signed_off" : "changes_requested");
  });

  it("signs off only the brand sign-off: a draft still at the agency review, or another brand's, is refused and untouched", async () => {
    const atAgency = await submittedDeliverable(world, campaign, { title: "Still with the agency" });
    const y = await waitingForLeadY("Other brand's reel");
    // A route stored with the lead on its review stage too: the digest still only gives the sign-off.
    const reviewedByLead = await campaignFixture(t.db, world, { name: "Lead reviews first" });
    await t.db.insert(schema.approvalRoutes).values({
      workspaceId: world.a.id,
      campaignId: reviewedByLead.id,
      stages: [
        { name: "Lead's first look", kind: "review", rule: "any", approverUserIds: [world.users.brandLead.id] },
        { name: "Brand sign-off", kind: "brand_signoff", rule: "any", approverUserIds: [world.users.brandLead.id] },
      ],
    });
    const atLeadsReview = await submittedDeliverable(world, reviewedByLead, { title: "At the lead's review stage" });
    const token = await digestLink(world.users.brandLead.id);
    const listed = (await pageOf(await openDigest(token))).page.rows.map((r) => r.id);
    expect(listed).not.toContain(atLeadsReview);
    const res = await postDigest(token, { intent: "sign-off", pick: picks([y, atAgency, atLeadsReview]) });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toContain(`${y}:not_waiting,${atAgency}:not_waiting,${atLeadsReview}:not_waiting`);
    expect(await decisionsOf(t.db, atLeadsReview)).toHaveLength(0);
    expect((await decisionsOf(t.db, y)).filter((d) => d.stageIndex === 1)).toHaveLength(0);
    expect(await decisionsOf(t.db, atAgency)).toHaveLength(0);
    expect((await deliverableRow(t.db, y)).status).toBe("in_review");
    expect((await deliverableRow(t.db, atAgency)).status).toBe("in_review");
  });
});

describe("token rules (security.md 10-14)", () => {
  it("opening writes nothing but rate limits", async () => {
    const [id] = await waitingDrafts(1, "Read only");
    const token = await digestLink(world.users.brandLead.id);
    const limitRows = async () => (await t.db.select({ n: count() }).from(rateLimits))[0].n;
    const before = await tableSnapshot(t.db, { except: ["rate_limits"] });
    const limitsBefore = await limitRows();
    for (const query of ["", `?r=${id}:signed_off`, "?done=code_sent", "?r=junk"])
      expect((await openDigest(token, { query })).status).toBe(200);
    expect(await limitRows()).toBeGreaterThan(limitsBefore);
    expect(changedTables(before, await tableSnapshot(t.db, { except: ["rate_limits"] }))).toEqual([]);
  });

  it("an expired digest link answers 410 and signs off nothing; so does a revoked one", async () => {
    const [id] = await waitingDrafts(1, "Expired");
    const token = await digestLink(world.users.brandLead.id, world.brandX.id, new Date(Date.now() - 49 * HOUR));
    expect((await openDigest(token)).status).toBe(410);
    expect((await postDigest(token, { intent: "sign-off", pick: picks([id]) })).status).toBe(410);
    expect((await deliverableRow(t.db, id)).status).toBe("in_review");
    const revoked = await digestLink(world.users.brandLead.id);
    await t.db.update(decisionLinks).set({ revokedAt: new Date() }).where(eq(decisionLinks.purpose, "digest"));
    expect((await openDigest(revoked)).status).toBe(410);
  });

  it("the page of another person or another brand reaches nothing", async () => {
    const idY = await waitingForLeadY("Brand Y only");
    const [idX] = await waitingDrafts(1, "Brand X only");
    // Brand X's lead with a link for brand Y; an agency member with a link for brand X; a made-up token.
    const tokens = [
      await digestLink(world.users.brandLead.id, world.brandY.id),
      await digestLink(world.users.agencyMember.id),
      "U".repeat(43),
    ];
    const decisionToken = (await atSignOff(t.db, world, campaign)).token;
    const digestToken = await digestLink(world.users.brandLead.id);
    const before = await tableSnapshot(t.db, { except: ["rate_limits"] });
    for (const token of tokens) {
      const opened = await openDigest(token);
      expect(opened.status).toBe(404);
      expect(await opened.text()).not.toMatch(/Brand [XY] only/);
      expect((await postDigest(token, { intent: "sign-off", pick: picks([idY, idX]) })).status).toBe(404);
      expect((await postDigest(token, { intent: "open", deliverableId: idX })).status).toBe(404);
    }
    // A decision link's token is not a digest's (one purpose each), and the reverse.
    expect((await openDigest(decisionToken)).status).toBe(404);
    expect((await postDigest(decisionToken, { intent: "sign-off", pick: picks([idX]) })).status).toBe(404);
    expect((await openLinkPage(digestToken)).status).toBe(404);
    // The lead's own digest opens no draft of another brand.
    expect((await postDigest(digestToken, { intent: "open", deliverableId: idY })).status).toBe(404);
    expect(changedTables(before, await tableSnapshot(t.db, { except: ["rate_limits"] }))).toEqual([]);
  });

  it("a lead no longer in the workspace: the link has ended (410)", async () => {
    const leaving = await createUser(t.db, { email: `leaving-${Date.now()}@example.test`, name: "Leaving Lead" });
    await addMember(t.db, world.a.id, leaving.id, "brand_lead", { brandId: world.brandX.id });
    const token = await digestLink(leaving.id);
    expect((await openDigest(token)).status).toBe(200);
    await t.db.delete(memberships).where(and(eq(memberships.userId, leaving.id), eq(memberships.workspaceId, world.a.id)));
    expect((await openDigest(token)).status).toBe(410);
  });
});

describe("open the full draft", () => {
  it("issues the person's own decision link for that deliverable and goes there", async () => {
    const [id] = await waitingDrafts(1, "Open me");
    const token = await digestLink(world.users.brandLead.id);
    const res = await postDigest(token, { intent: "open", deliverableId: id });
    expect(res.status).toBe(302);
    const location = res.headers.get("location")!;
    expect(location).toMatch(/^\/d\/[A-Za-z0-9_-]{43}$/);
    const opened = await openLinkPage(location.split("/")[2]);
    expect(opened.status).toBe(200);
    const { page } = (await jsonOf(opened)) as unknown as { page: { person: { email: string }; deliverable: { title: string } } };
    expect(page).toMatchObject({ person: { email: world.users.brandLead.email }, deliverable: { title: "Open me 1" } });
  });
});

describe("a brand that requires a one-time code", () => {
  it("refuses a sign-off without the code; one right code signs off the whole selection, once", async () => {
    await t.db.update(brands).set({ requireDecisionCode: true }).where(eq(brands.id, world.brandX.id));
    try {
      const ids = await waitingDrafts(2, "Coded");
      const token = await digestLink(world.users.brandLead.id);
      expect((await pageOf(await openDigest(token))).page.code).toEqual({ required: true, pending: false });
      const none = await postDigest(token, { intent: "sign-off", pick: picks(ids) });
      expect(none.status).toBe(400);
      expect(((await jsonOf(none)) as { formError: string }).formError).toMatch(/one-time code/);
      expect((await deliverableRow(t.db, ids[0])).status).toBe("in_review");

      const sent = await postDigest(token, { intent: "send-code" });
      expect(sent.status).toBe(302);
      expect(sent.headers.get("location")).toBe(`/d/digest/${token}?done=code_sent`);
      const mail = (await emailJobs(t.db, "decision-code"))
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
        .map((j) => j.payload as { to: string; props: { code: string; url: string; deliverableName: string } })
        .filter((p) => p.to === world.users.brandLead.email)
        .at(-1)!;
      expect(mail.props).toMatchObject({ deliverableName: "Brand X sign-offs" });
      expect(mail.props.url.endsWith(`/d/digest/${token}`)).toBe(true);
      const wrong = mail.props.code === "000000" ? "111111" : "000000";
      expect((await postDigest(token, { intent: "sign-off", pick: picks(ids), code: wrong })).status).toBe(400);

      const ok = await postDigest(token, { intent: "sign-off", pick: picks(ids), code: mail.props.code });
      expect(ok.status).toBe(302);
      for (const id of ids) expect((await deliverableRow(t.db, id)).status).toBe("signed_off");
      // One code for the whole selection: used once.
      const codes = await t.db.select().from(decisionCodes);
      expect(codes.filter((c) => c.usedAt !== null)).toHaveLength(1);
      const [more] = await waitingDrafts(1, "Coded again");
      const again = await postDigest(token, { intent: "sign-off", pick: picks([more]), code: mail.props.code });
      expect(again.status).toBe(400);
      expect(((await jsonOf(again)) as { formError: string }).formError).toMatch(/already used/);
    } finally {
      await t.db.update(brands).set({ requireDecisionCode: false }).where(eq(brands.id, world.brandX.id));
    }
  });
});

describe("bad input through a digest link: 400 with a message, nothing written (20, 41)", () => {
  const variants = (intent: string, fields: string[]) =>
    badInputVariants(intent, fields).map(([label, form]) => ({ label: `${intent}: ${label}`, form }));
  const cases = [
    ...variants("sign-off", ["pick", "code"]),
    ...variants("open", ["deliverableId"]),
    { label: "sign-off: a pick without its version", form: { intent: "sign-off", pick: "a".repeat(32) } },
    { label: "unknown intent", form: { intent: "drop-tables" } },
    { label: "no intent", form: {} },
  ];

  it.each(cases)("$label", async ({ form }) => {
    const token = await digestLink(world.users.brandLead.id);
    const before = await tableSnapshot(t.db, { except: ["rate_limits"] });
    const res = await postDigest(token, form);
    expect(res.status).toBe(400);
    const body = (await jsonOf(res)) as { formError: string; errors: Record<string, string[]> };
    expect([body.formError, ...Object.values(body.errors).flat()].filter(Boolean).length).toBeGreaterThan(0);
    expect(changedTables(before, await tableSnapshot(t.db, { except: ["rate_limits"] }))).toEqual([]);
  });
});
