import { and, asc, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { users } from "@db/schema";
import { auditEvents, brands, conflictLog, jobs, localEmails, memberships, reportSends } from "@db/schema";
import { addMember, createUser } from "../../../db/factories";
import { recordFact } from "~/modules/insights/facts.server";
import type { FactInput } from "~/modules/insights/fact-kinds";
import { ensureMonthlyReportScheduled, MONTHLY_REPORT_JOB } from "~/modules/insights/monthly-report-job.server";
import { reportSendAt } from "~/modules/insights/monthly-report-schedule";
import { sendDueMonthlyReports } from "~/modules/insights/monthly-report.server";
import { jobHandlers } from "~/modules/jobs/handlers.server";
import { runDueJobs } from "~/modules/jobs/worker.server";
import { useTestDatabase } from "../../support/db";
import { call, jsonOf, makeRequest, sessionCookie } from "../../support/http";
import { buildWorld, type World } from "../../support/world";

/**
 * The monthly accountability report end to end (issue 16, part 6): the job on a controlled clock,
 * at 09:00 on the first working day in each brand's zone (Monday 3 August 2026: 1 August is a
 * Saturday), emails one report per brand lead, delivered to the local mailbox and rendered, with
 * July's figures worked out by hand below; a second run sends nothing; "send again" sends one more
 * to each lead, audited, and a double submit sends nothing more.
 */
const t = useTestDatabase();
let world: World;
let secondLead: typeof users.$inferSelect;
let leadY: typeof users.$inferSelect;
const BERLIN_SEND = reportSendAt("2026-08", "Europe/Berlin"); // 07:00 UTC
const NEW_YORK_SEND = reportSendAt("2026-08", "America/New_York"); // 13:00 UTC
const route = () => import("~/routes/w.$workspace.insights.report");

async function fact(input: Omit<FactInput, "workspaceId">) {
  await t.db.transaction((tx) => recordFact(tx, { ...input, workspaceId: world.a.id } as FactInput, "UTC"));
}
const at = (iso: string) => new Date(iso);
const who = { channel: "instagram", creatorId: null, personId: null };

beforeAll(async () => {
  world = await buildWorld(t.db);
  await t.db.update(brands).set({ timeZone: "Europe/Berlin" }).where(eq(brands.id, world.brandX.id));
  await t.db.update(brands).set({ timeZone: "America/New_York" }).where(eq(brands.id, world.brandY.id));
  secondLead = await createUser(t.db, { email: `second-lead-${world.a.slug}@example.test`, name: "Sam Second" });
  await addMember(t.db, world.a.id, secondLead.id, "brand_lead", { brandId: world.brandX.id });
  leadY = await createUser(t.db, { email: `lead-y-${world.a.slug}@example.test`, name: "Yara Lead" });
  await addMember(t.db, world.a.id, leadY.id, "brand_lead", { brandId: world.brandY.id });
  const X = { brandId: world.brandX.id, ...who };
  const P = { ...X, agencyId: world.agencyP.id };
  const Q = { ...X, agencyId: world.agencyQ.id };
  const signed = (id: string, from: string, to: string) => ({
    kind: "signed_off" as const,
    subjectKey: `${id}:v1`,
    startedAt: at(from),
    finishedAt: at(to),
    data: { deliverableId: id, version: 1, revisionRounds: 0, firstPass: true },
  });
  const published = (id: string, publishAt: string, counted: boolean, overridden = false) => ({
    kind: "publish_outcome" as const,
    subjectKey: `${id}:published`,
    startedAt: new Date(at(publishAt).getTime() - 48 * 3_600_000),
    finishedAt: at(publishAt),
    data: { deliverableId: id, event: "published" as const, publishAt, deadline: "", version: 1, signOffCounted: counted, overridden },
  });
  const draft = (id: string, submitted: string, late: boolean) => ({
    kind: "draft_submitted" as const,
    subjectKey: `${id}-v1`,
    startedAt: at("2026-06-20T00:00:00Z"),
    finishedAt: at(submitted),
    data: { deliverableId: id, version: 1, dueDate: null, onTime: null, late },
  });
  // Agency P: cycles of 1 and 3 days; d1 in time, d2 published on an override; one late draft of two; a link verified in 30 h.
  await fact({ ...P, ...signed("d1", "2026-07-02T10:00:00Z", "2026-07-03T10:00:00Z") });
  await fact({ ...P, ...signed("d2", "2026-07-10T10:00:00Z", "2026-07-13T10:00:00Z") });
  await fact({ ...P, ...published("d1", "2026-07-06T10:00:00.000Z", true) });
  await fact({
    ...P,
    kind: "publish_outcome",
    subjectKey: "d2:overridden",
    startedAt: at("2026-07-14T10:00:00Z"),
    finishedAt: at("2026-07-15T09:00:00Z"),
    countsAt: at("2026-07-16T10:00:00Z"),
    data: {
      deliverableId: "d2",
      event: "overridden",
      publishAt: "2026-07-16T10:00:00.000Z",
      deadline: "",
      version: 1,
      signOffCounted: false,
      overridden: true,
    },
  });
  await fact({ ...P, ...published("d2", "2026-07-16T10:00:00.000Z", false, true) });
  await fact({ ...P, ...draft("d1", "2026-07-02T10:00:00Z", false) });
  await fact({ ...P, ...draft("d2", "2026-07-14T10:00:00Z", true) });
  await fact({
    ...P,
    channel: null,
    kind: "link_verified",
    subjectKey: "l1",
    startedAt: at("2026-07-01T00:00:00Z"),
    finishedAt: at("2026-07-02T06:00:00Z"),
    data: { linkId: "l1", platforms: ["ga4"] },
  });
  // Agency Q: one 2-day cycle, in time.
  await fact({ ...Q, ...signed("d3", "2026-07-20T10:00:00Z", "2026-07-22T10:00:00Z") });
  await fact({ ...Q, ...published("d3", "2026-07-25T10:00:00.000Z", true) });
  // June, agency P: a 5-day cycle, the "was".
  await fact({ ...P, ...signed("d0", "2026-06-01T10:00:00Z", "2026-06-06T10:00:00Z") });
  // Brand Y: its own report, never in X's.
  await fact({
    ...X,
    brandId: world.brandY.id,
    agencyId: world.agencyP.id,
    ...signed("y1", "2026-07-01T10:00:00Z", "2026-07-11T10:00:00Z"),
  });
  // Conflicts of brand X open at the end of July: one of P and Q, and a creator-exclusivity clash
  // naming a competing brand, which a brand lead never sees (scope.server.ts).
  await t.db.insert(conflictLog).values([
    {
      workspaceId: world.a.id,
      conflictKey: "POST_COLLISION:a+b",
      rule: "POST_COLLISION",
      severity: "warning",
      brandId: world.brandX.id,
      agencyIds: [world.agencyP.id, world.agencyQ.id],
      firstSeenAt: at("2026-07-28T00:00:00Z"),
    },
    {
      workspaceId: world.a.id,
      conflictKey: "CREATOR_EXCLUSIVITY:c+d",
      rule: "CREATOR_EXCLUSIVITY",
      severity: "error",
      brandId: world.brandX.id,
      agencyIds: [world.agencyP.id],
      firstSeenAt: at("2026-07-20T00:00:00Z"),
    },
  ]);
});

const leadsOfX = () => [world.users.brandLead.email, secondLead.email].sort();
const mailTo = (email: string) =>
  t.db.select().from(localEmails).where(eq(localEmails.to, email)).orderBy(asc(localEmails.createdAt), asc(localEmails.id));
const autoSends = () => t.db.select().from(reportSends).where(eq(reportSends.kind, "auto"));
/**
 * Delivers what the outbox holds (emails are due at the real time they were queued). The report's
 * own clock is left out: run at the real time it could find a real month due and add sends.
 */
async function deliver() {
  await t.db.delete(jobs).where(and(eq(jobs.kind, MONTHLY_REPORT_JOB), eq(jobs.status, "pending")));
  await runDueJobs(jobHandlers, { now: new Date() });
}

describe("the automatic send", () => {
  it("sends nothing before 09:00 on the first working day in the brand's zone", async () => {
    expect(await sendDueMonthlyReports(at("2026-08-01T07:00:00Z"))).toBe(0); // Saturday the 1st
    expect(await sendDueMonthlyReports(new Date(BERLIN_SEND.getTime() - 60_000))).toBe(0);
    expect(await autoSends()).toEqual([]);
  });

  it("at 09:00 Berlin time, the job emails each of brand X's leads one report of July; brand Y (New York) waits for its own 09:00", async () => {
    await t.db.transaction((tx) => ensureMonthlyReportScheduled(tx, new Date(BERLIN_SEND.getTime() - 30 * 60_000)));
    const [job] = await t.db.select().from(jobs).where(eq(jobs.kind, MONTHLY_REPORT_JOB));
    expect(job.runAt).toEqual(BERLIN_SEND);
    expect(await runDueJobs(jobHandlers, { now: BERLIN_SEND })).toBe(1);
    const sends = await autoSends();
    expect(sends.map((s) => s.brandId)).toEqual([world.brandX.id, world.brandX.id]);
    expect(sends.every((s) => s.month === "2026-07")).toBe(true);
    // The job looks again within the hour, and that look sends nothing more.
    const [next] = await t.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, MONTHLY_REPORT_JOB), eq(jobs.status, "pending")));
    expect(next.runAt).toEqual(new Date(BERLIN_SEND.getTime() + 3_600_000));
    expect(await runDueJobs(jobHandlers, { now: next.runAt })).toBe(1);
    expect(await autoSends()).toHaveLength(2);
    await deliver();
    for (const email of leadsOfX()) expect(await mailTo(email), email).toHaveLength(1);
    expect(await mailTo(leadY.email)).toHaveLength(0);
  });

  it("renders July's figures per agency, as worked out by hand, and links to the insights page for the brand and month", async () => {
    const [mail] = await mailTo(world.users.brandLead.email);
    expect(mail.subject).toBe("Brand X: your handoff report for July 2026");
    const text = mail.text.replace(/\s+/g, " ");
    // The sections: all agencies, then each agency in name order (headings come out in capitals in the text version).
    const upper = text.toUpperCase();
    const [all, p, q] = ["ALL AGENCIES", "AGENCY P", "AGENCY Q"].map((heading) => upper.indexOf(heading));
    expect(0).toBeLessThan(all);
    expect(all).toBeLessThan(p);
    expect(p).toBeLessThan(q);
    const total = text.slice(all, p);
    // All agencies: cycles 1 d, 3 d, 2 d → median 2 d, p90 3 d; June's 5 d as "was".
    expect(total).toContain("Approval cycle time Median of 3 sign-offs, 90th percentile 3 d · was 5 d 2 d");
    // d1 and d3 in time of three published, d2 on an override.
    expect(total).toContain("48-hour compliance 2 of 3 signed off in time · 1 overridden 67%");
    expect(total).toContain("Late drafts 1 of 2 versions came in too late for review 1");
    expect(total).toContain("Time to verified access 1 onboarding link 1 d 6 h");
    // One conflict open at the end of July; the exclusivity clash naming another brand is not counted.
    expect(total).toContain("Conflicts At the end of the month · was 0 open 1 open");
    // P: cycles 1 d and 3 d (median 1 d), one of its two published on time, the collision with Q open.
    const agencyP = text.slice(p, q);
    expect(agencyP).toContain("Approval cycle time Median of 2 sign-offs, 90th percentile 3 d · was 5 d 1 d");
    expect(agencyP).toContain("48-hour compliance 1 of 2 signed off in time · 1 overridden 50%");
    expect(agencyP).toContain("Conflicts At the end of the month · was 0 open 1 open");
    // Q: one cycle of 2 d, in time; no onboarding link, said so.
    const agencyQ = text.slice(q);
    expect(agencyQ).toContain("Approval cycle time 1 sign-off 2 d");
    expect(agencyQ).toContain("48-hour compliance 1 of 1 signed off in time 100%");
    expect(agencyQ).toContain("Time to verified access No onboarding links this month No data");
    expect(text).not.toContain("Brand Y");
    expect(text).toMatch(/\/w\/alpha-\w+\/insights\?from=2026-07-01&to=2026-07-31&brand=[0-9a-f]{32}/);
    // Readable in any mail client: tables and inline styles, no image and no style sheet to fetch.
    expect(mail.html).not.toMatch(/<img|<link|<script/i);
    expect(mail.html).toContain("<table");
  });

  it("a second run, or a second worker at the same moment, sends nothing more", async () => {
    const before = (await t.db.select().from(localEmails)).length;
    expect(await sendDueMonthlyReports(new Date(BERLIN_SEND.getTime() + 3_600_000))).toBe(0);
    const again = await Promise.all([sendDueMonthlyReports(BERLIN_SEND), sendDueMonthlyReports(BERLIN_SEND)]);
    expect(again).toEqual([0, 0]);
    await deliver();
    expect((await t.db.select().from(localEmails)).length).toBe(before);
    expect(await autoSends()).toHaveLength(2);
  });

  it("a lead who joins while the send is still due gets it; the leads who had it get nothing more", async () => {
    const late = await createUser(t.db, { email: `late-lead-${world.a.slug}@example.test`, name: "Lou Late" });
    await addMember(t.db, world.a.id, late.id, "brand_lead", { brandId: world.brandX.id });
    // Brand X's three leads are claimed again together: the two already sent are left alone by the database.
    expect(await sendDueMonthlyReports(new Date(BERLIN_SEND.getTime() + 2 * 3_600_000))).toBe(1);
    await deliver();
    expect(await mailTo(late.email)).toHaveLength(1);
    for (const email of leadsOfX()) expect(await mailTo(email), email).toHaveLength(1);
    await t.db.delete(reportSends).where(eq(reportSends.recipientUserId, late.id));
    await t.db.delete(memberships).where(eq(memberships.userId, late.id));
  });

  it("brand Y's lead gets brand Y's report at 09:00 New York time, once", async () => {
    expect(await sendDueMonthlyReports(NEW_YORK_SEND)).toBe(1);
    expect(await sendDueMonthlyReports(NEW_YORK_SEND)).toBe(0);
    await deliver();
    const [mail] = await mailTo(leadY.email);
    expect(mail.subject).toBe("Brand Y: your handoff report for July 2026");
    expect(mail.text).not.toContain("Brand X");
  });
});

describe("send again", () => {
  const post = async (form: Record<string, string>, cookie?: string) =>
    call(
      (await route()).action,
      makeRequest(`/w/${world.a.slug}/insights/report`, { form, cookie: cookie ?? (await sessionCookie(world.users.coordinator.id)) }),
      { workspace: world.a.slug },
    );
  const form = (seen: number) => ({ intent: "send-again", brandId: world.brandX.id, month: "2026-07", seen: String(seen) });
  const audits = () => t.db.select().from(auditEvents).where(eq(auditEvents.action, "brand.report_sent_again"));

  it("sends the report again to each lead, recorded apart from the automatic send and audited", async () => {
    const res = await post(form(2));
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await jsonOf(res)).notice).toBe("Sent again to 2 brand leads. It arrives in a minute or two.");
    const again = await t.db
      .select()
      .from(reportSends)
      .where(and(eq(reportSends.kind, "again"), inArray(reportSends.brandId, [world.brandX.id])));
    expect(again).toHaveLength(2);
    expect(again.every((s) => s.sentBy === world.users.coordinator.id)).toBe(true);
    const [event] = await audits();
    expect(event).toMatchObject({ actorUserId: world.users.coordinator.id, objectType: "brand", objectId: world.brandX.id });
    expect(event.data).toMatchObject({ month: "2026-07" });
    expect([...(event.data as { recipients: string[] }).recipients].sort()).toEqual(leadsOfX());
    await deliver();
    for (const email of leadsOfX()) expect(await mailTo(email), email).toHaveLength(2);
  });

  it("a double submit (the page showed 2 sends, there are 4 now) sends nothing more", async () => {
    const res = await post(form(2));
    expect(res.status).toBe(409);
    await deliver();
    for (const email of leadsOfX()) expect(await mailTo(email), email).toHaveLength(2);
    expect(await audits()).toHaveLength(1);
  });

  it("answers bad input with 400 and a message by the field, sending nothing", async () => {
    for (const bad of [
      { ...form(4), brandId: "nope" },
      { ...form(4), month: "2026-13" },
      { ...form(4), month: "2099-01" },
      { ...form(4), seen: "many" },
      { ...form(4), intent: "send-all" },
    ]) {
      const res = await post(bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(Object.keys((await jsonOf<{ errors: Record<string, string[]> }>(res)).errors).length).toBeGreaterThan(0);
    }
    expect(await audits()).toHaveLength(1);
  });

  it("another workspace's brand id is not enough: sending answers 404, the preview shows no trace of it", async () => {
    const res = await post({ ...form(4), brandId: world.brandB.id });
    expect(res.status).toBe(404);
    const page = await call(
      (await route()).loader,
      makeRequest(`/w/${world.a.slug}/insights/report?brand=${world.brandB.id}&month=2026-07`, {
        cookie: await sessionCookie(world.users.coordinator.id),
      }),
      { workspace: world.a.slug },
    );
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).not.toContain("Beta Brand");
    const data = JSON.parse(body) as { ignored: boolean; brand: { id: string } };
    expect(data).toMatchObject({ ignored: true, brand: { id: world.brandX.id } });
  });

  it("the preview shows the email a lead receives, who it goes to, and what was sent", async () => {
    const res = await call(
      (await route()).loader,
      makeRequest(`/w/${world.a.slug}/insights/report?brand=${world.brandX.id}&month=2026-07`, {
        cookie: await sessionCookie(world.users.coordinator.id),
      }),
      { workspace: world.a.slug },
    );
    expect(res.status).toBe(200);
    const data = await jsonOf<{ subject: string; html: string; recipients: { email: string }[]; sends: { kind: string }[] }>(res);
    expect(data.subject).toBe("Brand X: your handoff report for July 2026");
    expect(data.html).toContain("Brand X in July 2026");
    expect(data.recipients.map((r) => r.email).sort()).toEqual(leadsOfX());
    expect(data.sends.map((s) => s.kind).sort()).toEqual(["again", "again", "auto", "auto"]);
  });
});
