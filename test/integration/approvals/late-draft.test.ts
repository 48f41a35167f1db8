import { count, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as schema from "@db/schema";
import { approvalsWaiting } from "~/modules/approvals/waiting.server";
import { dualTimeLabel } from "~/modules/approvals/signoff-rule";
import { useTestDatabase } from "../../support/db";
import { call, jsonOf, makeRequest, sessionCookie } from "../../support/http";
import { buildWorld, type World } from "../../support/world";
import { drain } from "../services/helpers";
import { auditFor, campaignFixture, ctxOf, decisionsOf, deliverableRow, emailJobs, GOOD_COPY, GOOD_LINK, HOUR } from "./fixtures";

/**
 * Issue 17 part 4, end to end through the pages' actions with a controlled clock: a deliverable
 * created 20 hours before it goes live is a path, not a dead end. The warning names the earliest
 * allowed time before anything is saved; confirmed, it starts blocked; the creator submits and the
 * agency reviews while blocked; the coordinator reschedules in one action (the route is not
 * reset); the brand lead signs off; nothing counts a sign-off after a deadline.
 */
const t = useTestDatabase();
let world: World;
let campaign: Awaited<ReturnType<typeof campaignFixture>>;

// Mon 4 May 2026, 08:07 UTC: 10:07 in Berlin (the brand), 04:07 in New York (the coordinator).
const T0 = new Date("2026-05-04T08:07:00Z");
const at = (ms: number) => vi.setSystemTime(new Date(ms));

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: T0 });
  world = await buildWorld(t.db);
  campaign = await campaignFixture(t.db, world);
  await t.db.update(schema.brands).set({ timeZone: "Europe/Berlin" }).where(eq(schema.brands.id, world.brandX.id));
  await t.db.update(schema.users).set({ timeZone: "America/New_York" }).where(eq(schema.users.id, world.users.coordinator.id));
});
afterEach(() => at(T0.getTime()));

type Answer = { ok: boolean; formError: string | null; errors: Record<string, string[]>; notice: string | null };

async function asUser(who: keyof World["users"]) {
  return sessionCookie(world.users[who].id);
}

async function createForm(form: Record<string, string>) {
  const { action } = await import("~/routes/w.$workspace.campaigns.$campaignId.deliverables.new");
  const path = `/w/${world.a.slug}/campaigns/${campaign.id}/deliverables/new`;
  return call(action, makeRequest(path, { form, cookie: await asUser("coordinator") }), {
    workspace: world.a.slug,
    campaignId: campaign.id,
  });
}

async function deliverablePost(id: string, who: keyof World["users"], form: Record<string, string>) {
  const { action } = await import("~/routes/w.$workspace.deliverables.$deliverableId");
  const res = await call(action, makeRequest(`/w/${world.a.slug}/deliverables/${id}`, { form, cookie: await asUser(who) }), {
    workspace: world.a.slug,
    deliverableId: id,
  });
  return { status: res.status, body: await jsonOf<Answer>(res) };
}

async function pageFor(id: string, who: keyof World["users"]) {
  const { loader } = await import("~/routes/w.$workspace.deliverables.$deliverableId");
  const res = await call(loader, makeRequest(`/w/${world.a.slug}/deliverables/${id}`, { cookie: await asUser(who) }), {
    workspace: world.a.slug,
    deliverableId: id,
  });
  type Page = {
    status: string;
    blocked: boolean;
    holder: string;
    earliest: { at: string; label: string } | null;
    can: Record<string, boolean | string | null>;
  };
  return (await jsonOf<{ page: Page }>(res)).page;
}

const deliverableCount = async () => (await t.db.select({ n: count() }).from(schema.deliverables))[0].n;
const WARNING_START = "That is inside the 48-hour sign-off window, so it would be blocked from the start";

describe("a deliverable created 20 hours before it goes live", () => {
  let id: string;

  it("is answered with a warning naming the earliest allowed time (both clocks) before anything is saved", async () => {
    const before = await deliverableCount();
    // 20 h from now, typed in the coordinator's zone (New York): 00:07 on Tue 5 May.
    const form = { idempotencyKey: "late-draft-1", title: "Flash sale story", channel: "x", creatorId: world.creatorM.id };
    const res = await createForm({ ...form, publishAt: "2026-05-05T00:07" });
    expect(res.status).toBe(409);
    const body = await jsonOf<Answer & { insideWindow: { earliest: { at: string; label: string } } }>(res);
    // The earliest: the route's 24 h review time plus the 48 h window from now, on the next quarter hour.
    const earliest = new Date("2026-05-07T08:15:00Z");
    expect(body.insideWindow.earliest.at).toBe(earliest.toISOString());
    expect(body.insideWindow.earliest.label).toBe("Thu 7 May 2026, 04:15 New York (UTC-4) · Thu 7 May 2026, 10:15 Berlin (UTC+2)");
    expect(body.insideWindow.earliest.label).toBe(dualTimeLabel(earliest, "America/New_York", "Europe/Berlin"));
    expect(body.errors.publishAt[0]).toContain(WARNING_START);
    expect(body.errors.publishAt[0]).toContain(
      `The earliest time that keeps the rule (with the route's review time, and the brand's blackouts and spacing) is ${body.insideWindow.earliest.label}.`,
    );
    expect(await deliverableCount()).toBe(before);

    // Confirmed: created for the time asked for, blocked at once, in one transaction and one audit event.
    const confirmed = await createForm({ ...form, publishAt: "2026-05-05T00:07", confirm: "inside_window" });
    expect(confirmed.status).toBe(302);
    id = confirmed.headers.get("Location")!.split("/").pop()!;
    expect(await deliverableRow(t.db, id)).toMatchObject({
      status: "draft",
      blocked: true,
      publishAt: new Date(T0.getTime() + 20 * HOUR),
    });
    expect((await auditFor(t.db, id)).map((a) => [a.action, (a.data as { blocked?: boolean }).blocked])).toEqual([
      ["deliverable.created", true],
    ]);
    // The creator and the brand lead hear it is blocked (with the earliest allowed time); the coordinator who confirmed does not.
    const told = (await emailJobs(t.db, "deliverable-blocked")).map(
      (j) => j.payload as { to: string; props: { earliestPublishAt: string } },
    );
    expect(told.map((m) => m.to)).toEqual(expect.arrayContaining([world.users.creator.email, world.users.brandLead.email]));
    expect(told.map((m) => m.to)).not.toContain(world.users.coordinator.email);
    expect(told[0].props.earliestPublishAt).toMatch(/Thu 7 May 2026, \d\d:15/);
    // The deadline job for the passed deadline finds it blocked already: nothing more happens.
    await drain(new Date(T0.getTime() + 60_000));
    expect(await auditFor(t.db, id, "deliverable.blocked")).toHaveLength(0);
  });

  it("the creator submits and the agency reviews while it is blocked; the brand sign-off and scheduling are refused", async () => {
    const submitted = await deliverablePost(id, "creator", {
      intent: "submit",
      copy: GOOD_COPY,
      link: GOOD_LINK,
      basedOnVersion: "0",
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body.notice).toContain("It is still blocked");
    expect(await deliverableRow(t.db, id)).toMatchObject({ status: "in_review", blocked: true, currentVersion: 1 });
    const [version] = await t.db.select().from(schema.draftVersions).where(eq(schema.draftVersions.deliverableId, id));
    expect(version.late).toBe(true);

    at(T0.getTime() + HOUR);
    expect((await deliverablePost(id, "agencyMember", { intent: "decide", version: "1", decision: "approve" })).status).toBe(200);

    // Nothing counts a sign-off after its deadline: refused, nothing recorded.
    const late = await deliverablePost(id, "brandLead", { intent: "decide", version: "1", decision: "approve" });
    expect(late.status).toBe(409);
    expect(late.body.formError).toBe(
      "The sign-off deadline has passed, so a sign-off no longer counts. Reschedule the deliverable a full sign-off window ahead first.",
    );
    expect((await decisionsOf(t.db, id)).map((d) => d.userId)).toEqual([world.users.agencyMember.id]);
    expect(await deliverableRow(t.db, id)).toMatchObject({ status: "in_review", blocked: true, signedOffAt: null });

    // The page says so to the brand lead; the holder names the coordinator first.
    const lead = await pageFor(id, "brandLead");
    expect(lead.can).toMatchObject({ decide: true, signOffRefused: true });
    expect(lead.holder).toBe("Coordinator: reschedule or override; then Brand sign-off: lead");
    // Waiting on the coordinator (home), not on the brand lead while no sign-off can count.
    expect((await approvalsWaiting(await ctxOf(world, "coordinator"))).find((w) => w.id === id)?.kind).toBe("blocked");
    expect((await approvalsWaiting(await ctxOf(world, "brandLead"))).find((w) => w.id === id)).toBeUndefined();
  });

  it("the coordinator reschedules it to the earliest allowed time in one action: unblocked, route kept", async () => {
    at(T0.getTime() + 2 * HOUR + 3 * 60_000);
    const page = await pageFor(id, "coordinator");
    expect(page).toMatchObject({ status: "in_review", blocked: true });
    expect(page.can.rescheduleEarliest).toBe(true);
    const expected = new Date("2026-05-07T10:15:00Z"); // 24 h + 48 h from 10:10 UTC, on the next quarter hour
    expect(page.earliest?.at).toBe(expected.toISOString());

    const moved = await deliverablePost(id, "coordinator", { intent: "reschedule_earliest" });
    expect(moved.status).toBe(200);
    expect(moved.body.notice).toContain("no longer blocked");
    expect(await deliverableRow(t.db, id)).toMatchObject({ status: "in_review", blocked: false, publishAt: expected });
    // The agency's approval of v1 still counts: the brand sign-off is next.
    expect((await decisionsOf(t.db, id)).map((d) => d.userId)).toEqual([world.users.agencyMember.id]);
    const [audit] = await auditFor(t.db, id, "deliverable.rescheduled");
    expect(audit.data).toMatchObject({ unblocked: true, statusFrom: "in_review", statusTo: "in_review" });
  });

  it("the brand lead signs off before the new deadline, and it can be scheduled", async () => {
    at(T0.getTime() + 3 * HOUR);
    const signed = await deliverablePost(id, "brandLead", { intent: "decide", version: "1", decision: "approve" });
    expect(signed, signed.body.formError ?? "").toMatchObject({ status: 200 });
    const row = await deliverableRow(t.db, id);
    expect(row).toMatchObject({ status: "signed_off", blocked: false, signedOffVersion: 1 });
    expect(row.signedOffAt!.getTime()).toBeLessThanOrEqual(row.publishAt.getTime() - 48 * HOUR);
    // Every deadline job (the one from creation, the new one) finds nothing to block.
    await drain(new Date(row.publishAt.getTime() - 47 * HOUR));
    expect(await deliverableRow(t.db, id)).toMatchObject({ status: "signed_off", blocked: false });
    expect((await deliverablePost(id, "agencyMember", { intent: "schedule" })).status).toBe(200);
  });
});

describe("nothing counts a sign-off after a deadline, the new one included", () => {
  it("rescheduled but not signed off in time: blocked again at the new deadline, and the late sign-off is refused", async () => {
    at(T0.getTime());
    const res = await createForm({
      idempotencyKey: "late-draft-2",
      title: "Second chance reel",
      channel: "x",
      creatorId: world.creatorM.id,
      publishAt: "2026-05-05T00:07",
      when: "earliest",
    });
    // "Create it for the earliest allowed time": no warning, not blocked. 08:15 on Thursday would be
    // 2 h from the first deliverable on the same channel (now 10:15); the brand's spacing is 4 h, so 14:15.
    expect(res.status).toBe(302);
    const id = res.headers.get("Location")!.split("/").pop()!;
    const row = await deliverableRow(t.db, id);
    expect(row).toMatchObject({ status: "draft", blocked: false, publishAt: new Date("2026-05-07T14:15:00Z") });

    expect((await deliverablePost(id, "creator", { intent: "submit", copy: GOOD_COPY, link: GOOD_LINK, basedOnVersion: "0" })).status).toBe(
      200,
    );
    expect((await deliverablePost(id, "agencyMember", { intent: "decide", version: "1", decision: "approve" })).status).toBe(200);

    // A minute past the new deadline, before any worker ran: the sign-off does not count.
    const deadline = row.publishAt.getTime() - 48 * HOUR;
    at(deadline + 60_000);
    const late = await deliverablePost(id, "brandLead", { intent: "decide", version: "1", decision: "approve" });
    expect(late.status).toBe(409);
    await drain(new Date(deadline + 60_000));
    expect(await deliverableRow(t.db, id)).toMatchObject({ status: "in_review", blocked: true, signedOffAt: null });
    expect(await auditFor(t.db, id, "deliverable.blocked")).toHaveLength(1);
    // Still refused once blocked, and scheduling with it.
    expect((await deliverablePost(id, "brandLead", { intent: "decide", version: "1", decision: "approve" })).status).toBe(409);
    expect((await deliverablePost(id, "agencyMember", { intent: "schedule" })).status).toBe(409);
  });
});
