import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as schema from "@db/schema";
import { createUser } from "../../../db/factories";
import { decide } from "~/modules/approvals/decide.server";
import { deliverablePage } from "~/modules/approvals/deliverable-page.server";
import { ESCALATION_JOB, escalationJobs } from "~/modules/approvals/escalation.server";
import { approvalsWaiting } from "~/modules/approvals/waiting.server";
import { clearAway, setAway } from "~/modules/workspaces/away.server";
import { formatIn } from "~/utils/time";
import { useTestDatabase } from "../../support/db";
import { call, jsonOf, makeRequest, sessionCookie } from "../../support/http";
import { buildWorld, type World } from "../../support/world";
import { drain, memberContext } from "../services/helpers";
import { auditFor, campaignFixture, ctxOf, decisionsOf, deliverableRow, emailJobs, HOUR, submittedDeliverable } from "./fixtures";

/**
 * Escalation and delegation (issue 17 part 5, decision 052) with a controlled clock: the worker runs
 * at chosen instants (`drain(now)`), decisions are given at chosen instants. The route: agency
 * review by the agency member (backup: the admin), then the brand sign-off by the brand lead
 * (backup: a second brand lead of the brand). The campaign's coordinator is told of escalations.
 */
const t = useTestDatabase();
let world: World;
let lou: Awaited<ReturnType<typeof createUser>>;
let campaign: Awaited<ReturnType<typeof campaignFixture>>;

beforeAll(async () => {
  world = await buildWorld(t.db);
  lou = await createUser(t.db, { email: `lou-${Date.now()}@example.test`, name: "Lou Second-Lead" });
  await t.db.insert(schema.memberships).values({ workspaceId: world.a.id, userId: lou.id, role: "brand_lead", brandId: world.brandX.id });
  campaign = await campaignFixture(t.db, world, { name: "Escalation" });
  await t.db.insert(schema.approvalRoutes).values({
    workspaceId: world.a.id,
    campaignId: campaign.id,
    reviewHours: 24,
    stages: [
      {
        name: "Agency review",
        kind: "review",
        rule: "any",
        approverUserIds: [world.users.agencyMember.id],
        backupUserId: world.users.admin.id,
      },
      { name: "Brand sign-off", kind: "brand_signoff", rule: "any", approverUserIds: [world.users.brandLead.id], backupUserId: lou.id },
    ],
  });
});

const at = (t0: number, hours: number) => new Date(t0 + hours * HOUR);
const emailsTo = async (template: string, deliverableId: string) =>
  (await emailJobs(t.db, template))
    .map((j) => j.payload as { to: string; props: Record<string, unknown> & { url: string } })
    // A sent email's props are dropped with its sealed part (decision 005): only those still queued are read.
    .filter((p) => p.props?.url.endsWith(deliverableId));
const escalations = (id: string) => auditFor(t.db, id, "deliverable.escalated");
/** Sent mail (the worker ran) whose subject names `title`: [to, subject, whether it carries a decision link]. */
const mailed = async (title: string) =>
  (await t.db.select().from(schema.localEmails))
    .filter((m) => m.subject.includes(title))
    .map((m) => [m.to, m.subject, m.html.includes("/d/")] as const)
    .sort();

describe("a stage that sits without a decision", () => {
  it("is reminded, escalates once (not within 2 hours of the reminder, never twice), and the backup's decision decides it", async () => {
    // Goes live in 78 h: the sign-off deadline is 30 h away, the 24 h reminder 6 h away.
    const title = `Escalation reel ${Date.now()}`;
    const id = await submittedDeliverable(world, campaign, { publishInHours: 78, title });
    // t0 is 30 h before the deadline (the submission came a few milliseconds later): every time below is read from it.
    const t0 = (await deliverableRow(t.db, id)).publishAt.getTime() - 78 * HOUR;
    // The formula says 7.5 h (a quarter of 30 h); 1.5 h after the reminder, so 2 h after it: 8 h.
    const planned = (await t.db.select().from(schema.jobs).where(eq(schema.jobs.kind, ESCALATION_JOB))).filter(
      (j) => (j.payload as { deliverableId: string }).deliverableId === id && j.status === "pending",
    );
    // (Besides the check queued at creation, which plans from whatever the deliverable is when it runs.)
    expect(planned.map((j) => j.runAt.getTime() - t0).filter((ms) => ms > HOUR)).toEqual([8 * HOUR]);

    await drain(at(t0, 6));
    expect((await mailed(title)).filter(([, subject]) => subject.startsWith("Sign-off due"))).toEqual([
      [world.users.agencyMember.email, `Sign-off due in 24 hours: ${title}`, true],
    ]);
    expect(await escalations(id)).toHaveLength(0);

    await drain(at(t0, 7.5));
    expect(await escalations(id)).toHaveLength(0);

    await drain(at(t0, 8));
    const [event] = await escalations(id);
    expect(event).toMatchObject({ actorLabel: "system (stage escalation)", actorUserId: null });
    expect(event.data).toMatchObject({
      stage: "Agency review",
      stageIndex: 0,
      version: 1,
      waitingFor: [world.users.agencyMember.id],
      backupUserId: world.users.admin.id,
      coordinatorIds: [world.users.coordinator.id],
    });
    const escalatedMail = async () => (await mailed(title)).filter(([, subject]) => subject.startsWith("No decision yet"));
    // The backup's email carries their personal decision link; the coordinator's opens the page.
    expect(await escalatedMail()).toEqual(
      [
        [world.users.admin.email, `No decision yet at Agency review: ${title}`, true],
        [world.users.coordinator.email, `No decision yet at Agency review: ${title}`, false],
      ].sort(),
    );
    expect((await deliverableRow(t.db, id)).remindersSent).toContain("escalated:v1:s0");
    const inApp = await t.db.select().from(schema.notifications).where(eq(schema.notifications.userId, world.users.admin.id));
    expect(inApp.some((n) => n.title.startsWith("No decision yet at Agency review"))).toBe(true);

    // Once: the worker again, and the job run twice more (a retry, a second worker), change nothing.
    await drain(at(t0, 9));
    const run = escalationJobs[ESCALATION_JOB].run;
    await run({ deliverableId: id }, {} as never, at(t0, 9));
    await run({ deliverableId: id }, {} as never, at(t0, 12));
    expect(await escalations(id)).toHaveLength(1);
    await drain(at(t0, 12));
    expect(await escalatedMail()).toHaveLength(2);

    // The page says so; the backup now holds the stage beside the approver.
    const page = await deliverablePage(await ctxOf(world, "coordinator"), id, {}, at(t0, 9));
    expect(page?.route[0].notes).toEqual([
      `Escalated to ${world.users.admin.name} (backup) and the coordinator; ${world.users.admin.name} may decide this stage.`,
    ]);
    expect(page?.holder).toBe(`Agency review: ${world.users.agencyMember.name}, ${world.users.admin.name} (backup)`);

    // The backup's approval decides the stage; audited as the backup's.
    const admin = await ctxOf(world, "admin");
    expect(await decide(admin, { deliverableId: id, version: 1, decision: "approve", comment: null }, at(t0, 9))).toMatchObject({
      ok: true,
    });
    const [approved] = await auditFor(t.db, id, "draft.approved");
    expect(approved.data).toMatchObject({ stage: "Agency review", asBackup: true });
    expect((await deliverablePage(admin, id, {}, at(t0, 9)))?.holder).toBe(`Brand sign-off: ${world.users.brandLead.name}`);
  });

  it("two runs at once (a retried job beside a second worker) escalate once", async () => {
    const id = await submittedDeliverable(world, campaign, { publishInHours: 148 });
    const t0 = (await deliverableRow(t.db, id)).publishAt.getTime() - 148 * HOUR;
    // 100 h to the deadline: it escalates after a quarter of it, 25 h (counted from the submission, a moment after t0).
    const run = escalationJobs[ESCALATION_JOB].run;
    await Promise.all([run({ deliverableId: id }, {} as never, at(t0, 25.1)), run({ deliverableId: id }, {} as never, at(t0, 25.1))]);
    expect(await escalations(id)).toHaveLength(1);
    expect((await deliverableRow(t.db, id)).remindersSent.filter((m) => m === "escalated:v1:s0")).toHaveLength(1);
  });

  it("a stage that began too close to the deadline does not escalate", async () => {
    // Goes live in 51 h: the deadline is 3 h away, inside the last 4 hours: no stall to escalate.
    const late = await submittedDeliverable(world, campaign, { publishInHours: 51 });
    const t0 = Date.now();
    for (const h of [1, 2, 2.9]) await drain(at(t0, h));
    expect(await escalations(late)).toHaveLength(0);
  });
});

describe("an away approver and their delegate", () => {
  async function awayPost(who: string, form: Record<string, string>) {
    const { action } = await import("~/routes/w.$workspace.away");
    const res = await call(action, makeRequest(`/w/${world.a.slug}/away`, { form, cookie: await sessionCookie(who) }), {
      workspace: world.a.slug,
    });
    return { status: res.status, body: await jsonOf<{ ok: boolean; errors: Record<string, string[]> }>(res) };
  }

  it("a brand lead's delegate must lead the same brand: refused beside the field; bad input is a 400; nothing written", async () => {
    const leadY = await createUser(t.db, { email: `leadY-${Date.now()}@example.test` });
    await t.db
      .insert(schema.memberships)
      .values({ workspaceId: world.a.id, userId: leadY.id, role: "brand_lead", brandId: world.brandY.id });
    const today = formatIn(new Date(), "UTC", "yyyy-MM-dd");
    const before = await t.db.select().from(schema.auditEvents);
    const other = await awayPost(world.users.brandLead.id, { intent: "set", from: today, until: today, delegateUserId: leadY.id });
    expect(other.status).toBe(400);
    expect(other.body.errors.delegateUserId).toEqual(["Choose a brand lead of your brand: only they can give its sign-off."]);
    const coordinator = await awayPost(world.users.brandLead.id, {
      intent: "set",
      from: today,
      until: today,
      delegateUserId: world.users.coordinator.id,
    });
    expect(coordinator.body.errors.delegateUserId).toEqual(["Choose a brand lead of your brand: only they can give its sign-off."]);
    const badForms: Record<string, string>[] = [
      { intent: "set", from: "tomorrow", until: today, delegateUserId: lou.id },
      { intent: "set", from: today, until: today, delegateUserId: "nope" },
      { intent: "set", from: today, until: "2020-01-01", delegateUserId: lou.id },
      { intent: "set" },
      { intent: "sleep" },
    ];
    for (const form of badForms) {
      expect((await awayPost(world.users.brandLead.id, form)).status, JSON.stringify(form)).toBe(400);
    }
    expect(await t.db.select().from(schema.auditEvents)).toHaveLength(before.length);
    const [m] = await t.db
      .select()
      .from(schema.memberships)
      .where(and(eq(schema.memberships.workspaceId, world.a.id), eq(schema.memberships.userId, world.users.brandLead.id)));
    expect(m).toMatchObject({ awayFrom: null, awayUntil: null, delegateUserId: null });
  });

  it("requests in the period go to the delegate, whose decision counts for the stage and keeps counting after the approver is back", async () => {
    const now = new Date();
    const lead = await ctxOf(world, "brandLead");
    const day = (ms: number) => formatIn(new Date(ms), "UTC", "yyyy-MM-dd");
    // Away from today to the day after tomorrow; Lou decides meanwhile.
    expect(
      await setAway(lead, { from: day(now.getTime()), until: day(now.getTime() + 2 * 86_400_000), delegateUserId: lou.id }, now),
    ).toMatchObject({
      ok: true,
    });
    const [awaySet] = await t.db
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.action, "member.away_set"), eq(schema.auditEvents.actorUserId, world.users.brandLead.id)));
    expect(awaySet.data).toMatchObject({ delegateUserId: lou.id });

    const id = await submittedDeliverable(world, campaign, { publishInHours: 120 });
    const agency = await ctxOf(world, "agencyMember");
    expect(await decide(agency, { deliverableId: id, version: 1, decision: "approve", comment: null }, new Date())).toMatchObject({
      ok: true,
    });

    // The sign-off request went to Lou, saying for whom; not to the away brand lead.
    const requests = await emailsTo("draft-submitted", id);
    const toLou = requests.find((p) => p.to === lou.email);
    expect(toLou?.props).toMatchObject({ onBehalfOf: world.users.brandLead.name, guest: false });
    expect(typeof toLou?.props.decisionUrl).toBe("string");
    expect(requests.map((p) => p.to)).not.toContain(world.users.brandLead.email);

    // Shown on the page and in "waiting on me" (one definition of who holds it).
    const loupe = await memberContext(lou.id, world.a.slug);
    const page = await deliverablePage(await ctxOf(world, "coordinator"), id, {});
    expect(page?.holder).toBe(`Brand sign-off: ${lou.name} (for ${world.users.brandLead.name})`);
    const lastDay = formatIn(new Date(now.getTime() + 2 * 86_400_000), "UTC", "d LLL");
    expect(page?.route[1].notes?.[0]).toBe(`${world.users.brandLead.name} is away until ${lastDay}; ${lou.name} decides in their place.`);
    const waiting = (await approvalsWaiting(loupe)).find((w) => w.id === id);
    expect(waiting?.detail).toContain(`Brand sign-off for ${world.users.brandLead.name} · sign-off deadline`);
    expect((await approvalsWaiting(lead)).map((w) => w.id)).not.toContain(id);

    // Lou signs off in the brand lead's seat: it counts, audited as Lou's for the lead.
    expect(await decide(loupe, { deliverableId: id, version: 1, decision: "approve", comment: null }, new Date())).toMatchObject({
      ok: true,
      value: { status: "signed_off", signedOff: true },
    });
    expect((await decisionsOf(t.db, id)).map((d) => d.userId).sort()).toEqual([world.users.agencyMember.id, lou.id].sort());
    const [signed] = await auditFor(t.db, id, "draft.signed_off");
    expect(signed).toMatchObject({ actorUserId: lou.id });
    expect(signed.data).toMatchObject({ onBehalfOf: world.users.brandLead.id });
    expect((await deliverableRow(t.db, id)).remindersSent).toContain(`for:v1:s1:${lou.id}:${world.users.brandLead.id}`);

    // Back early: the period ends (audited); the decision still counts where it was given.
    expect(await clearAway(lead)).toMatchObject({ ok: true });
    expect(
      await auditFor(
        t.db,
        (await t.db.query.memberships.findFirst({
          where: and(eq(schema.memberships.workspaceId, world.a.id), eq(schema.memberships.userId, world.users.brandLead.id)),
        }))!.id,
        "member.away_cleared",
      ),
    ).toHaveLength(1);
    const later = await deliverablePage(lead, id, {});
    expect(later?.route.map((s) => s.state)).toEqual(["done", "done"]);
    expect(later?.versions[0].decisions.map((d) => d.who)).toContain(`${lou.name} for ${world.users.brandLead.name}`);
  });

  it("a delegate who is the submitter is refused, and the request stays with the approver", async () => {
    const now = new Date();
    const lead = await ctxOf(world, "brandLead");
    const day = (ms: number) => formatIn(new Date(ms), "UTC", "yyyy-MM-dd");
    await setAway(lead, { from: day(now.getTime()), until: day(now.getTime() + 86_400_000), delegateUserId: lou.id }, now);
    const id = await submittedDeliverable(world, campaign, { publishInHours: 120 });
    // Lou submitted this version (a creator before their role changed): the submitter never decides on it, in no seat.
    await t.db.update(schema.draftVersions).set({ submittedBy: lou.id }).where(eq(schema.draftVersions.deliverableId, id));
    const agency = await ctxOf(world, "agencyMember");
    expect(await decide(agency, { deliverableId: id, version: 1, decision: "approve", comment: null }, new Date())).toMatchObject({
      ok: true,
    });
    const requests = await emailsTo("draft-submitted", id);
    expect(requests.map((p) => p.to)).toContain(world.users.brandLead.email);
    expect(requests.map((p) => p.to)).not.toContain(lou.email);

    const loupe = await memberContext(lou.id, world.a.slug);
    const auditBefore = (await auditFor(t.db, id)).length;
    const refused = await decide(loupe, { deliverableId: id, version: 1, decision: "approve", comment: null }, new Date());
    expect(refused).toMatchObject({
      ok: false,
      problem: { kind: "forbidden", code: "self_approval", message: "You submitted this draft, so someone else has to approve it." },
    });
    expect((await deliverableRow(t.db, id)).status).toBe("in_review");
    expect(await auditFor(t.db, id)).toHaveLength(auditBefore);
    expect((await deliverablePage(await ctxOf(world, "coordinator"), id, {}))?.holder).toBe(
      `Brand sign-off: ${world.users.brandLead.name}`,
    );
    await clearAway(lead);
  });
});
