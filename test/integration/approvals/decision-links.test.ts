import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { approvalDecisions, auditEvents, decisionLinks, deliverables, jobs } from "@db/schema";
import { decisionLinkUrl, revokeLinks } from "~/modules/approvals/decision-links/tokens.server";
import { submitVersion } from "~/modules/approvals/submit.server";
import { acceptUpload } from "~/modules/uploads/uploads.server";
import { sha256 } from "~/utils/crypto.server";
import { toLocalInput } from "~/utils/time";
import type { LinkPage } from "~/components/decision-links/types";
import { useTestDatabase } from "../../support/db";
import { jsonOf } from "../../support/http";
import { buildWorld, type World } from "../../support/world";
import { atSignOff, freshIp, linkMedia, linkTokenFor, openLinkPage, postLink } from "./decision-link-fixtures";
import {
  auditFor,
  campaignFixture,
  ctxOf,
  decisionsOf,
  deliverableRow,
  GOOD_COPY,
  GOOD_LINK,
  HOUR,
  submittedDeliverable,
} from "./fixtures";

/**
 * Decision links (issue 17 part 1, decision 052) through their real routes: the approval email's
 * personal link, the page it opens, a decision as one POST through the one decide command, the
 * brand lead's move-and-sign-off, and the link's end (expired, revoked, unknown).
 */
const t = useTestDatabase();
let world: World;
let campaign: Awaited<ReturnType<typeof campaignFixture>>;
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3]);

beforeAll(async () => {
  world = await buildWorld(t.db);
  campaign = await campaignFixture(t.db, world);
});

/** The page's loader data, as the route sends it. */
const pageOf = async (res: Response) => (await jsonOf(res)) as unknown as { page: LinkPage; done: string | null };

describe("the approval email's personal link", () => {
  it("each pending approver gets their own link; only its SHA-256 is stored, bound to them and the deliverable", async () => {
    const { id, token } = await atSignOff(t.db, world, campaign);
    const agencyToken = await linkTokenFor(t.db, id, world.users.agencyMember.email);
    expect(agencyToken).not.toBe(token);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await t.db
      .select()
      .from(decisionLinks)
      .where(eq(decisionLinks.tokenHash, sha256(token)));
    expect(row).toMatchObject({ purpose: "decision", userId: world.users.brandLead.id, deliverableId: id, workspaceId: world.a.id });
    expect(JSON.stringify(await t.db.select().from(decisionLinks))).not.toContain(token);
    // The outbox holds it sealed only.
    expect(JSON.stringify(await t.db.select().from(jobs))).not.toContain(token);
  });

  it("opens, without a session, the draft as reviewers see it, with the countdown in the brand's zone; never cached", async () => {
    const { token } = await atSignOff(t.db, world, campaign);
    const res = await openLinkPage(token);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const { page } = await pageOf(res);
    expect(page.person.email).toBe(world.users.brandLead.email);
    expect(page.version).toMatchObject({ version: 1, copy: GOOD_COPY, link: GOOD_LINK });
    expect(page.version?.checks.map((c) => c.ok)).not.toContain(false);
    expect(page.timing.zone).toBe(world.brandX.timeZone);
    expect(page.timing.deadlineLabel).toMatch(/\(UTC[+-]?[\d:]*\)$/);
    expect(page.state).toMatchObject({ mayDecide: true, signoffStage: true, maySignOffNow: true, mayMove: true });
    expect(page.route.map((s) => s.state)).toEqual(["done", "current"]);
  });
});

describe("deciding through the link", () => {
  it("a brand lead signs off with one POST; audited as '<email> via decision link' with IP and user agent", async () => {
    const { id, token } = await atSignOff(t.db, world, campaign);
    const res = await postLink(token, { intent: "decide", version: "1", decision: "approve" }, { ip: "192.0.2.77" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/d/${token}?done=signed_off`);
    const row = await deliverableRow(t.db, id);
    expect(row).toMatchObject({ status: "signed_off", signedOffBy: world.users.brandLead.id, signedOffVersion: 1 });
    const [event] = await auditFor(t.db, id, "draft.signed_off");
    expect(event).toMatchObject({
      actorUserId: world.users.brandLead.id,
      actorLabel: `${world.users.brandLead.email} via decision link`,
      ip: "192.0.2.77",
      userAgent: "vitest",
    });
    // The page now shows the current state and offers nothing more.
    const after = await pageOf(await openLinkPage(token, { query: "?done=signed_off" }));
    expect(after.done).toBe("signed_off");
    expect(after.page.state).toMatchObject({ mayDecide: false });
    expect(after.page.state.waiting).toMatch(/signed off/);
  });

  it("a reviewer's link asks for a comment to request changes; with one, the creator is told", async () => {
    const id = await submittedDeliverable(world, campaign);
    const token = await linkTokenFor(t.db, id, world.users.agencyMember.email);
    const bare = await postLink(token, { intent: "decide", version: "1", decision: "request_changes", comment: "  " });
    expect(bare.status).toBe(400);
    expect(((await jsonOf(bare)) as { errors: Record<string, string[]> }).errors.comment[0]).toMatch(/comment is required/);
    expect(await decisionsOf(t.db, id)).toHaveLength(0);
    const res = await postLink(token, { intent: "decide", version: "1", decision: "request_changes", comment: "Name the serum first." });
    expect(res.status).toBe(302);
    expect((await deliverableRow(t.db, id)).status).toBe("changes_requested");
    const [event] = await auditFor(t.db, id, "draft.changes_requested");
    expect(event.actorLabel).toBe(`${world.users.agencyMember.email} via decision link`);
  });

  it("after a new version the old link shows the current state; a POST for the old version decides nothing", async () => {
    const { id, token } = await atSignOff(t.db, world, campaign);
    const v2 = await submitVersion(await ctxOf(world, "creator"), {
      deliverableId: id,
      copy: `${GOOD_COPY} v2`,
      title: null,
      link: GOOD_LINK,
      mediaFileIds: [],
      basedOnVersion: 1,
    });
    expect(v2.ok).toBe(true);
    const opened = await pageOf(await openLinkPage(token));
    expect(opened.page.version).toMatchObject({ version: 2 });
    expect(opened.page.state.mayDecide).toBe(false);
    expect(opened.page.state.waiting).toMatch(/reaches you at “Brand sign-off”/);
    const decisionsBefore = (await decisionsOf(t.db, id)).length;
    const auditBefore = (await auditFor(t.db, id)).length;
    const stale = await postLink(token, { intent: "decide", version: "1", decision: "approve" });
    expect(stale.status).toBe(409);
    expect(((await jsonOf(stale)) as { formError: string }).formError).toMatch(/version 1, but version 2 is the current one/);
    expect(await decisionsOf(t.db, id)).toHaveLength(decisionsBefore);
    expect(await auditFor(t.db, id)).toHaveLength(auditBefore);
  });
});

describe("a brand lead moves the publish time and signs off in one step", () => {
  const localIn = (date: Date) => toLocalInput(date, world.brandX.timeZone);

  it("3 days later: both audited as the lead via the link, one transaction, new deadline jobs", async () => {
    const { id, token } = await atSignOff(t.db, world, campaign);
    const before = await deliverableRow(t.db, id);
    const target = new Date(before.publishAt.getTime() + 72 * HOUR);
    const res = await postLink(token, { intent: "move-and-sign-off", version: "1", publishAt: localIn(target) });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/d/${token}?done=moved_signed_off`);
    const row = await deliverableRow(t.db, id);
    expect(row.publishAt.getTime()).toBe(Math.floor(target.getTime() / 60_000) * 60_000);
    expect(row).toMatchObject({ status: "signed_off", signedOffBy: world.users.brandLead.id });
    const events = (await auditFor(t.db, id)).slice(-2);
    expect(events.map((e) => e.action)).toEqual(["deliverable.rescheduled", "draft.signed_off"]);
    for (const e of events) expect(e.actorLabel).toBe(`${world.users.brandLead.email} via decision link`);
    const deadlineJobs = (await t.db.select().from(jobs)).filter((j) => j.kind === "approvals.deadline" && j.payload.deliverableId === id);
    expect(deadlineJobs.length).toBe(2);
  });

  it("one transaction: a sign-off refused (a stale version) leaves the publish time where it was", async () => {
    const { id, token } = await atSignOff(t.db, world, campaign);
    const before = await deliverableRow(t.db, id);
    const res = await postLink(token, {
      intent: "move-and-sign-off",
      version: "2",
      publishAt: localIn(new Date(before.publishAt.getTime() + 72 * HOUR)),
    });
    expect(res.status).toBe(409);
    const after = await deliverableRow(t.db, id);
    expect(after.publishAt.getTime()).toBe(before.publishAt.getTime());
    expect(after.rowVersion).toBe(before.rowVersion);
    expect(await auditFor(t.db, id, "deliverable.rescheduled")).toHaveLength(0);
  });

  it("a time inside the sign-off window is refused next to the field, and nothing is written", async () => {
    const { id, token } = await atSignOff(t.db, world, campaign);
    const auditBefore = (await auditFor(t.db, id)).length;
    const res = await postLink(token, { intent: "move-and-sign-off", version: "1", publishAt: localIn(new Date(Date.now() + 30 * HOUR)) });
    expect(res.status).toBe(400);
    expect(((await jsonOf(res)) as { errors: Record<string, string[]> }).errors.publishAt[0]).toMatch(/at least 48 hours from now/);
    expect((await deliverableRow(t.db, id)).status).toBe("in_review");
    expect(await auditFor(t.db, id)).toHaveLength(auditBefore);
  });

  it("blocked (its deadline passed): a plain sign-off does not count, moving a window ahead clears the flag and signs off", async () => {
    const { id, token } = await atSignOff(t.db, world, campaign);
    await t.db
      .update(deliverables)
      .set({ publishAt: new Date(Date.now() + 40 * HOUR), blocked: true })
      .where(eq(deliverables.id, id));
    const plain = await postLink(token, { intent: "decide", version: "1", decision: "approve" });
    expect(plain.status).toBe(409);
    expect((await deliverableRow(t.db, id)).status).toBe("in_review");
    const moved = await postLink(token, {
      intent: "move-and-sign-off",
      version: "1",
      publishAt: localIn(new Date(Date.now() + 112 * HOUR)),
    });
    expect(moved.status).toBe(302);
    expect(await deliverableRow(t.db, id)).toMatchObject({ status: "signed_off", blocked: false });
  });

  it("someone who is not a brand lead of the brand cannot move it", async () => {
    const id = await submittedDeliverable(world, campaign);
    const token = await linkTokenFor(t.db, id, world.users.agencyMember.email);
    const res = await postLink(token, { intent: "move-and-sign-off", version: "1", publishAt: localIn(new Date(Date.now() + 200 * HOUR)) });
    expect(res.status).toBe(403);
    expect(await auditFor(t.db, id, "deliverable.rescheduled")).toHaveLength(0);
  });
});

describe("when a link ends", () => {
  it("a week after going live it answers 410, page and POST; a reschedule later moves the end", async () => {
    const { id, token } = await atSignOff(t.db, world, campaign);
    await t.db
      .update(deliverables)
      .set({ publishAt: new Date(Date.now() - 7 * 24 * HOUR - 60_000) })
      .where(eq(deliverables.id, id));
    expect((await openLinkPage(token)).status).toBe(410);
    expect((await postLink(token, { intent: "decide", version: "1", decision: "approve" })).status).toBe(410);
    await t.db
      .update(deliverables)
      .set({ publishAt: new Date(Date.now() + 100 * HOUR) })
      .where(eq(deliverables.id, id));
    expect((await openLinkPage(token)).status).toBe(200);
  });

  it("revoked answers 410; unknown and malformed tokens 404", async () => {
    const { id, token } = await atSignOff(t.db, world, campaign);
    expect(await revokeLinks(t.db, { workspaceId: world.a.id, deliverableId: id, userIds: [world.users.brandLead.id] }, new Date())).toBe(
      1,
    );
    expect((await openLinkPage(token)).status).toBe(410);
    expect((await postLink(token, { intent: "decide", version: "1", decision: "approve" })).status).toBe(410);
    const unknown = new URL(decisionLinkUrl("Z".repeat(43))).pathname.split("/")[2];
    expect((await openLinkPage(unknown)).status).toBe(404);
    expect((await openLinkPage("not-a-token")).status).toBe(404);
    expect((await postLink("not-a-token", { intent: "decide" })).status).toBe(404);
  });
});

describe("media through the link's token", () => {
  it("serves its own deliverable's files, never cached; another deliverable's or workspace's file is 404", async () => {
    const upload = (workspaceId: string, name: string) =>
      acceptUpload(new File([PNG], name, { type: "image/png" }), {
        workspaceId,
        purpose: "draft_media",
        uploadedBy: world.users.creator.id,
      });
    const mine = await upload(world.a.id, "mine.png");
    const other = await upload(world.a.id, "other.png");
    const elsewhere = await upload(world.b.id, "elsewhere.png");
    const id = await submittedDeliverable(world, campaign, { submit: false });
    const otherId = await submittedDeliverable(world, campaign, { submit: false });
    const creator = await ctxOf(world, "creator");
    const submit = (deliverableId: string, fileId: string) =>
      submitVersion(creator, { deliverableId, copy: GOOD_COPY, title: null, link: GOOD_LINK, mediaFileIds: [fileId], basedOnVersion: 0 });
    expect((await submit(id, mine.id)).ok).toBe(true);
    expect((await submit(otherId, other.id)).ok).toBe(true);
    const token = await linkTokenFor(t.db, id, world.users.agencyMember.email);
    const res = await linkMedia(token, mine.id, "?inline=1");
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PNG);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect((await linkMedia(token, other.id)).status).toBe(404);
    expect((await linkMedia(token, elsewhere.id)).status).toBe(404);
    expect((await linkMedia(token, "0".repeat(32))).status).toBe(404);
    const { page } = await pageOf(await openLinkPage(token));
    expect(page.version?.media[0].url).toBe(`/d/${token}/files/${mine.id}`);
  });
});

it("a decision through the link is the same decision as on the page (one table of decisions, pinned to the version)", async () => {
  const { id, token } = await atSignOff(t.db, world, campaign);
  expect((await postLink(token, { intent: "decide", version: "1", decision: "approve" }, { ip: freshIp() })).status).toBe(302);
  const rows = await t.db
    .select()
    .from(approvalDecisions)
    .where(and(eq(approvalDecisions.deliverableId, id), eq(approvalDecisions.userId, world.users.brandLead.id)));
  expect(rows).toMatchObject([{ version: 1, stageIndex: 1, decision: "approve" }]);
  expect(await t.db.select().from(auditEvents).where(eq(auditEvents.objectId, id))).toHaveLength(4);
});
