import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { campaigns } from "@db/schema";
import { accessSteps, brands, briefs, conflictLog, handoffFacts, workspaces } from "@db/schema";
import { createDeliverable } from "~/modules/approvals/create.server";
import { decide } from "~/modules/approvals/decide.server";
import { markPublished, markScheduled, overrideBlock } from "~/modules/approvals/publishing.server";
import { rescheduleDeliverable } from "~/modules/approvals/reschedule.server";
import { submitVersion } from "~/modules/approvals/submit.server";
import { acknowledgeBrief } from "~/modules/briefs/feedback.server";
import { publishBrief } from "~/modules/briefs/publish.server";
import { backfillInsights } from "~/modules/insights/backfill.server";
import { syncConflictLog } from "~/modules/insights/conflict-log.server";
import { loadInsightsReport } from "~/modules/insights/queries.server";
import { confirmStep } from "~/modules/onboarding/client-steps.server";
import { decideStep } from "~/modules/onboarding/step-decisions.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { newIdempotencyKey } from "~/utils/idempotency.server";
import { unwrap } from "~/utils/outcome";
import { useTestDatabase } from "../../support/db";
import { buildWorld, type World } from "../../support/world";
import { campaignFixture, GOOD_COPY, GOOD_LINK } from "../approvals/fixtures";
import { clientCtx, makeLink, setIdentities } from "../onboarding/setup";
import { drain, memberContext } from "../services/helpers";

/**
 * Issue 16, done when: a scripted week of handoffs run through the REAL actions (onboarding
 * verify and reject, brief publish and acknowledge, submit, decide, sign off, reschedule, the
 * deadline job's block, override, schedule, publish) on a controlled clock, then every figure of
 * the InsightsReport checked against values worked out by hand below. The workspace and brand
 * count days in Berlin (UTC+1 in this week). Times in the script are UTC.
 */

const t = useTestDatabase();
const H = 3600;
const Z = (iso: string) => new Date(`2027-${iso}Z`);
const at = (iso: string) => vi.setSystemTime(Z(iso));

let world: World;
let ctx: Record<"coordinator" | "agency" | "lead" | "creator" | "admin", MemberContext>;
let campaign: typeof campaigns.$inferSelect;
const d: Record<string, string> = {};

/** A complete brief whose draft is due on Tuesday 2 March 2027 (Berlin). */
const BRIEF = {
  brandStory: "Brand X makes skincare for real mornings.",
  audience: "Busy people aged 25 to 40 who skip long routines.",
  keyMessage: "Glow in one step.",
  timeline: { kickoff: "2027-03-01", draftDue: "2027-03-02", publishStart: "2027-03-04", publishEnd: "2027-03-31" },
  guardrails: { sacred: "Real skin, daylight.", flexible: "Music and setting." },
  successMetrics: [{ kpi: "Engagement rate", target: "4%" }],
  deliverables: [{ channel: "x", format: "Post", count: 6 }],
  disclosure: "#ad",
  tracking: { utm: [{ param: "utm_source", value: "baton" }, { param: "utm_campaign" }], namingRule: "x_glow_yyyymm" },
  usageRights: "Organic reposts for 12 months.",
  approvers: ["Lead"],
  custom: {},
};

async function workspaceRow() {
  return (await t.db.select().from(workspaces).where(eq(workspaces.id, world.a.id)))[0];
}
const sync = async (iso: string) => {
  at(iso);
  return syncConflictLog(await workspaceRow(), Z(iso));
};
const submit = async (id: string, basedOnVersion: number) =>
  unwrap(
    await submitVersion(ctx.creator, {
      deliverableId: id,
      copy: GOOD_COPY,
      title: null,
      link: GOOD_LINK,
      mediaFileIds: [],
      basedOnVersion,
    }),
  );
const approve = async (who: "agency" | "lead", id: string, version: number) =>
  unwrap(await decide(ctx[who], { deliverableId: id, version, decision: "approve", comment: null }, new Date()));
const deliverable = async (title: string, publishAt: string) =>
  unwrap(
    await createDeliverable(ctx.coordinator, {
      campaign,
      title,
      channel: "x",
      creatorId: world.creatorM.id,
      publishAt: Z(publishAt),
      idempotencyKey: newIdempotencyKey(),
    }),
  ).id;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: Z("03-01T08:00:00") });
  world = await buildWorld(t.db);
  await t.db.update(workspaces).set({ timeZone: "Europe/Berlin" }).where(eq(workspaces.id, world.a.id));
  await t.db.update(brands).set({ timeZone: "Europe/Berlin" }).where(eq(brands.id, world.brandX.id));
  await setIdentities(t.db, world.a.id);
  const u = world.users;
  ctx = {
    coordinator: await memberContext(u.coordinator.id, world.a.slug),
    agency: await memberContext(u.agencyMember.id, world.a.slug),
    lead: await memberContext(u.brandLead.id, world.a.slug),
    creator: await memberContext(u.creator.id, world.a.slug),
    admin: await memberContext(u.admin.id, world.a.slug),
  };
  campaign = await campaignFixture(t.db, world);
  await t.db.update(briefs).set({ draft: BRIEF }).where(eq(briefs.campaignId, campaign.id));
}, 120_000);
afterAll(() => vi.useRealTimers());

describe("a scripted week of handoffs", () => {
  it("runs through the real actions", async () => {
    // Monday 1 March, 08:00: an agency member sends Brand X an onboarding link; six deliverables are planned on X.
    const { linkId } = await makeLink(world, world.users.agencyMember.id, {
      brandId: world.brandX.id,
      newClientName: undefined,
      platforms: [
        { platformKey: "meta_ad_account", role: "Manage campaigns" },
        { platformKey: "ga4", role: "Analyst" },
        { platformKey: "google_tag_manager", role: "Publish" },
      ],
    });
    const steps = await t.db.select().from(accessSteps).where(eq(accessSteps.linkId, linkId));
    const step = (key: string) => steps.find((s) => s.platformKey === key)!.id;
    const client = await clientCtx(linkId);
    d.d2 = await deliverable("D2 revisions", "03-05T12:00:00");
    d.d4 = await deliverable("D4 blocked then overridden", "03-05T22:00:00");
    d.d1 = await deliverable("D1 first pass", "03-06T12:00:00");
    d.d6 = await deliverable("D6 collides with D1", "03-06T14:00:00");
    d.d3 = await deliverable("D3 version reset", "03-07T12:00:00");
    d.d5 = await deliverable("D5 never submitted", "03-07T20:00:00");

    at("03-01T09:00:00");
    unwrap(await publishBrief(ctx.coordinator, { campaignId: campaign.id }, new Date()));
    unwrap(await confirmStep(client, { stepId: step("ga4"), assetId: "312456789" }, new Date()));
    at("03-01T10:00:00");
    unwrap(await confirmStep(client, { stepId: step("meta_ad_account"), assetId: "act_1234567890" }, new Date()));
    at("03-01T11:00:00");
    unwrap(await decideStep(ctx.agency, { linkId, stepId: step("ga4"), event: "reject", reason: "Wrong property" }, new Date()));
    unwrap(await acknowledgeBrief(ctx.agency, { campaign, version: 2 }, new Date()));
    at("03-01T12:00:00");
    unwrap(await decideStep(ctx.agency, { linkId, stepId: step("meta_ad_account"), event: "verify" }, new Date()));
    at("03-01T13:00:00");
    unwrap(await confirmStep(client, { stepId: step("google_tag_manager"), assetId: "GTM-AB12CD3" }, new Date()));
    at("03-01T19:00:00");
    unwrap(await acknowledgeBrief(ctx.creator, { campaign, version: 2 }, new Date()));
    at("03-01T20:00:00"); // a wording fix: v3 carries both acknowledgments over, which are no new handoffs
    await t.db
      .update(briefs)
      .set({ draft: { ...BRIEF, brandStory: "Brand X makes skincare for real, busy mornings." } })
      .where(eq(briefs.campaignId, campaign.id));
    expect(unwrap(await publishBrief(ctx.coordinator, { campaignId: campaign.id }, new Date()))).toMatchObject({
      version: 3,
      material: false,
      asked: 0,
    });

    at("03-02T04:00:00");
    unwrap(await confirmStep(client, { stepId: step("ga4"), assetId: "312456790" }, new Date()));
    expect(await sync("03-02T08:00:00")).toMatchObject({ opened: 1, resolved: 0 }); // D1 and D6 two hours apart on X
    at("03-02T09:00:00");
    await submit(d.d3, 0);
    at("03-02T09:30:00");
    unwrap(await rescheduleDeliverable(ctx.coordinator, { deliverableId: d.d6, publishAt: Z("03-07T02:00:00") }, new Date()));
    at("03-02T10:00:00");
    await submit(d.d1, 0);
    unwrap(await decideStep(ctx.agency, { linkId, stepId: step("ga4"), event: "verify" }, new Date()));
    at("03-02T11:00:00");
    await approve("agency", d.d3, 1);
    at("03-02T12:00:00");
    await approve("lead", d.d3, 1);
    expect(await sync("03-02T13:00:00")).toMatchObject({ opened: 1, resolved: 1 }); // collision gone, D2's sign-off due in 23 h
    at("03-02T14:00:00");
    await approve("agency", d.d1, 1);
    unwrap(await decideStep(ctx.agency, { linkId, stepId: step("google_tag_manager"), event: "verify" }, new Date()));
    at("03-02T18:00:00");
    await submit(d.d4, 0);
    at("03-02T20:00:00");
    await approve("lead", d.d1, 1);
    at("03-02T23:30:00"); // 00:30 on Wednesday in Berlin: after the due day there, though not in UTC
    await submit(d.d2, 0);

    at("03-03T01:30:00");
    unwrap(
      await decide(ctx.agency, { deliverableId: d.d2, version: 1, decision: "request_changes", comment: "Shorter, please." }, new Date()),
    );
    at("03-03T02:30:00");
    await submit(d.d2, 1);
    at("03-03T04:30:00");
    await approve("agency", d.d2, 2);
    at("03-03T09:00:00");
    await submit(d.d3, 1); // a new version after the sign-off: the route starts again
    unwrap(await markScheduled(ctx.coordinator, { deliverableId: d.d1 }));
    at("03-03T10:30:00");
    await approve("lead", d.d2, 2);
    at("03-03T11:00:00");
    unwrap(await markScheduled(ctx.coordinator, { deliverableId: d.d2 }));
    expect(await sync("03-03T12:00:00")).toMatchObject({ opened: 1, resolved: 1 }); // D2 signed off; D4's sign-off due in 10 h
    at("03-03T13:00:00");
    await approve("agency", d.d3, 2);
    at("03-03T15:00:00");
    await approve("lead", d.d3, 2);
    await drain(Z("03-03T22:00:05")); // D4's deadline passed without a sign-off: the deadline job blocks it

    expect(await sync("03-04T08:00:00")).toMatchObject({ opened: 2, resolved: 1 }); // D4 overdue (a new key), D6 due soon
    at("03-04T09:00:00");
    unwrap(await overrideBlock(ctx.admin, { deliverableId: d.d4, reason: "Client approved by phone" }, new Date()));
    at("03-04T09:30:00");
    unwrap(await markScheduled(ctx.coordinator, { deliverableId: d.d4 }));
    expect(await sync("03-04T21:00:00")).toMatchObject({ opened: 1, resolved: 1 }); // D4 overridden; D5 due soon
    await drain(Z("03-05T02:00:05")); // D6 blocked
    await drain(Z("03-05T20:00:05")); // D5 blocked
    at("03-06T12:05:00");
    unwrap(await markPublished(ctx.coordinator, { deliverableId: d.d1, liveUrl: "https://x.example/brandx/1" }, new Date()));
    expect(await sync("03-08T00:00:00")).toMatchObject({ opened: 0, resolved: 2, holding: 0 }); // D6 and D5 went live unresolved
    at("03-08T12:00:00");

    const kinds = (await t.db.select({ kind: handoffFacts.kind }).from(handoffFacts)).map((f) => f.kind);
    const countOf = (kind: string) => kinds.filter((k) => k === kind).length;
    expect([
      countOf("access_verified"),
      countOf("link_verified"),
      countOf("brief_acknowledged"),
      countOf("draft_submitted"),
      countOf("stage_decided"),
      countOf("signed_off"),
      countOf("publish_outcome"),
    ]).toEqual([3, 1, 2, 6, 9, 4, 8]);
    expect(await t.db.select().from(conflictLog)).toHaveLength(6);
  });

  it("gives every figure of the report as worked out by hand", async () => {
    const report = await loadInsightsReport(
      ctx.coordinator,
      { period: { from: "2027-03-01", to: "2027-03-07" }, brandId: null, agencyId: null, channel: null },
      Z("03-08T12:00:00"),
    );
    const f = report.figures;
    // Access: meta 4 h (asked 08:00, verified 12:00); GA4 26 h, counted from the first ask through the
    // rejection; GTM 30 h; the link is done with its last verification, 30 h after it was created.
    expect(f.accessPerLink).toEqual({ count: 1, median: 30 * H, p90: 30 * H });
    expect(f.accessPerPlatform).toEqual({
      all: { count: 3, median: 26 * H, p90: 30 * H },
      platforms: [
        { platform: "ga4", summary: { count: 1, median: 26 * H, p90: 26 * H } },
        { platform: "google_tag_manager", summary: { count: 1, median: 30 * H, p90: 30 * H } },
        { platform: "meta_ad_account", summary: { count: 1, median: 4 * H, p90: 4 * H } },
      ],
    });
    // Brief v2 asked at 09:00: the agency member read it at 11:00 (2 h), the creator at 19:00 (10 h).
    expect(f.briefAcknowledgment).toEqual({ count: 2, median: 2 * H, p90: 10 * H });
    // Cycles, each deliverable once: D1 10 h; D2 11 h (23:30 → 10:30); D3 30 h (first submission 09:00 Tue → v2 signed 15:00 Wed).
    expect(f.approvalCycle).toEqual({ count: 3, median: 11 * H, p90: 30 * H });
    expect(f.revisionRounds).toEqual({ count: 3, median: 1, p90: 1, mean: 2 / 3 });
    expect(f.firstPassRate).toEqual({ count: 1, of: 3, rate: 1 / 3 });
    // Agency review: D1 4 h, D2 v1 2 h (changes), D2 v2 2 h, D3 v1 2 h, D3 v2 4 h. Brand sign-off: 6, 6, 1, 2 h.
    expect(f.timeInStage).toEqual({
      all: { count: 9, median: 2 * H, p90: 6 * H },
      stages: [
        { stageIndex: 0, stageName: "Agency review", stageKind: "review", summary: { count: 5, median: 2 * H, p90: 4 * H } },
        { stageIndex: 1, stageName: "Brand sign-off", stageKind: "brand_signoff", summary: { count: 4, median: 2 * H, p90: 6 * H } },
      ],
    });
    // Going live this week and handed off: D1 and D2 signed off in time, D4 scheduled on an override. Blocked: D4, D6, D5.
    expect(f.compliance48h).toEqual({ count: 2, of: 3, rate: 2 / 3, overrides: 1, blocks: 3 });
    // First drafts against the due day in Berlin: D1, D3, D4 on time; D2 at 00:30 on Wednesday is not.
    expect(f.onTimeDrafts).toEqual({ count: 3, of: 4, rate: 3 / 4 });
    // D2's two versions left less than the route's 24 h of review: late. Six versions in all.
    expect(f.lateSubmissions).toEqual({ count: 2, of: 6, rate: 2 / 6 });
    // At the end of Sunday in Berlin (23:00 UTC) the log still held D6's (first seen Thu 08:00) and D5's (Thu 21:00) sign-off risks.
    expect(f.openConflicts).toEqual({
      total: 2,
      acknowledged: 0,
      age: { count: 2, median: 74 * H, p90: 87 * H },
      byRule: [{ rule: "SIGNOFF_RISK", count: 2, acknowledged: 0, age: { count: 2, median: 74 * H, p90: 87 * H } }],
    });
    // Six conflict keys went live this week: the collision, D2's and both of D4's were gone by then; D6's and D5's were not.
    expect(f.resolvedBeforeLive).toEqual({ count: 4, of: 6, rate: 4 / 6 });

    const expected = {
      access_per_link: [30 * H, 1],
      access_per_platform: [26 * H, 3],
      brief_acknowledgment: [2 * H, 2],
      approval_cycle: [11 * H, 3],
      time_in_stage: [2 * H, 9],
      revision_rounds: [2 / 3, 3],
      first_pass_rate: [1 / 3, 3],
      compliance_48h: [2 / 3, 3],
      on_time_drafts: [3 / 4, 4],
      late_submissions: [2, 6],
      open_conflicts: [2, 2],
      resolved_before_live: [4 / 6, 6],
    };
    expect(Object.fromEntries(report.headlines.map((h) => [h.key, [h.value, h.n]]))).toEqual(expected);
    // Nothing happened the week before: no change to show, except counts (2 late and 2 open, up from 0: worse).
    const changed = report.headlines.filter((h) => h.change !== null).map((h) => [h.key, h.change, h.trend]);
    expect(changed).toEqual([
      ["late_submissions", 2, "worse"],
      ["open_conflicts", 2, "worse"],
    ]);
    expect(report.weeks).toHaveLength(1);
    expect(report.weeks[0].week).toBe("2027-W09");
    expect(Object.fromEntries(Object.entries(report.weeks[0].values).map(([k, v]) => [k, [v.value, v.n]]))).toEqual(expected);

    expect(report.breakdowns.brand.map((r) => r.name)).toEqual(["Brand X"]);
    expect(report.breakdowns.agency.map((r) => [r.name, r.values.compliance_48h.value, r.values.open_conflicts.value])).toEqual([
      ["Agency P", 2 / 3, 2],
    ]);
    // The creator's own share: its acknowledgment (10 h) and its deliverables; no access, no conflicts attributed.
    expect(
      report.breakdowns.creator.map((r) => [
        r.name,
        r.values.brief_acknowledgment.value,
        r.values.access_per_link.n,
        r.values.approval_cycle.value,
      ]),
    ).toEqual([["Creator M", 10 * H, 0, 11 * H]]);
    expect(report.breakdowns.approver).toEqual([
      {
        id: world.users.agencyMember.id,
        name: "agency",
        decisions: 5,
        approvals: 4,
        changesRequested: 1,
        decisionTime: { count: 5, median: 2 * H, p90: 4 * H },
        signOffs: 0,
      },
      {
        id: world.users.brandLead.id,
        name: "lead",
        decisions: 4,
        approvals: 4,
        changesRequested: 0,
        decisionTime: { count: 4, median: 2 * H, p90: 6 * H },
        signOffs: 4,
      },
    ]);
  });

  it("shows each viewer only its share: the brand lead and the agency all of it, the creator its own, a client contact nothing", async () => {
    const filter = { period: { from: "2027-03-01", to: "2027-03-07" }, brandId: null, agencyId: null, channel: null };
    const now = Z("03-08T12:00:00");
    const n = (r: Awaited<ReturnType<typeof loadInsightsReport>>) => Object.fromEntries(r.headlines.map((h) => [h.key, h.n]));
    const everything = n(await loadInsightsReport(ctx.coordinator, filter, now));
    expect(n(await loadInsightsReport(ctx.lead, filter, now))).toEqual(everything);
    expect(n(await loadInsightsReport(ctx.agency, filter, now))).toEqual(everything);
    const creator = n(await loadInsightsReport(ctx.creator, filter, now));
    expect([creator.access_per_platform, creator.brief_acknowledgment, creator.approval_cycle, creator.open_conflicts]).toEqual([
      0, 1, 3, 2,
    ]);
    const clientContact = await memberContext(world.users.clientContact.id, world.a.slug);
    const none = await loadInsightsReport(clientContact, filter, now);
    expect(none.headlines.every((h) => h.n === 0)).toBe(true);
    expect(none.breakdowns).toEqual({ brand: [], agency: [], creator: [], approver: [] });
  });

  it("is rebuilt by the backfill from the rows and the audit trail with the same keys, so nothing would count twice", async () => {
    const live = await t.db.select().from(handoffFacts).orderBy(handoffFacts.kind, handoffFacts.subjectKey);
    await t.db.delete(handoffFacts);
    const first = await backfillInsights(t.db, { force: true });
    expect(first).toEqual({ ran: true, inserted: live.length });
    const rebuilt = await t.db.select().from(handoffFacts).orderBy(handoffFacts.kind, handoffFacts.subjectKey);
    expect(rebuilt.map((f) => `${f.kind} ${f.subjectKey}`)).toEqual(live.map((f) => `${f.kind} ${f.subjectKey}`));
    // Where the audit trail is the only witness, the event time is when its row was written (the
    // database's clock, not this test's): those keep everything but the instant and what follows from it.
    const fromAudit = (f: (typeof live)[number]) =>
      (f.kind === "publish_outcome" && (f.data as { event: string }).event !== "overridden") || f.subjectKey.endsWith(`${d.d3}:v1`);
    const comparable = (f: (typeof live)[number]) => {
      const { id: _id, createdAt: _created, finishedAt, durationSeconds, localDate, ...rest } = f;
      return fromAudit(f) && f.kind === "signed_off"
        ? rest
        : fromAudit(f)
          ? { ...rest, localDate }
          : { ...rest, finishedAt, durationSeconds, localDate };
    };
    expect(rebuilt.map(comparable)).toEqual(live.map(comparable));
    // Idempotent: a second run finds everything there; without `force` it does not even look.
    expect(await backfillInsights(t.db, { force: true })).toEqual({ ran: true, inserted: 0 });
    expect(await backfillInsights(t.db)).toEqual({ ran: false, inserted: 0 });
  });
});
