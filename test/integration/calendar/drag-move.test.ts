import { and, desc, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { auditEvents, brandBlackouts, campaigns, deliverables } from "@db/schema";
import { useTestDatabase } from "../../support/db";
import { call, makeRequest, sessionCookie } from "../../support/http";
import { buildWorld, type World } from "../../support/world";

/**
 * Issue 21 part 1 (decision 066) through the calendar's resource routes: the what-if of a drop
 * target, a drop that asks for a reason when it creates an error, the move through approvals'
 * reschedule service (audited with the reason and the row version), its undo within ten minutes
 * and only while nothing changed (409 otherwise), scope (404) and bad input (400).
 */
const t = useTestDatabase();
let world: World;
type Who = "coordinator" | "agencyMember" | "creator" | "brandLead" | "outsider";
const cookie = {} as Record<Who, string>;
const HOUR = 3_600_000;
const whatIfRoute = () => import("~/routes/w.$workspace.calendar_.what-if");
const moveRoute = () => import("~/routes/w.$workspace.calendar_.move");
let day: number;
/** A datetime-local in UTC (the factory users' zone). */
const local = (ms: number) => new Date(ms).toISOString().slice(0, 16);

async function whatIf(who: Who, query: Record<string, string>) {
  const { loader } = await whatIfRoute();
  const url = `/w/${world.a.slug}/calendar/what-if?${new URLSearchParams(query)}`;
  return call(loader, makeRequest(url, { cookie: cookie[who] }), { workspace: world.a.slug });
}
async function post(who: Who, form: Record<string, string>) {
  const { action } = await moveRoute();
  return call(action, makeRequest(`/w/${world.a.slug}/calendar/move`, { cookie: cookie[who], form }), { workspace: world.a.slug });
}
const row = async (id: string) => (await t.db.select().from(deliverables).where(eq(deliverables.id, id)))[0];
const lastMove = async (id: string) =>
  (
    await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.objectId, id), eq(auditEvents.action, "deliverable.rescheduled")))
      .orderBy(desc(auditEvents.id))
      .limit(1)
  )[0];

async function deliverable(title: string, at: number) {
  const [campaign] = await t.db.select().from(campaigns).where(eq(campaigns.workspaceId, world.a.id)).limit(1);
  const [d] = await t.db
    .insert(deliverables)
    .values({
      workspaceId: world.a.id,
      campaignId: campaign.id,
      brandId: world.brandX.id,
      creatorId: world.creatorM.id,
      channel: "instagram",
      title,
      publishAt: new Date(at),
      status: "draft",
    })
    .returning();
  return d.id;
}

beforeAll(async () => {
  world = await buildWorld(t.db);
  for (const who of Object.keys(cookie).length ? [] : (["coordinator", "agencyMember", "creator", "brandLead", "outsider"] as const))
    cookie[who] = await sessionCookie(world.users[who].id);
  day = Math.ceil(Date.now() / (24 * HOUR)) * 24 * HOUR + 10 * 24 * HOUR;
  await t.db.insert(campaigns).values({
    workspaceId: world.a.id,
    brandId: world.brandX.id,
    leadAgencyId: world.agencyP.id,
    name: "Drag launch",
    status: "active",
    channels: ["instagram"],
    startsAt: new Date(day - 20 * 24 * HOUR),
    endsAt: new Date(day + 20 * 24 * HOUR),
  });
  // A blackout on day + 2: anything moved into it creates an error.
  await t.db.insert(brandBlackouts).values({
    workspaceId: world.a.id,
    brandId: world.brandX.id,
    startsAt: new Date(day + 2 * 24 * HOUR),
    endsAt: new Date(day + 3 * 24 * HOUR),
    reason: "Press day",
  });
});
afterEach(() => vi.useRealTimers());

describe("the what-if of a drop target", () => {
  it("names the conflict it would create and the new deadline, asks for a reason, and moves nothing", async () => {
    const id = await deliverable("Reel one", day + 12 * HOUR);
    const res = await whatIf("coordinator", { deliverable: id, publishAt: local(day + 2 * 24 * HOUR + 12 * HOUR) });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.preview.created.map((c: { title: string }) => c.title)).toContain("In a blackout");
    expect(body.preview.deadline).toMatch(/UTC$/);
    expect(body.preview.reasons).toEqual(["error_conflict"]);
    expect(body.preview.confirm).toBe(true);
    expect((await row(id)).publishAt.getTime()).toBe(day + 12 * HOUR);

    const clear = await (await whatIf("coordinator", { deliverable: id, publishAt: local(day + 5 * 24 * HOUR) })).json();
    expect(clear.preview).toMatchObject({ created: [], reasons: [], confirm: false });
  }, 60_000);

  it("is not found for a deliverable the viewer may not move, and 400 for bad input", async () => {
    const id = await deliverable("Reel two", day + 13 * HOUR);
    const target = { deliverable: id, publishAt: local(day + 5 * 24 * HOUR) };
    for (const who of ["creator", "brandLead", "outsider"] as const) expect((await whatIf(who, target)).status).toBe(404);
    expect((await whatIf("agencyMember", target)).status).toBe(200);
    expect((await whatIf("coordinator", { deliverable: id, publishAt: "tomorrow" })).status).toBe(400);
    expect((await whatIf("coordinator", { deliverable: "x\u0000", publishAt: target.publishAt })).status).toBe(400);
    expect((await whatIf("coordinator", { deliverable: id, publishAt: local(Date.now() - HOUR) })).status).toBe(400);
  });
});

describe("a drop", () => {
  it("that creates an error asks for a reason (400, nothing moved), then moves with it, audited with the reason and row version", async () => {
    const id = await deliverable("Reel three", day + 14 * HOUR);
    const to = local(day + 2 * 24 * HOUR + 9 * HOUR);
    const refused = await post("coordinator", { intent: "move", deliverableId: id, publishAt: to });
    expect(refused.status).toBe(400);
    expect((await refused.json()).errors.reason[0]).toContain("it creates a conflict");
    expect((await row(id)).publishAt.getTime()).toBe(day + 14 * HOUR);

    const moved = await post("coordinator", { intent: "move", deliverableId: id, publishAt: to, reason: "The press day moved" });
    expect(moved.status).toBe(200);
    const body = await moved.json();
    const after = await row(id);
    expect(after.publishAt.toISOString()).toBe(`${to}:00.000Z`);
    const event = await lastMove(id);
    expect(body.moveId).toBe(event.id);
    expect(event.data).toMatchObject({ reason: "The press day moved", rowVersion: after.rowVersion, to: `${to}:00.000Z` });
  });

  it("without a conflict goes straight through; the undo puts the time back (audited) and cannot be repeated", async () => {
    const id = await deliverable("Reel four", day + 15 * HOUR);
    const moved = await (await post("coordinator", { intent: "move", deliverableId: id, publishAt: local(day + 6 * 24 * HOUR) })).json();
    expect(moved.ok).toBe(true);
    const undone = await post("coordinator", { intent: "undo", moveId: String(moved.moveId) });
    expect(undone.status).toBe(200);
    expect((await row(id)).publishAt.getTime()).toBe(day + 15 * HOUR);
    expect((await lastMove(id)).data).toMatchObject({ undoOf: moved.moveId });
    const again = await post("coordinator", { intent: "undo", moveId: String(moved.moveId) });
    expect(again.status).toBe(409);
  });

  it("undo after a change since the move is 409 and changes nothing", async () => {
    const id = await deliverable("Reel five", day + 16 * HOUR);
    const moved = await (await post("coordinator", { intent: "move", deliverableId: id, publishAt: local(day + 6 * 24 * HOUR) })).json();
    await t.db
      .update(deliverables)
      .set({ title: "Reel five (edited)", rowVersion: (await row(id)).rowVersion + 1 })
      .where(eq(deliverables.id, id));
    const res = await post("coordinator", { intent: "undo", moveId: String(moved.moveId) });
    expect(res.status).toBe(409);
    expect((await res.json()).formError).toContain("changed since the move");
    expect((await row(id)).publishAt.getTime()).toBe(day + 6 * 24 * HOUR);
  });

  it("undo after ten minutes is 409", async () => {
    const id = await deliverable("Reel six", day + 17 * HOUR);
    const moved = await (await post("coordinator", { intent: "move", deliverableId: id, publishAt: local(day + 7 * 24 * HOUR) })).json();
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 10 * 60_000 + 5_000 });
    const res = await post("coordinator", { intent: "undo", moveId: String(moved.moveId) });
    expect(res.status).toBe(409);
    expect((await res.json()).formError).toContain("10 minutes");
    expect((await row(id)).publishAt.getTime()).toBe(day + 7 * 24 * HOUR);
  });

  it("is not found out of scope: a deliverable the member may not move, and someone else's move to undo", async () => {
    const id = await deliverable("Reel seven", day + 18 * HOUR);
    const form = { intent: "move", deliverableId: id, publishAt: local(day + 8 * 24 * HOUR), reason: "x" };
    for (const who of ["creator", "brandLead", "outsider"] as const) expect((await post(who, form)).status).toBe(404);
    expect((await row(id)).publishAt.getTime()).toBe(day + 18 * HOUR);
    const moved = await (await post("coordinator", form)).json();
    expect((await post("agencyMember", { intent: "undo", moveId: String(moved.moveId) })).status).toBe(404);
    expect((await post("outsider", { intent: "undo", moveId: String(moved.moveId) })).status).toBe(404);
  });

  it("answers bad input with 400 and a message", async () => {
    const id = await deliverable("Reel eight", day + 19 * HOUR);
    const cases: Record<string, string>[] = [
      { intent: "move" },
      { intent: "move", deliverableId: id, publishAt: "soon" },
      { intent: "move", deliverableId: id, publishAt: local(day + 8 * 24 * HOUR), reason: "a\u0000b" },
      { intent: "move", deliverableId: id, publishAt: local(day + 8 * 24 * HOUR), confirm: "yes" },
      { intent: "undo" },
      { intent: "undo", moveId: "12abc" },
      { intent: "fly" },
    ];
    for (const form of cases) {
      const res = await post("coordinator", form);
      expect(res.status, JSON.stringify(form)).toBe(400);
      expect((await res.json()).formError).toBeTruthy();
    }
    expect((await row(id)).publishAt.getTime()).toBe(day + 19 * HOUR);
  });
});
