import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../../support/db";
import { buildWorld, type World } from "../../support/world";
import { decide } from "~/modules/approvals/decide.server";
import { markPublished, markScheduled } from "~/modules/approvals/publishing.server";
import { submitVersion, transferFailuresOf } from "~/modules/approvals/submit.server";
import { approvalsWaiting } from "~/modules/approvals/waiting.server";
import {
  auditFor,
  campaignFixture,
  ctxOf,
  decisionsOf,
  deliverableRow,
  emailJobs,
  GOOD_COPY,
  GOOD_LINK,
  submittedDeliverable,
} from "./fixtures";

const t = useTestDatabase();
let world: World;
let campaign: Awaited<ReturnType<typeof campaignFixture>>;

beforeAll(async () => {
  world = await buildWorld(t.db);
  campaign = await campaignFixture(t.db, world);
});

describe("submitting a draft", () => {
  it("runs the ready-to-transfer checks first and names each failure, writing nothing", async () => {
    const id = await submittedDeliverable(world, campaign, { submit: false });
    const creator = await ctxOf(world, "creator");
    const res = await submitVersion(creator, {
      deliverableId: id,
      copy: "Morning glow",
      title: null,
      link: "https://lumen.example/?utm_source=other",
      mediaFileIds: [],
      basedOnVersion: 0,
    });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.problem.kind).toBe("invalid");
    expect(
      transferFailuresOf(res.problem)
        .map((f) => f.code)
        .sort(),
    ).toEqual(["disclosure_missing", "utm_missing", "utm_wrong_value"]);
    expect(res.problem.fields?.copy?.[0]).toContain('Add "#ad"');
    expect((await deliverableRow(t.db, id)).currentVersion).toBe(0);
    expect(await auditFor(t.db, id, "draft.submitted")).toHaveLength(0);
  });

  it("creates version 1, moves to in review, tells the agency reviewer, audits and emits", async () => {
    const id = await submittedDeliverable(world, campaign);
    const row = await deliverableRow(t.db, id);
    expect(row.status).toBe("in_review");
    expect(row.currentVersion).toBe(1);
    expect(await auditFor(t.db, id, "draft.submitted")).toHaveLength(1);
    const emails = (await emailJobs(t.db, "draft-submitted")).filter((j) =>
      (j.payload as { props: { url: string } }).props.url.endsWith(id),
    );
    expect(emails.map((j) => (j.payload as { to: string }).to)).toEqual([world.users.agencyMember.email]);
  });

  it("flags a submission late when less than the route's review time is left", async () => {
    // publish in 60 h: deadline in 12 h, default review time 24 h.
    const id = await submittedDeliverable(world, campaign, { publishInHours: 60 });
    const creator = await ctxOf(world, "creator");
    const versions = await t.db.query.draftVersions.findMany({ where: (v, { eq }) => eq(v.deliverableId, id) });
    expect(versions[0].late).toBe(true);
    void creator;
  });

  it("refuses a submission based on an old version (a conflict)", async () => {
    const id = await submittedDeliverable(world, campaign);
    const creator = await ctxOf(world, "creator");
    const res = await submitVersion(creator, {
      deliverableId: id,
      copy: GOOD_COPY,
      title: null,
      link: GOOD_LINK,
      mediaFileIds: [],
      basedOnVersion: 0,
    });
    expect(res).toMatchObject({ ok: false, problem: { kind: "conflict" } });
  });
});

describe("the route", () => {
  it("agency review, then brand sign-off; request changes needs a comment; a new version resets the route", async () => {
    const id = await submittedDeliverable(world, campaign);
    const agency = await ctxOf(world, "agencyMember");
    const lead = await ctxOf(world, "brandLead");
    const creator = await ctxOf(world, "creator");

    const noComment = await decide(agency, { deliverableId: id, version: 1, decision: "request_changes", comment: "  " });
    expect(noComment).toMatchObject({ ok: false, problem: { kind: "invalid" } });

    // The brand lead cannot jump the agency review.
    const early = await decide(lead, { deliverableId: id, version: 1, decision: "approve", comment: null });
    expect(early).toMatchObject({ ok: false, problem: { kind: "forbidden" } });

    expect(
      await decide(agency, { deliverableId: id, version: 1, decision: "request_changes", comment: "Say serum, not cream." }),
    ).toMatchObject({ ok: true, value: { status: "changes_requested" } });
    expect(
      (await emailJobs(t.db, "draft-changes-requested")).some((j) => (j.payload as { to: string }).to === world.users.creator.email),
    ).toBe(true);
    expect((await approvalsWaiting(creator)).map((w) => w.kind)).toContain("changes_requested");

    expect(
      await submitVersion(creator, {
        deliverableId: id,
        copy: `${GOOD_COPY} Serum.`,
        title: null,
        link: GOOD_LINK,
        mediaFileIds: [],
        basedOnVersion: 1,
      }),
    ).toMatchObject({ ok: true, value: { version: 2 } });
    const row = await deliverableRow(t.db, id);
    expect(row).toMatchObject({ status: "in_review", currentVersion: 2, revisionRounds: 1 });

    // Deciding the old version is refused with a clear message.
    const stale = await decide(agency, { deliverableId: id, version: 1, decision: "approve", comment: null });
    expect(stale).toMatchObject({ ok: false, problem: { kind: "conflict" } });
    if (!stale.ok) expect(stale.problem.message).toContain("version 2 is the current one");

    expect(await decide(agency, { deliverableId: id, version: 2, decision: "approve", comment: null })).toMatchObject({
      ok: true,
      value: { status: "in_review", signedOff: false },
    });
    expect((await approvalsWaiting(lead)).map((w) => [w.kind, w.url.endsWith(id)])).toContainEqual(["signoff", true]);
    expect(await decide(lead, { deliverableId: id, version: 2, decision: "approve", comment: null })).toMatchObject({
      ok: true,
      value: { status: "signed_off", signedOff: true },
    });
    const signed = await deliverableRow(t.db, id);
    expect(signed).toMatchObject({ status: "signed_off", signedOffVersion: 2, signedOffBy: world.users.brandLead.id });
    // Decisions are pinned to versions.
    expect((await decisionsOf(t.db, id)).map((d) => [d.version, d.decision])).toEqual([
      [1, "request_changes"],
      [2, "approve"],
      [2, "approve"],
    ]);

    const live = { deliverableId: id, liveUrl: "https://instagram.com/p/x" };
    expect(await markPublished(agency, live)).toMatchObject({ ok: false, problem: { kind: "conflict" } });
    expect(await markScheduled(agency, { deliverableId: id })).toMatchObject({ ok: true });
    expect(await markPublished(agency, live)).toMatchObject({ ok: true });
    expect(await deliverableRow(t.db, id)).toMatchObject({ status: "published", liveUrl: "https://instagram.com/p/x" });
    const actions = (await auditFor(t.db, id)).map((a) => a.action);
    expect(actions).toEqual([
      "deliverable.created",
      "draft.submitted",
      "draft.changes_requested",
      "draft.submitted",
      "draft.approved",
      "draft.signed_off",
      "deliverable.scheduled",
      "deliverable.published",
    ]);
    expect((await emailJobs(t.db, "deliverable-published")).length).toBeGreaterThan(0);
  });

  it("refuses self-approval with a clear message", async () => {
    // The agency member is on the review stage and also submits (as if uploading for the creator).
    const id = await submittedDeliverable(world, campaign);
    const { draftVersions } = await import("@db/schema");
    const { eq } = await import("drizzle-orm");
    await t.db.update(draftVersions).set({ submittedBy: world.users.agencyMember.id }).where(eq(draftVersions.deliverableId, id));
    const agency = await ctxOf(world, "agencyMember");
    const res = await decide(agency, { deliverableId: id, version: 1, decision: "approve", comment: null });
    expect(res).toMatchObject({
      ok: false,
      problem: { kind: "forbidden", message: "You submitted this draft, so someone else has to approve it." },
    });
  });

  it("a brand lead of another brand cannot see or sign off this brand's drafts (404)", async () => {
    const id = await submittedDeliverable(world, campaign);
    const { createUser, addMember } = await import("../../../db/factories");
    const otherLead = await createUser(t.db, { email: `lead-y-${Date.now()}@example.test`, name: "Lead Y" });
    await addMember(t.db, world.a.id, otherLead.id, "brand_lead", { brandId: world.brandY.id });
    const { memberContext } = await import("../services/helpers");
    const ctx = await memberContext(otherLead.id, world.a.slug);
    expect(await decide(ctx, { deliverableId: id, version: 1, decision: "approve", comment: null })).toMatchObject({
      ok: false,
      problem: { kind: "not_found" },
    });
  });
});
