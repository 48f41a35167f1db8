import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { conflictLog, handoffFacts } from "@db/schema";
import { backfillInsights } from "~/modules/insights/backfill.server";
import { loadInsightsReport } from "~/modules/insights/queries.server";
import { useTestDatabase } from "../../support/db";
import type { World } from "../../support/world";
import { memberContext } from "../services/helpers";
import { H, runScriptedWeek, Z } from "./scripted-week";

/**
 * Issue 16, done when: a scripted week of handoffs run through the REAL actions (onboarding
 * verify and reject, brief publish and acknowledge, submit, decide, sign off, reschedule, the
 * deadline job's block, override, schedule, publish) on a controlled clock, then every figure of
 * the InsightsReport checked against values worked out by hand below. The workspace and brand
 * count days in Berlin (UTC+1 in this week). Times in the script are UTC.
 */

const t = useTestDatabase();

let world: World;
let ctx: Awaited<ReturnType<typeof runScriptedWeek>>["ctx"];
let d: Record<string, string>;
let script: Awaited<ReturnType<typeof runScriptedWeek>>;

// The script itself (onboarding, briefs, six deliverables through the week) is in scripted-week.ts.
beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: Z("03-01T08:00:00") });
  script = await runScriptedWeek(t);
  ({ world, ctx, d } = script);
}, 120_000);
afterAll(() => vi.useRealTimers());

describe("a scripted week of handoffs", () => {
  it("runs through the real actions", async () => {
    // The wording fix on Monday evening: v3 carries both acknowledgments over, asking nobody again.
    expect(script.wordingFix).toMatchObject({ version: 3, material: false, asked: 0 });
    expect(script.syncs).toMatchObject([
      { opened: 1, resolved: 0 }, // Tue 08:00: D1 and D6 two hours apart on X
      { opened: 1, resolved: 1 }, // Tue 13:00: collision gone, D2's sign-off due in 23 h
      { opened: 1, resolved: 1 }, // Wed 12:00: D2 signed off; D4's sign-off due in 10 h
      { opened: 2, resolved: 1 }, // Thu 08:00: D4 overdue (a new key), D6 due soon
      { opened: 1, resolved: 1 }, // Thu 21:00: D4 overridden; D5 due soon
      { opened: 0, resolved: 2, holding: 0 }, // Mon 00:00: D6 and D5 went live unresolved
    ]);

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
